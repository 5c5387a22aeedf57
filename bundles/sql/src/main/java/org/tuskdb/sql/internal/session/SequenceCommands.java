package org.tuskdb.sql.internal.session;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogNames;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SequenceDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.sequence.SequenceState;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * CREATE SEQUENCE (PostgreSQL's DefineSequence / init_params) and the sequences serial and
 * identity columns own. A sequence is a relation (pg_class relkind S, its parameters in
 * pg_sequence) with a one-page file holding its state, written and WAL-logged by
 * {@link org.tuskdb.sql.internal.sequence.SequenceStorage}; the catalog rows are transactional,
 * the state is not.
 */
final class SequenceCommands {
    private final Session session;
    private final DdlExecutor ddl;

    SequenceCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    String createSequence(Statement.CreateSequence s, StatementContext ctx, StorageTransaction st, ParseState ps) {
        long namespace = ddl.creationNamespace(st, s.name(), s.temporary(), ps);
        if (ddl.existingRelation(st, namespace, s.name().name()) != null) {
            if (!s.ifNotExists()) {
                throw DatabaseException.error("42P07", "relation \"" + s.name().name() + "\" already exists");
            }
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "42P07",
                "relation \"" + s.name().name() + "\" already exists, skipping", null, null, 0, null));
            return "CREATE SEQUENCE";
        }
        long[] owner = owner(s.options().ownedBy(), st);
        PgType type = PgType.INT8;
        if (s.options().asType() != null) {
            type = StoredExpressions.resolveType(s.options().asType(), "", ps).type();
        }
        createSequence(st, namespace, s.name().name(), s.temporary(), type, s.options(), owner[0], (int) owner[1], "a",
            ps);
        return "CREATE SEQUENCE";
    }

    /** OWNED BY [schema.]table.column: {table oid, attnum}; {0, 0} for none or OWNED BY NONE. */
    private long[] owner(List<String> ownedBy, StorageTransaction st) {
        if (ownedBy == null || ownedBy.isEmpty()) {
            return new long[2];
        }
        if (ownedBy.size() < 2) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "invalid OWNED BY option")
                .withHint("Specify OWNED BY table.column or OWNED BY NONE.");
        }
        Relation r = session.relcache().lookup(ownedBy.size() > 2 ? ownedBy.get(0) : null,
            ownedBy.get(ownedBy.size() - 2), LockMode.ACCESS_SHARE, 0, false, st);
        if (!(r instanceof TableDescriptor t)) {
            throw DatabaseException.error("42809", "sequence cannot be owned by relation \"" + r.name() + "\"");
        }
        int i = t.columnIndex(ownedBy.get(ownedBy.size() - 1));
        if (i < 0) {
            throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + ownedBy.get(ownedBy.size() - 1)
                + "\" of relation \"" + t.name() + "\" does not exist");
        }
        return new long[] {t.oid(), t.attnum(i)};
    }

    /** ALTER SEQUENCE ... OWNED BY: the sequence's auto dependency on a column replaced (or dropped for NONE). */
    private void changeOwner(SequenceDescriptor seq, List<String> ownedBy, StorageTransaction st) {
        long[] owner = owner(ownedBy, st);
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_OBJID, seq.oid(),
            st.freshSnapshot())) {
            String type = ((org.tuskdb.sql.internal.value.TextValue) e.row()[CatalogTables.DEP_TYPE]).value();
            if (type.equals("i")) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot change ownership of identity sequence").withDetail("Sequence \"" + seq.name()
                        + "\" is linked to table \"" + CatalogNames.relationLabel(st, oidOf(e.row()[CatalogTables.DEP_REFOBJID]))
                        + "\".");
            }
            if (type.equals("a")) {
                store.delete(CatalogTables.PG_DEPEND, e.tid());
            }
        }
        if (owner[0] != 0) {
            store.insert(CatalogTables.PG_DEPEND, CatalogTables.dependRow(seq.oid(), owner[0], (int) owner[1], "a"));
        }
        st.catalogChanged();
    }

    private static long oidOf(Value v) {
        return ((org.tuskdb.sql.internal.value.OidValue) v).value();
    }

    /** A sequence's parameters as pg_sequence keeps them. */
    record Params(PgType type, long start, long increment, long max, long min, long cache, boolean cycle) {}

    /**
     * PostgreSQL's init_params: the options over the current parameters (null for CREATE: the
     * defaults), checked with PostgreSQL's 22023 messages.
     */
    static Params params(PgType type, Statement.SequenceOptions o, Params current) {
        long typeMin;
        long typeMax;
        switch (type.oid()) {
            case 21 -> { typeMin = Short.MIN_VALUE; typeMax = Short.MAX_VALUE; }
            case 23 -> { typeMin = Integer.MIN_VALUE; typeMax = Integer.MAX_VALUE; }
            case 20 -> { typeMin = Long.MIN_VALUE; typeMax = Long.MAX_VALUE; }
            default -> throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "sequence type must be smallint, integer, or bigint");
        }
        long increment = o.increment() != null ? o.increment() : current != null ? current.increment() : 1;
        if (increment == 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        }
        long max = o.max() != null ? o.max() : current != null && !o.noMax() ? current.max()
            : increment > 0 ? typeMax : -1;
        long min = o.min() != null ? o.min() : current != null && !o.noMin() ? current.min()
            : increment > 0 ? 1 : typeMin;
        String typeName = type.displayName();
        if (max < typeMin || max > typeMax) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (" + max
                + ") is out of range for sequence data type " + typeName);
        }
        if (min < typeMin || min > typeMax) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + min
                + ") is out of range for sequence data type " + typeName);
        }
        if (min >= max) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + min
                + ") must be less than MAXVALUE (" + max + ")");
        }
        long start = o.start() != null ? o.start() : current != null ? current.start() : increment > 0 ? min : max;
        if (start < min) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start
                + ") cannot be less than MINVALUE (" + min + ")");
        }
        if (start > max) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start
                + ") cannot be greater than MAXVALUE (" + max + ")");
        }
        long cache = o.cache() != null ? o.cache() : current != null ? current.cache() : 1;
        if (cache <= 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cache
                + ") must be greater than zero");
        }
        boolean cycle = o.cycle() != null ? o.cycle() : current != null && current.cycle();
        return new Params(type, start, increment, max, min, cache, cycle);
    }

    /**
     * ALTER SEQUENCE: new parameters in pg_sequence (transactional); RESTART [WITH n] sets the
     * state at once like setval (not undone by ROLLBACK).
     */
    String alterSequence(Statement.AlterSequence s, StatementContext ctx, StorageTransaction st) {
        Relation r = session.relcache().lookup(s.name().schema(), s.name().name(), LockMode.SHARE_ROW_EXCLUSIVE, 0,
            true, st);
        if (r == null) {
            if (!s.ifExists()) {
                String shown = s.name().schema() == null ? s.name().name() : s.name().schema() + "." + s.name().name();
                throw DatabaseException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
            }
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "relation \"" + s.name().name() + "\" does not exist, skipping", null, null, 0, null));
            return "ALTER SEQUENCE";
        }
        if (!(r instanceof SequenceDescriptor seq)) {
            throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a sequence");
        }
        if (s.options().asType() != null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "ALTER SEQUENCE ... AS is not supported yet");
        }
        if (s.options().ownedBy() != null) {
            changeOwner(seq, s.options().ownedBy(), st);
        }
        Params p = params(seq.type(), s.options(), new Params(seq.type(), seq.start(), seq.increment(), seq.max(),
            seq.min(), seq.cache(), seq.cycle()));
        Long restart = s.options().restart() ? (s.options().restartWith() != null ? s.options().restartWith() : p.start())
            : null;
        if (restart != null && restart < p.min()) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + restart
                + ") cannot be less than MINVALUE (" + p.min() + ")");
        }
        if (restart != null && restart > p.max()) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + restart
                + ") cannot be greater than MAXVALUE (" + p.max() + ")");
        }
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_SEQUENCE, 0, seq.oid(), st.freshSnapshot())) {
            store.update(CatalogTables.PG_SEQUENCE, e.tid(), CatalogTables.sequenceRow(seq.oid(), p.type(), p.start(),
                p.increment(), p.max(), p.min(), p.cache(), p.cycle()));
        }
        if (restart != null) {
            restart(st, seq.locator(), restart);
        }
        st.transaction().commandCounterIncrement();
        return "ALTER SEQUENCE";
    }

    /** The state "next nextval returns {@code value}", WAL-logged. */
    static void restart(StorageTransaction st, org.tuskdb.api.storage.RelFileLocator loc, long value) {
        SequenceState state = new SequenceState(value, 0, false);
        SequenceDescriptor.storage(st.services()).modify(loc, (cur, ck) ->
            new org.tuskdb.sql.internal.sequence.SequenceStorage.Change(state, state));
    }

    /**
     * Creates a sequence: checks and defaults of init_params, the catalog rows, the file and its
     * first state (start value, not yet called); owned by a column when {@code owner} is set.
     */
    void createSequence(StorageTransaction st, long namespace, String name, boolean temporary, PgType type,
                        Statement.SequenceOptions o, long owner, int ownerColumn, String deptype, ParseState ps) {
        Params p = params(type, o, null);
        long start = p.start();
        long increment = p.increment();
        long max = p.max();
        long min = p.min();
        long cache = p.cache();
        boolean cycle = p.cycle();
        StorageServices services = st.services();
        Transaction tx = st.transaction();
        st.catalogChanged();
        long oid = services.transactions().newOid();
        RelFileLocator loc = new RelFileLocator(CatalogTables.DB_OID, oid);
        st.lockRelation(oid, LockMode.ACCESS_EXCLUSIVE);
        DdlExecutor.createFile(services, tx, loc);
        SequenceDescriptor.storage(services).initialize(loc, new SequenceState(start, 0, false));
        CatalogStore store = new CatalogStore(services.heap(), tx);
        org.tuskdb.sql.internal.value.Value[] classRow = CatalogTables.classRow(oid, name, namespace, oid, 3, null, "S",
            temporary || namespace == session.relcache().tempNamespace() ? "t" : "p", session.currentUserOid());
        classRow[CatalogTables.CLASS_RELACL] = PrivilegeCommands.initialAcl(st, "SEQUENCE", session.currentUserOid(),
            namespace);
        store.insert(CatalogTables.PG_CLASS, classRow);
        List<Relation.Column> cols = new SequenceDescriptor(oid, null, namespace, name, loc, type, start, increment, max,
            min, cache, cycle).columns();
        for (int i = 0; i < cols.size(); i++) {
            store.insert(CatalogTables.PG_ATTRIBUTE, CatalogTables.attributeRow(oid, i + 1, cols.get(i), true, false, ""));
        }
        store.insert(CatalogTables.PG_SEQUENCE, CatalogTables.sequenceRow(oid, type, start, increment, max, min, cache,
            cycle));
        if (owner != 0) {
            store.insert(CatalogTables.PG_DEPEND, CatalogTables.dependRow(oid, owner, ownerColumn, deptype));
        }
        tx.commandCounterIncrement();
    }
}
