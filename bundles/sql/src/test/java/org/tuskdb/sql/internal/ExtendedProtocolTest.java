package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.StatementDescription;

/** Parse / Bind / Describe / Execute / Sync through the SqlSession interface. */
class ExtendedProtocolTest {
    private final SessionFixture db = new SessionFixture();
    private final RecordingSink sink = new RecordingSink();

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final short[] TEXT = new short[0];
    private static final short[] BINARY = {1};

    @Test
    void infersParameterTypesFromContext() {
        db.session.parse("s", "select $1 + 1, $2, $3::int8, $4 = 'x'", new int[] {0, 0});
        StatementDescription d = db.session.describeStatement("s");
        assertArrayEquals(new int[] {23, 25, 20, 25}, d.parameterTypes());
        assertEquals(List.of(23, 25, 20, 16), d.columns().stream().map(ColumnDescription::typeOid).toList());
    }

    @Test
    void declaredParameterTypesWin() {
        db.session.parse("", "select $1", new int[] {20});
        assertArrayEquals(new int[] {20}, db.session.describeStatement("").parameterTypes());
    }

    @Test
    void unresolvedParameterIsAnError() {
        assertEquals("42P18", SessionFixture.error(() -> db.session.parse("", "select 1 where $1 is null",
            new int[0])).sqlState());
    }

    @Test
    void bindsTextParametersAndReturnsText() {
        db.session.parse("", "select $1 + 1, $2", new int[] {23, 0});
        db.session.bind("", "", TEXT, new byte[][] {text("41"), null}, TEXT);
        assertFalse(db.session.execute("", 0, sink));
        db.session.sync();
        assertEquals(List.of("42|"), sink.allRows());
        assertEquals(List.of("SELECT 1"), sink.tags);
    }

    @Test
    void binaryFormatsRoundTrip() {
        db.session.parse("", "select $1::int4, $2::int8, $3::float8, $4::numeric, $5::bool, $6::text, "
            + "'2000-01-02 00:00:00+00'::timestamptz, interval '1 day 1 microsecond', '2000-01-03'::date, 1::int2, "
            + "-12.5::numeric", new int[] {23, 20, 701, 1700, 16, 25});
        byte[] numeric = {0, 2, 0, 0, 0, 0, 0, 4, 0, 12, 0x0D, (byte) 0x80}; // 12.3456: digits 12 | 3456, dscale 4
        db.session.bind("", "", BINARY, new byte[][] {
            ByteBuffer.allocate(4).putInt(7).array(), ByteBuffer.allocate(8).putLong(1L << 40).array(),
            ByteBuffer.allocate(8).putDouble(0.5).array(), numeric, new byte[] {1}, text("héllo")}, BINARY);
        List<ColumnDescription> cols = db.session.describePortal("");
        assertEquals(1, cols.get(0).format());
        db.session.execute("", 0, sink);
        byte[][] row = sink.rows.get(0);
        assertEquals(7, ByteBuffer.wrap(row[0]).getInt());
        assertEquals(1L << 40, ByteBuffer.wrap(row[1]).getLong());
        assertEquals(0.5, ByteBuffer.wrap(row[2]).getDouble());
        assertArrayEquals(numeric, row[3]);
        assertArrayEquals(new byte[] {1}, row[4]);
        assertEquals("héllo", new String(row[5], StandardCharsets.UTF_8));
        assertEquals(86_400_000_000L, ByteBuffer.wrap(row[6]).getLong());
        ByteBuffer iv = ByteBuffer.wrap(row[7]);
        assertEquals(1, iv.getLong());
        assertEquals(1, iv.getInt());
        assertEquals(0, iv.getInt());
        assertEquals(2, ByteBuffer.wrap(row[8]).getInt());
        assertEquals(2, row[9].length);
        // numeric_send(-12.5): ndigits 2, weight 0, sign 0x4000, dscale 1, digits 12, 5000
        assertArrayEquals(new byte[] {0, 2, 0, 0, 0x40, 0, 0, 1, 0, 12, 0x13, (byte) 0x88}, row[10]);
    }

