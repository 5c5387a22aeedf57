package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The bootstrap catalogs (PostgreSQL's pg_namespace, pg_class, pg_attribute with the columns
 * Tusk keeps, in PostgreSQL's order and names), hard-wired like PostgreSQL's relcache does for
 * its nailed relations: their own descriptors never come from the heap. Files are
 * {@code base/5/<oid>} (relfilenode = oid). Also the row layouts for their tuples.
 */
public final class CatalogTables {
    private CatalogTables() {}

    public static final int DB_OID = RelFileLocator.POSTGRES_DB_OID;
    public static final long PG_CATALOG_NAMESPACE = 11;
    public static final long PUBLIC_NAMESPACE = 2200;
    public static final long PG_NAMESPACE_OID = 2615;
    public static final long PG_CLASS_OID = 1259;
    public static final long PG_ATTRIBUTE_OID = 1249;
    /** The bootstrap superuser. */
    public static final long SUPERUSER_OID = 10;
    /** pg_am "heap". */
    public static final long HEAP_AM_OID = 2;

    public static final TableDescriptor PG_NAMESPACE = nailed(PG_NAMESPACE_OID, "pg_namespace", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("nspname", PgType.NAME),
        new Relation.Column("nspowner", PgType.OID)));

    public static final TableDescriptor PG_CLASS = nailed(PG_CLASS_OID, "pg_class", List.of(
        new Relation.Column("oid", PgType.OID), new Relation.Column("relname", PgType.NAME),
        new Relation.Column("relnamespace", PgType.OID), new Relation.Column("reltype", PgType.OID),
        new Relation.Column("relowner", PgType.OID), new Relation.Column("relam", PgType.OID),
        new Relation.Column("relfilenode", PgType.OID), new Relation.Column("reltablespace", PgType.OID),
        new Relation.Column("relpages", PgType.INT4), new Relation.Column("reltuples", PgType.FLOAT4),
        new Relation.Column("relhasindex", PgType.BOOL), new Relation.Column("relisshared", PgType.BOOL),
        new Relation.Column("relpersistence", PgType.TEXT), new Relation.Column("relkind", PgType.TEXT),
        new Relation.Column("relnatts", PgType.INT2), new Relation.Column("reloptions", PgType.TEXT)));

    public static final TableDescriptor PG_ATTRIBUTE = nailed(PG_ATTRIBUTE_OID, "pg_attribute", List.of(
        new Relation.Column("attrelid", PgType.OID), new Relation.Column("attname", PgType.NAME),
        new Relation.Column("atttypid", PgType.OID), new Relation.Column("attlen", PgType.INT2),
        new Relation.Column("attnum", PgType.INT2), new Relation.Column("atttypmod", PgType.INT4),
        new Relation.Column("attnotnull", PgType.BOOL), new Relation.Column("atthasdef", PgType.BOOL),
        new Relation.Column("attisdropped", PgType.BOOL), new Relation.Column("attdefault", PgType.TEXT)));

    public static final List<TableDescriptor> ALL = List.of(PG_NAMESPACE, PG_CLASS, PG_ATTRIBUTE);

    // pg_class column numbers used by the catalog code
    static final int CLASS_OID = 0, CLASS_RELNAME = 1, CLASS_RELNAMESPACE = 2, CLASS_RELFILENODE = 6,
        CLASS_RELKIND = 13, CLASS_RELNATTS = 14, CLASS_RELOPTIONS = 15;
    static final int ATT_RELID = 0, ATT_NAME = 1, ATT_TYPID = 2, ATT_NUM = 4, ATT_TYPMOD = 5, ATT_NOTNULL = 6,
        ATT_HASDEF = 7, ATT_DROPPED = 8, ATT_DEFAULT = 9;

    private static TableDescriptor nailed(long oid, String name, List<Relation.Column> columns) {
        boolean[] notNull = new boolean[columns.size()];
        for (int i = 0; i < notNull.length; i++) {
            notNull[i] = columns.get(i).type() != PgType.TEXT;
        }
        return new TableDescriptor(oid, "pg_catalog", PG_CATALOG_NAMESPACE, name, new RelFileLocator(DB_OID, oid),
            columns, notNull, new Expression[columns.size()], new String[columns.size()], null, true);
    }

    public static TableDescriptor nailedByName(String name) {
        for (TableDescriptor t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    public static Value[] namespaceRow(long oid, String name) {
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(SUPERUSER_OID)};
    }

    public static Value[] classRow(long oid, String name, long namespace, long relfilenode, int natts, String reloptions) {
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(namespace),
            OidValue.oid(0), OidValue.oid(SUPERUSER_OID), OidValue.oid(HEAP_AM_OID), OidValue.oid(relfilenode),
            OidValue.oid(0), IntegerValue.int4(0), FloatValue.float4(-1), BoolValue.FALSE, BoolValue.FALSE,
            TextValue.text("p"), TextValue.text("r"), IntegerValue.of(PgType.INT2, natts),
            reloptions == null ? null : TextValue.text(reloptions)};
    }

    public static Value[] attributeRow(long relOid, int attnum, Relation.Column c, boolean notNull, String defaultText) {
        return new Value[] {OidValue.oid(relOid), new TextValue(PgType.NAME, c.name()), OidValue.oid(c.type().oid()),
            IntegerValue.of(PgType.INT2, c.type().length()), IntegerValue.of(PgType.INT2, attnum),
            IntegerValue.int4(c.typmod()), BoolValue.of(notNull), BoolValue.of(defaultText != null), BoolValue.FALSE,
            defaultText == null ? null : TextValue.text(defaultText)};
    }
}
