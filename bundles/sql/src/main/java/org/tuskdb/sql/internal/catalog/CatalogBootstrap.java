package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;

/**
 * Creates the bootstrap catalogs on a fresh data directory (PostgreSQL's initdb bootstrap mode):
 * their files (WAL-logged), then in one transaction the rows of pg_namespace (pg_catalog 11,
 * public 2200), pg_class and pg_attribute describing the three catalogs. Idempotent: when
 * pg_class already has its own row (a committed bootstrap) it does nothing; an interrupted one
 * left only files and rows of an aborted transaction, and is simply run again. On a data
 * directory of an older build it adds the catalogs that build lacked and rewrites the catalog rows
 * whose meaning changed ({@link IndexCatalog#upgrade}), in the same transaction.
 */
public final class CatalogBootstrap {
    private CatalogBootstrap() {}

    /** Schema pg_catalog as initdb makes it: the bootstrap superuser's, which PUBLIC may use. */
    private static org.tuskdb.sql.internal.value.Value[] catalogSchemaRow() {
        org.tuskdb.sql.internal.value.Value[] row = CatalogTables.namespaceRow(CatalogTables.PG_CATALOG_NAMESPACE,
            "pg_catalog", Roles.BOOTSTRAP_SUPERUSER);
        row[CatalogTables.NSP_ACL] = org.tuskdb.sql.internal.value.TextValue.text(AclItems.format(List.of(
            new AclItems.Item(Roles.BOOTSTRAP_SUPERUSER, Roles.BOOTSTRAP_SUPERUSER, AclItems.ALL_SCHEMA, 0),
            new AclItems.Item(0, Roles.BOOTSTRAP_SUPERUSER, AclItems.USAGE, 0))));
        return row;
    }

    /** Schema public as initdb makes it: owned by pg_database_owner, which may use and create in it, PUBLIC use. */
    private static org.tuskdb.sql.internal.value.Value[] publicSchemaRow() {
        org.tuskdb.sql.internal.value.Value[] row = CatalogTables.namespaceRow(CatalogTables.PUBLIC_NAMESPACE, "public",
            Roles.DATABASE_OWNER);
        row[CatalogTables.NSP_ACL] = org.tuskdb.sql.internal.value.TextValue.text(AclItems.format(List.of(
            new AclItems.Item(Roles.DATABASE_OWNER, Roles.DATABASE_OWNER, AclItems.ALL_SCHEMA, 0),
            new AclItems.Item(0, Roles.DATABASE_OWNER, AclItems.USAGE, 0))));
        return row;
    }

    /** {@link #run(HeapAccess, TransactionManager, RelationStorage, String)} with the default superuser name. */
    public static boolean run(HeapAccess heap, TransactionManager transactions, RelationStorage storage) {
        return run(heap, transactions, storage, Roles.DEFAULT_BOOTSTRAP_SUPERUSER);
    }

