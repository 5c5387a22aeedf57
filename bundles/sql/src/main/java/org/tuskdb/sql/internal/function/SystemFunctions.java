package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.FLOAT8;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.INT8;
import static org.tuskdb.sql.internal.value.PgType.NAME;
import static org.tuskdb.sql.internal.value.PgType.TEXT;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.LsnValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;
import org.tuskdb.sql.internal.value.VoidValue;

/**
 * Session and server information and control: version(), settings, pg_backend_pid(),
 * pg_sleep(), pg_cancel_backend(), pg_terminate_backend(), current_database(), pg_typeof().
 */
final class SystemFunctions {
    private SystemFunctions() {}

    /** Set by the engine: "PostgreSQL 15.0 (Tusk 0.1.0) on x86_64-pc-linux-gnu, compiled by Java 25, 64-bit". */
    static String versionString(String serverVersion) {
        String arch = System.getProperty("os.arch", "x86_64");
        if (arch.equals("amd64")) {
            arch = "x86_64";
        }
        return "PostgreSQL " + serverVersion + " (Tusk 0.1.0) on " + arch + "-pc-linux-gnu, compiled by Java "
            + Runtime.version().feature() + ", 64-bit";
    }

    /** txid_current(): the top-level xid, assigned now if the transaction has none. */
    private static long topXid(org.tuskdb.sql.internal.expr.EvalContext c) {
        org.tuskdb.api.xact.Transaction t = c.storage().transaction();
        if (t.topXid() == 0) {
            t.xid();
        }
        return t.topXid();
    }

