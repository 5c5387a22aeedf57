package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.tuskdb.sql.internal.storage.IndexKeys;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.InetValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimeTzValue;
import org.tuskdb.sql.internal.value.TimeValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Property tests of the index key encoding: for random values of each type (with the edge
 * values mixed in), the unsigned byte order of the keys equals the values' compareTo (the
 * btree order), ASC and DESC, NULLS FIRST and LAST, and for multi-column keys.
 */
class IndexKeysTest {
    private final Random random = new Random(20261201);

    private static byte[] key(Value v, int flags) {
        return IndexKeys.encode(new Value[] {v}, new int[] {flags});
    }

    private static int sign(int x) {
        return Integer.signum(x);
    }

    /** Every pair of a sample: sign(compareUnsigned(key a, key b)) == sign(a.compareTo(b)), and equal values have equal keys. */
    private void checkOrder(List<Value> values) {
        byte[][] asc = new byte[values.size()][];
        byte[][] desc = new byte[values.size()][];
        for (int i = 0; i < values.size(); i++) {
            asc[i] = key(values.get(i), 0);
            desc[i] = key(values.get(i), IndexKeys.DESC);
        }
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < values.size(); j++) {
                int expected = sign(values.get(i).compareTo(values.get(j)));
                Value a = values.get(i);
                Value b = values.get(j);
                if (expected != sign(Arrays.compareUnsigned(asc[i], asc[j]))
                    || -expected != sign(Arrays.compareUnsigned(desc[i], desc[j]))
                    || (expected == 0 && !Arrays.equals(asc[i], asc[j]))) {
                    throw new AssertionError("key order differs from compareTo: " + a + " vs " + b);
                }
            }
        }
    }

    private List<Value> sample(Supplier<Value> gen, Value... edges) {
        List<Value> out = new ArrayList<>(List.of(edges));
        for (int i = 0; i < 400; i++) {
            out.add(gen.get());
        }
        return out;
    }

    @Test
    void integersCompareAcrossWidths() {
        checkOrder(sample(() -> switch (random.nextInt(3)) {
            case 0 -> IntegerValue.of(PgType.INT2, (short) random.nextInt());
            case 1 -> IntegerValue.int4(random.nextInt(2001) - 1000);
            default -> IntegerValue.int8(random.nextLong() >> random.nextInt(64));
        }, IntegerValue.int8(Long.MIN_VALUE), IntegerValue.int8(Long.MAX_VALUE), IntegerValue.int4(0),
            IntegerValue.int4(-1), IntegerValue.int8(0), IntegerValue.of(PgType.INT2, 0)));
    }

    @Test
    void floatsWithNaNGreatestAndNegativeZeroEqualZero() {
        checkOrder(sample(() -> random.nextBoolean()
                ? FloatValue.float8((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20))
                : FloatValue.float4((float) random.nextGaussian()),
            FloatValue.float8(Double.NaN), FloatValue.float8(-Double.NaN), FloatValue.float8(Double.POSITIVE_INFINITY),
            FloatValue.float8(Double.NEGATIVE_INFINITY), FloatValue.float8(0.0), FloatValue.float8(-0.0),
            FloatValue.float4(Float.NaN), FloatValue.float8(Double.MIN_VALUE), FloatValue.float8(-Double.MIN_VALUE),
            FloatValue.float8(Double.MAX_VALUE), FloatValue.float8(-Double.MAX_VALUE)));
        byte[] nan = key(FloatValue.float8(Double.NaN), 0);
        assertTrue(Arrays.compareUnsigned(nan, key(FloatValue.float8(Double.POSITIVE_INFINITY), 0)) > 0);
    }

    @Test
    void numericIsOrderedAcrossScales() {
        checkOrder(sample(() -> {
            BigInteger unscaled = new BigInteger(random.nextInt(80) + 1, random);
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            return NumericValue.of(new BigDecimal(unscaled, random.nextInt(30) - 10));
        }, n("1.5"), n("2"), n("10"), n("1.50"), n("0"), n("0.000"), n("-0.5"), n("-1.55"), n("-1.5"), n("0.05"),
            n("0.1"), n("0.10001"), n("99.99"), n("100"), n("-100"), n("-99.99"), n("1e100"), n("-1e-100"),
            NumericValue.NaN, NumericValue.INFINITY, NumericValue.NEG_INFINITY, NumericValue.NaN));
        assertArrayEquals(key(n("1.5"), 0), key(n("1.500"), 0));
    }

    private static Value n(String s) {
        BigDecimal d = new BigDecimal(s);
        return NumericValue.of(d.scale() < 0 ? d.setScale(0) : d);
    }

    private String randomString() {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            int cp = switch (random.nextInt(5)) {
                case 0 -> 'a' + random.nextInt(3);
                case 1 -> ' ';
                case 2 -> 0x80 + random.nextInt(0x800);
                case 3 -> 0xE000 + random.nextInt(0x2000);
                default -> 0x10000 + random.nextInt(0x1000);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    @Test
    void textIsUtf8ByteOrderAndBpcharIgnoresTrailingSpaces() {
        checkOrder(sample(() -> TextValue.text(randomString()), TextValue.text(""), TextValue.text("a"),
            TextValue.text("a\u0001"), TextValue.text("ab")));
        checkOrder(sample(() -> new TextValue(PgType.BPCHAR, randomString()), new TextValue(PgType.BPCHAR, "a  "),
            new TextValue(PgType.BPCHAR, "a"), new TextValue(PgType.BPCHAR, "")));
    }

    @Test
    void byteaEscapesZeroBytes() {
        checkOrder(sample(() -> {
            byte[] b = new byte[random.nextInt(5)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) new int[] {0, 1, 0xFF, 0x7F, 0x80}[random.nextInt(5)];
            }
            return new ByteaValue(b);
        }, new ByteaValue(new byte[0]), new ByteaValue(new byte[] {0}), new ByteaValue(new byte[] {0, 0}),
            new ByteaValue(new byte[] {0, (byte) 0xFF}), new ByteaValue(new byte[] {1})));
    }

    @Test
    void dateTimeTypes() {
        checkOrder(sample(() -> new DateValue(random.nextInt(2_000_000) - 1_000_000),
            new DateValue(DateValue.NEG_INFINITY), new DateValue(DateValue.POS_INFINITY), new DateValue(0), new DateValue(-1)));
        checkOrder(sample(() -> new TimeValue(random.nextLong(TimeValue.MAX + 1)), new TimeValue(0), new TimeValue(TimeValue.MAX)));
        checkOrder(sample(() -> new TimeTzValue(random.nextLong(TimeValue.MAX + 1), (random.nextInt(57) - 28) * 1800),
            new TimeTzValue(36_000_000_000L, 7200), new TimeTzValue(32_400_000_000L, 3600), new TimeTzValue(0, -50400)));
        checkOrder(sample(() -> new TimestampValue(PgType.TIMESTAMPTZ, random.nextLong() >> 8),
            new TimestampValue(PgType.TIMESTAMPTZ, TimestampValue.NEG_INFINITY),
            new TimestampValue(PgType.TIMESTAMPTZ, TimestampValue.POS_INFINITY)));
        checkOrder(sample(() -> new IntervalValue(random.nextInt(), random.nextInt(), random.nextLong()),
            new IntervalValue(1, 0, 0), new IntervalValue(0, 30, 0), new IntervalValue(0, 0, 30 * 86_400_000_000L),
            new IntervalValue(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE),
            new IntervalValue(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE)));
    }

    @Test
    void boolOidAndInet() {
        checkOrder(List.of(BoolValue.of(true), BoolValue.of(false), BoolValue.of(true)));
        checkOrder(sample(() -> new OidValue(PgType.OID, random.nextLong(0x1_0000_0000L)),
            new OidValue(PgType.OID, 0), new OidValue(PgType.OID, 0xFFFF_FFFFL)));
        checkOrder(sample(() -> InetValue.parse(random.nextBoolean()
                ? random.nextInt(256) + "." + random.nextInt(256) + ".0." + random.nextInt(256)
                : Integer.toHexString(random.nextInt(0x10000)) + "::" + Integer.toHexString(random.nextInt(0x10000))),
            InetValue.parse("0.0.0.0"), InetValue.parse("255.255.255.255"), InetValue.parse("::")));
    }

    @Test
    void arraysCompareElementwiseNullsHighThenByLength() {
        checkOrder(sample(() -> {
            Value[] e = new Value[random.nextInt(4)];
            for (int i = 0; i < e.length; i++) {
                e[i] = random.nextInt(4) == 0 ? null : TextValue.text("ab".substring(0, random.nextInt(3)));
            }
            return new ArrayValue(PgType.TEXT_ARRAY, e);
        }, new ArrayValue(PgType.TEXT_ARRAY, new Value[0]), new ArrayValue(PgType.TEXT_ARRAY, new Value[] {null}),
            new ArrayValue(PgType.TEXT_ARRAY, new Value[] {TextValue.text("")})));
        checkOrder(sample(() -> {
            Value[] e = new Value[random.nextInt(4)];
            for (int i = 0; i < e.length; i++) {
                e[i] = random.nextInt(5) == 0 ? null : IntegerValue.int4(random.nextInt(5) - 2);
            }
            return new ArrayValue(PgType.INT4_ARRAY, e);
        }));
    }

    @Test
    void nullsFirstOrLastIndependentOfDirection() {
        Value one = IntegerValue.int4(1);
        Value big = IntegerValue.int8(Long.MAX_VALUE);
        Value small = IntegerValue.int8(Long.MIN_VALUE);
        for (int flags = 0; flags < 4; flags++) {
            boolean nullsFirst = (flags & IndexKeys.NULLS_FIRST) != 0;
            byte[] nul = key(null, flags);
            for (Value v : List.of(one, big, small)) {
                int c = Arrays.compareUnsigned(nul, key(v, flags));
                assertEquals(nullsFirst ? -1 : 1, sign(c), "flags " + flags + " " + v);
            }
        }
        assertEquals(0, IndexKeys.defaultFlags(false));
        assertEquals(IndexKeys.DESC | IndexKeys.NULLS_FIRST, IndexKeys.defaultFlags(true));
    }

    @Test
    void multiColumnKeysCompareColumnByColumn() {
        int[][] flagSets = {{0, 0, 0}, {IndexKeys.DESC, 0, IndexKeys.NULLS_FIRST},
            {IndexKeys.defaultFlags(true), IndexKeys.DESC, IndexKeys.DESC | IndexKeys.NULLS_FIRST}};
        for (int[] flags : flagSets) {
            List<Value[]> rows = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                rows.add(new Value[] {
                    random.nextInt(5) == 0 ? null : TextValue.text(randomString().substring(0, 0) + "ab".substring(0, random.nextInt(3))),
                    random.nextInt(5) == 0 ? null : NumericValue.of(BigDecimal.valueOf(random.nextInt(7) - 3, random.nextInt(2))),
                    random.nextInt(5) == 0 ? null : new ByteaValue(new byte[random.nextInt(3)])});
            }
            Comparator<Value[]> expected = (a, b) -> {
                for (int c = 0; c < 3; c++) {
                    int r = compareColumn(a[c], b[c], flags[c]);
                    if (r != 0) {
                        return r;
                    }
                }
                return 0;
            };
            for (Value[] a : rows) {
                byte[] ka = IndexKeys.encode(a, flags);
                for (Value[] b : rows.subList(0, 60)) {
                    byte[] kb = IndexKeys.encode(b, flags);
                    if (sign(expected.compare(a, b)) != sign(Arrays.compareUnsigned(ka, kb))) {
                        throw new AssertionError(Arrays.toString(a) + " vs " + Arrays.toString(b) + " flags "
                            + Arrays.toString(flags));
                    }
                }
                // a key is inside [prefix, afterPrefix(prefix)) of its first column
                byte[] prefix = IndexKeys.encode(new Value[] {a[0]}, new int[] {flags[0]});
                assertTrue(Arrays.compareUnsigned(prefix, ka) <= 0);
                assertTrue(Arrays.compareUnsigned(IndexKeys.afterPrefix(prefix), ka) > 0);
            }
        }
    }

    private static int compareColumn(Value a, Value b, int flags) {
        boolean nullsFirst = (flags & IndexKeys.NULLS_FIRST) != 0;
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsFirst ? -1 : 1;
        }
        int c = a.compareTo(b);
        return (flags & IndexKeys.DESC) != 0 ? -c : c;
    }
}
