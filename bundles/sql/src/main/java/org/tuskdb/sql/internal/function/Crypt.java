package org.tuskdb.sql.internal.function;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pgcrypto's crypt(password, salt) and gen_salt(type [, rounds]) for the two password hashes
 * applications use: bcrypt ({@code $2a$NN$}, also read as {@code $2x$}) and MD5-crypt
 * ({@code $1$}). DES and extended-DES salts are refused with 0A000.
 *
 * <p>bcrypt is Provos and Mazières' EksBlowfish: Blowfish whose initial P-array and S-boxes
 * are the hexadecimal digits of pi's fraction; those are computed once here (Machin's formula
 * in fixed point) rather than written out as a table.
 */
final class Crypt {
    private Crypt() {}

    private static final SecureRandom RANDOM = new SecureRandom();
    /** MD5-crypt's alphabet (and crypt(3)'s). */
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** bcrypt's base-64 alphabet. */
    private static final String BF64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    static Value genSalt(String type, int rounds) {
        switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "bf" -> {
                int r = rounds == 0 ? 6 : rounds;
                if (r < 4 || r > 31) {
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "gen_salt: Incorrect number of rounds");
                }
                byte[] salt = new byte[16];
                RANDOM.nextBytes(salt);
                return TextValue.text("$2a$" + (r < 10 ? "0" : "") + r + "$" + bf64Encode(salt, 16));
            }
            case "md5" -> {
                if (rounds != 0) {
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "gen_salt: Incorrect number of rounds");
                }
                StringBuilder b = new StringBuilder("$1$");
                for (int i = 0; i < 8; i++) {
                    b.append(ITOA64.charAt(RANDOM.nextInt(64)));
                }
                return TextValue.text(b.toString());
            }
            case "des", "xdes" -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "gen_salt: " + type + " salts are not supported by Tusk");
            default -> throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "gen_salt: Unknown salt algorithm");
        }
    }

    static Value crypt(String password, String salt) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (salt.startsWith("$2a$") || salt.startsWith("$2x$")) {
            return TextValue.text(bcrypt(pw, salt));
        }
        if (salt.startsWith("$1$")) {
            return TextValue.text(md5Crypt(pw, salt));
        }
        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
            "crypt() with DES or extended-DES salts is not supported by Tusk; use gen_salt('bf') or gen_salt('md5')");
    }

    private static DatabaseException invalidSalt() {
        return DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid salt");
    }

    // ---- MD5-crypt ----------------------------------------------------------------------------

    private static String md5Crypt(byte[] pw, String setting) {
        String rest = setting.substring(3);
        int end = rest.indexOf('$');
        String saltText = rest.substring(0, Math.min(end < 0 ? rest.length() : end, 8));
        byte[] salt = saltText.getBytes(StandardCharsets.UTF_8);
        byte[] magic = "$1$".getBytes(StandardCharsets.US_ASCII);
        MessageDigest ctx = md5();
        ctx.update(pw);
        ctx.update(magic);
        ctx.update(salt);
        MessageDigest alt = md5();
        alt.update(pw);
        alt.update(salt);
        alt.update(pw);
        byte[] a = alt.digest();
        for (int left = pw.length; left > 0; left -= 16) {
            ctx.update(a, 0, Math.min(left, 16));
        }
        for (int i = pw.length; i != 0; i >>>= 1) {
            if ((i & 1) != 0) {
                ctx.update((byte) 0);
            } else {
                ctx.update(pw[0]);
            }
        }
        byte[] f = ctx.digest();
        for (int i = 0; i < 1000; i++) {
            MessageDigest r = md5();
            r.update((i & 1) != 0 ? pw : f);
            if (i % 3 != 0) {
                r.update(salt);
            }
            if (i % 7 != 0) {
                r.update(pw);
            }
            r.update((i & 1) != 0 ? f : pw);
            f = r.digest();
        }
        StringBuilder out = new StringBuilder("$1$").append(saltText).append('$');
        int[][] groups = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};
        for (int[] g : groups) {
            to64(out, (f[g[0]] & 0xff) << 16 | (f[g[1]] & 0xff) << 8 | (f[g[2]] & 0xff), 4);
        }
        to64(out, f[11] & 0xff, 2);
        return out.toString();
    }

    private static void to64(StringBuilder out, int v, int n) {
        for (int i = 0; i < n; i++) {
            out.append(ITOA64.charAt(v & 0x3f));
            v >>>= 6;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- bcrypt -------------------------------------------------------------------------------

    private static String bcrypt(byte[] password, String setting) {
        if (setting.length() < 29 || setting.charAt(6) != '$'
                || !Character.isDigit(setting.charAt(4)) || !Character.isDigit(setting.charAt(5))) {
            throw invalidSalt();
        }
        int cost = Integer.parseInt(setting.substring(4, 6));
        if (cost < 4 || cost > 31) {
            throw invalidSalt();
        }
        byte[] salt = bf64Decode(setting.substring(7, 29), 16);
        if (salt == null) {
            throw invalidSalt();
        }
        // the key is the password with its terminating NUL, at most 72 bytes
        byte[] key = java.util.Arrays.copyOf(password, Math.min(password.length + 1, 72));
        int[] p = Pi.P.clone();
        int[] s = Pi.S.clone();
        expand(p, s, salt, key);
        long rounds = 1L << cost;
        for (long i = 0; i < rounds; i++) {
            expand(p, s, null, key);
            expand(p, s, null, salt);
        }
        int[] c = {0x4f727068, 0x65616e42, 0x65686f6c, 0x64657253, 0x63727944, 0x6f756274}; // "OrpheanBeholderScryDoubt"
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 6; j += 2) {
                long lr = encipher(p, s, c[j], c[j + 1]);
                c[j] = (int) (lr >>> 32);
                c[j + 1] = (int) lr;
            }
        }
        byte[] out = new byte[24];
        for (int i = 0; i < 6; i++) {
            out[4 * i] = (byte) (c[i] >>> 24);
            out[4 * i + 1] = (byte) (c[i] >>> 16);
            out[4 * i + 2] = (byte) (c[i] >>> 8);
            out[4 * i + 3] = (byte) c[i];
        }
        return setting.substring(0, 7) + bf64Encode(salt, 16) + bf64Encode(out, 23);
    }

    /** EksBlowfish's key schedule step: the key into the P-array, then P and S re-encrypted (with the salt, if any). */
    private static void expand(int[] p, int[] s, byte[] salt, byte[] key) {
        int[] kpos = {0};
        for (int i = 0; i < 18; i++) {
            p[i] ^= streamWord(key, kpos);
        }
        int[] spos = {0};
        long block = refill(p, p, s, salt, spos, 0);
        refill(s, p, s, salt, spos, block);
    }

    /**
     * Replaces {@code target} (the P-array or the S-boxes) pair by pair with the running block
     * enciphered under the current state, its halves first xored with the salt stream when there
     * is one; returns the last block, from which the next refill goes on.
     */
    private static long refill(int[] target, int[] p, int[] s, byte[] salt, int[] spos, long block) {
        int l = (int) (block >>> 32);
        int r = (int) block;
        for (int i = 0; i < target.length; i += 2) {
            if (salt != null) {
                l ^= streamWord(salt, spos);
                r ^= streamWord(salt, spos);
            }
            long lr = encipher(p, s, l, r);
            l = (int) (lr >>> 32);
            r = (int) lr;
            target[i] = l;
            target[i + 1] = r;
        }
        return (long) l << 32 | (r & 0xffffffffL);
    }

    private static int streamWord(byte[] data, int[] pos) {
        int w = 0;
        for (int i = 0; i < 4; i++) {
            w = w << 8 | (data[pos[0]] & 0xff);
            pos[0] = (pos[0] + 1) % data.length;
        }
        return w;
    }

    private static long encipher(int[] p, int[] s, int l, int r) {
        l ^= p[0];
        for (int i = 1; i <= 16; i += 2) {
            r ^= f(s, l) ^ p[i];
            l ^= f(s, r) ^ p[i + 1];
        }
        r ^= p[17];
        return (long) r << 32 | (l & 0xffffffffL);
    }

    private static int f(int[] s, int x) {
        return ((s[x >>> 24] + s[256 + (x >>> 16 & 0xff)]) ^ s[512 + (x >>> 8 & 0xff)]) + s[768 + (x & 0xff)];
    }

    private static String bf64Encode(byte[] d, int len) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < len) {
            int c1 = d[i++] & 0xff;
            out.append(BF64.charAt(c1 >>> 2));
            c1 = (c1 & 0x03) << 4;
            if (i >= len) {
                out.append(BF64.charAt(c1));
                break;
            }
            int c2 = d[i++] & 0xff;
            c1 |= c2 >>> 4;
            out.append(BF64.charAt(c1));
            c1 = (c2 & 0x0f) << 2;
            if (i >= len) {
                out.append(BF64.charAt(c1));
                break;
            }
            c2 = d[i++] & 0xff;
            c1 |= c2 >>> 6;
            out.append(BF64.charAt(c1));
            out.append(BF64.charAt(c2 & 0x3f));
        }
        return out.toString();
    }

    /** Decodes bcrypt base 64 into {@code len} bytes; null for a character outside the alphabet. */
    private static byte[] bf64Decode(String text, int len) {
        byte[] out = new byte[len];
        int o = 0;
        int i = 0;
        while (o < len && i + 1 < text.length()) {
            int c1 = BF64.indexOf(text.charAt(i++));
            int c2 = BF64.indexOf(text.charAt(i++));
            if (c1 < 0 || c2 < 0) {
                return null;
            }
            out[o++] = (byte) (c1 << 2 | (c2 & 0x30) >>> 4);
            if (o >= len || i >= text.length()) {
                break;
            }
            int c3 = BF64.indexOf(text.charAt(i++));
            if (c3 < 0) {
                return null;
            }
            out[o++] = (byte) ((c2 & 0x0f) << 4 | (c3 & 0x3c) >>> 2);
            if (o >= len || i >= text.length()) {
                break;
            }
            int c4 = BF64.indexOf(text.charAt(i++));
            if (c4 < 0) {
                return null;
            }
            out[o++] = (byte) ((c3 & 0x03) << 6 | c4);
        }
        return out;
    }

    /** Blowfish's initial state: the 18 + 1024 32-bit words of pi's hexadecimal fraction. */
    private static final class Pi {
        static final int[] P = new int[18];
        static final int[] S = new int[1024];

        static {
            int words = 18 + 1024;
            int bits = words * 32 + 64; // guard bits
            BigInteger one = BigInteger.ONE.shiftLeft(bits);
            // pi = 16 atan(1/5) - 4 atan(1/239)
            BigInteger pi = atanInverse(5, one).shiftLeft(4).subtract(atanInverse(239, one).shiftLeft(2));
            BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(64);
            for (int i = 0; i < words; i++) {
                int w = fraction.shiftRight((words - 1 - i) * 32).intValue();
                if (i < 18) {
                    P[i] = w;
                } else {
                    S[i - 18] = w;
                }
            }
        }

        /** atan(1/x) in fixed point with {@code one} as 1: x^-1 - x^-3/3 + x^-5/5 - ... */
        private static BigInteger atanInverse(int x, BigInteger one) {
            BigInteger x2 = BigInteger.valueOf((long) x * x);
            BigInteger term = one.divide(BigInteger.valueOf(x));
            BigInteger sum = term;
            for (int k = 1; term.signum() != 0; k++) {
                term = term.divide(x2);
                BigInteger t = term.divide(BigInteger.valueOf(2L * k + 1));
                sum = (k & 1) != 0 ? sum.subtract(t) : sum.add(t);
            }
            return sum;
        }
    }
}
