package org.tuskdb.sql.internal.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

class RangeValueTest {
    private static final SessionStyle UTC = SessionStyle.utc();

    private static RangeValue parse(PgType t, String s) {
        return RangeValue.parse(t, s, UTC);
    }

    @Test
    void discreteRangesAreCanonicalAndContinuousOnesKeepTheirBounds() {
        assertEquals("[2,6)", parse(PgType.INT4RANGE, "(1,5]").toText(UTC));
        assertEquals("empty", parse(PgType.INT8RANGE, "(1,2)").toText(UTC));
        assertEquals("(1.5,2]", parse(PgType.NUMRANGE, "(1.5,2]").toText(UTC));
        assertEquals("(,5]", parse(PgType.NUMRANGE, "[,5]").toText(UTC));
        assertEquals("[\"2020-01-01 10:00:00\",)", parse(PgType.TSRANGE, "[2020-01-01 10:00,]").toText(UTC));
    }

    @Test
    void binaryFormIsRangeSendsAndReadsBack() {
        RangeValue r = parse(PgType.INT4RANGE, "[1,5)");
        assertArrayEquals(new byte[] {2, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 5}, r.toBinary());
        assertArrayEquals(new byte[] {1}, parse(PgType.INT4RANGE, "empty").toBinary());
        for (String s : new String[] {"[1,5)", "empty", "(,3)", "[2,)", "(,)"}) {
            RangeValue v = parse(PgType.INT4RANGE, s);
            assertEquals(v, RangeValue.fromBinary(PgType.INT4RANGE, v.toBinary()), s);
        }
        RangeValue n = parse(PgType.NUMRANGE, "(1.25,7]");
        assertEquals("(1.25,7]", RangeValue.fromBinary(PgType.NUMRANGE, n.toBinary()).toText(UTC));
    }

    @Test
    void malformedLiteralsAndReversedBoundsAreRefused() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> parse(PgType.INT4RANGE, "[1,2"));
        assertEquals("22P02", e.sqlState());
        assertEquals("Unexpected end of input.", e.detail());
        assertEquals("22000", assertThrows(DatabaseException.class, () -> parse(PgType.INT4RANGE, "[5,1)")).sqlState());
    }

    @Test
    void orderingIsRangeCmp() {
        assertTrue(parse(PgType.NUMRANGE, "empty").compareTo(parse(PgType.NUMRANGE, "(,1)")) < 0);
        assertTrue(parse(PgType.NUMRANGE, "[1,5)").compareTo(parse(PgType.NUMRANGE, "(1,5)")) < 0);
        assertTrue(parse(PgType.NUMRANGE, "[1,5)").compareTo(parse(PgType.NUMRANGE, "[1,5]")) < 0);
        assertEquals(0, parse(PgType.NUMRANGE, "[1.0,2)").compareTo(parse(PgType.NUMRANGE, "[1,2.00)")));
    }
}
