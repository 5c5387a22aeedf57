package org.tuskdb.shmem.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.SharedMemory;

/**
 * A worker's mapping of the segment its postmaster created, attached at activation. A worker
 * never sees a second generation: on crash-restart the postmaster ends every worker before it
 * re-creates the segment.
 */
@Component(service = SharedMemory.class, immediate = true)
public final class WorkerSegment implements SharedMemory {
    private final Segment segment;

    @Activate
    public WorkerSegment(
            @Reference(name = "process",
                    target = "(!(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + "))")
            ProcessContext process) throws IOException {
        Path file = SegmentFiles.pathFor(process.postmasterPid(), process.dataDirectory());
        this.segment = Segment.attach(file);
        if (segment.creatorPid() != process.postmasterPid()) {
            segment.close();
            throw new IOException("shared memory segment " + file + " was made by pid " + segment.creatorPid()
                    + ", not by this worker's postmaster " + process.postmasterPid());
        }
    }

    @Deactivate
    void deactivate() {
        segment.close();
    }

    @Override
    public MemorySegment region(String name) {
        return segment.region(name);
    }

    @Override
    public Map<String, Long> regions() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        segment.regions().forEach((name, region) -> sizes.put(name, region.byteSize()));
        return sizes;
    }

    @Override
    public MemorySegment segment() {
        return segment.memory();
    }

    @Override
    public long generation() {
        return segment.generation();
    }
}
