package org.tuskdb.protocol.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the warm-up client sends: the frontend bytes of a representative mix of what clients
 * send, as round trips (each ends in one Sync or Query, so one ReadyForQuery answers it).
 *
 * <p>The mix follows the traffic the hot paths must be compiled for: simple Query of
 * {@code SELECT 1} (pgbench's default) and of an expression list; the extended cycle of
 * pgbench -M prepared (Bind/Describe/Execute/Sync on a named statement), of JDBC (unnamed
 * Parse/Bind/Describe/Execute/Sync with a text parameter) and of binary parameters and results;
 * every {@link #RARE_EVERY}th iteration also transaction control, SET/SHOW, an empty query and
 * errors (simple, extended with discard until Sync, and in a failed block). Every round trip
 * knows how many ErrorResponses it must get, so a statement the engine stops accepting shows
 * up as a mismatch instead of silently warming error paths only.
 */
final class WarmupScript {
    /**
     * One request and what must come back: readyCount ReadyForQuery, errorCount ErrorResponse.
     * The label names it in the log.
     */
    record RoundTrip(String label, byte[] request, int readyCount, int errorCount) {}

    /** Transaction control, settings and errors are rarer than plain statements in real traffic. */
    static final int RARE_EVERY = 8;

    static final String USER = "tusk_warmup";
    static final String APPLICATION_NAME = "tusk backend warm-up";

    private static final int INT4 = 23;
    private static final int INT8 = 20;
    private static final int FLOAT8 = 701;

    /** The warm-up's own table: a temporary one, so nobody else can see, lock or change it. */
    static final String TABLE = "tusk_warmup";
    /** Its rows: enough for a B-tree of two levels (the lookups descend through an inner page). */
    static final int TABLE_ROWS = 2000;
    /** Rows per INSERT of the table's load: each a transaction of a few milliseconds, cold. */
    private static final int INSERT_ROWS = 25;
    /** Keys the lookups cycle through, spread over the table's pages. */
    private static final int LOOKUP_KEYS = 16;

    private final List<RoundTrip> setup = new ArrayList<>();
    private final List<RoundTrip> tableSetup = new ArrayList<>();
    /**
     * Nothing: the setup's statements commit one by one, and a synchronous_commit left off
     * (or unknown to an engine without a WAL) matters to no later statement of the warm-up,
     * none of which writes.
     */
    private final List<RoundTrip> tableAbandon = List.of();
    private final List<RoundTrip> common = new ArrayList<>();
    private final List<RoundTrip> rare = new ArrayList<>();
    /** Per key: the point lookups of one iteration (simple, pgbench -M prepared, JDBC unnamed). */
    private final List<List<RoundTrip>> lookups = new ArrayList<>();

    WarmupScript() {
        // As pgbench -M prepared and JDBC (after prepareThreshold) do: named statements, parsed once.
        setup.add(trip(0, parse("w_select1", "SELECT 1"),
                parse("w_params", "SELECT $1::int4 + 1, $2::text || '!'", INT4, 0),
                parse("w_binary", "SELECT $1 * 2, $2 / 3, $1 > 10", INT8, FLOAT8), sync()));
        setup.add(trip(0, query("SET extra_float_digits = 3")));

        common.add(trip(0, query("SELECT 1")));
        common.add(trip(0, bind("", "w_select1", new short[0], new byte[0][], new short[0]), describe('P', ""),
                execute("", 0), sync()));
        common.add(trip(0, parse("", "SELECT $1::int4 + 1, 'x' = $2", 0, 0),
                bind("", "", new short[0], new byte[][] {ascii("42"), ascii("x")}, new short[0]),
                describe('P', ""), execute("", 0), sync()));
        common.add(trip(0, bind("", "w_params", new short[0], new byte[][] {ascii("7"), null}, new short[0]),
                describe('P', ""), execute("", 0), sync()));
        common.add(trip(0, bind("", "w_binary", new short[] {1},
                        new byte[][] {ByteBuffer.allocate(8).putLong(21).array(),
                                ByteBuffer.allocate(8).putDouble(1.5).array()}, new short[] {1}),
                describe('P', ""), execute("", 0), sync()));
        common.add(trip(0, query("SELECT 1 + 2 * 3 AS a, 'a' || 'b', CASE WHEN 2 > 1 THEN 'yes' ELSE 'no' END,"
                + " 7.0 / 2, abs(-4.5), length('tusk'), 2 ^ 10, true AND NOT false, NULL IS NULL,"
                + " '2024-01-01'::date + 1, upper('x') LIKE 'X%', coalesce(NULL, 3.5::float8), 1 IN (1, 2)")));
        common.add(trip(0, query("VALUES (1, 'a'), (2, 'b'), (3, NULL) ORDER BY 1 DESC LIMIT 2")));

        rare.add(trip(0, query("BEGIN")));
        rare.add(trip(0, bind("", "w_select1", new short[0], new byte[0][], new short[0]), execute("", 0), sync()));
        rare.add(trip(0, query("SHOW DateStyle")));
        rare.add(trip(0, query("SET LOCAL TimeZone = 'UTC'")));
        rare.add(trip(0, query("SELECT now() > '2000-01-01', current_setting('TimeZone'), current_user")));
        rare.add(trip(0, query("COMMIT")));
        rare.add(trip(0, query("")));
        rare.add(trip(1, query("SELECT 1 / 0")));
        rare.add(trip(1, parse("", "SELEC 1"), bind("", "", new short[0], new byte[0][], new short[0]),
                execute("", 0), sync()));
        rare.add(trip(0, query("BEGIN")));
        rare.add(trip(1, query("SELECT 1 / 0")));
        rare.add(trip(1, query("SELECT 1")));
        rare.add(trip(0, query("ROLLBACK")));
        // A session's first statements parse search_path; a long warm-up session would otherwise
        // leave that branch unprofiled, and C2's trap for it deoptimizes the whole statement
        // path at every new client session (seen in JFR: unstable_if in searchPathNames).
        rare.add(trip(0, query("SET search_path = public, pg_catalog")));
        rare.add(trip(0, bind("", "w_select1", new short[0], new byte[0][], new short[0]), execute("", 0), sync()));
        rare.add(trip(0, query("RESET search_path")));
        rare.add(trip(0, query("SET extra_float_digits = 2")));
        rare.add(trip(0, query("RESET extra_float_digits")));

        // Point lookups by primary key, the statement clients send most: they warm what the mix
        // above never reaches (index scan through the B-tree, buffer pool and heap visibility,
        // row decoding, table locks, plan revalidation). Over and over, so that C2 compiles
        // them before clients come. Read-only after the load: no commit waits for a WAL flush.
        // Each statement its own short transaction, so that no xid or snapshot of the warm-up
        // lives longer than one of them: a transaction around the whole load held the horizon
        // back for 1-2 s on a cold JVM, and every row version clients updated meanwhile stayed
        // unprunable (pg_stat_activity's backend_xid showed it). Asynchronous commits: the table
        // is temporary, nothing of it needs to be durable, and no statement waits for a flush.
        tableSetup.add(trip(0, query("SET synchronous_commit = off")));
        tableSetup.add(trip(0, query("CREATE TEMPORARY TABLE " + TABLE
                + " (id int4 PRIMARY KEY, n int4 NOT NULL, filler text)")));
        // In small statements: a client that comes waits for the one under way.
        for (int from = 1; from <= TABLE_ROWS; from += INSERT_ROWS) {
            tableSetup.add(trip(0, query("INSERT INTO " + TABLE + " SELECT g, g % 1000, 'warm-up row ' || g"
                    + " FROM generate_series(" + from + ", " + (from + INSERT_ROWS - 1) + ") g")));
        }
        tableSetup.add(trip(0, query("RESET synchronous_commit")));
        tableSetup.add(trip(0, parse("w_lookup", "SELECT n FROM " + TABLE + " WHERE id = $1"), sync()));
        for (int k = 0; k < LOOKUP_KEYS; k++) {
            byte[] key = ascii(Integer.toString(1 + k * (TABLE_ROWS / LOOKUP_KEYS) + k));
            byte[] otherKey = ascii(Integer.toString(TABLE_ROWS - k * (TABLE_ROWS / LOOKUP_KEYS)));
            List<RoundTrip> trips = new ArrayList<>();
            trips.add(trip(0, query("SELECT n FROM " + TABLE + " WHERE id = " + new String(key, StandardCharsets.US_ASCII))));
            trips.add(trip(0, bind("", "w_lookup", new short[0], new byte[][] {key}, new short[0]),
                    describe('P', ""), execute("", 0), sync()));
            trips.add(trip(0, parse("", "SELECT id, n, filler FROM " + TABLE + " WHERE id = $1", INT4),
                    bind("", "", new short[0], new byte[][] {otherKey}, new short[0]),
                    describe('P', ""), execute("", 0), sync()));
            trips.add(trip(0, bind("", "w_lookup", new short[0], new byte[][] {otherKey}, new short[0]),
                    describe('P', ""), execute("", 0), sync()));
            trips.add(trip(0, query("SELECT n FROM " + TABLE + " WHERE id = "
                    + new String(otherKey, StandardCharsets.US_ASCII))));
            lookups.add(trips);
        }
    }

    List<RoundTrip> setup() {
        return setup;
    }

    /**
     * What creates the warm-up's table and prepares its lookup, after {@link #setup()}. It may
     * fail (an engine without table storage): the warm-up then goes on without the lookups.
     */
    List<RoundTrip> tableSetup() {
        return tableSetup;
    }

    /** After a failed {@link #tableSetup()}: what ends it (nothing now, see the field). */
    List<RoundTrip> tableAbandon() {
        return tableAbandon;
    }

    /** The round trips of iteration {@code number}; with the table's lookups when it exists. */
    List<RoundTrip> iteration(int number, boolean withTable) {
        boolean isRare = number % RARE_EVERY == RARE_EVERY - 1;
        if (!isRare && !withTable) {
            return common;
        }
        List<RoundTrip> all = new ArrayList<>(common);
        if (withTable) {
            // Two keys' worth: the lookup path needs more invocations than the rest to reach C2.
            all.addAll(lookups.get(number % LOOKUP_KEYS));
            all.addAll(lookups.get((number + LOOKUP_KEYS / 2) % LOOKUP_KEYS));
        }
        if (isRare) {
            all.addAll(rare);
        }
        return all;
    }

    /** The StartupMessage as the postmaster hands it over (length word included). */
    static byte[] startupPacket() {
        Frame f = new Frame().int32(3 << 16);
        f.cString("user").cString(USER).cString("database").cString("postgres")
                .cString("application_name").cString(APPLICATION_NAME).int8(0);
        byte[] body = f.bytes();
        return new Frame().int32(body.length + 4).raw(body).bytes();
    }

    static byte[] terminate() {
        return message('X', new byte[0]);
    }

    // ---- frontend messages --------------------------------------------------------------------

    private static RoundTrip trip(int errors, byte[]... messages) {
        Frame all = new Frame();
        StringBuilder label = new StringBuilder();
        for (byte[] m : messages) {
            all.raw(m);
            label.append((char) m[0]);
        }
        byte[] first = messages[0];
        if (first[0] == 'Q' || first[0] == 'P' || first[0] == 'B') {
            // the query text, or the statement a Bind names
            int start = 5;
            if (first[0] != 'Q') {
                while (first[start] != 0) {
                    start++;
                }
                start++;
            }
            int end = start;
            while (first[end] != 0) {
                end++;
            }
            label.append(' ').append(new String(first, start, end - start, StandardCharsets.UTF_8));
        }
        return new RoundTrip(label.toString(), all.bytes(), 1, errors);
    }

    private static byte[] query(String sql) {
        return message('Q', new Frame().cString(sql).bytes());
    }

    private static byte[] parse(String name, String sql, int... types) {
        Frame f = new Frame().cString(name).cString(sql).int16(types.length);
        for (int t : types) {
            f.int32(t);
        }
        return message('P', f.bytes());
    }

    private static byte[] bind(String portal, String statement, short[] formats, byte[][] values, short[] results) {
        Frame f = new Frame().cString(portal).cString(statement).int16(formats.length);
        for (short s : formats) {
            f.int16(s);
        }
        f.int16(values.length);
        for (byte[] v : values) {
            if (v == null) {
                f.int32(-1);
            } else {
                f.int32(v.length).raw(v);
            }
        }
        f.int16(results.length);
        for (short s : results) {
            f.int16(s);
        }
        return message('B', f.bytes());
    }

    private static byte[] describe(char kind, String name) {
        return message('D', new Frame().int8(kind).cString(name).bytes());
    }

    private static byte[] execute(String portal, int maxRows) {
        return message('E', new Frame().cString(portal).int32(maxRows).bytes());
    }

    private static byte[] sync() {
        return message('S', new byte[0]);
    }

    private static byte[] message(char type, byte[] body) {
        return new Frame().int8(type).int32(body.length + 4).raw(body).bytes();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growing big-endian byte array. */
    private static final class Frame {
        private ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.BIG_ENDIAN);

        private Frame room(int n) {
            if (b.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + n));
                b.flip();
                bigger.put(b);
                b = bigger;
            }
            return this;
        }

        Frame int8(int v) {
            room(1).b.put((byte) v);
            return this;
        }

        Frame int16(int v) {
            room(2).b.putShort((short) v);
            return this;
        }

        Frame int32(int v) {
            room(4).b.putInt(v);
            return this;
        }

        Frame raw(byte[] v) {
            room(v.length).b.put(v);
            return this;
        }

        Frame cString(String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8)).int8(0);
        }

        byte[] bytes() {
            return Arrays.copyOf(b.array(), b.position());
        }
    }
}
