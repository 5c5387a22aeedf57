package org.tuskdb.api.server;

import java.io.IOException;

/**
 * Starts worker JVMs. Registered by the runtime launcher in the postmaster only, because only it
 * knows how this server was started (java binary, class path, bundle list, JVM options, the
 * ahead-of-time cache, the log pipe). A worker runs the same bundles as the postmaster; its
 * {@link org.tuskdb.api.ProcessContext} has the given role and slot.
 */
public interface WorkerLauncher {
    /**
     * Starts a worker as a child process of this one, with its standard output and error going to
     * the log collector's pipe. Returns once the process exists, not when it is ready.
     *
     * @param role the worker's role
     * @param slot the ProcArray slot claimed for it
     * @param heapMegabytes its maximum heap
     */
    Process start(String role, int slot, int heapMegabytes) throws IOException;
}
