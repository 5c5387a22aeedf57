package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.RowCodec;
import org.tuskdb.sql.internal.value.PgType;

/**
 * A table as the relation cache holds it (PostgreSQL's RelationData): its pg_class and
 * pg_attribute rows with the defaults already analyzed and the row codec made, so statements
 * over it do no catalog work. Immutable; a catalog change replaces it.
 *
 * @param defaults per column the analyzed DEFAULT (coerced to the column's type), or null
 * @param defaultTexts per column the DEFAULT's source text as stored in pg_attrdef, or null
 * @param checks the CHECK constraints in name order (the order PostgreSQL checks them in)
 * @param identity per column "" or pg_attribute.attidentity: a(lways) / d (by default)
 * @param temporary a temporary table (relpersistence t) of this session
 * @param indexes the table's indexes (pg_index, see {@link IndexCatalog}), in oid order
 * @param foreignKeys the FOREIGN KEYs this table declares, in oid order ({@link ForeignKeyCatalog})
 * @param referencedBy the FOREIGN KEYs (of any table, this one included) referencing this table, in oid order
 * @param attnums per column its pg_attribute.attnum, which a dropped column before it makes
 *                larger than position + 1 (null: position + 1, as for the nailed catalogs); the
 *                engine works on positions, the catalog rows (pg_index.indkey, pg_constraint.conkey,
 *                pg_attrdef.adnum, pg_depend.refobjsubid) hold attnums: {@link #attnum} and
 *                {@link #position} translate
 * @param triggers the table's user triggers (pg_trigger, see {@link TriggerCatalog}), {@link TriggerSet#NONE} without any
 * @param view null for a table; for the stand-in of a view that an INSERT / UPDATE / DELETE changes through its
 *             INSTEAD OF triggers ({@link #ofView}), that view
 * @param generated per column the analyzed generation expression of a stored generated column and the columns it
 *                  reads, else null; null when the table has none
 * @param matview null for a table; for a materialized view (relkind m, whose rows are its query's as the last
 *                CREATE or REFRESH left them) whether it is populated
 */
