package org.tuskdb.shmem.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.shmem.ProcSlot;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.Signals;

/**
 * The ProcArray over the "procarray" region of this process's segment, in every role. In the
 * postmaster the region changes with each segment generation; the table is looked up again
 * when the generation moves.
 */
@Component(service = ProcArray.class)
public final class ProcArrayService implements ProcArray {
    private static final Logger LOG = LoggerFactory.getLogger(ProcArrayService.class);

    private record Current(long generation, ProcArrayTable table) {
    }

    private final SharedMemory sharedMemory;
    private final ProcessContext process;
    private volatile Current current;
    /** {@link #postmasterStartMillis()} once known. */
    private volatile long postmasterStart;

    @Activate
    public ProcArrayService(@Reference(name = "sharedMemory") SharedMemory sharedMemory,
                            @Reference(name = "process") ProcessContext process) {
        this.sharedMemory = sharedMemory;
        this.process = process;
    }

    private ProcArrayTable table() {
        long generation = sharedMemory.generation();
        Current known = current;
        if (known == null || known.generation() != generation) {
            known = new Current(generation, new ProcArrayTable(sharedMemory.region(ProcArrayLayout.REGION_NAME)));
            current = known;
        }
        return known.table();
    }

    @Override
    public int capacity() {
        return table().capacity();
    }

    @Override
    public List<ProcInfo> snapshot() {
        return table().snapshot();
    }

    @Override
    public ProcInfo find(long pid) {
        return table().find(pid);
    }

    @Override
    public ProcSlot mySlot() {
        int slot = process.slot();
        if (slot < 0) {
            throw new IllegalStateException("the " + process.role() + " process has no ProcArray slot");
        }
        return new ProcSlotWriter(table(), slot, System::currentTimeMillis);
    }

    @Override
    public int claim(String role) {
        return table().claim(role);
    }

    @Override
    public void assign(int slot, long pid) {
        table().assign(slot, pid, System.currentTimeMillis());
    }

    @Override
    public void setCancelKey(int slot, int cancelKey) {
        table().setCancelKey(slot, cancelKey);
    }

    @Override
    public void release(int slot) {
        table().release(slot);
    }

    @Override
    public long checkCancelKey(int pid, int key) {
        return table().checkCancelKey(pid, key);
    }

    @Override
    public boolean signalCancel(long pid) {
        return signal(pid, Signals.SIGINT);
    }

    @Override
    public boolean signalTerminate(long pid) {
        return signal(pid, Signals.SIGTERM);
    }

    @Override
    public boolean signalNotify(long pid) {
        return signal(pid, Signals.SIGUSR1);
    }

    @Override
    public boolean signalReload() {
        try {
            Libc.kill(process.postmasterPid(), Signals.SIGHUP);
            return true;
        } catch (IOException e) {
            LOG.warn("failed to send signal to postmaster: {}", e.getMessage());
            return false;
        }
    }

    /**
     * The postmaster's own start time in the postmaster; in a worker the start time postmaster.pid
     * records (its third line, epoch seconds, as PostgreSQL's), read once.
     */
    @Override
    public long postmasterStartMillis() {
        long known = postmasterStart;
        if (known != 0) {
            return known;
        }
        if (process.pid() == process.postmasterPid()) {
            known = process.startTimeMillis();
        } else {
            try {
                java.util.List<String> lines = java.nio.file.Files.readAllLines(
                        process.dataDirectory().resolve("postmaster.pid"));
                known = lines.size() > 2 ? Long.parseLong(lines.get(2).strip()) * 1000 : 0;
            } catch (IOException | RuntimeException e) {
                LOG.debug("postmaster start time unknown: {}", e.toString());
                return 0;
            }
        }
        postmasterStart = known;
        return known;
    }

    /** Signals only processes of this server: a pid not in the array is refused. */
    private boolean signal(long pid, int signal) {
        if (table().find(pid) == null) {
            return false;
        }
        try {
            Libc.kill(pid, signal);
            return true;
        } catch (IOException e) {
            LOG.warn("could not send {} to process {}: {}", Signals.name(signal), pid, e.getMessage());
            return false;
        }
    }
}
