package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tuskdb.sql.internal.value.FloatFormat;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.SessionStyle;

/** Output functions checked value by value against PostgreSQL 15's output. */
class ValueFormatTest {
    @Test
    void integerTextBytesAreTheTextOutput() {
        SessionStyle style = SessionStyle.utc();
        for (long v : new long[] {0, 1, -1, 9, 10, -10, 99, 100, 127, 128, -129, 2147483647L, -2147483648L,
                Long.MAX_VALUE, Long.MIN_VALUE, 1000000000000L}) {
            IntegerValue value = IntegerValue.int8(v);
            assertArrayEquals(Long.toString(v).getBytes(StandardCharsets.US_ASCII), value.toTextBytes(style),
                Long.toString(v));
        }
        assertArrayEquals("-5".getBytes(StandardCharsets.US_ASCII), IntegerValue.int4(-5).toTextBytes(style));
    }

    @Test
    void float8ShortestOutput() {
        assertEquals("0.1", FloatFormat.float8(0.1, 1));
        assertEquals("1e+15", FloatFormat.float8(1e15, 1));
        assertEquals("123456789012345", FloatFormat.float8(123456789012345.0, 1));
        assertEquals("1e-05", FloatFormat.float8(1e-5, 1));
        assertEquals("0.0001", FloatFormat.float8(1e-4, 1));
        assertEquals("1.23456e-298", FloatFormat.float8(123.456e-300, 1));
        assertEquals("-0", FloatFormat.float8(-0.0, 1));
        assertEquals("1.2345678901234568e+16", FloatFormat.float8(12345678901234567.0, 1));
    }

    @Test
    void float4AndPrintfOutput() {
        assertEquals("1e+06", FloatFormat.float4(1e6f, 1));
        assertEquals("123456", FloatFormat.float4(123456f, 1));
        assertEquals("0.333333333333333", FloatFormat.float8(1.0 / 3, 0));
        assertEquals("0.333333333333", FloatFormat.float8(1.0 / 3, -3));
        assertEquals("33.333", FloatFormat.float4(100f / 3, -1));
    }

    @Test
    void numericSendUsesBase10000Digits() {
        // 0.001: one digit 10 at weight -1, display scale 3
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff, (byte) 0xff, 0, 0, 0, 3, 0, 10},
            NumericValue.of(new BigDecimal("0.001")).toBinary());
        // 0.00 is no digits, scale 2
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 2}, NumericValue.of(new BigDecimal("0.00")).toBinary());
        NumericValue back = NumericValue.fromBinary(NumericValue.of(new BigDecimal("-123456.789")).toBinary());
        assertEquals("-123456.789", back.toText(SessionStyle.utc()));
    }

    @Test
    void intervalPostgresStyle() {
        SessionStyle s = SessionStyle.utc();
        assertEquals("-1 days +02:00:00", new IntervalValue(0, -1, 7_200_000_000L).toText(s));
        assertEquals("1 year 2 mons", new IntervalValue(14, 0, 0).toText(s));
        assertEquals("00:00:00", new IntervalValue(0, 0, 0).toText(s));
        assertEquals("1 mon -00:00:01", new IntervalValue(1, 0, -1_000_000L).toText(s));
        assertEquals(0, new IntervalValue(1, 0, 0).compareTo(new IntervalValue(0, 30, 0)));
    }
}
