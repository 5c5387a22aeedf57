package org.tuskdb.postmaster.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.server.AuxiliaryRole;

/**
 * The startup process as a role the postmaster runs (PostgreSQL's startup process): started
 * after the logger, before connections, on every start and crash-restart; it must exit 0. What
 * it does is {@link org.tuskdb.postmaster.internal.worker.StartupProcess}. Registered only in the
 * postmaster, where roles are read.
 */
@Component(service = AuxiliaryRole.class, property = StartupRole.ROLE_PROPERTY + "=" + StartupRole.NAME)
public final class StartupRole implements AuxiliaryRole {
    /** Service property naming the role, so the postmaster can require this one. */
    static final String ROLE_PROPERTY = "tusk.auxiliary.role";
    public static final String NAME = "startup";

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    private ProcessContext process;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int startOrder() {
        return 10;
    }

    @Override
    public OnExit onExit() {
        return OnExit.RUN_ONCE;
    }
}
