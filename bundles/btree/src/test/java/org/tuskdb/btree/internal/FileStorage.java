package org.tuskdb.btree.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;

/** A small RelationStorage over real files (the storage bundle's stand-in). */
final class FileStorage implements RelationStorage {
    private final Path dir;

    FileStorage(Path dir) {
        this.dir = dir;
    }

    private Path path(RelFileLocator rel, ForkNumber fork) {
        return dir.resolve(rel.relativePath(fork));
    }

    @Override
    public void create(RelFileLocator rel, ForkNumber fork, boolean walLog) {
        try {
            Files.createDirectories(path(rel, fork).getParent());
            if (!Files.exists(path(rel, fork))) {
                Files.createFile(path(rel, fork));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(RelFileLocator rel, ForkNumber fork) {
        return Files.exists(path(rel, fork));
    }

    @Override
    public long blockCount(RelFileLocator rel, ForkNumber fork) {
        try {
            return exists(rel, fork) ? Files.size(path(rel, fork)) / PageLayout.PAGE_SIZE : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void read(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
        try (FileChannel ch = FileChannel.open(path(rel, fork), StandardOpenOption.READ)) {
            ByteBuffer buf = page.asSlice(0, PageLayout.PAGE_SIZE).asByteBuffer();
            while (buf.hasRemaining() && ch.read(buf, block * PageLayout.PAGE_SIZE + buf.position()) >= 0) {
                // keep reading
            }
            if (buf.hasRemaining()) {
                page.asSlice(buf.position(), PageLayout.PAGE_SIZE - buf.position()).fill((byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
        try (FileChannel ch = FileChannel.open(path(rel, fork), StandardOpenOption.WRITE)) {
            ByteBuffer buf = page.asSlice(0, PageLayout.PAGE_SIZE).asByteBuffer();
            while (buf.hasRemaining()) {
                ch.write(buf, block * PageLayout.PAGE_SIZE + buf.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void truncate(RelFileLocator rel, ForkNumber fork, long blocks) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void unlink(RelFileLocator rel, boolean walLog) {
        try {
            Files.deleteIfExists(path(rel, ForkNumber.MAIN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int syncPending() {
        return 0;
    }
}
