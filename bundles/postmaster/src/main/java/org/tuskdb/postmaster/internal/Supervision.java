package org.tuskdb.postmaster.internal;

import org.tuskdb.api.server.AuxiliaryRole;

/** How the postmaster treats the exit of a child, by what the child is. */
enum Supervision {
    /** A pooled backend: exit 0 or 1 is a normal end (1 = the session ended with FATAL). */
    BACKEND,
    /** {@link AuxiliaryRole.OnExit#RESTART}: start it again, whatever the status. */
    RESTART,
    /** {@link AuxiliaryRole.OnExit#CRASH_RESTART}: any exit while running is a crash. */
    CRASH_RESTART,
    /** {@link AuxiliaryRole.OnExit#RUN_ONCE}: status 0 is success, anything else failure. */
    RUN_ONCE;

    static Supervision of(AuxiliaryRole.OnExit onExit) {
        return switch (onExit) {
            case RESTART -> RESTART;
            case CRASH_RESTART -> CRASH_RESTART;
            case RUN_ONCE -> RUN_ONCE;
        };
    }
}