public record TableDescriptor(long oid, String schema, long namespaceOid, String name, RelFileLocator locator,
                              List<Column> columns, boolean[] notNull, Expression[] defaults, String[] defaultTexts,
                              String reloptions, boolean systemCatalog, RowCodec codec, List<CheckConstraint> checks,
                              String[] identity, boolean temporary, List<IndexDescriptor> indexes,
                              List<ForeignKey> foreignKeys, List<ForeignKey> referencedBy, int[] attnums,
                              TriggerSet triggers, ViewDescriptor view, GeneratedColumn[] generated,
                              Matview matview, Partitioning partitioning)
    implements Relation {

    /** A table that is neither partitioned nor a partition. */
    public TableDescriptor(long oid, String schema, long namespaceOid, String name, RelFileLocator locator,
                           List<Column> columns, boolean[] notNull, Expression[] defaults, String[] defaultTexts,
                           String reloptions, boolean systemCatalog, RowCodec codec, List<CheckConstraint> checks,
                           String[] identity, boolean temporary, List<IndexDescriptor> indexes,
                           List<ForeignKey> foreignKeys, List<ForeignKey> referencedBy, int[] attnums,
                           TriggerSet triggers, ViewDescriptor view, GeneratedColumn[] generated, Matview matview) {
        this(oid, schema, namespaceOid, name, locator, columns, notNull, defaults, defaultTexts, reloptions,
            systemCatalog, codec, checks, identity, temporary, indexes, foreignKeys, referencedBy, attnums, triggers,
            view, generated, matview, null);
    }

    /** Whether this is a partitioned table (relkind p): its rows are in its partitions, never in its own file. */
    public boolean partitioned() {
        return partitioning != null && partitioning.key() != null;
    }

    /** The same table with its partitioning (RelationCache attaches it when it loads the table). */
    public TableDescriptor withPartitioning(Partitioning p) {
        return new TableDescriptor(oid, schema, namespaceOid, name, locator, columns, notNull, defaults, defaultTexts,
            reloptions, systemCatalog, codec, checks, identity, temporary, indexes, foreignKeys, referencedBy, attnums,
            triggers, view, generated, matview, p);
    }

    /** What a materialized view's descriptor adds to a table's: pg_class.relispopulated. */
    public record Matview(boolean populated) {}

    public TableDescriptor(long oid, String schema, long namespaceOid, String name, RelFileLocator locator,
                           List<Column> columns, boolean[] notNull, Expression[] defaults, String[] defaultTexts,
                           String reloptions, boolean systemCatalog) {
        this(oid, schema, namespaceOid, name, locator, columns, notNull, defaults, defaultTexts, reloptions,
            systemCatalog, List.of(), null, false, null);
    }

    public TableDescriptor(long oid, String schema, long namespaceOid, String name, RelFileLocator locator,
                           List<Column> columns, boolean[] notNull, Expression[] defaults, String[] defaultTexts,
                           String reloptions, boolean systemCatalog, List<CheckConstraint> checks, String[] identity,
                           boolean temporary, int[] attnums) {
        this(oid, schema, namespaceOid, name, locator, List.copyOf(columns), notNull, defaults, defaultTexts, reloptions,
            systemCatalog, new RowCodec(columns.stream().map(Column::type).toArray(PgType[]::new)), List.copyOf(checks),
            identity == null ? emptyIdentity(columns.size()) : identity, temporary, List.of(), List.of(), List.of(),
            attnums, TriggerSet.NONE, null, null, null);
    }

    private static String[] emptyIdentity(int n) {
        String[] s = new String[n];
        java.util.Arrays.fill(s, "");
        return s;
    }

    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** The pg_attribute.attnum of the column at 0-based {@code position}. */
    public int attnum(int position) {
        return attnums == null ? position + 1 : attnums[position];
    }

    /** The 0-based position of the live column numbered {@code attnum}, or -1 (dropped, or no such column). */
    public int position(int attnum) {
        if (attnums == null) {
            return attnum >= 1 && attnum <= columns.size() ? attnum - 1 : -1;
        }
        for (int i = 0; i < attnums.length; i++) {
            if (attnums[i] == attnum) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the column at {@code position} is a stored generated column (pg_attribute.attgenerated s). */
    public boolean isGenerated(int position) {
        return generated != null && generated[position] != null;
    }

    /** The same table with its stored generated columns' expressions (RelationCache attaches them when it loads the table). */
    public TableDescriptor withGenerated(GeneratedColumn[] expressions) {
        return new TableDescriptor(oid, schema, namespaceOid, name, locator, columns, notNull, defaults, defaultTexts,
            reloptions, systemCatalog, codec, checks, identity, temporary, indexes, foreignKeys, referencedBy, attnums,
            triggers, view, expressions, matview, partitioning);
    }

    /** The same relation as a materialized view (RelationCache marks one when it loads it). */
    public TableDescriptor asMatview(boolean populated) {
        return new TableDescriptor(oid, schema, namespaceOid, name, locator, columns, notNull, defaults, defaultTexts,
            reloptions, systemCatalog, codec, checks, identity, temporary, indexes, foreignKeys, referencedBy, attnums,
            triggers, view, generated, new Matview(populated), partitioning);
    }

    /**
     * A scan of an unpopulated materialized view is 55000 (PostgreSQL's executor checks it when the
     * plan starts, so EXPLAIN and planning do not); a table passes.
     */
    public void checkScannable() {
        if (matview != null && !matview.populated()) {
            throw org.tuskdb.api.DatabaseException.error("55000", "materialized view \"" + name
                + "\" has not been populated").withHint("Use the REFRESH MATERIALIZED VIEW command.");
        }
    }

    /** The same table in a new file (TRUNCATE). */
    public TableDescriptor withLocator(RelFileLocator newLocator) {
        return new TableDescriptor(oid, schema, namespaceOid, name, newLocator, columns, notNull, defaults, defaultTexts,
            reloptions, systemCatalog, codec, checks, identity, temporary, indexes, foreignKeys, referencedBy, attnums,
            triggers, view, generated, matview, partitioning);
    }

    /** The same table with its indexes (RelationCache attaches them when it loads the table). */
    public TableDescriptor withIndexes(List<IndexDescriptor> list) {
        return new TableDescriptor(oid, schema, namespaceOid, name, locator, columns, notNull, defaults, defaultTexts,
            reloptions, systemCatalog, codec, checks, identity, temporary, List.copyOf(list), foreignKeys, referencedBy,
            attnums, triggers, view, generated, matview, partitioning);
    }

    /** The same table with its foreign keys (RelationCache attaches them when it loads the table). */
    public TableDescriptor withForeignKeys(List<ForeignKey> declared, List<ForeignKey> referencing) {
        return new TableDescriptor(oid, schema, namespaceOid, name, locator, columns, notNull, defaults, defaultTexts,
            reloptions, systemCatalog, codec, checks, identity, temporary, indexes, declared, referencing, attnums,
            triggers, view, generated, matview, partitioning);
    }

    /** The same table with its triggers (RelationCache attaches them when it loads the table). */
    public TableDescriptor withTriggers(TriggerSet set) {
        return new TableDescriptor(oid, schema, namespaceOid, name, locator, columns, notNull, defaults, defaultTexts,
            reloptions, systemCatalog, codec, checks, identity, temporary, indexes, foreignKeys, referencedBy, attnums,
            set, view, generated, matview, partitioning);
    }

    /**
     * A view as the target of INSERT / UPDATE / DELETE through its INSTEAD OF triggers: the view's
     * columns (no constraints, defaults or file), its triggers, and the view itself to read the rows from.
     */
    public static TableDescriptor ofView(ViewDescriptor v) {
        int n = v.columns().size();
        TableDescriptor t = new TableDescriptor(v.oid(), v.schema(), v.namespaceOid(), v.name(), null, v.columns(),
            new boolean[n], new Expression[n], new String[n], null, false);
        return new TableDescriptor(t.oid, t.schema, t.namespaceOid, t.name, null, t.columns, t.notNull, t.defaults,
            t.defaultTexts, null, false, t.codec, t.checks, t.identity, false, List.of(), List.of(), List.of(), null,
            v.triggers(), v, null, null);
    }
}
