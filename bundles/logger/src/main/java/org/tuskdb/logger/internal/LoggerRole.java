package org.tuskdb.logger.internal;

import org.osgi.service.component.annotations.Component;
import org.tuskdb.api.server.AuxiliaryRole;

/**
 * Declares the logger role to the postmaster: started first (so it collects everyone's output
 * from the start), simply restarted when it exits (it holds no shared state), and small.
 */
@Component(service = AuxiliaryRole.class)
public final class LoggerRole implements AuxiliaryRole {
    @Override
    public String name() {
        return "logger";
    }

    @Override
    public int startOrder() {
        return 0;
    }

    @Override
    public OnExit onExit() {
        return OnExit.RESTART;
    }

    @Override
    public int heapMegabytes() {
        return 24;
    }
}
