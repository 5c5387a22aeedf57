package org.tuskdb.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's WorkerLauncher (registered through {@link ServiceProxy} in the postmaster only).
 * A worker is a child of the postmaster; its standard input is /dev/null and its standard output
 * and error are appended to the log FIFO, so that whatever the JVM itself prints (a crash report,
 * an uncaught exception) reaches the log files too. Opening the FIFO never blocks here: the
 * postmaster holds it open read-write.
 */
public final class WorkerProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcesses.class);

    private final WorkerCommand command;
    /** Where the AOT training backend writes the cache (see {@link AotTraining}), or null. */
    private final Path aotTrainingOutput;
    private final AtomicBoolean trainingStarted = new AtomicBoolean();
    private final AtomicBoolean anyStarted = new AtomicBoolean();

    WorkerProcesses(WorkerCommand command, Path aotTrainingOutput) {
        this.command = command;
        this.aotTrainingOutput = aotTrainingOutput;
    }

    /** Same signature as WorkerLauncher.start. */
    public Process start(String role, int slot, int heapMegabytes) throws IOException {
        boolean trains = aotTrainingOutput != null && WorkerCommand.ROLE_BACKEND.equals(role)
                && trainingStarted.compareAndSet(false, true);
        List<String> cmd = command.build(role, slot, heapMegabytes, trains ? aotTrainingOutput : null);
        File pipe = command.logPipe().toFile();
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .directory(command.dataDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(pipe))
                .redirectError(ProcessBuilder.Redirect.appendTo(pipe));
        builder.environment().putAll(WorkerCommand.environment());
        Process process = builder.start();
        anyStarted.set(true);
        LOG.debug("started {} worker pid {} slot {}", role, process.pid(), slot);
        return process;
    }

    /** Whether a worker was ever started (the logger is one: before it, nobody reads the log pipe). */
    boolean anyStarted() {
        return anyStarted.get();
    }

    @Override
    public String toString() {
        return "WorkerLauncher[" + command.javaBinary() + "]";
    }
}
