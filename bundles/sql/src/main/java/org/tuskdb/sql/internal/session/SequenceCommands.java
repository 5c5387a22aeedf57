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
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SequenceDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.sequence.SequenceState;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.PgType;

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
        long owner = 0;
        int ownerColumn = 0;
        List<String> ownedBy = s.options().ownedBy();
        if (ownedBy != null && !ownedBy.isEmpty()) {
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
            owner = t.oid();
            ownerColumn = i + 1;
        }
        PgType type = PgType.INT8;
        if (s.options().asType() != null) {
            type = StoredExpressions.resolveType(s.options().asType(), "", ps).type();
        }
        createSequence(st, namespace, s.name().name(), s.temporary(), type, s.options(), owner, ownerColumn, "a", ps);
        return "CREATE SEQUENCE";
    }

    /**
     * Creates a sequence: checks and defaults of init_params, the catalog rows, the file and its
     * first state (start value, not yet called); owned by a column when {@code owner} is set.
     */
    void createSequence(StorageTransaction st, long namespace, String name, boolean temporary, PgType type,
                        Statement.SequenceOptions o, long owner, int ownerColumn, String deptype, ParseState ps) {
        long typeMin;
        long typeMax;
        switch (type.oid()) {
            case 21 -> { typeMin = Short.MIN_VALUE; typeMax = Short.MAX_VALUE; }
            case 23 -> { typeMin = Integer.MIN_VALUE; typeMax = Integer.MAX_VALUE; }
            case 20 -> { typeMin = Long.MIN_VALUE; typeMax = Long.MAX_VALUE; }
            default -> throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "sequence type must be smallint, integer, or bigint");
        }
        long increment = o.increment() == null ? 1 : o.increment();
        if (increment == 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        }
        long max = o.max() != null ? o.max() : increment > 0 ? typeMax : -1;
        long min = o.min() != null ? o.min() : increment > 0 ? 1 : typeMin;
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
        long start = o.start() != null ? o.start() : increment > 0 ? min : max;
        if (start < min) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start
                + ") cannot be less than MINVALUE (" + min + ")");
        }
        if (start > max) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start
                + ") cannot be greater than MAXVALUE (" + max + ")");
        }
        long cache = o.cache() == null ? 1 : o.cache();
        if (cache <= 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cache
                + ") must be greater than zero");
        }
        boolean cycle = o.cycle() != null && o.cycle();
        StorageServices services = st.services();
        Transaction tx = st.transaction();
        st.catalogChanged();
        long oid = services.transactions().newOid();
        RelFileLocator loc = new RelFileLocator(CatalogTables.DB_OID, oid);
        st.lockRelation(oid, LockMode.ACCESS_EXCLUSIVE);
        DdlExecutor.createFile(services, tx, loc);
        SequenceDescriptor.storage(services).initialize(loc, new SequenceState(start, 0, false));
        CatalogStore store = new CatalogStore(services.heap(), tx);
        store.insert(CatalogTables.PG_CLASS, CatalogTables.classRow(oid, name, namespace, oid, 3, null, "S",
            temporary || namespace == session.relcache().tempNamespace() ? "t" : "p"));
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
