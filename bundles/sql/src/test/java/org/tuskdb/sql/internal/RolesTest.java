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

    @Test
    void roleSettingsApplyAtLogin() {
        db.rows("create role app login; alter role app set work_mem = '8MB'");
        assertEquals("{work_mem=8MB}", db.value("select rolconfig from pg_roles where rolname = 'app'"));
        assertEquals("8MB", new SessionFixture(engine, "app").value("show work_mem"));
        assertTrue(db.value("show work_mem").endsWith("MB"));
    }
}
