package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The index catalog (PostgreSQL's pg_index plus the index's pg_class row of relkind 'i'):
 * heap-stored like every catalog, read with the catalog snapshot when a table is loaded into the
 * relation cache, written by CREATE INDEX / constraints in the DDL's transaction (MVCC; an
 * aborted CREATE leaves rows of an aborted transaction and its file is unlinked at abort).
 */
public final class IndexCatalog {
    private IndexCatalog() {}

    public static final int IND_RELID = 0, IND_TABLE = 1, IND_NATTS = 2, IND_UNIQUE = 3, IND_PRIMARY = 4, IND_KEY = 5,
        IND_OPTION = 6, IND_EXPRS = 7, IND_PRED = 8, IND_KEY_ATTNUMS = 9;
    /** pg_am "btree". */
    public static final long BTREE_AM_OID = 403;

    /**
     * @param keys  pg_index.indkey: each key column's attnum, 0 for an expression ({@link #keyAttnums})
     * @param exprs pg_index.indexprs (null: no expression keys), {@code pred} indpred (null: not partial)
     */
    public static Value[] indexRow(long indexOid, long tableOid, int[] keys, int[] flags, boolean unique,
                                   boolean primary, String exprs, String pred) {
        return new Value[] {OidValue.oid(indexOid), OidValue.oid(tableOid), IntegerValue.of(PgType.INT2, keys.length),
            BoolValue.of(unique), BoolValue.of(primary), TextValue.text(vector(keys)), TextValue.text(vector(flags)),
            exprs == null ? null : TextValue.text(exprs), pred == null ? null : TextValue.text(pred), BoolValue.TRUE};
    }

