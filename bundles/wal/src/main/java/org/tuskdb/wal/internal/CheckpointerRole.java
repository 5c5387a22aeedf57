package org.tuskdb.wal.internal;

import org.osgi.service.component.annotations.Component;
import org.tuskdb.api.server.AuxiliaryRole;

/** Declares the checkpointer: after startup (20), a crash if it dies, last to stop (writes the shutdown checkpoint). */
@Component(service = AuxiliaryRole.class)
public final class CheckpointerRole implements AuxiliaryRole {
    static final String NAME = "checkpointer";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int startOrder() {
        return 20;
    }

    @Override
    public OnExit onExit() {
        return OnExit.CRASH_RESTART;
    }

    @Override
    public int heapMegabytes() {
        return 64;
    }
}
