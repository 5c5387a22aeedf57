package org.tuskdb.wal.internal;

import org.osgi.service.component.annotations.Component;
import org.tuskdb.api.server.AuxiliaryRole;

/** Declares the walwriter: started last (40), a crash if it dies, small. */
@Component(service = AuxiliaryRole.class)
public final class WalWriterRole implements AuxiliaryRole {
    static final String NAME = "walwriter";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int startOrder() {
        return 40;
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
