package org.tuskdb.sql.internal.expr;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * The context a subquery (or a recursive CTE's recursive term) runs in: everything from its
 * parent, plus the row of the enclosing level that {@link OuterRef}s read, and optionally a
 * working table ({@code WITH RECURSIVE}). Resources the subquery's scans register are closed
 * when the subquery's evaluation ends ({@link #closeResources}), not at portal end, so an
 * EXISTS that stops early does not leave scans open.
 */
public class SubqueryContext implements EvalContext {
    private final EvalContext parent;
    private final Value[] outerRow;
    private final int workTableId;
    private final List<Value[]> workTable;
    private List<AutoCloseable> resources;

    public SubqueryContext(EvalContext parent, Value[] outerRow) {
        this(parent, outerRow, -1, null);
    }

    public SubqueryContext(EvalContext parent, Value[] outerRow, int workTableId, List<Value[]> workTable) {
        this.parent = parent;
        this.outerRow = outerRow;
        this.workTableId = workTableId;
        this.workTable = workTable;
    }

    public EvalContext parent() { return parent; }
    public Value[] outerRow() { return outerRow; }

    /** The context levelsUp subquery levels up from ctx (1: ctx itself), skipping working-table contexts. */
    static SubqueryContext level(EvalContext ctx, int levelsUp) {
        EvalContext c = ctx;
        while (true) {
            SubqueryContext s = (SubqueryContext) c;
            if (s.outerRow != null && --levelsUp == 0) {
                return s;
            }
            c = s.parent;
        }
    }

    /** The rows of working table id, from the nearest context that has it. */
    public static List<Value[]> workTable(EvalContext ctx, int id) {
        EvalContext c = ctx;
        while (c instanceof SubqueryContext s) {
            if (s.workTableId == id) {
                return s.workTable;
            }
            c = s.parent;
        }
        throw new IllegalStateException("no working table " + id);
    }

    public void closeResources() {
        if (resources == null) {
            return;
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        resources = null;
    }

    @Override public java.util.Map<Object, Object> executionState() { return parent.executionState(); }
    @Override public int workMemKb() { return parent.workMemKb(); }
    @Override public org.tuskdb.sql.internal.plpgsql.Spi spi() { return parent.spi(); }
    @Override public Value param(int index) { return parent.param(index); }
    @Override public SessionStyle style() { return parent.style(); }
    @Override public void checkForInterrupts() { parent.checkForInterrupts(); }
    @Override public void sleep(long nanos) { parent.sleep(nanos); }
    @Override public long transactionStartMicros() { return parent.transactionStartMicros(); }
    @Override public long statementStartMicros() { return parent.statementStartMicros(); }
    @Override public String user() { return parent.user(); }
    @Override public String sessionUser() { return parent.sessionUser(); }
    @Override public long userOid() { return parent.userOid(); }
    @Override public String database() { return parent.database(); }
    @Override public long backendPid() { return parent.backendPid(); }
    @Override public String showSetting(String name, boolean missingOk) { return parent.showSetting(name, missingOk); }
    @Override public String setSetting(String name, String value, boolean isLocal) {
        return parent.setSetting(name, value, isLocal);
    }
    @Override public boolean signalBackend(long pid, boolean terminate) { return parent.signalBackend(pid, terminate); }
    @Override public void notice(DatabaseException notice) { parent.notice(notice); }
    @Override public List<org.tuskdb.api.shmem.ProcInfo> activity() { return parent.activity(); }
    @Override public ServerInfo server() { return parent.server(); }
    @Override public long[] transactionOf(int slot) { return parent.transactionOf(slot); }
    @Override public Value caseValue() { return parent.caseValue(); }
    @Override public void setCaseValue(Value v) { parent.setCaseValue(v); }
    @Override public org.tuskdb.sql.internal.storage.StorageContext storage() { return parent.storage(); }
    @Override public java.util.List<Value[]> preparedStatements() { return parent.preparedStatements(); }
    @Override public DeferredChecks deferredChecks() { return parent.deferredChecks(); }
    @Override public org.tuskdb.sql.internal.settings.SessionSettings sessionSettings() { return parent.sessionSettings(); }
    @Override public org.tuskdb.sql.internal.sequence.SequenceManager sequences() { return parent.sequences(); }
    @Override public org.tuskdb.sql.internal.async.Notifications notifications() { return parent.notifications(); }

    @Override
    public void onClose(AutoCloseable resource) {
        if (outerRow == null) {
            parent.onClose(resource); // a working-table context lives as long as its parent
            return;
        }
        if (resources == null) {
            resources = new ArrayList<>();
        }
        resources.add(resource);
    }
}
