package org.tuskdb.sql.internal.catalog;

import java.nio.charset.StandardCharsets;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The hash of a row's partition key that picks its HASH partition. It must be PostgreSQL's very
 * value (the extended hash functions of the key types with the partition seed, combined per
 * column), or the same rows would land in other partitions than PostgreSQL puts them in — which
 * pg_dump output, {@code tableoid} and every plan would show. The functions are Bob Jenkins'
 * lookup3 hash (public domain), which PostgreSQL's hashfn uses, written out here.
 */
public final class PartitionHash {
    private PartitionHash() {}

    /** HASH_PARTITION_SEED. */
    private static final long SEED = 0x7A5B22367996DCFDL;

    /** compute_partition_hash_value: 0 combined with each non-null column's hash. */
    public static long rowHash(Value[] key, PartitionKey pk) {
        long h = 0;
        for (Value v : key) {
            if (v != null) {
                h = combine(h, hash(v, SEED));
            }
        }
        return h;
    }

    /** hash_combine64. */
    static long combine(long a, long b) {
        a ^= b + 0x49a0f4dd15e5a8e3L + (a << 54) + (a >>> 7);
        return a;
    }

    /** Whether the key type has an extended hash here (the rest are refused when the key is made). */
    public static boolean supports(org.tuskdb.sql.internal.value.PgType t) {
        return t == org.tuskdb.sql.internal.value.PgType.INT2 || t == org.tuskdb.sql.internal.value.PgType.INT4
            || t == org.tuskdb.sql.internal.value.PgType.INT8 || t == org.tuskdb.sql.internal.value.PgType.TEXT
            || t == org.tuskdb.sql.internal.value.PgType.VARCHAR || t == org.tuskdb.sql.internal.value.PgType.DATE;
    }

    /** The type's extended hash function (hashint4extended, hashtextextended, ...) of {@code v}. */
    public static long hash(Value v, long seed) {
        return switch (v) {
            case IntegerValue i when i.type() == org.tuskdb.sql.internal.value.PgType.INT8 -> {
                long val = i.value();
                int lo = (int) val;
                int hi = (int) (val >>> 32);
                lo ^= val >= 0 ? hi : ~hi;
                yield hashUint32(lo, seed);
            }
            case IntegerValue i -> hashUint32((int) i.value(), seed);
            case DateValue d -> hashUint32(d.days(), seed);
            case TextValue t -> hashBytes(t.value().getBytes(StandardCharsets.UTF_8), seed);
            default -> throw DatabaseException.error("0A000", "hash partitioning on type " + v.type().name()
                + " is not supported yet");
        };
    }

    /** hash_bytes_uint32_extended. */
    static long hashUint32(int k, long seed) {
        int[] s = start(4, seed);
        return fin(s[0] + k, s[1], s[2]);
    }

    /** hash_bytes_extended over {@code k} (read as little-endian words, as on the machines PostgreSQL runs here). */
    static long hashBytes(byte[] k, long seed) {
        int len = k.length;
        int[] s = start(len, seed);
        int a = s[0];
        int b = s[1];
        int c = s[2];
        int p = 0;
        while (len >= 12) {
            a += word(k, p);
            b += word(k, p + 4);
            c += word(k, p + 8);
            int[] m = mix(a, b, c);
            a = m[0];
            b = m[1];
            c = m[2];
            p += 12;
            len -= 12;
        }
        // the last 11 bytes; the lowest byte of c is left for the length added at the start
        switch (len) {
            case 11: c += (k[p + 10] & 0xff) << 24;
            case 10: c += (k[p + 9] & 0xff) << 16;
            case 9: c += (k[p + 8] & 0xff) << 8;
            case 8: b += (k[p + 7] & 0xff) << 24;
            case 7: b += (k[p + 6] & 0xff) << 16;
            case 6: b += (k[p + 5] & 0xff) << 8;
            case 5: b += k[p + 4] & 0xff;
            case 4: a += (k[p + 3] & 0xff) << 24;
            case 3: a += (k[p + 2] & 0xff) << 16;
            case 2: a += (k[p + 1] & 0xff) << 8;
            case 1: a += k[p] & 0xff;
            default: break;
        }
        return fin(a, b, c);
    }

    /** The initial state for {@code length} bytes, the seed mixed in (when not 0). */
    private static int[] start(int length, long seed) {
        int a = 0x9e3779b9 + length + 3923095;
        if (seed == 0) {
            return new int[] {a, a, a};
        }
        return mix(a + (int) (seed >>> 32), a + (int) seed, a);
    }

    private static int word(byte[] k, int p) {
        return (k[p] & 0xff) | (k[p + 1] & 0xff) << 8 | (k[p + 2] & 0xff) << 16 | (k[p + 3] & 0xff) << 24;
    }

    private static int[] mix(int a, int b, int c) {
        a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
        a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        return new int[] {a, b, c};
    }

    /** final(a, b, c), then b and c as the 64-bit result. */
    private static long fin(int a, int b, int c) {
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return (long) b << 32 | (c & 0xffffffffL);
    }
}
