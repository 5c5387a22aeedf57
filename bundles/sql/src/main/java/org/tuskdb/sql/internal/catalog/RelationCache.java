package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * One backend's relation cache (PostgreSQL's relcache + RangeVarGetRelidExtended): name to
 * {@link TableDescriptor}, read from pg_class / pg_attribute with a catalog snapshot on a miss.
 *
 * <p>Rules: (1) {@link #checkInvalidation()} at the start of every statement and after every
 * table lock empties the cache when the shared {@link CatalogCounter} moved; (2) the lookup
 * locks the table it found, then, if the counter moved while it waited, looks again and keeps
 * the lock only if the name still means the same table; (3) a transaction's own DDL empties
 * the cache at once and again at its end ({@link #invalidateLocal()}); (4) misses are not
 * cached. {@link #generation()} counts the emptyings: prepared plans made at an older
 * generation are re-planned.
 */
public final class RelationCache {
    /** Analyzes a stored DEFAULT expression for a column of that type. */
    @FunctionalInterface
    public interface DefaultAnalyzer {
        Expression analyze(String text, PgType type, int typmod);
    }

    private final Catalog views;
    private final CatalogCounter counter;
    private final DefaultAnalyzer defaults;
    private final Map<String, TableDescriptor> byName = new HashMap<>();
    private long seen;
    private int generation;

    public RelationCache(Catalog views, CatalogCounter counter, DefaultAnalyzer defaults) {
        this.views = views;
        this.counter = counter;
        this.defaults = defaults;
        this.seen = counter.current();
    }

    public int generation() {
        return generation;
    }

    /** Empties the cache if the shared counter moved; true when it did. */
    public boolean checkInvalidation() {
        long now = counter.current();
        if (now != seen) {
            seen = now;
            invalidateLocal();
            return true;
        }
        return false;
    }

    public void invalidateLocal() {
        byName.clear();
        generation++;
    }

    public CatalogCounter counter() {
        return counter;
    }

    /**
     * The relation a (possibly qualified) name means, locked in {@code mode} if it is a table
     * (no lock for null). Missing: null with {@code missingOk}, else 42P01 at {@code position}.
     */
    public Relation lookup(String schema, String name, LockMode mode, int position, boolean missingOk,
                           StorageContext sc) {
        boolean tables = sc != null && sc.services() != null && sc.services().tablesAvailable();
        if (schema == null || schema.equals("pg_catalog")) {
            SystemView v = views.view(name);
            if (v != null) {
                return v;
            }
            TableDescriptor nailed = CatalogTables.nailedByName(name);
            if (nailed != null && tables) {
                if (mode != null) {
                    sc.lockRelation(nailed.oid(), mode);
                }
                return nailed;
            }
        }
        long namespace = schema == null || schema.equals("public") ? CatalogTables.PUBLIC_NAMESPACE : -1;
        if (namespace < 0 || !tables) {
            return missing(schema, name, position, missingOk);
        }
        String key = name;
        while (true) {
            checkInvalidation();
            TableDescriptor t = byName.get(key);
            if (t == null) {
                t = load(namespace, name, sc);
                if (t == null) {
                    return missing(schema, name, position, missingOk);
                }
                byName.put(key, t);
            }
            if (mode == null) {
                return t;
            }
            sc.lockRelation(t.oid(), mode);
            if (!checkInvalidation()) {
                return t;
            }
            TableDescriptor again = load(namespace, name, sc);
            if (again != null && again.oid() == t.oid()) {
                byName.put(key, again);
                return again;
            }
            sc.unlockRelation(t.oid(), mode);
            if (again == null) {
                return missing(schema, name, position, missingOk);
            }
        }
    }

    private static Relation missing(String schema, String name, int position, boolean missingOk) {
        if (missingOk) {
            return null;
        }
        String shown = schema == null ? name : schema + "." + name;
        throw DatabaseException.atPosition(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist",
            position);
    }

    /** Reads the table's catalog rows with a fresh catalog snapshot; null when there is none. */
    private TableDescriptor load(long namespace, String name, StorageContext sc) {
        Snapshot snapshot = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        CatalogStore.Entry cls = store.findClass(namespace, name, snapshot);
        if (cls == null) {
            return null;
        }
        Value[] c = cls.row();
        long oid = ((OidValue) c[CatalogTables.CLASS_OID]).value();
        long relfilenode = ((OidValue) c[CatalogTables.CLASS_RELFILENODE]).value();
        List<Relation.Column> columns = new ArrayList<>();
        List<Boolean> notNull = new ArrayList<>();
        List<String> defaultTexts = new ArrayList<>();
        for (CatalogStore.Entry a : store.attributes(oid, snapshot)) {
            Value[] r = a.row();
            if (((BoolValue) r[CatalogTables.ATT_DROPPED]).value()) {
                continue;
            }
            PgType type = PgType.byOid((int) ((OidValue) r[CatalogTables.ATT_TYPID]).value());
            columns.add(new Relation.Column(((TextValue) r[CatalogTables.ATT_NAME]).value(), type,
                (int) ((IntegerValue) r[CatalogTables.ATT_TYPMOD]).value()));
            notNull.add(((BoolValue) r[CatalogTables.ATT_NOTNULL]).value());
            defaultTexts.add(r[CatalogTables.ATT_DEFAULT] == null ? null : ((TextValue) r[CatalogTables.ATT_DEFAULT]).value());
        }
        boolean[] nn = new boolean[columns.size()];
        Expression[] defs = new Expression[columns.size()];
        String[] texts = new String[columns.size()];
        for (int i = 0; i < nn.length; i++) {
            nn[i] = notNull.get(i);
            texts[i] = defaultTexts.get(i);
            if (texts[i] != null) {
                defs[i] = defaults.analyze(texts[i], columns.get(i).type(), columns.get(i).typmod());
            }
        }
        String options = c[CatalogTables.CLASS_RELOPTIONS] == null ? null
            : ((TextValue) c[CatalogTables.CLASS_RELOPTIONS]).value();
        return new TableDescriptor(oid, "public", namespace, name,
            new RelFileLocator(CatalogTables.DB_OID, relfilenode), columns, nn, defs, texts, options, false);
    }
}
