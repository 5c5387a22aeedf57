package org.tuskdb.shmem.internal;

import java.nio.file.Path;

import org.tuskdb.api.ProcessContext;

/** A ProcessContext for tests: this JVM's pid stands for the postmaster's, so the segment file is ours alone. */
record TestProcess(String role, Path dataDirectory, int slot, long pid, long postmasterPid) implements ProcessContext {
    static TestProcess postmaster(Path data) {
        long pid = ProcessHandle.current().pid();
        return new TestProcess(ROLE_POSTMASTER, data, -1, pid, pid);
    }

    static TestProcess worker(Path data, String role, int slot) {
        long pid = ProcessHandle.current().pid();
        return new TestProcess(role, data, slot, pid, pid);
    }

    @Override
    public Path controlSocket() {
        return dataDirectory.resolve(".s.tusk.control");
    }

    @Override
    public Path installDirectory() {
        return dataDirectory;
    }

    @Override
    public long startTimeMillis() {
        return 0;
    }
}
