package org.tuskdb.sql.internal.expr;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * What evaluating an expression may use: parameter values, the session's output style, and the
 * session services system functions need (settings, timestamps, interrupts, other backends).
 * The session implements it once per statement execution.
 */
public interface EvalContext {
    /** Where DEFERRABLE INITIALLY DEFERRED constraints put their checks; null when nothing can be deferred. */
    default DeferredChecks deferredChecks() {
        return null;
    }

    /** Value of parameter $(index+1), already of its declared type; null for NULL. */
    Value param(int index);

    SessionStyle style();

    /** PostgreSQL's CHECK_FOR_INTERRUPTS: throws on a pending cancel or termination. */
    void checkForInterrupts();

    /** Interruptible sleep (pg_sleep). */
    void sleep(long nanos);

    /** now(): start of the current transaction, microseconds since 2000-01-01 UTC. */
    long transactionStartMicros();

    /** statement_timestamp(): when the current client message arrived. */
    long statementStartMicros();

    /** current_user: the role privileges are checked against. */
    String user();

    /** session_user. */
    default String sessionUser() {
        return user();
    }

    /** The current user's oid (10, the bootstrap superuser, without roles). */
    default long userOid() {
        return 10;
    }

    String database();

    long backendPid();

    /** current_setting(): the value as SHOW shows it; null when unknown and missingOk. */
    String showSetting(String name, boolean missingOk);

    /**
     * pg_prepared_statements' rows: the session's named prepared statements (SQL PREPARE and the
     * protocol's Parse); none outside a session.
     */
    default java.util.List<Value[]> preparedStatements() {
        return java.util.List.of();
    }

    /** The session's settings (pg_settings), or null outside a session. */
    default org.tuskdb.sql.internal.settings.SessionSettings sessionSettings() {
        return null;
    }

    /** set_config(): sets a session (or transaction-local) value and returns what SHOW now shows. */
    String setSetting(String name, String value, boolean isLocal);

    /** pg_cancel_backend / pg_terminate_backend: false (with a WARNING) when pid is not a backend of ours. */
    boolean signalBackend(long pid, boolean terminate);

    void notice(DatabaseException notice);

    /** Every process's ProcArray entry (pg_stat_activity), this session's included. */
    java.util.List<org.tuskdb.api.shmem.ProcInfo> activity();

    /** The session's connection and server (see {@link ServerInfo}); null outside a session. */
    default ServerInfo server() {
        return null;
    }

    /**
     * The top-level xid and the snapshot xmin of the process in ProcArray slot {@code slot}
     * (pg_stat_activity's backend_xid and backend_xmin; 0 for none), or null without a
     * transaction manager.
     */
    default long[] transactionOf(int slot) {
        return null;
    }

    /** The session's side of PL/pgSQL (its SPI), or null outside a session. */
    default org.tuskdb.sql.internal.plpgsql.Spi spi() {
        return null;
    }

    /** The value CASE's WHEN clauses compare against, set while a simple CASE evaluates them. */
    Value caseValue();

    void setCaseValue(Value v);

    /** The session's storage transaction (tables, locks, snapshots). */
    org.tuskdb.sql.internal.storage.StorageContext storage();

    /** Closes the resource (a heap scan) when the statement's portal ends, however it ends. */
    void onClose(AutoCloseable resource);

    /** work_mem in kB: what a sort, hash aggregation or hash join may hold before it spills to temporary files. */
    default int workMemKb() {
        return 4096;
    }

    /** The session's sequence functions (nextval and friends). */
    default org.tuskdb.sql.internal.sequence.SequenceManager sequences() {
        throw org.tuskdb.sql.internal.storage.StorageContext.notAvailable();
    }

    /**
     * State one execution of a statement keeps across evaluations, keyed by the plan object that
     * owns it (an uncorrelated subquery's result); null where there is none to keep.
     */
    default java.util.Map<Object, Object> executionState() {
        return null;
    }

    /** The session's LISTEN / NOTIFY state (pg_notify and friends). */
    default org.tuskdb.sql.internal.async.Notifications notifications() {
        throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.FEATURE_NOT_SUPPORTED,
            "notifications are not available here");
    }
}
