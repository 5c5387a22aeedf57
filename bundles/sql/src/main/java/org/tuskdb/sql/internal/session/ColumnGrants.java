package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.RoleStatements;
import org.tuskdb.sql.internal.catalog.AclItems;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Column privileges (aclchk.c's ExecGrant_Attribute): {@code GRANT SELECT (a, b) ON t} rewrites
 * pg_attribute.attacl of the columns named. Rules, as PostgreSQL's:
 * <ol>
 * <li>A column's null ACL is empty (acldefault of a column grants nothing, not even to the
 * owner, who has the table's privileges); an ACL left empty by a REVOKE is stored as null
 * again.</li>
 * <li>Only SELECT, INSERT, UPDATE and REFERENCES exist for columns (0LP01 for the others);
 * ALL (cols) is those four.</li>
 * <li>A table-level REVOKE of any of them also revokes it from every column (expand_all_col_privileges),
 * so {@code REVOKE SELECT ON t FROM r} leaves r no way to read t.</li>
 * </ol>
 * The grantor is the table's (PrivilegeCommands#grantor).
 */
final class ColumnGrants {
    static final int ALL_COLUMN = AclItems.SELECT | AclItems.INSERT | AclItems.UPDATE | AclItems.REFERENCES;

    private final PrivilegeCommands privileges;
    private final StorageTransaction st;
    /** pg_attribute, read and rewritten in the statement's transaction. */
    private final CatalogStore store;

    ColumnGrants(PrivilegeCommands privileges, StorageTransaction st) {
        this.privileges = privileges;
        this.st = st;
        this.store = new CatalogStore(st.services().heap(), st.transaction());
    }

    /** GRANT / REVOKE of the statement's column privileges on one relation. */
    void apply(PrivilegeCommands.Target t, List<RoleStatements.ColumnPrivilege> wanted, List<Long> grantees,
               boolean grant, boolean option) {
        if (t.catalog() != CatalogTables.PG_CLASS) {
            throw DatabaseException.error("0LP01", "column privileges are only valid for relations");
        }
        Map<String, Integer> bitsByColumn = new LinkedHashMap<>();
        int all = 0;
        for (RoleStatements.ColumnPrivilege cp : wanted) {
            int bits = cp.privilege() == null ? ALL_COLUMN : AclItems.bit(cp.privilege());
            if ((bits & ALL_COLUMN) == 0 || t.kind().equals("SEQUENCE") && cp.privilege() != null) {
                throw DatabaseException.error("0LP01", "invalid privilege type " + cp.privilege().toUpperCase(Locale.ROOT)
                    + " for column");
            }
            for (String c : cp.columns()) {
                bitsByColumn.merge(c, bits, (a, b) -> a | b);
            }
            all |= bits;
        }
        List<CatalogStore.Entry> attributes = store.attributes(oid(t), st.freshSnapshot());
        Map<CatalogStore.Entry, Integer> targets = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : bitsByColumn.entrySet()) {
            CatalogStore.Entry a = live(attributes, e.getKey());
            if (a == null) {
                throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + e.getKey() + "\" of relation \""
                    + t.name() + "\" does not exist");
            }
            targets.put(a, e.getValue());
        }
        PrivilegeCommands.Grantor by = privileges.grantor(t, all, grant, true);
        for (Map.Entry<CatalogStore.Entry, Integer> e : targets.entrySet()) {
            int bits = e.getValue() & by.allowed();
            List<AclItems.Item> items = items(e.getKey());
            for (long g : grantees) {
                if (grant) {
                    AclItems.merge(items, new AclItems.Item(g, by.role(), bits, option ? bits : 0));
                } else {
                    AclItems.revoke(items, g, by.role(), bits, option);
                }
            }
            write(e.getKey(), items);
        }
    }

    /** A table-level REVOKE of column privileges: from every column too (rule 3). */
    void revokeFromAll(PrivilegeCommands.Target t, int bits, List<Long> grantees, PrivilegeCommands.Grantor by,
                       boolean option) {
        if (t.catalog() != CatalogTables.PG_CLASS) {
            return;
        }
        for (CatalogStore.Entry a : store.attributes(oid(t), st.freshSnapshot())) {
            if (a.row()[CatalogTables.ATT_ACL] == null || dropped(a)) {
                continue;
            }
            List<AclItems.Item> items = items(a);
            for (long g : grantees) {
                AclItems.revoke(items, g, by.role(), bits & by.allowed(), option);
            }
            write(a, items);
        }
    }

    /** DROP OWNED: every column privilege {@code role} was granted or granted on the relation. */
    void revokeEverything(long relOid, long role) {
        for (CatalogStore.Entry a : store.attributes(relOid, st.freshSnapshot())) {
            if (a.row()[CatalogTables.ATT_ACL] == null) {
                continue;
            }
            List<AclItems.Item> items = items(a);
            items.removeIf(i -> i.grantee() == role || i.grantor() == role);
            write(a, items);
        }
    }

    /** The non-null column ACLs of the relation, by attnum. */
    Map<Integer, List<AclItems.Item>> columnAcls(PrivilegeCommands.Target t) {
        Map<Integer, List<AclItems.Item>> out = new LinkedHashMap<>();
        for (CatalogStore.Entry a : store.attributes(oid(t), st.freshSnapshot())) {
            if (a.row()[CatalogTables.ATT_ACL] != null && !dropped(a)) {
                out.put((int) ((IntegerValue) a.row()[CatalogTables.ATT_NUM]).value(), items(a));
            }
        }
        return out;
    }

    private static List<AclItems.Item> items(CatalogStore.Entry a) {
        Value acl = a.row()[CatalogTables.ATT_ACL];
        return acl == null ? new ArrayList<>() : AclItems.parse(((TextValue) acl).value());
    }

    private void write(CatalogStore.Entry a, List<AclItems.Item> items) {
        Value[] row = a.row().clone();
        row[CatalogTables.ATT_ACL] = items.isEmpty() ? null : TextValue.text(AclItems.format(items));
        st.catalogChanged();
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
        st.transaction().commandCounterIncrement();
    }

    private static CatalogStore.Entry live(List<CatalogStore.Entry> attributes, String name) {
        for (CatalogStore.Entry a : attributes) {
            if (((TextValue) a.row()[CatalogTables.ATT_NAME]).value().equals(name) && !dropped(a)
                && ((IntegerValue) a.row()[CatalogTables.ATT_NUM]).value() > 0) {
                return a;
            }
        }
        return null;
    }

    private static boolean dropped(CatalogStore.Entry a) {
        return a.row()[CatalogTables.ATT_DROPPED] instanceof BoolValue b && b.value();
    }

    private static long oid(PrivilegeCommands.Target t) {
        return ((org.tuskdb.sql.internal.value.OidValue) t.entry().row()[CatalogTables.CLASS_OID]).value();
    }
}
