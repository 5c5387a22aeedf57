package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Privilege checks (aclchk.c's pg_*_aclmask / aclcheck_error) over the stored ACLs: an object's
 * owner, stored ACL and names, read once per relation-cache generation ({@link RelationCache#objectAcl}).
 * The predefined roles pg_read_all_data (SELECT on relations, USAGE on schemas) and
 * pg_write_all_data (INSERT, UPDATE, DELETE; USAGE on schemas) add to the mask, as PostgreSQL 15's.
 */
public final class Privileges {
    private Privileges() {}

    private static final long READ_ALL_DATA = 6181, WRITE_ALL_DATA = 6182;

    /**
     * What a check needs of an object: its ACL kind (TABLE, SEQUENCE, SCHEMA, FUNCTION, DATABASE), the
     * word errors use (table, view, sequence, schema, function, database), its name, owner and stored ACL.
     */
    public record ObjectAcl(String kind, String noun, String name, long owner, Value acl,
                            java.util.Map<Integer, Value> columnAcls) {
        public ObjectAcl(String kind, String noun, String name, long owner, Value acl) {
            this(kind, noun, name, owner, acl, java.util.Map.of());
        }

        public List<AclItems.Item> items() {
            return AclItems.effective(acl, kind, owner);
        }
    }

    /** The privileges a column may have of its own (SELECT, INSERT, UPDATE, REFERENCES). */
    public static final int ALL_COLUMN = AclItems.SELECT | AclItems.INSERT | AclItems.UPDATE | AclItems.REFERENCES;

    /** The relation's columns with an ACL of their own (attacl not null), by attnum. */
    private static java.util.Map<Integer, Value> columnAcls(CatalogStore store, long rel,
                                                            org.tuskdb.api.xact.Snapshot snap) {
        java.util.Map<Integer, Value> out = new java.util.HashMap<>();
        for (CatalogStore.Entry a : store.attributes(rel, snap)) {
            Value[] r = a.row();
            if (r[CatalogTables.ATT_ACL] != null
                    && !(r[CatalogTables.ATT_DROPPED] instanceof org.tuskdb.sql.internal.value.BoolValue b && b.value())) {
                out.put((int) ((org.tuskdb.sql.internal.value.IntegerValue) r[CatalogTables.ATT_NUM]).value(),
                    r[CatalogTables.ATT_ACL]);
            }
        }
        return java.util.Map.copyOf(out);
    }

    /**
     * Which of a table's columns the current user may see in an error's DETAIL: null for all (a
     * superuser, SELECT on the table, no roles), else the columns with SELECT of their own.
     */
    public static boolean[] selectableColumns(org.tuskdb.sql.internal.expr.EvalContext ctx, long rel, int columns,
                                              java.util.function.IntUnaryOperator attnum) {
        StorageContext sc = ctx.storage();
        if (sc == null || sc.relationCache() == null || !CatalogNames.tables(sc)) {
            return null;
        }
        Roles roles = Roles.of(ctx);
        long user = ctx.userOid();
        ObjectAcl o = roles.isSuperuser(user) ? null : sc.relationCache().objectAcl(sc, rel, false);
        if (o == null || (mask(roles, user, o) & AclItems.SELECT) != 0) {
            return null;
        }
        boolean[] out = new boolean[columns];
        for (int i = 0; i < columns; i++) {
            out[i] = (columnMask(roles, user, o, attnum.applyAsInt(i)) & AclItems.SELECT) != 0;
        }
        return out;
    }

    /** The attnum of the relation's live column of that name, 0 when there is none. */
    public static int attnum(StorageContext sc, long rel, String name) {
        for (CatalogStore.Entry a : new CatalogStore(sc.heap(), sc.transaction()).attributes(rel, sc.freshSnapshot())) {
            Value[] r = a.row();
            int n = (int) ((org.tuskdb.sql.internal.value.IntegerValue) r[CatalogTables.ATT_NUM]).value();
            if (n > 0 && text(r[CatalogTables.ATT_NAME]).equals(name)
                    && !(r[CatalogTables.ATT_DROPPED] instanceof org.tuskdb.sql.internal.value.BoolValue b && b.value())) {
                return n;
            }
        }
        return 0;
    }

    /** {@code attnum} when the relation has that live column, else 0. */
    public static int attnum(StorageContext sc, long rel, int attnum) {
        for (CatalogStore.Entry a : new CatalogStore(sc.heap(), sc.transaction()).attributes(rel, sc.freshSnapshot())) {
            Value[] r = a.row();
            if (((org.tuskdb.sql.internal.value.IntegerValue) r[CatalogTables.ATT_NUM]).value() == attnum
                    && !(r[CatalogTables.ATT_DROPPED] instanceof org.tuskdb.sql.internal.value.BoolValue b && b.value())) {
                return attnum;
            }
        }
        return 0;
    }

    /** The privileges {@code user} holds on column {@code attnum} through its own ACL (not the table's). */
    public static int columnMask(Roles roles, long user, ObjectAcl o, int attnum) {
        Value acl = o.columnAcls().get(attnum);
        return acl == null ? 0 : AclItems.mask(AclItems.parse(((TextValue) acl).value()), user, roles, ALL_COLUMN);
    }

    /**
     * ExecCheckRTEPerms with column privileges: what {@code user} lacks of {@code bits} on the
     * relation may be held on columns — on each of {@code attnums}, or, when there are none, on any
     * column (pg_attribute_aclcheck_all's ACLMASK_ANY); privileges that columns cannot have must
     * be the table's. 42501 "permission denied for table t" as PostgreSQL reports it, whatever column
     * failed.
     */
    public static void checkColumns(StorageContext sc, Roles roles, long user, long oid, int bits, int[] attnums) {
        ObjectAcl o = sc.relationCache().objectAcl(sc, oid, false);
        if (o == null) {
            return;
        }
        int missing = bits & ~mask(roles, user, o);
        if (missing == 0) {
            return;
        }
        if ((missing & ~ALL_COLUMN) != 0) {
            throw denied(o);
        }
        if (attnums.length == 0) {
            for (int attnum : o.columnAcls().keySet()) {
                missing &= ~columnMask(roles, user, o, attnum);
            }
            if (missing != 0) {
                throw denied(o);
            }
            return;
        }
        for (int attnum : attnums) {
            if ((columnMask(roles, user, o, attnum) & missing) != missing) {
                throw denied(o);
            }
        }
    }

    /** The object's ACL facts, or null when there is no such object. */
    static ObjectAcl load(StorageContext sc, long oid, boolean function) {
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        org.tuskdb.api.xact.Snapshot snap = sc.freshSnapshot();
        if (function) {
            List<CatalogStore.Entry> rows = store.rowsWhere(CatalogTables.PG_PROC, 0, oid, snap);
            if (rows.isEmpty()) {
                return null;
            }
            Value[] r = rows.get(0).row();
            return new ObjectAcl("FUNCTION", "function", text(r[1]), CatalogTables.owner(r[CatalogTables.PROC_OWNER]),
                r[CatalogTables.PROC_ACL]);
        }
        CatalogStore.Entry c = store.findClassByOid(oid, snap);
        if (c != null) {
            Value[] r = c.row();
            String relkind = text(r[CatalogTables.CLASS_RELKIND]);
            return new ObjectAcl(relkind.equals("S") ? "SEQUENCE" : "TABLE", switch (relkind) {
                case "S" -> "sequence";
                case "v" -> "view";
                case "m" -> "materialized view";
                default -> "table";
            }, text(r[CatalogTables.CLASS_RELNAME]), CatalogTables.owner(r[CatalogTables.CLASS_RELOWNER]),
                r[CatalogTables.CLASS_RELACL], columnAcls(store, oid, snap));
        }
        CatalogStore.Entry n = store.namespaceByOid(oid, snap);
        if (n != null) {
            Value[] r = n.row();
            return new ObjectAcl("SCHEMA", "schema", text(r[1]), CatalogTables.owner(r[CatalogTables.NSP_OWNER]),
                r[CatalogTables.NSP_ACL]);
        }
        List<CatalogStore.Entry> d = store.rowsWhere(CatalogTables.PG_DATABASE, CatalogTables.DAT_OID, oid, snap);
        if (!d.isEmpty()) {
            Value[] r = d.get(0).row();
            return new ObjectAcl("DATABASE", "database", text(r[CatalogTables.DAT_NAME]),
                CatalogTables.owner(r[CatalogTables.DAT_DBA]), r[CatalogTables.DAT_ACL]);
        }
        return null;
    }

    /** The privileges {@code user} holds on the object (all of its kind for superusers). */
    public static int mask(Roles roles, long user, ObjectAcl o) {
        int all = AclItems.all(o.kind());
        int m = AclItems.mask(o.items(), user, roles, all);
        if (o.kind().equals("TABLE") || o.kind().equals("SEQUENCE")) {
            if (roles.hasPrivilegesOf(user, READ_ALL_DATA)) {
                m |= AclItems.SELECT;
            }
            if (roles.hasPrivilegesOf(user, WRITE_ALL_DATA) && o.kind().equals("TABLE")) {
                m |= AclItems.INSERT | AclItems.UPDATE | AclItems.DELETE;
            }
        } else if (o.kind().equals("SCHEMA")
                && (roles.hasPrivilegesOf(user, READ_ALL_DATA) || roles.hasPrivilegesOf(user, WRITE_ALL_DATA))) {
            m |= AclItems.USAGE;
        }
        return m & all;
    }

    /** 42501 "permission denied for KIND name" unless {@code user} holds every privilege of {@code bits}. */
    public static void check(StorageContext sc, Roles roles, long user, long oid, int bits, boolean function) {
        ObjectAcl o = sc.relationCache().objectAcl(sc, oid, function);
        if (o == null || (mask(roles, user, o) & bits) == bits) {
            return;
        }
        throw denied(o);
    }

    /** Whether {@code user} holds any of {@code bits} on the object (nextval: USAGE or UPDATE). */
    public static boolean holdsAny(StorageContext sc, Roles roles, long user, long oid, int bits) {
        ObjectAcl o = sc.relationCache().objectAcl(sc, oid, false);
        return o == null || (mask(roles, user, o) & bits) != 0;
    }

    public static DatabaseException denied(ObjectAcl o) {
        return DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + o.noun() + " "
            + o.name());
    }

    /** The current user's oid for a storage context (its current_user's role; 10 without roles). */
    public static long currentUser(StorageContext sc, Roles roles) {
        Roles.Role r = roles.byName(sc.sessionUser());
        return r == null ? Roles.BOOTSTRAP_SUPERUSER : r.oid();
    }

    private static String text(Value v) {
        return ((TextValue) v).value();
    }

    static long oid(Value v) {
        return ((OidValue) v).value();
    }
}