    /**
     * Returns true when it created the catalog, false when it was there already. {@code superuser}
     * names role 10 when pg_authid is created (a fresh directory, or one of a build before roles).
     */
    public static boolean run(HeapAccess heap, TransactionManager transactions, RelationStorage storage,
                              String superuser) {
        for (TableDescriptor t : CatalogTables.ALL) {
            if (!storage.exists(t.locator(), ForkNumber.MAIN)) {
                storage.create(t.locator(), ForkNumber.MAIN, true);
            }
        }
        Transaction tx = transactions.begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
        try {
            CatalogStore store = new CatalogStore(heap, tx);
            boolean fresh = store.findClassByOid(CatalogTables.PG_CLASS_OID, tx.snapshot()) == null;
            if (fresh) {
                store.insert(CatalogTables.PG_NAMESPACE, catalogSchemaRow());
                store.insert(CatalogTables.PG_NAMESPACE, publicSchemaRow());
                // initdb's comment on schema public (pg_dump writes COMMENT ... IS '' when it is missing)
                store.insert(CatalogTables.PG_DESCRIPTION, CatalogTables.descriptionRow(CatalogTables.PUBLIC_NAMESPACE,
                    CatalogTables.PG_NAMESPACE_OID, 0, "standard public schema"));
            }
            boolean changed = fresh;
            for (TableDescriptor t : CatalogTables.ALL) {
                // a catalog added by a later version gets its rows on an older data directory
                if (!fresh && store.findClassByOid(t.oid(), tx.snapshot()) != null) {
                    continue;
                }
                changed = true;
                List<Relation.Column> cols = t.columns();
                store.insert(CatalogTables.PG_CLASS, CatalogTables.classRow(t.oid(), t.name(),
                    CatalogTables.PG_CATALOG_NAMESPACE, t.oid(), cols.size(), null));
                for (int i = 0; i < cols.size(); i++) {
                    store.insert(CatalogTables.PG_ATTRIBUTE,
                        CatalogTables.attributeRow(t.oid(), i + 1, cols.get(i), t.notNull()[i], false, ""));
                }
                if (t == CatalogTables.PG_EXTENSION) {
                    // initdb installs plpgsql as an extension in pg_catalog
                    store.insert(CatalogTables.PG_EXTENSION, CatalogTables.extensionRow(
                        CatalogTables.PLPGSQL_EXTENSION_OID, "plpgsql", CatalogTables.PG_CATALOG_NAMESPACE, false, "1.0"));
                    store.insert(CatalogTables.PG_DESCRIPTION, CatalogTables.descriptionRow(
                        CatalogTables.PLPGSQL_EXTENSION_OID, CatalogTables.PG_EXTENSION_OID, 0,
                        "PL/pgSQL procedural language"));
                    // and the language itself carries the same comment (psql's \\dL shows it)
                    store.insert(CatalogTables.PG_DESCRIPTION, CatalogTables.descriptionRow(
                        UserFunction.LANGUAGE_PLPGSQL, 2612, 0, "PL/pgSQL procedural language"));
                }
                if (t == CatalogTables.PG_AUTHID && !fresh) {
                    // a data directory of a build before roles: schemas pg_catalog and public get initdb's
                    // owners and ACLs (public's owner was the bootstrap superuser, its ACL null)
                    for (CatalogStore.Entry n : store.all(CatalogTables.PG_NAMESPACE, tx.snapshot())) {
                        long nsp = ((org.tuskdb.sql.internal.value.OidValue) n.row()[0]).value();
                        if (nsp == CatalogTables.PUBLIC_NAMESPACE) {
                            store.update(CatalogTables.PG_NAMESPACE, n.tid(), publicSchemaRow());
                        } else if (nsp == CatalogTables.PG_CATALOG_NAMESPACE) {
                            store.update(CatalogTables.PG_NAMESPACE, n.tid(), catalogSchemaRow());
                        }
                    }
                }
                if (t == CatalogTables.PG_AUTHID) {
                    // initdb's roles: the bootstrap superuser and PostgreSQL 15's predefined roles
                    store.insert(t, Roles.superuser(superuser).toRow());
                    for (Roles.Role r : Roles.predefinedRoles()) {
                        store.insert(t, r.toRow());
                    }
                }
                if (t == CatalogTables.PG_DATABASE) {
                    // initdb's databases; the templates' ACL lets PUBLIC connect only
                    String templates = "{=c/10,10=CTc/10}";
                    store.insert(t, CatalogTables.databaseRow(CatalogTables.TEMPLATE1_OID, "template1",
                        Roles.BOOTSTRAP_SUPERUSER, templates, true, true, -1, "C", "C"));
                    store.insert(t, CatalogTables.databaseRow(CatalogTables.TEMPLATE0_OID, "template0",
                        Roles.BOOTSTRAP_SUPERUSER, templates, true, false, -1, "C", "C"));
                    store.insert(t, CatalogTables.databaseRow(CatalogTables.DB_OID, "postgres",
                        Roles.BOOTSTRAP_SUPERUSER, null, false, true, -1, "C", "C"));
                }
                if (t == CatalogTables.PG_AUTH_MEMBERS) {
                    for (long[] m : Roles.PREDEFINED_MEMBERSHIPS) {
                        store.insert(t, new Roles.Membership(m[0], m[1], Roles.BOOTSTRAP_SUPERUSER, false).toRow());
                    }
                }
            }
            // pg_index rows of older builds numbered their keys by position (IndexCatalog.upgrade)
            changed |= !fresh && IndexCatalog.upgrade(store, tx.snapshot());
            if (!changed) {
                tx.abort();
                return false;
            }
            tx.commit(true);
            return true;
        } catch (RuntimeException e) {
            tx.abort();
            throw e;
        }
    }
}
