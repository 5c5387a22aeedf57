package org.tuskdb.shmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.shmem.RegionDeclaration;

class SegmentTest {
    @TempDir
    Path dir;

    @Test
    void twoMappingsOfOneFileShareTheRegions() throws Exception {
        Path file = dir.resolve("segment");
        try (Segment created = Segment.create(file, 7, 4242,
                List.of(new Segment.RegionSpec("alpha", 100), new Segment.RegionSpec("beta", 4096)));
             Segment attached = Segment.attach(file)) {
            assertEquals(List.of("alpha", "beta"), List.copyOf(attached.regions().keySet()));
            assertEquals(100, attached.region("alpha").byteSize());
            assertEquals(4096, attached.region("beta").byteSize());
            assertEquals(7, attached.generation());
            assertEquals(4242, attached.creatorPid());
            for (MemorySegment region : attached.regions().values()) {
                assertEquals(0, (region.address() - attached.memory().address()) % 64, "64-byte aligned");
            }
            assertNotEquals(created.memory().address(), attached.memory().address(), "two distinct mappings");

            created.region("beta").set(ValueLayout.JAVA_LONG, 8, 0xC0FFEEL);
            assertEquals(0xC0FFEEL, attached.region("beta").get(ValueLayout.JAVA_LONG, 8));
            assertEquals(0, attached.region("alpha").get(ValueLayout.JAVA_LONG, 0), "fresh segment is zeroed");
            assertThrows(IllegalArgumentException.class, () -> attached.region("gamma"));
        }
    }

    @Test
    void badLayoutsAreRefused() {
        Path file = dir.resolve("segment");
        assertThrows(IOException.class, () -> Segment.create(file, 1, 1,
                List.of(new Segment.RegionSpec("same", 8), new Segment.RegionSpec("same", 8))));
        assertThrows(IOException.class, () -> Segment.create(file, 1, 1,
                List.of(new Segment.RegionSpec("a-name-that-is-longer-than-31-bytes", 8))));
        assertFalse(Files.exists(file));
    }

    @Test
    void attachRefusesAFileWithoutHeader() throws Exception {
        Path file = Files.write(dir.resolve("junk"), new byte[8192]);
        IOException e = assertThrows(IOException.class, () -> Segment.attach(file));
        assertTrue(e.getMessage().contains("no Tusk header"), e.getMessage());
    }

    @Test
    void postmasterCreatesRegionsAndWorkersAttach() throws Exception {
        TestProcess postmaster = TestProcess.postmaster(dir);
        PostmasterSegment owner = new PostmasterSegment(postmaster);
        int[] initialized = {0};
        owner.declarations = List.of(new RegionDeclaration() {
            @Override
            public String regionName() {
                return "clog";
            }

            @Override
            public long regionSize() {
                return 8192;
            }

            @Override
            public void initialize(MemorySegment region) {
                initialized[0]++;
                region.set(ValueLayout.JAVA_INT, 0, 99);
            }
        });
        Path file = SegmentFiles.pathFor(postmaster.postmasterPid(), dir);
        try {
            assertThrows(IllegalStateException.class, () -> owner.region("clog"), "nothing before create()");
            assertEquals(1, owner.create());
            assertTrue(Files.exists(file));
            assertEquals(1, initialized[0]);
            Map<String, Long> regions = owner.regions();
            assertEquals(Map.of("procarray", ProcArrayLayout.regionSize(124), "clog", 8192L), regions);

            WorkerSegment worker = new WorkerSegment(TestProcess.worker(dir, "backend", 0));
            try {
                assertEquals(1, worker.generation());
                assertEquals(99, worker.region("clog").get(ValueLayout.JAVA_INT, 0));
            } finally {
                worker.deactivate();
            }

            assertEquals(2, owner.create(), "crash-restart makes a new generation");
            assertEquals(2, initialized[0]);
            assertEquals(124, new ProcArrayTable(owner.region("procarray")).capacity(), "100 + 8 + 16 slots by default");
        } finally {
            owner.deactivate();
        }
        assertFalse(Files.exists(file), "remove() deletes the file");
    }
}
