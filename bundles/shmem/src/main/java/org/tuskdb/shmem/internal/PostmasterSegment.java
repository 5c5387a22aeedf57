package org.tuskdb.shmem.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.RegionDeclaration;
import org.tuskdb.api.shmem.SegmentOwner;
import org.tuskdb.api.shmem.SharedMemory;

/**
 * The postmaster's segment: creates it (and re-creates it on crash-restart) with the built-in
 * regions and every {@link RegionDeclaration} registered at that moment, and serves it as
 * {@link SharedMemory} to the postmaster's own components. Active only in the postmaster.
 */
@Component(service = {SegmentOwner.class, SharedMemory.class}, immediate = true)
public final class PostmasterSegment implements SegmentOwner, SharedMemory {
    private static final Logger LOG = LoggerFactory.getLogger(PostmasterSegment.class);

    private final ProcessContext process;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<RegionDeclaration> declarations = List.of();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SettingsRegistry settings;

    private volatile Segment current;
    private long generation;

    @Activate
    public PostmasterSegment(
            @Reference(name = "process",
                    target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
            ProcessContext process) {
        this.process = process;
    }

    @Override
    public synchronized long create() throws IOException {
        int capacity = ProcArrayCapacity.of(settings);
        List<RegionDeclaration> declared = List.copyOf(declarations);
        List<Segment.RegionSpec> specs = new ArrayList<>();
        specs.add(new Segment.RegionSpec(ProcArrayLayout.REGION_NAME, ProcArrayLayout.regionSize(capacity)));
        for (RegionDeclaration declaration : declared) {
            specs.add(new Segment.RegionSpec(declaration.regionName(), declaration.regionSize(capacity)));
        }
        dropCurrent();

        Path file = SegmentFiles.pathFor(process.postmasterPid(), process.dataDirectory());
        SegmentFiles.prepare(file);
        Segment segment = Segment.create(file, generation + 1, process.pid(), specs);
        try {
            ProcArrayTable.initialize(segment.region(ProcArrayLayout.REGION_NAME), capacity);
            for (RegionDeclaration declaration : declared) {
                declaration.initialize(segment.region(declaration.regionName()), capacity);
            }
        } catch (RuntimeException e) {
            segment.close();
            segment.unlink();
            throw new IOException("initializing shared memory failed: " + e.getMessage(), e);
        }
        generation++;
        current = segment;
        LOG.info("created shared memory segment {} ({} bytes, generation {}, {} ProcArray slots, regions {})",
                file, segment.memory().byteSize(), generation, capacity, segment.regions().keySet());
        return generation;
    }

    @Override
    public synchronized void remove() {
        dropCurrent();
    }

    @Deactivate
    void deactivate() {
        remove();
    }

    private void dropCurrent() {
        Segment old = current;
        current = null;
        if (old != null) {
            // Unmapping invalidates old slices; a postmaster thread still using one gets an
            // IllegalStateException instead of touching memory that is gone.
            old.close();
            try {
                old.unlink();
            } catch (IOException e) {
                LOG.warn("could not remove shared memory segment {}: {}", old.file(), e.getMessage());
            }
        }
    }

    private Segment segmentOrThrow() {
        Segment segment = current;
        if (segment == null) {
            throw new IllegalStateException("the shared memory segment has not been created");
        }
        return segment;
    }

    @Override
    public MemorySegment region(String name) {
        return segmentOrThrow().region(name);
    }

    @Override
    public Map<String, Long> regions() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        segmentOrThrow().regions().forEach((name, region) -> sizes.put(name, region.byteSize()));
        return sizes;
    }

    @Override
    public MemorySegment segment() {
        return segmentOrThrow().memory();
    }

    @Override
    public long generation() {
        Segment segment = current;
        return segment == null ? 0 : segment.generation();
    }
}
