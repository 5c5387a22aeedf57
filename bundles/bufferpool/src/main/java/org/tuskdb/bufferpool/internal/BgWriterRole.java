package org.tuskdb.bufferpool.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.server.AuxiliaryRole;

/** Declares the bgwriter role to the postmaster: after the checkpointer (20), a crash if it dies. */
@Component(service = AuxiliaryRole.class)
public final class BgWriterRole implements AuxiliaryRole {
    static final String NAME = "bgwriter";

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    ProcessContext process;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int startOrder() {
        return 30;
    }

    @Override
    public OnExit onExit() {
        return OnExit.CRASH_RESTART;
    }

    @Override
    public int heapMegabytes() {
        return 32;
    }
}
