package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BYTEA;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.TEXT;
import static org.tuskdb.sql.internal.value.PgType.UUID;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.UuidValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The extensions Tusk ships (PostgreSQL's contrib modules and their control files, built in):
 * what CREATE EXTENSION installs — each member function becomes a pg_proc row of LANGUAGE c in
 * the extension's schema, its prosrc the symbol this library resolves at call time — and
 * pg_available_extensions lists. plpgsql is installed by the catalog bootstrap, as initdb does.
 *
 * <p>Members whose implementation is not written yet (pgcrypto's PGP, raw encryption and armor
 * functions) are installed like the rest, so the catalog matches PostgreSQL's, and fail with
 * 0A000 when called.
 */
public final class ExtensionLibrary {
    private ExtensionLibrary() {}

    /** A member function of an extension, as its install script declares it. */
    public record Member(String name, List<PgType> argTypes, List<String> argNames, PgType result, boolean strict,
                         char volatility, String symbol) {}

    /**
     * An available extension (its control file): default version, comment, whether it may be
     * moved to another schema, the schema it must live in (null: the creation schema), members.
     */
    public record Extension(String name, String version, String comment, boolean relocatable, String schema,
                            List<Member> members) {}

    private static final Map<String, Extension> AVAILABLE = new LinkedHashMap<>();
    private static final Map<String, FunctionImpl> SYMBOLS = new java.util.HashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        AVAILABLE.put("plpgsql", new Extension("plpgsql", "1.0", "PL/pgSQL procedural language", false,
            "pg_catalog", List.of()));
        AVAILABLE.put("uuid-ossp", new Extension("uuid-ossp", "1.1", "generate universally unique identifiers (UUIDs)",
            true, null, uuidOssp()));
        AVAILABLE.put("pgcrypto", new Extension("pgcrypto", "1.3", "cryptographic functions", true, null,
            pgcrypto()));
    }

    /** Every available extension, in a stable order (pg_available_extensions). */
    public static List<Extension> available() {
        return List.copyOf(AVAILABLE.values());
    }

    /** The extension of that name, or null. */
    public static Extension find(String name) {
        return AVAILABLE.get(name);
    }

    /** The implementation of a LANGUAGE c function's symbol (its prosrc), or null. */
    public static FunctionImpl symbol(String symbol) {
        return SYMBOLS.get(symbol);
    }

    private static Member member(String name, List<PgType> args, PgType result, char volatility, String symbol,
                                 FunctionImpl impl) {
        return member(name, args, null, result, true, volatility, symbol, impl);
    }

    private static Member member(String name, List<PgType> args, List<String> argNames, PgType result, boolean strict,
                                 char volatility, String symbol, FunctionImpl impl) {
        SYMBOLS.putIfAbsent(symbol, impl);
        List<String> names = argNames;
        if (names == null) {
            names = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                names.add(null);
            }
        }
        return new Member(name, List.copyOf(args), java.util.Collections.unmodifiableList(names), result, strict,
            volatility, symbol);
    }

    // ---- uuid-ossp ---------------------------------------------------------------------------

    private static final String NS_DNS = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    private static final String NS_URL = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
    private static final String NS_OID = "6ba7b812-9dad-11d1-80b4-00c04fd430c8";
    private static final String NS_X500 = "6ba7b814-9dad-11d1-80b4-00c04fd430c8";

    private static List<Member> uuidOssp() {
        List<Member> m = new ArrayList<>();
        m.add(member("uuid_nil", List.of(), UUID, 'i', "uuid_nil", (a, c) -> new UuidValue(new byte[16])));
        m.add(member("uuid_ns_dns", List.of(), UUID, 'i', "uuid_ns_dns", (a, c) -> UuidValue.parse(NS_DNS)));
        m.add(member("uuid_ns_url", List.of(), UUID, 'i', "uuid_ns_url", (a, c) -> UuidValue.parse(NS_URL)));
        m.add(member("uuid_ns_oid", List.of(), UUID, 'i', "uuid_ns_oid", (a, c) -> UuidValue.parse(NS_OID)));
        m.add(member("uuid_ns_x500", List.of(), UUID, 'i', "uuid_ns_x500", (a, c) -> UuidValue.parse(NS_X500)));
        m.add(member("uuid_generate_v1", List.of(), UUID, 'v', "uuid_generate_v1", (a, c) -> TimeUuid.next()));
        m.add(member("uuid_generate_v1mc", List.of(), UUID, 'v', "uuid_generate_v1mc", (a, c) -> TimeUuid.next()));
        m.add(member("uuid_generate_v3", List.of(UUID, TEXT), List.of("namespace", "name"), UUID, true, 'i',
            "uuid_generate_v3", (a, c) -> nameUuid("MD5", 3, a)));
        m.add(member("uuid_generate_v4", List.of(), UUID, 'v', "uuid_generate_v4", (a, c) -> randomUuid()));
        m.add(member("uuid_generate_v5", List.of(UUID, TEXT), List.of("namespace", "name"), UUID, true, 'i',
            "uuid_generate_v5", (a, c) -> nameUuid("SHA-1", 5, a)));
        return List.copyOf(m);
    }

    static UuidValue randomUuid() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        return new UuidValue(b);
    }

    /** RFC 4122 name-based UUID (version 3: MD5, version 5: SHA-1) of namespace + name. */
    private static UuidValue nameUuid(String algorithm, int version, Value[] a) {
        MessageDigest md = digestOf(algorithm);
        md.update(((UuidValue) a[0]).bytes());
        md.update(((TextValue) a[1]).textValue().getBytes(StandardCharsets.UTF_8));
        byte[] b = java.util.Arrays.copyOf(md.digest(), 16);
        b[6] = (byte) ((b[6] & 0x0f) | (version << 4));
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        return new UuidValue(b);
    }

    /**
     * Version 1 (time-based) UUIDs: 100-ns intervals since 1582-10-15, a clock sequence and a node.
     * The node is random with the multicast bit set (RFC 4122 4.5, what uuid_generate_v1mc makes);
     * PostgreSQL's uuid_generate_v1 uses the host's MAC address, which a JVM cannot portably read.
     */
    private static final class TimeUuid {
        private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;
        private static long last;
        private static final byte[] NODE = new byte[6];
        private static final int CLOCK_SEQ;

        static {
            RANDOM.nextBytes(NODE);
            NODE[0] |= 0x01;
            CLOCK_SEQ = RANDOM.nextInt(0x4000);
        }

        static synchronized UuidValue next() {
            java.time.Instant now = java.time.Instant.now();
            long t = now.getEpochSecond() * 10_000_000L + now.getNano() / 100 + GREGORIAN_OFFSET;
            if (t <= last) {
                t = last + 1;
            }
            last = t;
            byte[] b = new byte[16];
            long low = t & 0xffffffffL;
            long mid = (t >>> 32) & 0xffff;
            long high = (t >>> 48) & 0x0fff;
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) (low >>> (24 - 8 * i));
            }
            b[4] = (byte) (mid >>> 8);
            b[5] = (byte) mid;
            b[6] = (byte) (0x10 | (high >>> 8));
            b[7] = (byte) high;
            b[8] = (byte) (0x80 | (CLOCK_SEQ >>> 8));
            b[9] = (byte) CLOCK_SEQ;
            System.arraycopy(NODE, 0, b, 10, 6);
            return new UuidValue(b);
        }
    }

    // ---- pgcrypto ----------------------------------------------------------------------------

    private static List<Member> pgcrypto() {
        List<Member> m = new ArrayList<>();
        m.add(member("digest", List.of(TEXT, TEXT), BYTEA, 'i', "pg_digest", (a, c) -> digest(a)));
        m.add(member("digest", List.of(BYTEA, TEXT), BYTEA, 'i', "pg_digest", (a, c) -> digest(a)));
        m.add(member("hmac", List.of(TEXT, TEXT, TEXT), BYTEA, 'i', "pg_hmac", (a, c) -> hmac(a)));
        m.add(member("hmac", List.of(BYTEA, BYTEA, TEXT), BYTEA, 'i', "pg_hmac", (a, c) -> hmac(a)));
        m.add(member("crypt", List.of(TEXT, TEXT), TEXT, 'i', "pg_crypt", (a, c) -> Crypt.crypt(text(a[0]), text(a[1]))));
        m.add(member("gen_salt", List.of(TEXT), TEXT, 'v', "pg_gen_salt", (a, c) -> Crypt.genSalt(text(a[0]), 0)));
        m.add(member("gen_salt", List.of(TEXT, INT4), TEXT, 'v', "pg_gen_salt_rounds",
            (a, c) -> Crypt.genSalt(text(a[0]), (int) ((IntegerValue) a[1]).value())));
        m.add(member("encrypt", List.of(BYTEA, BYTEA, TEXT), BYTEA, 'i', "pg_encrypt", notYet("encrypt")));
        m.add(member("decrypt", List.of(BYTEA, BYTEA, TEXT), BYTEA, 'i', "pg_decrypt", notYet("decrypt")));
        m.add(member("encrypt_iv", List.of(BYTEA, BYTEA, BYTEA, TEXT), BYTEA, 'i', "pg_encrypt_iv", notYet("encrypt_iv")));
        m.add(member("decrypt_iv", List.of(BYTEA, BYTEA, BYTEA, TEXT), BYTEA, 'i', "pg_decrypt_iv", notYet("decrypt_iv")));
        m.add(member("gen_random_bytes", List.of(INT4), BYTEA, 'v', "pg_random_bytes", (a, c) -> randomBytes(a)));
        m.add(member("gen_random_uuid", List.of(), null, UUID, false, 'v', "pg_random_uuid", (a, c) -> randomUuid()));
        // the PGP functions: name, argument lists (T: text or bytea as the name says), result, volatility
        Object[][] pgp = {
            {"pgp_sym_encrypt", "T,text", "T,text,text", BYTEA, 'v'},
            {"pgp_sym_decrypt", "bytea,text", "bytea,text,text", null, 'i'},
            {"pgp_pub_encrypt", "T,bytea", "T,bytea,text", BYTEA, 'v'},
            {"pgp_pub_decrypt", "bytea,bytea", "bytea,bytea,text", "bytea,bytea,text,text", null, 'i'},
        };
        for (Object[] row : pgp) {
            for (String variant : List.of((String) row[0], row[0] + "_bytea")) {
                PgType data = variant.endsWith("_bytea") ? BYTEA : TEXT;
                PgType result = row[row.length - 2] == null ? data : (PgType) row[row.length - 2];
                for (int k = 1; k < row.length - 2; k++) {
                    if (row[k] == null) {
                        continue;
                    }
                    List<PgType> args = new ArrayList<>();
                    for (String t : ((String) row[k]).split(",")) {
                        args.add(t.equals("T") ? data : t.equals("text") ? TEXT : BYTEA);
                    }
                    m.add(member(variant, args, result, (char) row[row.length - 1], pgpSymbol(variant), notYet(variant)));
                }
            }
        }
        m.add(member("pgp_key_id", List.of(BYTEA), TEXT, 'i', "pgp_key_id_w", notYet("pgp_key_id")));
        m.add(member("armor", List.of(BYTEA), TEXT, 'i', "pg_armor", notYet("armor")));
        m.add(member("dearmor", List.of(TEXT), BYTEA, 'i', "pg_dearmor", notYet("dearmor")));
        return List.copyOf(m);
    }

    /** pgcrypto's C symbol of a PGP function: the text variants end in _text. */
    private static String pgpSymbol(String function) {
        return function.endsWith("_bytea") ? function : function + "_text";
    }

    private static FunctionImpl notYet(String name) {
        return (a, c) -> {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "pgcrypto's " + name + "() is not supported by Tusk yet");
        };
    }

    private static String text(Value v) {
        return ((TextValue) v).textValue();
    }

    private static byte[] bytes(Value v) {
        return v instanceof ByteaValue b ? b.value() : text(v).getBytes(StandardCharsets.UTF_8);
    }

    /** pgcrypto's names for the digests (px_find_digest: case-insensitive, OpenSSL's names). */
    private static String javaDigest(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "Cannot use \"" + name + "\": No such hash algorithm");
        };
    }

    private static MessageDigest digestOf(String javaName) {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Value digest(Value[] a) {
        return new ByteaValue(digestOf(javaDigest(text(a[1]))).digest(bytes(a[0])));
    }

    private static Value hmac(Value[] a) {
        String alg = "Hmac" + javaDigest(text(a[2])).replace("-", "");
        try {
            Mac mac = Mac.getInstance(alg);
            byte[] key = bytes(a[1]);
            if (key.length == 0) {
                // HMAC pads the key with zeros to the block size, so an empty key is a block of
                // zeros (SecretKeySpec refuses an empty one)
                key = new byte[alg.endsWith("384") || alg.endsWith("512") ? 128 : 64];
            }
            mac.init(new SecretKeySpec(key, alg));
            return new ByteaValue(mac.doFinal(bytes(a[0])));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Value randomBytes(Value[] a) {
        long n = ((IntegerValue) a[0]).value();
        if (n < 1 || n > 1024) {
            throw DatabaseException.error("39000", "Length not in range");
        }
        byte[] b = new byte[(int) n];
        RANDOM.nextBytes(b);
        return new ByteaValue(b);
    }
}