    @Test
    void executeWithRowLimitSuspendsAndResumes() {
        db.session.parse("", "values (1), (2), (3)", new int[0]);
        db.session.bind("p", "", TEXT, new byte[0][], TEXT);
        assertTrue(db.session.execute("p", 2, sink));
        assertEquals(List.of("1", "2"), sink.allRows());
        assertTrue(sink.tags.isEmpty());
        assertFalse(db.session.execute("p", 2, sink));
        assertEquals(List.of("1", "2", "3"), sink.allRows());
        assertEquals(List.of("SELECT 1"), sink.tags);
        db.session.sync();
    }

    @Test
    void portalsEndWithTheTransaction() {
        db.session.parse("", "select 1", new int[0]);
        db.session.bind("p", "", TEXT, new byte[0][], TEXT);
        db.session.sync();
        assertEquals("34000", SessionFixture.error(() -> db.session.execute("p", 0, sink)).sqlState());
    }

    @Test
    void namedStatementErrors() {
        db.session.parse("s", "select 1", new int[0]);
        assertEquals("42P05", SessionFixture.error(() -> db.session.parse("s", "select 2", new int[0])).sqlState());
        assertEquals("26000", SessionFixture.error(() -> db.session.bind("", "nosuch", TEXT, new byte[0][], TEXT))
            .sqlState());
        assertEquals("prepared statement \"nosuch\" does not exist",
            SessionFixture.error(() -> db.session.describeStatement("nosuch")).getMessage());
        assertEquals("portal \"nosuch\" does not exist",
            SessionFixture.error(() -> db.session.describePortal("nosuch")).getMessage());
        assertEquals("08P01", SessionFixture.error(() -> db.session.bind("", "s", TEXT, new byte[][] {text("1")}, TEXT))
            .sqlState());
        db.session.closeStatement("s");
        db.session.parse("s", "select 2", new int[0]);
    }

    @Test
    void emptyQueryAndUtilityStatements() {
        db.session.parse("", "", new int[0]);
        db.session.bind("", "", TEXT, new byte[0][], TEXT);
        assertNull(db.session.describePortal(""));
        db.session.execute("", 0, sink);
        assertEquals(1, sink.emptyQueries);
        db.session.parse("", "show work_mem", new int[0]);
        assertEquals("work_mem", db.session.describeStatement("").columns().get(0).name());
        db.session.bind("", "", TEXT, new byte[0][], TEXT);
        db.session.execute("", 0, sink);
        assertEquals(List.of("4MB"), sink.allRows());
        assertEquals(List.of("SHOW"), sink.tags);
        db.session.sync();
    }

    @Test
    void errorBeforeSyncRollsBackTheCycle() {
        db.session.parse("", "set work_mem = '8MB'", new int[0]);
        db.session.bind("", "", TEXT, new byte[0][], TEXT);
        db.session.execute("", 0, sink);
        db.session.parse("", "select 1/0", new int[0]);
        // planned at Bind, where PostgreSQL's GetCachedPlan folds 1/0: the error is Bind's
        assertEquals("22012", SessionFixture.error(() -> db.session.bind("", "", TEXT, new byte[0][], TEXT)).sqlState());
        db.session.sync();
        assertEquals('I', db.session.transactionStatus());
        assertEquals("4MB", db.value("show work_mem"));
    }

    @Test
    void failedBlockRefusesParseAndBind() {
        db.rows("begin");
        db.error("select 1/0");
        assertEquals("25P02", SessionFixture.error(() -> db.session.parse("", "select 1", new int[0])).sqlState());
        db.session.parse("", "rollback", new int[0]);
        db.session.bind("", "", TEXT, new byte[0][], TEXT);
        db.session.execute("", 0, sink);
        assertEquals(List.of("ROLLBACK"), sink.tags);
        db.session.sync();
        assertEquals('I', db.session.transactionStatus());
    }
}
