package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.SessionStartup;

/** Roles on the fake storage: the stored catalogs, logging in, SET ROLE (values checked against PostgreSQL 15). */
class RolesTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    private DatabaseException login(String user) {
        return assertThrows(DatabaseException.class, () -> engine.openSession(new SessionStartup(user, "postgres",
            Map.of(), 1, null, -1), new FakeHost()));
    }

    @Test
    void bootstrapHasTheSuperuserAndThePredefinedRoles() {
        assertEquals("10|alice|t", db.value("select oid, rolname, rolsuper from pg_authid where oid = 10"));
        assertEquals("13", db.value("select count(*) from pg_roles"));
        assertEquals("6171|pg_database_owner", db.value("select oid, rolname from pg_roles where rolname = 'pg_database_owner'"));
        assertEquals("3", db.value("select count(*) from pg_auth_members where member = 3373"));
    }

    @Test
    void createdRolesAreStoredAndLogInOnlyWithLogin() {
        db.rows("create role app login password 'pw'; create role grp");
        assertEquals("app|t|t", db.value("select rolname, rolcanlogin, rolpassword like 'SCRAM-SHA-256$4096:%'"
            + " from pg_authid where rolname = 'app'"));
        DatabaseException e = db.error("create role app");
        assertEquals("42710", e.sqlState());
        assertEquals("28000", login("nosuch").sqlState());
        assertEquals("role \"grp\" is not permitted to log in", login("grp").getMessage());
        SessionFixture app = new SessionFixture(engine, "app");
        assertEquals("app|app|off", app.value("select current_user, session_user, current_setting('is_superuser')"));
        assertEquals("42501", app.error("create role x").sqlState());
        assertEquals("42501", app.error("set role grp").sqlState());
        db.rows("grant grp to app");
        app.rows("set role grp");
        assertEquals("grp|app", app.value("select current_user, session_user"));
        assertEquals("55006", db.error("drop role alice").sqlState());
        db.rows("drop role grp");
        assertEquals("0", db.value("select count(*) from pg_auth_members where member >= 16384 or roleid >= 16384"));
    }

    /** A data directory of a build before roles: no pg_authid rows, schema public owned by role 10 without an ACL. */
    @Test
    void olderDataDirectoriesGetTheRolesAndInitdbsSchemaPrivileges() {
        org.tuskdb.api.xact.Transaction tx = storage.transactions.begin(org.tuskdb.api.xact.IsolationLevel.READ_COMMITTED,
            false, org.tuskdb.api.xact.Interruptible.NONE);
        var store = new org.tuskdb.sql.internal.catalog.CatalogStore(storage.heap, tx);
        for (var t : java.util.List.of(org.tuskdb.sql.internal.catalog.CatalogTables.PG_AUTHID,
                org.tuskdb.sql.internal.catalog.CatalogTables.PG_AUTH_MEMBERS)) {
            for (var e : store.all(t, tx.snapshot())) {
                store.delete(t, e.tid());
            }
            store.delete(org.tuskdb.sql.internal.catalog.CatalogTables.PG_CLASS,
                store.findClassByOid(t.oid(), tx.snapshot()).tid());
        }
        var pub = store.namespaceByOid(2200, tx.snapshot());
        store.update(org.tuskdb.sql.internal.catalog.CatalogTables.PG_NAMESPACE, pub.tid(),
            org.tuskdb.sql.internal.catalog.CatalogTables.namespaceRow(2200, "public", 10));
        tx.commit(true);
        assertTrue(org.tuskdb.sql.internal.catalog.CatalogBootstrap.run(storage.heap, storage.transactions, storage.files,
            "alice"));
        SessionFixture after = new SessionFixture(SessionFixture.engineWith(storage));
        assertEquals("13", after.value("select count(*) from pg_authid"));
        assertEquals("pg_database_owner|{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}",
            after.value("select pg_get_userbyid(nspowner), nspacl from pg_namespace where nspname = 'public'"));
        after.rows("create role app login");
        assertEquals("t|f", new SessionFixture(engine, "app").value(
            "select has_schema_privilege('public', 'usage'), has_schema_privilege('public', 'create')"));
    }

    @Test
    void roleSettingsApplyAtLogin() {
        db.rows("create role app login; alter role app set work_mem = '8MB'");
        assertEquals("{work_mem=8MB}", db.value("select rolconfig from pg_roles where rolname = 'app'"));
        assertEquals("8MB", new SessionFixture(engine, "app").value("show work_mem"));
        assertTrue(db.value("show work_mem").endsWith("MB"));
    }
}