    private static org.tuskdb.api.wal.WriteAheadLog wal(org.tuskdb.sql.internal.expr.EvalContext c) {
        org.tuskdb.api.wal.WriteAheadLog wal = c.storage().services() == null ? null : c.storage().services().wal();
        if (wal == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "WAL is not available without the storage services");
        }
        return wal;
    }

    private static long lsn(Value v) {
        return ((LsnValue) v).lsn();
    }

    /** The bytes added to or subtracted from a pg_lsn; NaN (or an infinity) is 0A000 as in PostgreSQL. */
    private static java.math.BigDecimal numeric(Value v, boolean add) {
        org.tuskdb.sql.internal.value.NumericValue n = (org.tuskdb.sql.internal.value.NumericValue) v;
        if (!n.isFinite()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                add ? "cannot add NaN to pg_lsn" : "cannot subtract NaN from pg_lsn");
        }
        return n.value();
    }

    /** pg_lsn - pg_lsn and pg_wal_lsn_diff: the byte distance as numeric (LSNs are unsigned). */
    private static Value lsnDifference(long a, long b) {
        return org.tuskdb.sql.internal.value.NumericValue.of(
            new java.math.BigDecimal(unsigned(a)).subtract(new java.math.BigDecimal(unsigned(b))));
    }

    private static java.math.BigInteger unsigned(long v) {
        return new java.math.BigInteger(Long.toUnsignedString(v));
    }

    /** pg_lsn + numeric / pg_lsn - numeric (PostgreSQL 14's), 22023 outside the LSN range or for NaN. */
    private static Value lsnPlus(long lsn, java.math.BigDecimal bytes) {
        java.math.BigDecimal sum = new java.math.BigDecimal(unsigned(lsn)).add(bytes)
            .setScale(0, java.math.RoundingMode.HALF_UP);
        if (sum.signum() < 0 || sum.toBigInteger().bitLength() > 64) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "pg_lsn out of range");
        }
        return new LsnValue(sum.toBigInteger().longValue());
    }

    static void register(FunctionRegistry r) {
        r.fn("version", TEXT, List.of(), 's',
            (a, c) -> TextValue.text(versionString(c.showSetting("server_version", false))));
        r.fn("current_setting", TEXT, List.of(TEXT), 's',
            (a, c) -> TextValue.text(c.showSetting(((TextValue) a[0]).textValue(), false)));
        r.fn("current_setting", TEXT, List.of(TEXT, BOOL), 's', (a, c) -> {
            String v = c.showSetting(((TextValue) a[0]).textValue(), ((BoolValue) a[1]).value());
            return v == null ? null : TextValue.text(v);
        });
        r.addFunction(new FunctionDef("set_config", List.of(TEXT, TEXT, BOOL), TEXT, false, false, 'v', (a, c) -> {
            if (a[0] == null) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "SET requires parameter name");
            }
            String value = a[1] == null ? null : ((TextValue) a[1]).textValue();
            boolean local = a[2] != null && ((BoolValue) a[2]).value();
            return TextValue.text(c.setSetting(((TextValue) a[0]).textValue(), value, local));
        }));
        r.fn("pg_backend_pid", INT4, List.of(), 's', (a, c) -> IntegerValue.int4(c.backendPid()));
        r.fn("pg_sleep", PgType.VOID, List.of(FLOAT8), 'v', (a, c) -> {
            double seconds = ((FloatValue) a[0]).value();
            if (seconds > 0 && !Double.isNaN(seconds)) {
                c.sleep(seconds >= 9.2e9 ? Long.MAX_VALUE : (long) (seconds * 1e9));
            } else {
                c.checkForInterrupts();
            }
            return VoidValue.INSTANCE;
        });
        r.fn("pg_cancel_backend", BOOL, List.of(INT4), 'v',
            (a, c) -> BoolValue.of(c.signalBackend(((IntegerValue) a[0]).value(), false)));
        r.fn("pg_terminate_backend", BOOL, List.of(INT4), 'v',
            (a, c) -> BoolValue.of(c.signalBackend(((IntegerValue) a[0]).value(), true)));
        r.fn("pg_terminate_backend", BOOL, List.of(INT4, INT8), 'v', (a, c) -> {
            if (((IntegerValue) a[1]).value() < 0) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "\"timeout\" must not be negative");
            }
            return BoolValue.of(c.signalBackend(((IntegerValue) a[0]).value(), true));
        });
        r.fn("current_database", NAME, List.of(), 's', (a, c) -> new TextValue(NAME, c.database()));
        r.fn("current_schema", NAME, List.of(), 's', (a, c) -> new TextValue(NAME, "public"));
        r.fn("pg_is_in_recovery", BOOL, List.of(), 'v', (a, c) -> BoolValue.FALSE);
        r.fn("pg_current_wal_lsn", PgType.PG_LSN, List.of(), 'v', (a, c) -> {
            org.tuskdb.api.wal.WriteAheadLog wal = c.storage().services() == null ? null : c.storage().services().wal();
            if (wal == null) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "WAL is not available without the storage services");
            }
            return new org.tuskdb.sql.internal.value.LsnValue(wal.insertPosition());
        });
        r.fn("pg_current_wal_insert_lsn", PgType.PG_LSN, List.of(), 'v', (a, c) -> new LsnValue(wal(c).insertPosition()));
        r.fn("pg_current_wal_flush_lsn", PgType.PG_LSN, List.of(), 'v', (a, c) -> new LsnValue(wal(c).flushedPosition()));
        r.fn("pg_walfile_name", TEXT, List.of(PgType.PG_LSN), 'i', (a, c) -> TextValue.text(wal(c).segmentName(lsn(a[0]))));
        r.fn("pg_wal_lsn_diff", PgType.NUMERIC, List.of(PgType.PG_LSN, PgType.PG_LSN), 'i',
            (a, c) -> lsnDifference(lsn(a[0]), lsn(a[1])));
        r.op("-", PgType.PG_LSN, PgType.PG_LSN, PgType.NUMERIC, (x, y) -> lsnDifference(lsn(x), lsn(y)));
        r.op("+", PgType.PG_LSN, PgType.NUMERIC, PgType.PG_LSN, (x, y) -> lsnPlus(lsn(x), numeric(y, true)));
        r.op("+", PgType.NUMERIC, PgType.PG_LSN, PgType.PG_LSN, (x, y) -> lsnPlus(lsn(y), numeric(x, true)));
        r.op("-", PgType.PG_LSN, PgType.NUMERIC, PgType.PG_LSN, (x, y) -> lsnPlus(lsn(x), numeric(y, false).negate()));
        r.fn("pg_postmaster_start_time", PgType.TIMESTAMPTZ, List.of(), 's', (a, c) -> {
            long millis = c.server() == null ? 0 : c.server().postmasterStartMillis();
            return millis == 0 ? null : org.tuskdb.sql.internal.value.TimestampValue.tz(
                org.tuskdb.sql.internal.value.DateTimes.fromInstant(java.time.Instant.ofEpochMilli(millis)));
        });
        r.fn("pg_reload_conf", BOOL, List.of(), 'v', (a, c) -> {
            if (c.server() != null && c.server().reloadConfiguration()) {
                return BoolValue.TRUE;
            }
            c.notice(new DatabaseException(DatabaseException.Severity.WARNING, SqlState.WARNING,
                "failed to send signal to postmaster", null, null, 0, null));
            return BoolValue.FALSE;
        });
        r.fn("inet_client_addr", PgType.INET, List.of(), 's', (a, c) -> {
            String addr = c.server() == null ? null : c.server().clientAddr();
            return addr == null ? null : org.tuskdb.sql.internal.value.InetValue.parse(addr);
        });
        r.fn("inet_client_port", INT4, List.of(), 's', (a, c) -> {
            int port = c.server() == null ? -1 : c.server().clientPort();
            return port < 0 ? null : IntegerValue.int4(port);
        });
        r.fn("inet_server_addr", PgType.INET, List.of(), 's', (a, c) -> {
            String addr = c.server() == null ? null : c.server().serverAddr();
            return addr == null ? null : org.tuskdb.sql.internal.value.InetValue.parse(addr);
        });
        r.fn("inet_server_port", INT4, List.of(), 's', (a, c) -> {
            int port = c.server() == null ? -1 : c.server().serverPort();
            return port < 0 ? null : IntegerValue.int4(port);
        });
        r.fn("txid_current", INT8, List.of(), 'v', (a, c) -> IntegerValue.int8(topXid(c)));
        r.fn("pg_current_xact_id", INT8, List.of(), 'v',
            (a, c) -> IntegerValue.int8(topXid(c)));
        r.addFunction(new FunctionDef("format_type", List.of(PgType.OID, INT4), TEXT, false, false, 's', (a, c) -> {
            if (a[0] == null) {
                return null;
            }
            PgType t = PgType.byOid((int) ((OidValue) a[0]).value());
            if (t == null && ((OidValue) a[0]).value() >= 16384) {
                t = org.tuskdb.sql.internal.catalog.CatalogNames.typeByOid(c.storage(), ((OidValue) a[0]).value());
            }
            if (t == null) {
                return TextValue.text("???");
            }
            int typmod = a[1] == null ? -1 : (int) ((IntegerValue) a[1]).value();
            return TextValue.text(a[1] == null && t == PgType.BPCHAR ? "bpchar" : t.displayName(typmod));
        }));
        // Resolved like any function; the analyzer replaces the call by the argument's type.
        r.addFunction(new FunctionDef("pg_typeof", List.of(PgType.ANY), PgType.REGTYPE, false, false, 's',
            (a, c) -> {
                throw new IllegalStateException("pg_typeof is folded by the analyzer");
            }));
    }
}
