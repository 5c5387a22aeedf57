package org.tuskdb.sql.internal.session;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.sql.internal.ast.DatabaseStatements;
import org.tuskdb.sql.internal.ast.DatabaseStatements.Option;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Roles;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * CREATE / DROP / ALTER DATABASE (PostgreSQL's dbcommands.c), with the FILE_COPY strategy for
 * every CREATE (STRATEGY wal_log is accepted and copies files too).
 *
 * <p>Rules: (1) CREATE and DROP run outside a transaction block (the caller checks: 25001), so
 * their file work cannot be rolled back with a block. (2) CREATE checkpoints first so the
 * template's pages are all in its files, refuses (55006) while another session is connected to
 * the template, copies the directory (the storage manager WAL-logs the copy before making it, so
 * redo copies again), checkpoints again so redo of a later crash starts after the copy, and then
 * inserts the pg_database row; if the transaction does not commit, the copy is removed (logged,
 * so redo of the copy is undone too). (3) DROP refuses while others are connected (55006; FORCE
 * terminates them first), deletes the row, and after the commit drops the database's buffers
 * and removes its directory (logged). (4) Concurrent commands on one database name serialize on
 * an object lock of the name, as RoleCommands does for roles (pg_database has no unique index).
 */
final class DatabaseCommands {
    /** How long DROP / CREATE wait for other sessions of the database to go (CountOtherDBBackends: 5 s). */
    private static final long BUSY_WAIT_MILLIS = 5_000;

    private final Session session;
    private final StorageTransaction st;
    private final StatementContext ctx;

    DatabaseCommands(Session session, StorageTransaction st, StatementContext ctx) {
        this.session = session;
        this.st = st;
        this.ctx = ctx;
    }

    /** The command's name (25001, 25006). */
    static String command(Statement.DatabaseCommand c) {
        return switch (c) {
            case DatabaseStatements.CreateDatabase s -> "CREATE DATABASE";
            case DatabaseStatements.DropDatabase s -> "DROP DATABASE";
            default -> "ALTER DATABASE";
        };
    }

    String execute(Statement.DatabaseCommand c) {
        return switch (c) {
            case DatabaseStatements.CreateDatabase s -> create(s);
            case DatabaseStatements.DropDatabase s -> drop(s);
            case DatabaseStatements.AlterDatabase s -> alter(s);
            case DatabaseStatements.RenameDatabase s -> rename(s);
            case DatabaseStatements.AlterDatabaseOwner s -> owner(s);
            case DatabaseStatements.AlterDatabaseSet s -> alterSet(s);
            default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "statement is not supported");
        };
    }

    private CatalogStore store() {
        return new CatalogStore(st.services().heap(), st.transaction());
    }

    private Roles roles() {
        return session.roles();
    }

    private Roles.Role me() {
        return roles().byOid(session.currentUserOid());
    }

    private boolean superuser() {
        return roles().isSuperuser(session.currentUserOid());
    }

    private boolean createDbPrivilege() {
        Roles.Role r = me();
        return r != null && (r.superuser() || r.createDb());
    }

    private boolean owns(Databases.Database d) {
        return superuser() || roles().hasPrivilegesOf(session.currentUserOid(), d.owner());
    }

    private void lockName(String name) {
        st.lock(new LockTag(LockTag.Kind.OBJECT, 0, CatalogTables.PG_DATABASE_OID, name.hashCode() & 0xffff_ffffL),
            LockMode.ACCESS_EXCLUSIVE);
    }

    private void changed() {
        st.transaction().commandCounterIncrement();
        st.sharedCatalogChange();
    }

    private DatabaseException position(String state, String message, Option o) {
        String sql = session.currentQuery();
        int at = sql == null || o.location() < 0 ? 0 : sql.codePointCount(0, Math.min(o.location(), sql.length())) + 1;
        return DatabaseException.atPosition(state, message, at);
    }

    private static DatabaseException notOwner(String name) {
        return DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + name);
    }

    // ---- options ---------------------------------------------------------------------------

    /** The options by name, each once (42601 "conflicting or redundant options" at the second). */
    private Map<String, Option> options(List<Option> list, List<String> known) {
        Map<String, Option> out = new HashMap<>();
        for (Option o : list) {
            if (o.name().equals("location")) {
                ctx.notice(new DatabaseException(DatabaseException.Severity.WARNING, "01000",
                    "LOCATION is not supported anymore", null, "Consider using tablespaces instead.", 0, null));
                continue;
            }
            if (!known.contains(o.name())) {
                throw position(SqlState.SYNTAX_ERROR, "option \"" + o.name() + "\" not recognized", o);
            }
            if (out.put(o.name(), o) != null) {
                throw position(SqlState.SYNTAX_ERROR, "conflicting or redundant options", o);
            }
        }
        return out;
    }

    /** defGetString: a word, a string or a number as text; null for DEFAULT. */
    private static String string(Option o) {
        return o == null || o.value() == null ? null : o.value().toString();
    }

    /** defGetBoolean. */
    private static boolean bool(Option o) {
        if (o.value() instanceof Boolean b) {
            return b;
        }
        if (o.value() instanceof Integer i && (i == 0 || i == 1)) {
            return i == 1;
        }
        if (o.value() instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "on", "yes", "t", "y" -> { return true; }
                case "false", "off", "no", "f", "n" -> { return false; }
                default -> { }
            }
        }
        throw DatabaseException.error(SqlState.SYNTAX_ERROR, o.name() + " requires a Boolean value");
    }

    /** defGetInt32, and dbcommands.c's range check of a connection limit. */
    private static int connectionLimit(Option o) {
        if (!(o.value() instanceof Integer i)) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, o.name() + " requires an integer value");
        }
        if (i < -1) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + i);
        }
        return i;
    }

    /** check_locale for the C locales Tusk has; a locale differing from the template's is 22023. */
    private static String locale(Option o, String what, String template, String templateName) {
        String v = string(o);
        if (v == null) {
            return template;
        }
        if (!v.equals("C") && !v.equals("POSIX")) {
            throw DatabaseException.error("42809", "invalid locale name: \"" + v + "\"");
        }
        if (!v.equals(template) && !templateName.equals("template0")) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "new " + what + " (" + v
                + ") is incompatible with the " + what + " of the template database (" + template + ")")
                .withHint("Use the same " + what + " as in the template database, or use template0 as template.");
        }
        return v;
    }

    // ---- CREATE DATABASE -------------------------------------------------------------------

    private static final List<String> CREATE_OPTIONS = List.of("tablespace", "owner", "template", "encoding",
        "locale", "lc_collate", "lc_ctype", "icu_locale", "locale_provider", "collation_version", "is_template",
        "allow_connections", "connection_limit", "strategy", "oid");

    private String create(DatabaseStatements.CreateDatabase s) {
        Map<String, Option> o = options(s.options(), CREATE_OPTIONS);
        Option strategy = o.get("strategy");
        if (strategy != null && string(strategy) != null) {
            String v = string(strategy).toLowerCase(Locale.ROOT);
            if (!v.equals("wal_log") && !v.equals("file_copy")) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid create database strategy \"" + string(strategy) + "\"")
                    .withHint("Valid strategies are \"wal_log\" and \"file_copy\".");
            }
        }
        Option tablespace = o.get("tablespace");
        if (tablespace != null && string(tablespace) != null && !string(tablespace).equals("pg_default")) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT,
                "tablespace \"" + string(tablespace) + "\" does not exist");
        }
        Option encoding = o.get("encoding");
        if (encoding != null && encoding.value() != null) {
            String e = string(encoding);
            boolean utf8 = encoding.value() instanceof Integer i ? i == 6
                : e.equalsIgnoreCase("UTF8") || e.equalsIgnoreCase("UTF-8") || e.equalsIgnoreCase("unicode");
            if (!utf8) {
                if (encoding.value() instanceof Integer i) {
                    throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, i + " is not a valid encoding code");
                }
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "encoding \"" + e + "\" is not supported (only UTF8 is)");
            }
        }
        // Check permission to create a database (have_createdb_privilege), then the owner
        if (!createDbPrivilege()) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create database");
        }
        long owner = session.currentUserOid();
        Option ownerOption = o.get("owner");
        if (ownerOption != null && string(ownerOption) != null) {
            Roles.Role r = roles().byName(string(ownerOption));
            if (r == null) {
                throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "role \"" + string(ownerOption) + "\" does not exist");
            }
            if (!superuser() && !roles().isMember(session.currentUserOid(), r.oid())) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + r.name() + "\"");
            }
            owner = r.oid();
        }
        String templateName = string(o.get("template")) == null ? "template1" : string(o.get("template"));
        lockName(s.name());
        Databases.Database template = Databases.find(st, templateName);
        if (template == null) {
            throw DatabaseException.error("3D000", "template database \"" + templateName + "\" does not exist");
        }
        if (!template.isTemplate() && !owns(template)) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied to copy database \"" + templateName + "\"");
        }
        // LOCALE sets both; LC_COLLATE / LC_CTYPE given as well win (createdb reads them after it)
        String collate = locale(o.containsKey("lc_collate") ? o.get("lc_collate") : o.get("locale"), "collation",
            template.collate(), templateName);
        String ctype = locale(o.containsKey("lc_ctype") ? o.get("lc_ctype") : o.get("locale"), "LC_CTYPE",
            template.ctype(), templateName);
        boolean isTemplate = o.containsKey("is_template") && o.get("is_template").value() != null && bool(o.get("is_template"));
        boolean allowConn = !o.containsKey("allow_connections") || o.get("allow_connections").value() == null
            || bool(o.get("allow_connections"));
        int connLimit = o.containsKey("connection_limit") && o.get("connection_limit").value() != null
            ? connectionLimit(o.get("connection_limit")) : -1;
        if (Databases.find(st, s.name()) != null) {
            throw DatabaseException.error("42P04", "database \"" + s.name() + "\" already exists");
        }
        waitForOthers(template.name(), true, "source database \"" + templateName + "\" is being accessed by other users");
        long oid = st.services().transactions().newOid();
        if (oid > Integer.MAX_VALUE) {
            throw DatabaseException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "database OID " + oid + " out of range");
        }
        org.tuskdb.api.storage.RelationStorage files = st.services().relationStorage();
        org.tuskdb.api.wal.Checkpointer checkpointer = st.services().checkpointer();
        // FILE_COPY: the template's dirty pages go to its files first, then the copy (logged)
        if (checkpointer != null) {
            checkpointer.requestCheckpoint(true);
        }
        files.copyDatabase((int) template.oid(), (int) oid, true);
        st.transaction().onEnd(committed -> {
            if (!committed) {
                files.dropDatabase((int) oid, true);
            }
        });
        // so that a crash after the commit never needs to replay the copy (the template may have changed since)
        if (checkpointer != null) {
            checkpointer.requestCheckpoint(true);
        }
        store().insert(CatalogTables.PG_DATABASE, CatalogTables.databaseRow(oid, s.name(), owner, null, isTemplate,
            allowConn, connLimit, collate, ctype));
        changed();
        return "CREATE DATABASE";
    }

    /**
     * CountOtherDBBackends: waits up to 5 s for the other sessions of the database to end, then
     * 55006 with PostgreSQL's count in the DETAIL.
     */
    private void waitForOthers(String name, boolean excludeSelf, String message) {
        long deadline = System.currentTimeMillis() + BUSY_WAIT_MILLIS;
        while (true) {
            int n = Databases.sessionsUsing(session, name, !excludeSelf);
            if (n == 0) {
                return;
            }
            if (System.currentTimeMillis() >= deadline) {
                throw DatabaseException.error("55006", message).withDetail(n == 1
                    ? "There is 1 other session using the database."
                    : "There are " + n + " other sessions using the database.");
            }
            session.host().checkForInterrupts();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DatabaseException.error("57014", "canceling statement due to user request");
            }
        }
    }

    // ---- DROP DATABASE ---------------------------------------------------------------------

    private String drop(DatabaseStatements.DropDatabase s) {
        lockName(s.name());
        Databases.Database d = Databases.find(st, s.name());
        if (d == null) {
            if (!s.ifExists()) {
                throw DatabaseException.error("3D000", "database \"" + s.name() + "\" does not exist");
            }
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "00000",
                "database \"" + s.name() + "\" does not exist, skipping", null, null, 0, null));
            return "DROP DATABASE";
        }
        if (!owns(d)) {
            throw notOwner(s.name());
        }
        if (d.isTemplate()) {
            throw DatabaseException.error("42809", "cannot drop a template database");
        }
        if (d.oid() == session.databaseOid()) {
            throw DatabaseException.error("55006", "cannot drop the currently open database");
        }
        if (s.force()) {
            ProcArray procs = session.services().procArray();
            for (ProcInfo p : Databases.others(session, d.name(), false)) {
                if (!superuser() && !roles().hasPrivilegesOf(session.currentUserOid(), userOid(p.user()))) {
                    throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to terminate process")
                        .withDetail("Only roles with privileges of the role whose process is being terminated or with"
                            + " privileges of the \"pg_signal_backend\" role may terminate this process.");
                }
                if (procs != null) {
                    procs.signalTerminate(p.pid());
                }
            }
        }
        waitForOthers(d.name(), true, "database \"" + d.name() + "\" is being accessed by other users");
        store().delete(CatalogTables.PG_DATABASE, d.entry().tid());
        changed();
        int oid = (int) d.oid();
        org.tuskdb.api.storage.BufferPool buffers = st.services().bufferPool();
        org.tuskdb.api.storage.RelationStorage files = st.services().relationStorage();
        st.transaction().onEnd(committed -> {
            if (committed) {
                if (buffers != null) {
                    buffers.dropDatabase(oid);
                }
                files.dropDatabase(oid, true);
            }
        });
        return "DROP DATABASE";
    }

    private long userOid(String name) {
        Roles.Role r = name == null ? null : roles().byName(name);
        return r == null ? 0 : r.oid();
    }

    // ---- ALTER DATABASE --------------------------------------------------------------------

    private Databases.Database existing(String name) {
        Databases.Database d = Databases.find(st, name);
        if (d == null) {
            throw DatabaseException.error("3D000", "database \"" + name + "\" does not exist");
        }
        return d;
    }

    private void update(Databases.Database d, Value[] row) {
        store().update(CatalogTables.PG_DATABASE, d.entry().tid(), row);
        changed();
    }

    /** ALTER ROLE ... IN DATABASE's settings of every role (datroleconfig), stored in d's row. */
    static void storeRoleConfig(StorageTransaction st, Databases.Database d, String stored) {
        Value[] row = fullRow(d);
        row[CatalogTables.DAT_ROLE_CONFIG] = stored == null ? null : TextValue.text(stored);
        new CatalogStore(st.services().heap(), st.transaction()).update(CatalogTables.PG_DATABASE, d.entry().tid(), row);
        st.transaction().commandCounterIncrement();
        st.sharedCatalogChange();
    }

    /** The stored row with every column present (a row of an older data directory lacks the options). */
    private static Value[] fullRow(Databases.Database d) {
        Value[] row = CatalogTables.databaseRow(d.oid(), d.name(), d.owner(), null, d.isTemplate(), d.allowConnections(),
            d.connectionLimit(), d.collate(), d.ctype());
        row[CatalogTables.DAT_ACL] = d.acl();
        row[CatalogTables.DAT_CONFIG] = d.config() == null ? null : TextValue.text(d.config());
        row[CatalogTables.DAT_ROLE_CONFIG] = d.roleConfig() == null ? null : TextValue.text(d.roleConfig());
        return row;
    }

    /**
     * ALTER DATABASE d SET / RESET: the database's row of pg_db_role_setting (datconfig here),
     * applied at each later connection to it, below the role's own settings and the startup
     * packet's (PGC_S_DATABASE &lt; PGC_S_USER &lt; PGC_S_CLIENT). The owner or a superuser may.
     */
    private String alterSet(DatabaseStatements.AlterDatabaseSet s) {
        Databases.Database d = existing(s.name());
        if (!owns(d)) {
            throw notOwner(s.name());
        }
        Value[] row = fullRow(d);
        String stored = RoleSettings.alter(session, d.config(), s.set());
        row[CatalogTables.DAT_CONFIG] = stored == null ? null : TextValue.text(stored);
        update(d, row);
        return "ALTER DATABASE";
    }

    private String alter(DatabaseStatements.AlterDatabase s) {
        Map<String, Option> o = options(s.options(), List.of("is_template", "allow_connections", "connection_limit",
            "tablespace"));
        Databases.Database d = existing(s.name());
        if (!owns(d)) {
            throw notOwner(s.name());
        }
        if (o.containsKey("tablespace")) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DATABASE SET TABLESPACE is not supported");
        }
        Value[] row = fullRow(d);
        if (o.containsKey("allow_connections") && o.get("allow_connections").value() != null) {
            boolean allow = bool(o.get("allow_connections"));
            if (!allow && d.oid() == session.databaseOid()) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot disallow connections for current database");
            }
            row[CatalogTables.DAT_ALLOW_CONN] = BoolValue.of(allow);
        }
        if (o.containsKey("is_template") && o.get("is_template").value() != null) {
            row[CatalogTables.DAT_IS_TEMPLATE] = BoolValue.of(bool(o.get("is_template")));
        }
        if (o.containsKey("connection_limit") && o.get("connection_limit").value() != null) {
            row[CatalogTables.DAT_CONN_LIMIT] = IntegerValue.int4(connectionLimit(o.get("connection_limit")));
        }
        update(d, row);
        return "ALTER DATABASE";
    }

    private String rename(DatabaseStatements.RenameDatabase s) {
        lockName(s.name());
        lockName(s.newName());
        Databases.Database d = existing(s.name());
        if (!owns(d)) {
            throw notOwner(s.name());
        }
        if (!createDbPrivilege()) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to rename database");
        }
        if (Databases.find(st, s.newName()) != null) {
            throw DatabaseException.error("42P04", "database \"" + s.newName() + "\" already exists");
        }
        if (d.oid() == session.databaseOid()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "current database cannot be renamed");
        }
        waitForOthers(d.name(), true, "database \"" + s.name() + "\" is being accessed by other users");
        Value[] row = fullRow(d);
        row[CatalogTables.DAT_NAME] = new TextValue(PgType.NAME, s.newName());
        update(d, row);
        return "ALTER DATABASE";
    }

    private String owner(DatabaseStatements.AlterDatabaseOwner s) {
        Databases.Database d = existing(s.name());
        Roles.Role r = new RoleCommands(session, st, ctx).resolve(s.owner());
        if (r.oid() == d.owner()) {
            return "ALTER DATABASE";
        }
        if (!superuser()) {
            if (!owns(d)) {
                throw notOwner(s.name());
            }
            if (!roles().isMember(session.currentUserOid(), r.oid())) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + r.name() + "\"");
            }
            if (!createDbPrivilege()) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to change owner of database");
            }
        }
        Value[] row = fullRow(d);
        row[CatalogTables.DAT_DBA] = OidValue.oid(r.oid());
        update(d, row);
        return "ALTER DATABASE";
    }
}
