package org.tuskdb.sql.internal.plan;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.RowCodec;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The temporary files of one plan node's execution (a sort's runs, a hash aggregation's
 * partitions, a hash join's batches): PostgreSQL's BufFile/fd.c temporary files, named
 * {@code pgsql_tmp<pid>.<n>} in {@code base/pgsql_tmp} of the data directory
 * ({@link StorageServices#tempDirectory()}; {@code java.io.tmpdir} when there is none).
 *
 * <p>A file is written once ({@link Writer#write}) and then read from its start
 * ({@link Writer#finish}); reading it to its end, or {@link Reader#close}, deletes it. Every file
 * still there is deleted by {@link #close()}, which the set registers with
 * {@link EvalContext#onClose} when it is created: so files go when the statement's portal
 * closes, on error and on transaction abort as well as when the node finishes normally.
 *
 * <p>Rows are stored in {@link RowCodec}'s format. The column types come from the values
 * themselves (a row's "shape": each column's type, taken from its non-NULL values); the shapes
 * are kept in memory (the files are read by the process that wrote them), each record on disk
 * is {@code varint shape | varint length | RowCodec bytes}.
 */
final class TempFiles implements AutoCloseable {
    /** Size of each file's read or write buffer (PostgreSQL's BufFile uses BLCKSZ). */
    static final int BUFFER = 8192;
    private static final Object COUNTER_KEY = new Object();

    private final Path dir;
    private final long pid;
    private final Map<Object, Object> state;
    private final List<Path> files = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<PgType[]> shapeTypes = new ArrayList<>();
    private final List<RowCodec> shapeCodecs = new ArrayList<>();
    private final Map<List<PgType>, Integer> shapeIds = new HashMap<>();
    private int lastShape = -1;
    private boolean closed;

    private TempFiles(Path dir, long pid, Map<Object, Object> state) {
        this.dir = dir;
        this.pid = pid;
        this.state = state;
    }

    /** A new set for one node's execution, deleted with the statement at the latest. */
    static TempFiles open(EvalContext ctx) {
        Path dir = null;
        try {
            StorageServices s = ctx.storage().services();
            dir = s == null ? null : s.tempDirectory();
        } catch (RuntimeException e) {
            // no storage: fall back to java.io.tmpdir
        }
        if (dir == null) {
            dir = Path.of(System.getProperty("java.io.tmpdir"));
        }
        TempFiles t = new TempFiles(dir, ctx.backendPid(), ctx.executionState());
        ctx.onClose(t);
        return t;
    }

    /** A new empty file to write. */
    Writer create() {
        if (closed) {
            throw new IllegalStateException("temporary files already closed");
        }
        try {
            Files.createDirectories(dir);
            while (true) {
                Path p = dir.resolve("pgsql_tmp" + pid + "." + nextNumber());
                try {
                    var out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    files.add(p);
                    Writer w = new Writer(p, new DataOutputStream(new BufferedOutputStream(out, BUFFER)));
                    open.add(w);
                    return w;
                } catch (FileAlreadyExistsException e) {
                    // another execution's file: take the next number
                }
            }
        } catch (IOException e) {
            throw ioError("could not create temporary file", dir, e);
        }
    }

    /** PostgreSQL numbers temporary files per backend; per statement execution is enough with CREATE_NEW. */
    private long nextNumber() {
        if (state == null) {
            return fallbackCounter++;
        }
        long[] c = (long[]) state.computeIfAbsent(COUNTER_KEY, k -> new long[1]);
        return c[0]++;
    }

    private long fallbackCounter;

    /** How many files this set has created and not yet deleted. */
    int liveFiles() {
        return files.size();
    }

    /** Deletes every file still there (idempotent). */
    @Override
    public void close() {
        closed = true;
        AutoCloseable[] streams = open.toArray(new AutoCloseable[0]); // closing one removes it from the list
        for (AutoCloseable c : streams) {
            try {
                c.close();
            } catch (Exception e) {
                // deleting the file below is what matters
            }
        }
        open.clear();
        for (Path p : files.toArray(new Path[0])) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // nothing better to do; PostgreSQL removes leftovers at the next start
            }
        }
        files.clear();
    }

    private void delete(Path p, AutoCloseable stream) {
        open.remove(stream);
        if (files.remove(p)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // left for close() / the next start
            }
        }
    }

    private static DatabaseException ioError(String what, Path p, IOException e) {
        return DatabaseException.error("58030", what + " \"" + p + "\": " + e.getMessage());
    }

    // ---- row shapes ---------------------------------------------------------------------------

    private int shapeOf(Value[] row) {
        int s = lastShape;
        if (s >= 0 && fits(shapeTypes.get(s), row)) {
            return s;
        }
        PgType[] prev = s >= 0 ? shapeTypes.get(s) : null;
        PgType[] t = new PgType[row.length];
        for (int i = 0; i < row.length; i++) {
            Value v = row[i];
            t[i] = v != null ? v.type() : prev != null && i < prev.length ? prev[i] : PgType.TEXT;
        }
        List<PgType> key = Arrays.asList(t);
        Integer id = shapeIds.get(key);
        if (id == null) {
            id = shapeTypes.size();
            shapeTypes.add(t);
            shapeCodecs.add(new RowCodec(t));
            shapeIds.put(key, id);
        }
        lastShape = id;
        return id;
    }

    private static boolean fits(PgType[] types, Value[] row) {
        if (types.length != row.length) {
            return false;
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null && row[i].type() != types[i]) {
                return false;
            }
        }
        return true;
    }

    /** A file being written. */
    final class Writer implements AutoCloseable {
        private final Path path;
        private final DataOutputStream out;
        private long rows;
        private boolean done;

        private Writer(Path path, DataOutputStream out) {
            this.path = path;
            this.out = out;
        }

        private final byte[] header = new byte[10];

        void write(Value[] row) {
            int shape = shapeOf(row);
            byte[] b = shapeCodecs.get(shape).encode(row);
            int h = putVarint(header, putVarint(header, 0, shape), b.length);
            try {
                out.write(header, 0, h);
                out.write(b);
            } catch (IOException e) {
                throw ioError("could not write to temporary file", path, e);
            }
            rows++;
        }

        private static int putVarint(byte[] to, int at, int v) {
            while ((v & ~0x7f) != 0) {
                to[at++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            to[at++] = (byte) v;
            return at;
        }

        long rows() {
            return rows;
        }

        /** Ends writing; the file is then read from its start. */
        Reader finish() {
            try {
                out.close();
                done = true;
                open.remove(this);
                Reader r = new Reader(path, new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER)));
                open.add(r);
                return r;
            } catch (IOException e) {
                throw ioError("could not read temporary file", path, e);
            }
        }

        /** Abandons the file (deleted). */
        @Override
        public void close() {
            if (!done) {
                done = true;
                try {
                    out.close();
                } catch (IOException e) {
                    // being deleted
                }
            }
            delete(path, this);
        }
    }

    /** A file being read, deleted at its end. */
    final class Reader implements AutoCloseable {
        private final Path path;
        private final DataInputStream in;
        private boolean done;

        private Reader(Path path, DataInputStream in) {
            this.path = path;
            this.in = in;
        }

        /** The next row, or null at the end (the file is then deleted). */
        Value[] next() {
            if (done) {
                return null;
            }
            try {
                int shape = readVarint();
                if (shape < 0) {
                    close();
                    return null;
                }
                int len = readVarint();
                byte[] b = new byte[len];
                in.readFully(b);
                return shapeCodecs.get(shape).decode(b);
            } catch (EOFException e) {
                throw ioError("unexpected end of temporary file", path, e);
            } catch (IOException e) {
                throw ioError("could not read from temporary file", path, e);
            }
        }

        /** -1 at a clean end of file. */
        private int readVarint() throws IOException {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            int v = b & 0x7f;
            int shift = 7;
            while ((b & 0x80) != 0) {
                b = in.readUnsignedByte();
                v |= (b & 0x7f) << shift;
                shift += 7;
            }
            return v;
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                try {
                    in.close();
                } catch (IOException e) {
                    // being deleted
                }
            }
            delete(path, this);
        }
    }

    // ---- memory accounting --------------------------------------------------------------------

    /**
     * The bytes a node may hold before it spills: work_mem, but at most a quarter of the JVM's
     * maximum heap (a backend's heap is small and fixed; PostgreSQL's palloc has no such wall,
     * and a work_mem of 1GB must not end the backend with "out of memory").
     */
    static long memoryLimit(EvalContext ctx) {
        return Math.min(ctx.workMemKb() * 1024L, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * A rough size in bytes of a row held in memory (the array and its values), for comparing with
     * work_mem; PostgreSQL counts its palloc'd tuples the same rough way.
     */
    static long rowBytes(Value[] row) {
        long n = 16 + 8L * row.length;
        for (Value v : row) {
            if (v != null) {
                n += valueBytes(v);
            }
        }
        return n;
    }

    static long valueBytes(Value v) {
        if (v instanceof TextValue t) {
            return 56 + t.value().length();
        }
        if (v instanceof ByteaValue b) {
            return 32 + b.value().length;
        }
        if (v instanceof NumericValue) {
            return 72;
        }
        if (v instanceof ArrayValue) {
            return 128;
        }
        return 24;
    }
}
