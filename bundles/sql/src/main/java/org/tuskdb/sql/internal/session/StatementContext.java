package org.tuskdb.sql.internal.session;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.sql.ResultSink;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/** The EvalContext of one portal execution: its parameters and sink, the rest from the session. */
public final class StatementContext implements EvalContext {
    private final Session session;
    private final Value[] params;
    private final SessionStyle style;
    private ResultSink sink;
    private Value caseValue;
    private final java.util.List<AutoCloseable> resources;

    StatementContext(Session session, Value[] params, SessionStyle style, ResultSink sink,
                     java.util.List<AutoCloseable> resources) {
        this.session = session;
        this.params = params;
        this.style = style;
        this.sink = sink;
        this.resources = resources;
    }

    @Override public org.tuskdb.sql.internal.storage.StorageContext storage() { return session.storage(); }
    /**
     * Only a transaction block defers: outside one the statement's own commit would run the checks
     * after its CommandComplete went out (PostgreSQL commits before it), so they run at once.
     */
    @Override
    public org.tuskdb.sql.internal.expr.DeferredChecks deferredChecks() {
        return session.tx.block == TransactionState.Block.IN_PROGRESS ? session.deferred : null;
    }
    @Override public void onClose(AutoCloseable resource) { resources.add(resource); }
    @Override public org.tuskdb.sql.internal.sequence.SequenceManager sequences() { return session.sequences(); }
    @Override public org.tuskdb.sql.internal.async.Notifications notifications() { return session.notifications; }
    @Override public int workMemKb() { return session.workMemKb(); }
    @Override public java.util.List<Value[]> preparedStatements() { return session.preparedStatementRows(); }

    private org.tuskdb.sql.internal.plpgsql.Spi spi;

    @Override
    public org.tuskdb.sql.internal.plpgsql.Spi spi() {
        if (spi == null) {
            spi = new PlpgsqlSpi(session, this);
        }
        return spi;
    }

    void setSink(ResultSink sink) {
        this.sink = sink;
    }

    private java.util.Map<Object, Object> executionState;

    @Override
    public java.util.Map<Object, Object> executionState() {
        if (executionState == null) {
            executionState = new java.util.IdentityHashMap<>();
        }
        return executionState;
    }

    @Override public Value param(int index) { return params[index]; }
    @Override public SessionStyle style() { return style; }
    @Override public void checkForInterrupts() { session.host().checkForInterrupts(); }
    @Override public void sleep(long nanos) { session.host().sleep(nanos); }
    @Override public long transactionStartMicros() { return session.transactionStartMicros(); }
    @Override public long statementStartMicros() { return session.statementStartMicros(); }
    @Override public String user() { return session.currentUserName(); }
    @Override public String sessionUser() { return session.sessionUserName(); }
    @Override public long userOid() { return session.currentUserOid(); }
    @Override public String database() { return session.startup().database(); }
    @Override public long backendPid() { return session.startup().backendPid(); }
    @Override public String showSetting(String name, boolean missingOk) { return session.showSetting(name, missingOk); }

    @Override public org.tuskdb.sql.internal.settings.SessionSettings sessionSettings() { return session.settings(); }

    @Override
    public String setSetting(String name, String value, boolean isLocal) {
        return session.setSetting(name, value, isLocal);
    }

    @Override
    public boolean signalBackend(long pid, boolean terminate) {
        return session.signalBackend(pid, terminate, this);
    }

    /** Sends a notice or warning unless client_min_messages is above its level (INFO always goes). */
    @Override
    public void notice(DatabaseException notice) {
        if (sink != null && sentToClient(notice.severity(), session.showSetting("client_min_messages", true))) {
            sink.notice(notice);
        }
    }

    /** elog.c's rule for what reaches the client: the message's level at least client_min_messages. */
    public static boolean sentToClient(DatabaseException.Severity severity, String minMessages) {
        if (severity == DatabaseException.Severity.INFO || minMessages == null) {
            return true;
        }
        int level = switch (severity) {
            case DEBUG -> 1;
            case LOG -> 2;
            case NOTICE -> 3;
            case WARNING -> 4;
            default -> 5;
        };
        String m = minMessages.toLowerCase(java.util.Locale.ROOT);
        int min = m.startsWith("debug") ? 1 : switch (m) {
            case "log" -> 2;
            case "notice" -> 3;
            case "warning" -> 4;
            case "error" -> 5;
            default -> 3;
        };
        return level >= min;
    }

    @Override public List<ProcInfo> activity() { return session.activity(); }
    @Override public org.tuskdb.sql.internal.expr.ServerInfo server() { return session.serverInfo(); }
    @Override public long[] transactionOf(int slot) { return session.transactionOf(slot); }
    @Override public Value caseValue() { return caseValue; }
    @Override public void setCaseValue(Value v) { caseValue = v; }
}
