package org.tuskdb.sql.internal.session;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.catalog.AclItems;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Roles;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * PostgreSQL's ownership checks (aclchk.c's pg_*_ownercheck, check_is_member_of_role): a superuser
 * passes; otherwise the current user must have the privileges of the object's owner, and to give
 * an object to a role (OWNER TO, CREATE SCHEMA ... AUTHORIZATION) must be a member of that role.
 */
final class Ownership {
    private Ownership() {}

    /** 42501 "must be owner of KIND NAME" unless the current user has the owner's privileges. */
    static void checkOwner(Session session, long owner, String kind, String name) {
        Roles roles = session.roles();
        if (!roles.hasPrivilegesOf(session.currentUserOid(), owner)) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of " + kind + " " + name);
        }
    }

    /** check_is_member_of_role: 42501 "must be member of role" unless a superuser or a member. */
    static void checkMember(Session session, Roles.Role role) {
        Roles roles = session.roles();
        long me = session.currentUserOid();
        if (!roles.isSuperuser(me) && !roles.isMember(me, role.oid())) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + role.name()
                + "\"");
        }
    }

    /** ALTER ... OWNER TO: the owner (or a superuser) may give the object to a role it is a member of. */
    static void checkOwnerChange(Session session, long owner, Roles.Role newOwner, String kind, String name) {
        if (session.currentUserIsSuperuser()) {
            return;
        }
        checkOwner(session, owner, kind, name);
        checkMember(session, newOwner);
    }

    /** pg_class_ownercheck for DROP / ALTER: 42501 "must be owner of table t" (superusers pass). */
    static void checkRelationOwner(Session session, StorageTransaction st, long relOid) {
        if (session.currentUserIsSuperuser()) {
            return;
        }
        CatalogStore.Entry e = new CatalogStore(st.services().heap(), st.transaction()).findClassByOid(relOid,
            st.freshSnapshot());
        if (e != null) {
            checkOwner(session, CatalogTables.owner(e.row()[CatalogTables.CLASS_RELOWNER]),
                relationKind(((TextValue) e.row()[CatalogTables.CLASS_RELKIND]).value()),
                ((TextValue) e.row()[CatalogTables.CLASS_RELNAME]).value());
        }
    }

    /** The owner check of a schema, function or type by its catalog row (oid in column 0). */
    static void checkObjectOwner(Session session, StorageTransaction st, org.tuskdb.sql.internal.catalog.TableDescriptor
            catalog, int ownerColumn, long oid, String kind, String name) {
        if (session.currentUserIsSuperuser()) {
            return;
        }
        for (CatalogStore.Entry e : new CatalogStore(st.services().heap(), st.transaction()).rowsWhere(catalog, 0, oid,
                st.freshSnapshot())) {
            checkOwner(session, CatalogTables.owner(e.row()[ownerColumn]), kind, name);
        }
    }

    /** What "must be owner of" / DROP ROLE's DETAIL call a relation of that relkind. */
    static String relationKind(String relkind) {
        return switch (relkind) {
            case "v" -> "view";
            case "S" -> "sequence";
            case "i" -> "index";
            case "m" -> "materialized view";
            default -> "table";
        };
    }

    /** ALTER SCHEMA ... OWNER TO. */
    static void changeSchemaOwner(Session session, StorageTransaction st, long nsp, String name, Roles.Role newOwner) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CatalogStore.Entry e = store.namespaceByOid(nsp, st.freshSnapshot());
        long owner = CatalogTables.owner(e.row()[CatalogTables.NSP_OWNER]);
        if (owner == newOwner.oid()) {
            return;
        }
        checkOwnerChange(session, owner, newOwner, "schema", name);
        Value[] row = e.row().clone();
        row[CatalogTables.NSP_OWNER] = OidValue.oid(newOwner.oid());
        row[CatalogTables.NSP_ACL] = AclItems.changeOwner(row[CatalogTables.NSP_ACL], owner, newOwner.oid());
        st.catalogChanged();
        store.update(CatalogTables.PG_NAMESPACE, e.tid(), row);
        st.transaction().commandCounterIncrement();
    }

    /**
     * ALTER TABLE / VIEW / SEQUENCE ... OWNER TO (ATExecChangeOwner): relowner of the relation, of a
     * table's indexes and of the sequences its columns own ({@code recursing}); a sequence a column
     * owns may not be given to another role on its own (0A000, as PostgreSQL: pg_dump gives the
     * table first, which takes the sequence with it).
     */
    static void changeRelationOwner(Session session, StorageTransaction st, long relOid, Roles.Role newOwner,
                                    boolean recursing) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        Snapshot snap = st.freshSnapshot();
        CatalogStore.Entry e = store.findClassByOid(relOid, snap);
        if (e == null) {
            return;
        }
        long owner = CatalogTables.owner(e.row()[CatalogTables.CLASS_RELOWNER]);
        String relkind = ((TextValue) e.row()[CatalogTables.CLASS_RELKIND]).value();
        String name = ((TextValue) e.row()[CatalogTables.CLASS_RELNAME]).value();
        Long ownedBy = relkind.equals("S") ? owningTable(store, relOid, snap) : null;
        if (owner == newOwner.oid()) {
            return;
        }
        if (ownedBy != null && !recursing) {
            CatalogStore.Entry table = store.findClassByOid(ownedBy, snap);
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot change owner of sequence \"" + name
                + "\"").withDetail("Sequence \"" + name + "\" is linked to table \""
                + ((TextValue) table.row()[CatalogTables.CLASS_RELNAME]).value() + "\".");
        }
        if (!recursing) {
            checkOwnerChange(session, owner, newOwner, relationKind(relkind), name);
        }
        Value[] row = e.row().clone();
        row[CatalogTables.CLASS_RELOWNER] = OidValue.oid(newOwner.oid());
        row[CatalogTables.CLASS_RELACL] = AclItems.changeOwner(row[CatalogTables.CLASS_RELACL], owner, newOwner.oid());
        st.catalogChanged();
        store.update(CatalogTables.PG_CLASS, e.tid(), row);
        st.transaction().commandCounterIncrement();
        // change_owner_fix_column_acls: the old owner's column grants become the new owner's
        for (CatalogStore.Entry a : store.attributes(relOid, st.freshSnapshot())) {
            if (a.row()[CatalogTables.ATT_ACL] != null) {
                Value[] attr = a.row().clone();
                attr[CatalogTables.ATT_ACL] = AclItems.changeOwner(attr[CatalogTables.ATT_ACL], owner, newOwner.oid());
                store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), attr);
                st.transaction().commandCounterIncrement();
            }
        }
        if (relkind.equals("r") || relkind.equals("m") || relkind.equals("p")) {
            for (CatalogStore.Entry i : store.rowsWhere(CatalogTables.PG_INDEX, 1, relOid, st.freshSnapshot())) {
                changeRelationOwner(session, st, ((OidValue) i.row()[0]).value(), newOwner, true);
            }
            for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, relOid,
                    st.freshSnapshot())) {
                String deptype = ((TextValue) d.row()[CatalogTables.DEP_TYPE]).value();
                if ((deptype.equals("a") || deptype.equals("i"))
                        && ((OidValue) d.row()[0]).value() == CatalogTables.PG_CLASS_OID) {
                    changeRelationOwner(session, st, ((OidValue) d.row()[CatalogTables.DEP_OBJID]).value(), newOwner,
                        true);
                }
            }
        }
    }

    /** The table whose column owns sequence {@code seq} (pg_depend a / i), or null. */
    static Long owningTable(CatalogStore store, long seq, Snapshot snap) {
        for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_OBJID, seq, snap)) {
            String deptype = ((TextValue) d.row()[CatalogTables.DEP_TYPE]).value();
            if ((deptype.equals("a") || deptype.equals("i"))
                    && ((OidValue) d.row()[3]).value() == CatalogTables.PG_CLASS_OID) {
                return ((OidValue) d.row()[CatalogTables.DEP_REFOBJID]).value();
            }
        }
        return null;
    }
}
