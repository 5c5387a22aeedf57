package org.tuskdb.runtime;

import java.nio.file.Path;

/**
 * What the launcher knows about the process it starts; registered (through {@link ServiceProxy})
 * as the api's ProcessContext, whose methods are exactly these accessors.
 *
 * @param slot the ProcArray slot, -1 in the postmaster
 */
public record ProcessIdentity(String role, Path dataDirectory, int slot, long pid, long postmasterPid,
                              Path controlSocket, Path installDirectory, long startTimeMillis, Path logPipe) {
    static final String ROLE_POSTMASTER = "postmaster";
}
