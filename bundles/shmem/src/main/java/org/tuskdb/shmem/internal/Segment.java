package org.tuskdb.shmem.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tuskdb.platform.linux.Libc;
import org.tuskdb.shmem.sync.Atomics;

/**
 * One mapping of the segment file in this process: created (postmaster) or attached (workers).
 * Two Segment objects on the same file in one JVM behave like two processes, which is how the
 * tests exercise the cross-process rules.
 *
 * <p>The file is created fresh (O_EXCL, mode 0600) and its blocks reserved with posix_fallocate:
 * on a tmpfs such as /dev/shm a mapping of a sparse file gets SIGBUS on the first write that
 * finds the memory full; reserving up front turns that into a clean error at creation.
 */
final class Segment implements AutoCloseable {
    /** A region to lay out: its name (up to 31 ASCII characters) and size in bytes. */
    record RegionSpec(String name, long size) {
    }

    private final Path file;
    private final Arena arena;
    private final MemorySegment memory;
    private final Map<String, MemorySegment> regions;

    private Segment(Path file, Arena arena, MemorySegment memory) {
        this.file = file;
        this.arena = arena;
        this.memory = memory;
        this.regions = Collections.unmodifiableMap(readDirectory(memory));
    }

    /** Creates the file (replacing any left there), lays out the regions and maps it. */
    static Segment create(Path file, long generation, long creatorPid, List<RegionSpec> specs) throws IOException {
        if (specs.size() > SegmentHeader.MAX_REGIONS) {
            throw new IOException("too many shared memory regions: " + specs.size() + " > " + SegmentHeader.MAX_REGIONS);
        }
        Set<String> names = new HashSet<>();
        long size = SegmentHeader.REGIONS_START;
        for (RegionSpec spec : specs) {
            checkName(spec.name());
            if (!names.add(spec.name())) {
                throw new IOException("shared memory region \"" + spec.name() + "\" declared twice");
            }
            if (spec.size() < 0) {
                throw new IOException("shared memory region \"" + spec.name() + "\" has negative size");
            }
            size = SegmentHeader.align(size + spec.size());
        }
        Files.deleteIfExists(file);
        int fd = Libc.open(file, Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC, 0600);
        try {
            Libc.allocate(fd, size);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw new IOException("could not reserve " + size + " bytes of shared memory in " + file + ": " + e.getMessage(), e);
        } finally {
            Libc.closeQuietly(fd);
        }
        Arena arena = Arena.ofShared();
        try {
            MemorySegment memory = map(file, size, arena);
            writeHeader(memory, generation, creatorPid, size, specs);
            return new Segment(file, arena, memory);
        } catch (IOException | RuntimeException e) {
            arena.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Maps an existing segment file and checks its header. */
    static Segment attach(Path file) throws IOException {
        long size = Files.size(file);
        if (size < SegmentHeader.REGIONS_START) {
            throw new IOException("shared memory segment " + file + " is too small (" + size + " bytes)");
        }
        Arena arena = Arena.ofShared();
        try {
            MemorySegment memory = map(file, size, arena);
            if (Atomics.getIntAcquire(memory, SegmentHeader.MAGIC_OFFSET) != SegmentHeader.MAGIC) {
                throw new IOException("shared memory segment " + file + " has no Tusk header");
            }
            int version = memory.get(ValueLayout.JAVA_INT, SegmentHeader.VERSION_OFFSET);
            if (version != SegmentHeader.LAYOUT_VERSION) {
                throw new IOException("shared memory segment " + file + " has layout version " + version
                        + ", this server uses " + SegmentHeader.LAYOUT_VERSION);
            }
            long total = memory.get(ValueLayout.JAVA_LONG, SegmentHeader.TOTAL_SIZE_OFFSET);
            if (total != size) {
                throw new IOException("shared memory segment " + file + " is " + size + " bytes, its header says " + total);
            }
            return new Segment(file, arena, memory);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static MemorySegment map(Path file, long size, Arena arena) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // The mapping outlives the channel; it ends when the arena is closed.
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            // Seen as a plain native segment (same memory, same arena), not as the JDK's mapped
            // segment class: every accessor of pages and shared state (PageLayout, Atomics, the
            // tuple and WAL code) is also called with heap segments (byte[] images) and native
            // ones (arena buffers), and a third segment class at those call sites makes them
            // megamorphic, so C2 no longer inlines the access checks: measured 38-46 ns per
            // get/set instead of 1-2 ns (benchmarks/RESULTS.md, fifth session).
            return MemorySegment.ofAddress(mapped.address()).reinterpret(size, arena, null);
        }
    }

    private static void writeHeader(MemorySegment memory, long generation, long creatorPid, long size,
                                    List<RegionSpec> specs) {
        memory.set(ValueLayout.JAVA_INT, SegmentHeader.VERSION_OFFSET, SegmentHeader.LAYOUT_VERSION);
        memory.set(ValueLayout.JAVA_LONG, SegmentHeader.GENERATION_OFFSET, generation);
        memory.set(ValueLayout.JAVA_LONG, SegmentHeader.TOTAL_SIZE_OFFSET, size);
        memory.set(ValueLayout.JAVA_LONG, SegmentHeader.CREATOR_PID_OFFSET, creatorPid);
        memory.set(ValueLayout.JAVA_INT, SegmentHeader.REGION_COUNT_OFFSET, specs.size());
        long offset = SegmentHeader.REGIONS_START;
        for (int i = 0; i < specs.size(); i++) {
            RegionSpec spec = specs.get(i);
            long entry = SegmentHeader.entry(i);
            byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(name, 0, memory, ValueLayout.JAVA_BYTE, entry + SegmentHeader.ENTRY_NAME, name.length);
            memory.set(ValueLayout.JAVA_LONG, entry + SegmentHeader.ENTRY_OFFSET, offset);
            memory.set(ValueLayout.JAVA_LONG, entry + SegmentHeader.ENTRY_SIZE_FIELD, spec.size());
            offset = SegmentHeader.align(offset + spec.size());
        }
        Atomics.setIntRelease(memory, SegmentHeader.MAGIC_OFFSET, SegmentHeader.MAGIC);
    }

    private static Map<String, MemorySegment> readDirectory(MemorySegment memory) {
        int count = memory.get(ValueLayout.JAVA_INT, SegmentHeader.REGION_COUNT_OFFSET);
        if (count < 0 || count > SegmentHeader.MAX_REGIONS) {
            throw new IllegalStateException("corrupt shared memory directory: " + count + " regions");
        }
        Map<String, MemorySegment> regions = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long entry = SegmentHeader.entry(i);
            String name = memory.getString(entry + SegmentHeader.ENTRY_NAME, StandardCharsets.US_ASCII);
            long offset = memory.get(ValueLayout.JAVA_LONG, entry + SegmentHeader.ENTRY_OFFSET);
            long size = memory.get(ValueLayout.JAVA_LONG, entry + SegmentHeader.ENTRY_SIZE_FIELD);
            regions.put(name, memory.asSlice(offset, size));
        }
        return regions;
    }

    private static void checkName(String name) throws IOException {
        if (name == null || name.isEmpty() || name.length() > SegmentHeader.MAX_NAME_LENGTH
                || !name.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IOException("bad shared memory region name \"" + name + "\": 1 to "
                    + SegmentHeader.MAX_NAME_LENGTH + " printable ASCII characters");
        }
    }

    Path file() {
        return file;
    }

    MemorySegment memory() {
        return memory;
    }

    long generation() {
        return memory.get(ValueLayout.JAVA_LONG, SegmentHeader.GENERATION_OFFSET);
    }

    long creatorPid() {
        return memory.get(ValueLayout.JAVA_LONG, SegmentHeader.CREATOR_PID_OFFSET);
    }

    /** Name to region slice, in directory order. */
    Map<String, MemorySegment> regions() {
        return regions;
    }

    MemorySegment region(String name) {
        MemorySegment region = regions.get(name);
        if (region == null) {
            throw new IllegalArgumentException("the shared memory segment has no region \"" + name + "\"");
        }
        return region;
    }

    /** Unmaps this process's view; the file and other mappings stay. */
    @Override
    public void close() {
        arena.close();
    }

    /** Deletes the file (the memory is freed once every process has unmapped it). */
    void unlink() throws IOException {
        Files.deleteIfExists(file);
    }
}
