package org.tuskdb.storage.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * The storage manager of one process (PostgreSQL's md.c): fork files under the data directory,
 * a bounded LRU of open channels private to this process, positional 8 KiB reads and writes, and
 * registration of written files in the shared pending-fsync set. See README.md for the rules.
 */
final class RelationFiles implements RelationStorage {
    private static final Logger LOG = LoggerFactory.getLogger(RelationFiles.class);
    static final int DEFAULT_OPEN_FILES = 256;
    static final String SQLSTATE_IO_ERROR = "58030";
    static final String SQLSTATE_UNDEFINED_FILE = "58P01";

    private record FileKey(int dbOid, long relNumber, int fork) {
    }

    /** A cached descriptor; syncCycle is the cycle in which this process last registered the file. */
    private static final class OpenFile {
        final FileChannel channel;
        volatile long syncCycle = -1;

        OpenFile(FileChannel channel) {
            this.channel = channel;
        }
    }

    private final Path dataDirectory;
    private final PendingSyncs pending;
    private final Supplier<WriteAheadLog> wal;
    private final BooleanSupplier fsyncEnabled;
    private final int maxOpenFiles;
    private final LinkedHashMap<FileKey, OpenFile> open;
    private long knownUnlinkGeneration;

    RelationFiles(Path dataDirectory, PendingSyncs pending, Supplier<WriteAheadLog> wal,
                  BooleanSupplier fsyncEnabled, int maxOpenFiles) {
        this.dataDirectory = dataDirectory;
        this.pending = pending;
        this.wal = wal;
        this.fsyncEnabled = fsyncEnabled;
        this.maxOpenFiles = maxOpenFiles;
        this.open = new LinkedHashMap<>(64, 0.75f, true);
        this.knownUnlinkGeneration = pending.unlinkGeneration();
    }

    // ---------------------------------------------------------------- descriptors

    private OpenFile file(RelFileLocator rel, ForkNumber fork, boolean create) {
        FileKey key = new FileKey(rel.dbOid(), rel.relNumber(), fork.ordinal());
        synchronized (open) {
            long generation = pending.unlinkGeneration();
            if (generation != knownUnlinkGeneration) {
                // Some process unlinked files: a cached descriptor may name a removed inode.
                closeAllLocked();
                knownUnlinkGeneration = generation;
            }
            OpenFile f = open.get(key);
            if (f != null && f.channel.isOpen()) {
                return f;
            }
            Path path = dataDirectory.resolve(rel.relativePath(fork));
            try {
                FileChannel channel = create
                        ? FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
                        : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                f = new OpenFile(channel);
            } catch (NoSuchFileException e) {
                throw missing(rel, fork);
            } catch (IOException e) {
                throw ioError("could not open file \"" + rel.relativePath(fork) + "\": " + reason(e), e);
            }
            open.put(key, f);
            if (open.size() > maxOpenFiles) {
                Iterator<Map.Entry<FileKey, OpenFile>> eldest = open.entrySet().iterator();
                OpenFile victim = eldest.next().getValue();
                eldest.remove();
                closeQuietly(victim.channel);
            }
            return f;
        }
    }

    private void forget(RelFileLocator rel, ForkNumber fork) {
        synchronized (open) {
            OpenFile f = open.remove(new FileKey(rel.dbOid(), rel.relNumber(), fork.ordinal()));
            if (f != null) {
                closeQuietly(f.channel);
            }
        }
    }

    private void closeAllLocked() {
        for (OpenFile f : open.values()) {
            closeQuietly(f.channel);
        }
        open.clear();
    }

    /** Closes every cached descriptor (deactivation). */
    void close() {
        synchronized (open) {
            closeAllLocked();
        }
    }

    int openFiles() {
        synchronized (open) {
            return open.size();
        }
    }

    // ---------------------------------------------------------------- RelationStorage

    @Override
    public void create(RelFileLocator rel, ForkNumber fork, boolean walLog) {
        if (walLog) {
            WriteAheadLog log = wal.get();
            if (log != null) {
                log.record(ResourceManagerIds.SMGR, SmgrRecords.CREATE).data(SmgrRecords.create(rel, fork)).insert();
            }
        }
        Path path = dataDirectory.resolve(rel.relativePath(fork));
        Path dir = path.getParent();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                pending.add(-1, -1, PendingSyncLayout.DIRECTORY); // the directory entry in base/
            }
            if (!Files.exists(path)) {
                try {
                    Files.createFile(path);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // Created concurrently (or by redo twice): fine.
                }
                pending.add(rel.dbOid(), -1, PendingSyncLayout.DIRECTORY);
            }
        } catch (IOException e) {
            throw ioError("could not create file \"" + rel.relativePath(fork) + "\": " + reason(e), e);
        }
        registerSync(rel, fork, file(rel, fork, false));
    }

    @Override
    public boolean exists(RelFileLocator rel, ForkNumber fork) {
        return Files.exists(dataDirectory.resolve(rel.relativePath(fork)));
    }

    @Override
    public long blockCount(RelFileLocator rel, ForkNumber fork) {
        if (!exists(rel, fork)) {
            return 0;
        }
        for (int attempt = 0; ; attempt++) {
            OpenFile f;
            try {
                f = file(rel, fork, false);
            } catch (DatabaseException e) {
                if (SQLSTATE_UNDEFINED_FILE.equals(e.sqlState())) {
                    return 0; // removed between the check and the open
                }
                throw e;
            }
            try {
                return f.channel.size() / PageLayout.PAGE_SIZE;
            } catch (ClosedChannelException e) {
                if (attempt > 0 || e instanceof ClosedByInterruptException) {
                    throw ioError("could not seek to end of file \"" + rel.relativePath(fork) + "\": " + reason(e), e);
                }
            } catch (IOException e) {
                throw ioError("could not seek to end of file \"" + rel.relativePath(fork) + "\": " + reason(e), e);
            }
        }
    }

    @Override
    public void read(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
        MemorySegment target = page.asSlice(0, PageLayout.PAGE_SIZE);
        long position = block * PageLayout.PAGE_SIZE;
        for (int attempt = 0; ; attempt++) {
            OpenFile f = file(rel, fork, false);
            ByteBuffer buffer = target.asByteBuffer();
            try {
                while (buffer.hasRemaining()) {
                    int n = f.channel.read(buffer, position + buffer.position());
                    if (n < 0) {
                        break;
                    }
                }
                if (buffer.hasRemaining()) {
                    target.asSlice(buffer.position()).fill((byte) 0); // at or past the end: zeros
                }
                return;
            } catch (ClosedChannelException e) {
                // Another thread of this process evicted the descriptor from the cache: reopen once.
                if (attempt > 0 || e instanceof ClosedByInterruptException) {
                    throw readError(rel, fork, block, e);
                }
            } catch (IOException e) {
                throw readError(rel, fork, block, e);
            }
        }
    }

    @Override
    public void write(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
        MemorySegment source = page.asSlice(0, PageLayout.PAGE_SIZE);
        long position = block * PageLayout.PAGE_SIZE;
        for (int attempt = 0; ; attempt++) {
            OpenFile f = file(rel, fork, false);
            ByteBuffer buffer = source.asByteBuffer();
            try {
                while (buffer.hasRemaining()) {
                    f.channel.write(buffer, position + buffer.position());
                }
                registerSync(rel, fork, f);
                return;
            } catch (ClosedChannelException e) {
                if (attempt > 0 || e instanceof ClosedByInterruptException) {
                    throw writeError(rel, fork, block, e);
                }
            } catch (IOException e) {
                throw writeError(rel, fork, block, e);
            }
        }
    }

    @Override
    public void truncate(RelFileLocator rel, ForkNumber fork, long blocks) {
        OpenFile f = file(rel, fork, false);
        try {
            if (f.channel.size() > blocks * PageLayout.PAGE_SIZE) {
                f.channel.truncate(blocks * PageLayout.PAGE_SIZE);
            }
        } catch (IOException e) {
            throw ioError("could not truncate file \"" + rel.relativePath(fork) + "\" to " + blocks + " blocks: "
                    + reason(e), e);
        }
        f.syncCycle = -1;
        registerSync(rel, fork, f);
    }

    @Override
    public void unlink(RelFileLocator rel, boolean walLog) {
        if (walLog) {
            WriteAheadLog log = wal.get();
            if (log != null) {
                log.record(ResourceManagerIds.SMGR, SmgrRecords.UNLINK).data(SmgrRecords.unlink(rel)).insert();
            }
        }
        boolean removed = false;
        for (ForkNumber fork : ForkNumber.values()) {
            forget(rel, fork);
            try {
                removed |= Files.deleteIfExists(dataDirectory.resolve(rel.relativePath(fork)));
            } catch (IOException e) {
                throw ioError("could not remove file \"" + rel.relativePath(fork) + "\": " + reason(e), e);
            }
        }
        // Other processes drop their descriptors of it; pending fsyncs of a missing file are skipped.
        pending.bumpUnlinkGeneration();
        if (removed) {
            pending.add(rel.dbOid(), -1, PendingSyncLayout.DIRECTORY);
        }
    }

    /**
     * FILE_COPY (PostgreSQL's copydir): the template's files are complete on disk (the caller
     * checkpointed; redo writes the dirty buffers first), so a plain copy of the directory is the
     * new database. A directory a crashed copy left is removed first, so redo can copy again.
     * Every copied file and the directories are fsynced before returning (unless fsync = off):
     * the record that makes redo copy again lies before the next checkpoint only until then.
     */
    @Override
    public void copyDatabase(int srcDb, int dstDb, boolean walLog) {
        if (walLog) {
            WriteAheadLog log = wal.get();
            if (log != null) {
                log.record(ResourceManagerIds.SMGR, SmgrRecords.DBASE_CREATE)
                        .data(SmgrRecords.databaseCreate(srcDb, dstDb)).insert();
            }
        }
        Path from = databaseDirectory(srcDb);
        Path to = databaseDirectory(dstDb);
        boolean sync = fsyncEnabled.getAsBoolean();
        removeTree(dstDb);
        try {
            Files.createDirectories(to);
            if (Files.isDirectory(from)) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(from)) {
                    for (Path p : stream) {
                        if (Files.isRegularFile(p)) {
                            Path copy = to.resolve(p.getFileName());
                            Files.copy(p, copy);
                            if (sync) {
                                fsync(copy, dataDirectory.relativize(copy).toString(), false);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw ioError("could not copy directory \"" + dataDirectory.relativize(from) + "\" to \""
                    + dataDirectory.relativize(to) + "\": " + reason(e), e);
        }
        if (sync) {
            fsync(to, dataDirectory.relativize(to).toString(), true);
            fsync(to.getParent(), "base", true);
        }
    }

    /**
     * DROP DATABASE: every process closes its descriptors (the unlink generation moves) and the
     * directory goes; pending fsyncs of its files find them missing and are skipped.
     */
    @Override
    public void dropDatabase(int dbOid, boolean walLog) {
        if (walLog) {
            WriteAheadLog log = wal.get();
            if (log != null) {
                log.record(ResourceManagerIds.SMGR, SmgrRecords.DBASE_DROP).data(SmgrRecords.databaseDrop(dbOid)).insert();
            }
        }
        removeTree(dbOid);
        if (fsyncEnabled.getAsBoolean() && Files.isDirectory(dataDirectory.resolve("base"))) {
            fsync(dataDirectory.resolve("base"), "base", true);
        }
    }

    @Override
    public long databaseSize(int dbOid) {
        Path dir = databaseDirectory(dbOid);
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        long size = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                try {
                    size += Files.size(p);
                } catch (NoSuchFileException e) {
                    // unlinked while we looked
                }
            }
        } catch (IOException e) {
            throw ioError("could not read directory \"" + dataDirectory.relativize(dir) + "\": " + reason(e), e);
        }
        return size;
    }

    private Path databaseDirectory(int dbOid) {
        if (dbOid <= 0) {
            throw new IllegalArgumentException("not a database directory: " + dbOid);
        }
        return dataDirectory.resolve("base").resolve(Integer.toString(dbOid));
    }

    /** Removes base/<dbOid> and everything in it, after every process dropped its descriptors. */
    private void removeTree(int dbOid) {
        Path dir = databaseDirectory(dbOid);
        synchronized (open) {
            closeAllLocked();
        }
        pending.bumpUnlinkGeneration();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw ioError("could not remove directory \"" + dataDirectory.relativize(dir) + "\": " + reason(e), e);
        }
    }

    @Override
    public int syncPending() {
        PendingSyncs.Taken taken = pending.take();
        if (!fsyncEnabled.getAsBoolean()) {
            return 0;
        }
        if (taken.syncAll()) {
            // The set overflowed: the tree walk covers every entry too.
            return syncTree(dataDirectory.resolve("base")) + syncTree(dataDirectory.resolve("global"));
        }
        int synced = 0;
        List<PendingSyncs.Entry> entries = taken.entries();
        for (int i = 0; i < entries.size(); i++) {
            PendingSyncs.Entry e = entries.get(i);
            try {
                if (syncEntry(e)) {
                    synced++;
                }
            } catch (DatabaseException failure) {
                pending.restore(entries.subList(i, entries.size()));
                throw failure;
            }
        }
        return synced;
    }

    /** fsyncs one entry; false when the file is gone (unlinked since it was written). */
    private boolean syncEntry(PendingSyncs.Entry e) {
        Path path;
        String name;
        if (e.kind() == PendingSyncLayout.DIRECTORY) {
            name = e.dbOid() < 0 ? "base" : e.dbOid() == 0 ? "global" : "base/" + e.dbOid();
        } else {
            name = new RelFileLocator(e.dbOid(), e.relNumber()).relativePath(ForkNumber.values()[e.kind()]);
        }
        path = dataDirectory.resolve(name);
        return fsync(path, name, e.kind() == PendingSyncLayout.DIRECTORY);
    }

    private boolean fsync(Path path, String name, boolean directory) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(!directory);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            // As PostgreSQL since 12: a failed fsync may have lost the dirty data in the kernel;
            // retrying cannot make it durable, so the server must crash and recover from WAL.
            throw new DatabaseException(DatabaseException.Severity.PANIC, SQLSTATE_IO_ERROR,
                    "could not fsync file \"" + name + "\": " + reason(e), null, null, 0, e);
        }
    }

    private int syncTree(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int synced = 0;
        List<Path> dirs = new ArrayList<>();
        dirs.add(root);
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path p : stream) {
                    if (Files.isDirectory(p)) {
                        dirs.add(p);
                    } else if (fsync(p, dataDirectory.relativize(p).toString(), false)) {
                        synced++;
                    }
                }
            } catch (IOException e) {
                throw ioError("could not read directory \"" + dataDirectory.relativize(dir) + "\": " + reason(e), e);
            }
            fsync(dir, dataDirectory.relativize(dir).toString(), true);
        }
        return synced;
    }

    /**
     * Registers the file in the shared set unless this process did so in the current cycle. The
     * write is complete before the cycle is read, so if the cycle has not moved, the checkpoint
     * that takes this cycle's set fsyncs after the write.
     */
    private void registerSync(RelFileLocator rel, ForkNumber fork, OpenFile f) {
        if (f.syncCycle == pending.cycle()) {
            return;
        }
        f.syncCycle = pending.add(rel.dbOid(), rel.relNumber(), fork.ordinal());
    }

    // ---------------------------------------------------------------- errors

    static DatabaseException missing(RelFileLocator rel, ForkNumber fork) {
        return new DatabaseException(SQLSTATE_UNDEFINED_FILE,
                "could not open file \"" + rel.relativePath(fork) + "\": No such file or directory");
    }

    private static DatabaseException readError(RelFileLocator rel, ForkNumber fork, long block, IOException e) {
        return ioError("could not read block " + block + " in file \"" + rel.relativePath(fork) + "\": " + reason(e), e);
    }

    private static DatabaseException writeError(RelFileLocator rel, ForkNumber fork, long block, IOException e) {
        return ioError("could not write block " + block + " in file \"" + rel.relativePath(fork) + "\": " + reason(e), e);
    }

    private static DatabaseException ioError(String message, Throwable cause) {
        return new DatabaseException(DatabaseException.Severity.ERROR, SQLSTATE_IO_ERROR, message, null, null, 0, cause);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a relation file failed", e);
        }
    }
}