    /**
     * pg_index.indkey of an index whose key columns are the 0-based positions {@code columns} (-1
     * an expression) of {@code table}: a table's attnums, or position + 1 for the columns of a
     * table being created (no column dropped yet).
     */
    public static int[] keyAttnums(Relation table, int[] columns) {
        int[] keys = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            keys[i] = columns[i] < 0 ? 0 : table instanceof TableDescriptor t ? t.attnum(columns[i]) : columns[i] + 1;
        }
        return keys;
    }

    /** pg_index.indkey of a stored row: the key columns' attnums, 0 for an expression. */
    public static int[] keys(Value[] row) {
        return parse(((TextValue) row[IND_KEY]).value());
    }

    /**
     * pg_index.indexprs split into its keys' texts (each as pg_get_indexdef prints it: a function
     * call bare, anything else in parentheses), at the commas outside parentheses and literals.
     */
    public static List<String> keyTexts(String exprs) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (org.tuskdb.sql.internal.parser.Token t : org.tuskdb.sql.internal.parser.Lexer.tokenize(exprs)) {
            if (t.kind() == org.tuskdb.sql.internal.parser.Token.Kind.EOF) {
                break;
            }
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (depth == 0 && t.isPunct(',')) {
                out.add(exprs.substring(from, t.start()).strip());
                from = t.end();
            }
        }
        out.add(exprs.substring(from).strip());
        return out;
    }

    /** The stored text of column {@code i} of a pg_index row, or null (also for rows older than the column). */
    public static String text(Value[] row, int i) {
        return i < row.length && row[i] instanceof TextValue t ? t.value() : null;
    }

    /**
     * Startup (CatalogBootstrap): rewrites the pg_index rows of builds before indkeyattnums, whose
     * indkey held each key column's 0-based position among the table's live columns plus one —
     * the attnum only while no column before it was dropped. Such a row is read as those builds
     * read it, as positions among today's live columns (the index files were built from those
     * columns), and gets those columns' attnums; a number beyond the live columns (no build could
     * read it) is kept as an attnum. Returns whether a row changed.
     */
    public static boolean upgrade(CatalogStore store, Snapshot snapshot) {
        boolean changed = false;
        java.util.Map<Long, int[]> live = new java.util.HashMap<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_INDEX, snapshot)) {
            Value[] r = e.row();
            if (r[IND_KEY_ATTNUMS] instanceof BoolValue b && b.value()) {
                continue;
            }
            int[] attnums = live.computeIfAbsent(((OidValue) r[IND_TABLE]).value(),
                rel -> store.liveAttnums(rel, snapshot));
            int[] keys = keys(r);
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] > 0 && keys[i] <= attnums.length) {
                    keys[i] = attnums[keys[i] - 1];
                }
            }
            Value[] row = r.clone();
            row[IND_KEY] = TextValue.text(vector(keys));
            row[IND_KEY_ATTNUMS] = BoolValue.TRUE;
            store.update(CatalogTables.PG_INDEX, e.tid(), row);
            changed = true;
        }
        return changed;
    }

    /** The pg_class row of an index: relkind i, relam btree, its own relfilenode. */
    public static Value[] classRow(long oid, String name, long namespace, long relfilenode, int natts,
                                   String relpersistence, long owner) {
        Value[] row = CatalogTables.classRow(oid, name, namespace, relfilenode, natts, null, "i", relpersistence, owner);
        row[5] = OidValue.oid(BTREE_AM_OID);
        return row;
    }

    private static String vector(int[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : " ").append(v[i]);
        }
        return b.toString();
    }

    private static int[] parse(String s) {
        String[] parts = s.isEmpty() ? new String[0] : s.split(" ");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    /**
     * A name that means no table but an index (the relation cache has no indexes): 42809
     * "\"i\" is an index" at the name's position, as PostgreSQL's parserOpenTable.
     */
    static void refuseIndex(RelationCache cache, String schema, String name, int position,
                            org.tuskdb.sql.internal.storage.StorageContext sc) {
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Long> namespaces = new ArrayList<>();
        if (schema != null) {
            namespaces.add(cache.namespaceOid(schema, sc));
        } else {
            namespaces.addAll(cache.searchPath(sc, sc.sessionUser()));
        }
        Snapshot snapshot = sc.freshSnapshot();
        for (long nsp : namespaces) {
            CatalogStore.Entry e = nsp < 0 ? null : store.findClass(nsp, name, snapshot);
            if (e != null) {
                if (((TextValue) e.row()[CatalogTables.CLASS_RELKIND]).value().equals("i")) {
                    throw org.tuskdb.api.DatabaseException.atPosition("42809", "\"" + name + "\" is an index", position);
                }
                return;
            }
        }
    }

    /** The table with its indexes read from pg_index / pg_class (none: the table itself). */
    public static TableDescriptor attach(TableDescriptor table, CatalogStore store, Snapshot snapshot,
                                         RelationCache.ExpressionLoader loader) {
        List<IndexDescriptor> list = indexes(table, store, snapshot, loader);
        return list.isEmpty() ? table : table.withIndexes(list);
    }

    /**
     * The indexes of {@code table}; expression keys and predicates are analyzed by {@code loader}
     * over the table's columns (the stored text is what CREATE INDEX deparsed).
     */
    public static List<IndexDescriptor> indexes(TableDescriptor table, CatalogStore store, Snapshot snapshot,
                                                RelationCache.ExpressionLoader loader) {
        long tableOid = table.oid();
        List<IndexDescriptor> out = new ArrayList<>();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_INDEX, IND_TABLE, tableOid, snapshot)) {
            Value[] r = e.row();
            long oid = ((OidValue) r[IND_RELID]).value();
            CatalogStore.Entry cls = store.findClassByOid(oid, snapshot);
            if (cls == null) {
                continue;
            }
            int[] keys = keys(r);
            int[] columns = new int[keys.length];
            boolean lost = false;
            for (int i = 0; i < keys.length; i++) {
                columns[i] = keys[i] == 0 ? -1 : table.position(keys[i]);
                lost |= keys[i] != 0 && columns[i] < 0;
            }
            if (lost) {
                continue; // a key column is dropped (DROP COLUMN drops its indexes; not reached)
            }
            String exprText = text(r, IND_EXPRS);
            String predText = text(r, IND_PRED);
            Expression[] exprs = null;
            if (exprText != null) {
                Expression[] list = loader.analyzeIndexExpressions(exprText, table);
                exprs = new Expression[columns.length];
                for (int i = 0, j = 0; i < columns.length; i++) {
                    exprs[i] = columns[i] < 0 ? list[j++] : null;
                }
            }
            Expression pred = predText == null ? null : loader.analyzeCheck(predText, table);
            out.add(new IndexDescriptor(oid, ((TextValue) cls.row()[CatalogTables.CLASS_RELNAME]).value(), tableOid,
                new RelFileLocator(CatalogTables.DB_OID,
                    ((OidValue) cls.row()[CatalogTables.CLASS_RELFILENODE]).value()),
                columns, parse(((TextValue) r[IND_OPTION]).value()),
                ((BoolValue) r[IND_UNIQUE]).value(), ((BoolValue) r[IND_PRIMARY]).value(), exprs, pred, exprText,
                predText));
        }
        out.sort(Comparator.comparingLong(IndexDescriptor::oid));
        return out;
    }
}
