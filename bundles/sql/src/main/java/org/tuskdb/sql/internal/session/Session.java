package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.ResultSink;
import org.tuskdb.api.sql.SessionHost;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlSession;
import org.tuskdb.api.sql.StatementDescription;
import org.tuskdb.sql.internal.analyze.AnalyzedStatement;
import org.tuskdb.sql.internal.analyze.Analyzer;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.catalog.Roles;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.sequence.SequenceManager;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.parser.Parser;
import org.tuskdb.sql.internal.parser.StatementShape;
import org.tuskdb.sql.internal.plan.Planner;
import org.tuskdb.sql.internal.settings.SessionSettings;
import org.tuskdb.sql.internal.value.DateTimes;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.Value;

/**
 * One client session (PostgreSQL's postgres.c main loop, without the socket): runs simple and
 * extended-protocol messages through parse → analyze → plan → execute, applying the
 * transaction-block rules of xact.c. Used by one thread.
 *
 * <p>Rules: (1) in a failed block every statement but COMMIT / ROLLBACK / ROLLBACK TO is 25P02,
 * checked before analysis; (2) an error in a block fails the block and undoes the settings of
 * the innermost savepoint level at once; outside a block it rolls the implicit transaction
 * back; (3) a simple Query with several statements is one implicit transaction; an extended
 * cycle commits at Sync; (4) portals end with their transaction; (5) ParameterStatus goes out
 * at the end of a simple Query and at Sync, through the last sink the session was given.
 */
public final class Session implements SqlSession {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Session.class);
    private static final Value[] NO_VALUES = new Value[0];
    /** The tags of the row counts most statements return, made once. */
    private static final String[] SELECT_TAGS = {"SELECT 0", "SELECT 1", "SELECT 2", "SELECT 3"};
    private final EngineServices services;
    private final SessionStartup startup;
    private final SessionHost host;
    private final SessionSettings settings;
    final TransactionState tx = new TransactionState();
    final Map<String, PreparedStatement> statements = new HashMap<>();
    /** When and how each named statement was prepared (pg_prepared_statements); entries outlive nothing they name. */
    private final Map<String, StatementOrigin> origins = new HashMap<>();

    private record StatementOrigin(PreparedStatement statement, long prepareMicros, boolean fromSql) {}
    final Map<String, Portal> portals = new HashMap<>();
    /** Simple-Query statements by their literal-normalized tokens (see {@link SimpleStatementCache}). */
    private final SimpleStatementCache simpleCache = new SimpleStatementCache();
    private final UtilityExecutor utilities;
    private ResultSink lastSink;
    private long statementStartMicros = DateTimes.nowMicros();
    private String currentQuery = "";
    private boolean closed;
    private SessionStyle cachedStyle;
    private int styleVersion;
    private final RelationCache relcache;
    private final SequenceManager sequences;
    private final StorageTransaction storage;
    private final ParseState.RelationLookup relationLookup;
    /** LISTEN / NOTIFY of this session (see async/Notifications). */
    final org.tuskdb.sql.internal.async.Notifications notifications;

    /**
     * The oid of the database this session is connected to (pg_database), found at login; until
     * then postgres's, though nothing before the check reads more than the shared catalogs.
     */
    private int databaseOid = CatalogTables.DB_OID;

    public Session(EngineServices engine, SessionStartup startup, SessionHost host) {
        // every use below is of the session's view, bound to its database (see DatabaseServices)
        EngineServices services = new DatabaseServices(engine, () -> databaseOid);
        this.services = services;
        this.startup = startup;
        this.host = host;
        this.settings = new SessionSettings(services.settings());
        this.utilities = new UtilityExecutor(this);
        StoredRelations stored = new StoredRelations(services.functions(), ParseState.RelationLookup.NONE);
        this.relcache = new RelationCache(services.catalog(), services.catalogCounter(), stored,
            () -> settings.value("search_path"));
        this.storage = new StorageTransaction(this, services, relcache);
        this.sequences = new SequenceManager(relcache, storage);
        this.notifications = new org.tuskdb.sql.internal.async.Notifications(services.notifyQueue(),
            services.notifySlot(), startup.database() == null ? 0 : startup.database().hashCode(),
            (int) startup.backendPid(), pid -> {
                ProcArray procs = services.procArray();
                if (procs != null) {
                    procs.signalNotify(pid);
                }
            });
        this.relationLookup = new ParseState.RelationLookup() {
            @Override
            public org.tuskdb.sql.internal.catalog.Relation lookup(String schema, String name,
                                                                  org.tuskdb.api.xact.LockMode mode, int position,
                                                                  boolean missingOk) {
                return relcache.lookup(schema, name, mode, position, missingOk, storage);
            }

            @Override
            public boolean tablesAvailable() {
                return services.tablesAvailable();
            }

            @Override
            public List<org.tuskdb.sql.internal.catalog.UserFunction> userFunctions(String schema, String name) {
                return relcache.userFunctions(schema, name, storage);
            }

            @Override
            public boolean schemaExists(String schema) {
                return !services.tablesAvailable() || relcache.namespaceOid(schema, storage) >= 0;
            }

            @Override
            public PgType userType(String schema, String name) {
                if (!services.tablesAvailable() || schema != null && relcache.namespaceOid(schema, storage) < 0) {
                    return null;
                }
                PgType t = relcache.userType(schema, name, storage);
                return t != null ? t : relcache.rowTypeNamed(schema, name, storage); // a table's or composite type's
            }
        };
        this.typeLookup = ParseState.RelationLookup.storedExpressions(relationLookup::userType,
            (schema, name) -> relcache().storedExpressionFunctions(schema, name, storage()));
        stored.setNames(typeLookup);
        this.authenticatedUser = authenticate();
        settings.setInternal("session_authorization", authenticatedUser);
        settings.setInternal("is_superuser", authenticatedSuperuser ? "on" : "off");
        for (Map.Entry<String, String> p : startup.parameters().entrySet()) {
            settings.applyStartup(p.getKey(), p.getValue());
        }
        settings.reportAll();
    }

    // ---- the session's roles -------------------------------------------------------------

    /** The role the connection logged in as (SET SESSION AUTHORIZATION is checked against it). */
    private final String authenticatedUser;
    private boolean authenticatedSuperuser = true;

    /**
     * InitializeSessionUserId: the startup's user must be a role that may log in (FATAL 28000
     * otherwise); the warm-up's internal session is the bootstrap superuser. Without the storage
     * services the user is the bootstrap superuser of a synthesized role catalog.
     */
    private String authenticate() {
        String user = startup.user();
        if (!services.tablesAvailable()) {
            return user;
        }
        try {
            Roles roles = relcache.roles(storage, user);
            Roles.Role r = startup.internal() ? roles.byOid(Roles.BOOTSTRAP_SUPERUSER) : roles.byName(user);
            if (r == null) {
                throw DatabaseException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + user + "\" does not exist");
            }
            if (!r.canLogin() && !startup.internal()) {
                throw DatabaseException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + user + "\" is not permitted to log in");
            }
            authenticatedSuperuser = r.superuser();
            Databases.Database d = null;
            if (!startup.internal()) {
                d = checkDatabase(startup.database());
                // ALTER DATABASE ... SET: below the role's settings, applied after (PGC_S_DATABASE < PGC_S_USER)
                applyStored(d.config(), "database " + d.name());
            }
            // ALTER ROLE ... SET: below the startup parameters, which are applied after (PGC_S_USER < PGC_S_CLIENT)
            applyStored(r.config(), "role " + r.name());
            if (d != null) {
                // ALTER ROLE ... IN DATABASE ... SET: over the role's own (PGC_S_USER < PGC_S_DATABASE_USER)
                applyStored(org.tuskdb.sql.internal.catalog.DatabaseRoleConfig.setconfig(
                    org.tuskdb.sql.internal.catalog.DatabaseRoleConfig.parse(d.roleConfig()).get(r.oid())),
                    "role " + r.name() + " in database " + d.name());
            }
            return r.name();
        } finally {
            storage.abort();
        }
    }

    /** The entries of a stored rolconfig / datconfig, each as a startup setting; one that fails is logged and skipped. */
    private void applyStored(String config, String owner) {
        for (String entry : RoleSettings.parse(config)) {
            int eq = entry.indexOf('=');
            try {
                settings.applyStartup(entry.substring(0, eq), entry.substring(eq + 1));
            } catch (DatabaseException e) {
                LOG.warn("setting {} of {} not applied: {}", entry, owner, e.getMessage());
            }
        }
    }

    /**
     * InitPostgres' database check: the StartupMessage's database must exist in pg_database
     * (FATAL 3D000) and accept connections (template0: FATAL 55000), so a name that does not
     * exist is refused rather than silently served another database's tables.
     */
    private Databases.Database checkDatabase(String database) {
        String name = database == null || database.isEmpty() ? startup.user() : database;
        Databases.Database d;
        try {
            d = Databases.named(storage, name);
        } catch (DatabaseException e) {
            throw DatabaseException.fatal(e.sqlState(), e.getMessage());
        }
        if (!d.allowConnections()) {
            throw DatabaseException.fatal("55000", "database \"" + name + "\" is not currently accepting connections");
        }
        if (d.connectionLimit() >= 0 && !authenticatedSuperuser) {
            int others = Databases.sessionsUsing(this, name, false);
            if (others >= d.connectionLimit()) {
                throw DatabaseException.fatal("53300", "too many connections for database \"" + name + "\"");
            }
        }
        databaseOid = (int) d.oid();
        return d;
    }

    /** The oid of the database the session is connected to. */
    public int databaseOid() {
        return databaseOid;
    }

    long backendPid() {
        return startup.backendPid();
    }

    /** The name of the database the session is connected to (the StartupMessage's). */
    String databaseName() {
        String d = startup.database();
        return d == null || d.isEmpty() ? startup.user() : d;
    }

    String authenticatedUser() {
        return authenticatedUser;
    }

    boolean authenticatedSuperuser() {
        return authenticatedSuperuser;
    }

    /** The cluster's roles as this session sees them now. */
    public Roles roles() {
        return relcache.roles(storage, authenticatedUser);
    }

    /** session_user: the login role, or SET SESSION AUTHORIZATION's. */
    public String sessionUserName() {
        return settings.value("session_authorization");
    }

    /** current_user: SET ROLE's role, else the session user. */
    public String currentUserName() {
        String r = settings.value("role");
        return r == null || r.isEmpty() || r.equals("none") ? sessionUserName() : r;
    }

    /** The current user's oid (the bootstrap superuser's when the name is gone). */
    public long currentUserOid() {
        Roles.Role r = roles().byName(currentUserName());
        return r == null ? Roles.BOOTSTRAP_SUPERUSER : r.oid();
    }

    public long sessionUserOid() {
        Roles.Role r = roles().byName(sessionUserName());
        return r == null ? Roles.BOOTSTRAP_SUPERUSER : r.oid();
    }

    /**
     * The role a statement names by a name or CURRENT_USER / CURRENT_ROLE / SESSION_USER (as the
     * parser leaves them: lower-case words); 42704 when there is none.
     */
    public Roles.Role roleNamed(String name) {
        String n = switch (name) {
            case "current_user", "current_role" -> currentUserName();
            case "session_user" -> sessionUserName();
            default -> name;
        };
        Roles.Role r = roles().byName(n);
        if (r == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "role \"" + n + "\" does not exist");
        }
        return r;
    }

    /**
     * ExecCheckRTPerms and the EXECUTE check of function calls, at each execution (SET ROLE or a
     * GRANT may have changed the answer since the plan was made): 42501 for the first object the
     * current user lacks a privilege on. Superusers pass at once.
     */
    void checkPermissions(PreparedStatement ps) {
        checkPermissions(ps.locks());
    }

    void checkPermissions(List<ParseState.RelationLock> locks) {
        boolean any = false;
        for (ParseState.RelationLock l : locks) {
            any |= l.privileges() != 0;
        }
        if (!any || !services.tablesAvailable()) {
            return;
        }
        Roles roles = roles();
        long me = currentUserOid();
        if (roles.isSuperuser(me)) {
            return;
        }
        for (ParseState.RelationLock l : locks) {
            if (l.privileges() != 0 && l.columns() != null) {
                org.tuskdb.sql.internal.catalog.Privileges.checkColumns(storage, roles, me, l.oid(), l.privileges(),
                    l.columns());
            } else if (l.privileges() != 0) {
                org.tuskdb.sql.internal.catalog.Privileges.check(storage, roles, me, l.oid(), l.privileges(),
                    l.function());
            }
        }
    }

    /** The privilege {@code bits} on an object (schema, database, relation) for the current user; 42501 when lacking. */
    void requirePrivilege(long oid, int bits) {
        requirePrivilege(oid, bits, 0);
    }

    private void requirePrivilege(long oid, int bits, int position) {
        if (!services.tablesAvailable()) {
            return;
        }
        Roles roles = roles();
        long me = currentUserOid();
        if (!roles.isSuperuser(me)) {
            try {
                org.tuskdb.sql.internal.catalog.Privileges.check(storage, roles, me, oid, bits, false);
            } catch (DatabaseException e) {
                throw position > 0 ? e.withPosition(position) : e;
            }
        }
    }

    /** RangeVarGetAndCheckCreationNamespace: CREATE on the schema (42501 "permission denied for schema s"). */
    long checkCreateIn(long namespace, int position) {
        requirePrivilege(namespace, org.tuskdb.sql.internal.catalog.AclItems.CREATE, position);
        return namespace;
    }

    /** Whether the current user is a superuser (superuser() in PostgreSQL). */
    public boolean currentUserIsSuperuser() {
        return roles().isSuperuser(currentUserOid());
    }

    /** After SET ROLE / SET SESSION AUTHORIZATION: is_superuser follows the current user (GUC_REPORT). */
    void identityChanged() {
        settings.setInternal("is_superuser", currentUserIsSuperuser() ? "on" : "off");
    }

    // ---- accessors for the utility executor and the statement context --------------------

    /** Names as this session's statements bind them (relations, user-defined functions). */
    ParseState.RelationLookup relationLookup() {
        return relationLookup;
    }

    /** Declared parameter types by oid, user-defined types included. */
    ParamTypes paramTypes(int[] oids) {
        return ParamTypes.variable(oids, oid -> services.tablesAvailable() ? relcache.typeByOid(oid & 0xffff_ffffL, storage)
            : PgType.byOid(oid));
    }

    /** No relations, only the user-defined types (DDL's expressions: DEFAULTs, CHECKs). */
    private final ParseState.RelationLookup typeLookup;

    ParseState.RelationLookup typeLookup() {
        return typeLookup;
    }

    /** DISCARD ALL / PLANS: the simple-statement cache starts empty. */
    void discardSimpleStatements() {
        simpleCache.clear();
    }

    /** Simple-Query statements run from the cache so far (tests, diagnostics). */
    public long simpleCacheHits() {
        return simpleCache.hits;
    }

    /** Shapes the simple-statement cache holds (seen, cached or refused). */
    public int simpleCacheSize() {
        return simpleCache.size();
    }

    SessionHost host() { return host; }
    UtilityExecutor utilities() { return utilities; }
    /** PL/pgSQL functions compiled in this session (their plans inside), by pg_proc oid. */
    final Map<Long, org.tuskdb.sql.internal.plpgsql.Spi.Compiled> plpgsqlFunctions = new HashMap<>();
    /** How deep trigger firings nest (plan/TriggerFiring): one counter per session. */
    final int[] triggerDepth = new int[1];
    StorageTransaction storage() { return storage; }
    RelationCache relcache() { return relcache; }

    SequenceManager sequences() { return sequences; }
    EngineServices services() { return services; }
    String currentQuery() { return currentQuery; }

    /** lock_timeout in milliseconds (0: wait forever). */
    long lockTimeoutMillis() {
        return millisSetting("lock_timeout");
    }

    /** An integer setting in milliseconds; 0 (no limit) when it is absent or unreadable. */
    private long millisSetting(String name) {
        try {
            return Long.parseLong(settings.value(name));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public long idleTimeoutMillis() {
        return millisSetting(tx.status() == 'I' ? "idle_session_timeout" : "idle_in_transaction_session_timeout");
    }

    private boolean synchronousCommit() {
        return !settings.exists("synchronous_commit") || !"off".equals(settings.value("synchronous_commit"));
    }

    /** A statement begins: catalog invalidations are taken in, READ COMMITTED's next snapshot is new. */
    private void beginStatement() {
        relcache.checkInvalidation();
        storage.startStatement();
    }
    SessionStartup startup() { return startup; }
    SessionSettings settings() { return settings; }
    long statementStartMicros() { return statementStartMicros; }
    long transactionStartMicros() { return tx.inTransaction() ? tx.startMicros : statementStartMicros; }

    @Override
    public Map<String, String> reportedParameters() {
        return settings.reportAll();
    }

    // ---- simple query ---------------------------------------------------------------------

    @Override
    public void simpleQuery(String sql, ResultSink sink) {
        ensureOpen();
        lastSink = sink;
        statementStartMicros = DateTimes.nowMicros();
        currentQuery = sql;
        try {
            List<org.tuskdb.sql.internal.parser.Token> tokens =
                org.tuskdb.sql.internal.parser.Lexer.tokenize(sql, sink::notice);
            StatementShape shape = StatementShape.of(tokens);
            if (shape == null || !runCachedSimple(shape, sql, sink)) {
                List<Parser.Parsed> parsed = Parser.parseTokens(sql, tokens);
                if (parsed.isEmpty()) {
                    sink.emptyQuery();
                    return;
                }
                boolean implicitBlock = parsed.size() > 1;
                for (Parser.Parsed p : parsed) {
                    runSimpleStatement(p, implicitBlock, sink, parsed.size() == 1 ? shape : null);
                    // each statement of the message has its own statement_timeout (PostgreSQL 13+)
                    host.disableStatementTimeout();
                }
            }
            if (tx.block == TransactionState.Block.IMPLICIT || tx.block == TransactionState.Block.STARTED) {
                commitTransaction();
            }
        } catch (RuntimeException e) {
            throw fail(e);
        } finally {
            host.disableStatementTimeout();
            flushReports(sink);
        }
    }

    /**
     * A simple Query's one statement found in the {@link SimpleStatementCache}: run with its
     * literals as the parameters of the cached statement, without parse or analysis. False (and
     * nothing sent or run) when the entry is out of date or a literal does not bind: the
     * ordinary path then runs the statement.
     */
    private boolean runCachedSimple(StatementShape shape, String sql, ResultSink sink) {
        SimpleStatementCache.Cached entry = simpleCache.lookup(shape);
        if (entry == null) {
            return false;
        }
        PreparedStatement ps = entry.statement();
        checkNotFailed(ps.statement());
        startTransactionCommand(false);
        beginStatement();
        Object current = storage.current();
        if (current == null || current != ps.lockedIn()) {
            for (ParseState.RelationLock l : ps.locks()) {
                if (l.mode() != null) {
                    storage.lockRelation(l.oid(), l.mode());
                }
            }
        }
        relcache.checkInvalidation();
        if (ps.generation() != relcache.generation()) {
            simpleCache.remove(shape);
            return false;
        }
        checkPermissions(ps);
        if (entry.sizes().due() && entry.sizes().changed(this::heapPages)) {
            simpleCache.remove(shape); // the tables grew or shrank: plan anew, as ANALYZE would make PostgreSQL
            return false;
        }
        Value[] values = SimpleStatementCache.bind(entry, shape, style());
        if (values == null) {
            return false;
        }
        simpleCache.hits++;
        Portal portal = new Portal("", ps, values, null);
        portal.started = true; // revalidated above
        storage.startStatement();
        try {
            portal.plan = simplePlan(ps, values, entry);
            if (ps.columns() != null) {
                sink.rowDescription(ps.textDescription());
            }
            runPortal(portal, 0, sink);
        } catch (DatabaseException e) {
            throw SimpleStatementCache.remap(e, entry, shape, sql);
        } finally {
            portal.closeResources();
        }
        finishTransactionCommand();
        return true;
    }

    /** A cached simple statement's plan: without parameters planned anew each time (as the ordinary path does). */
    private Planner.PlannedQuery simplePlan(PreparedStatement ps, Value[] values, SimpleStatementCache.Cached entry) {
        if (values.length == 0) {
            return planMaker.plan(ps.source().statement(), null);
        }
        if (entry.customOnly()) {
            return planMaker.plan(ps.source().statement(), values);
        }
        sizing = entry.sizes().recording();
        try {
            return planFor(ps, values);
        } finally {
            sizing = null;
        }
    }

    /**
     * The ordinary path of a statement whose shape the cache knows: the first time noted, the
     * second time made an entry (and run through it), later only when the entry went stale.
     * Null: run it the ordinary way (then {@link #simpleSeen}).
     */
    private PreparedStatement simpleEntry(StatementShape shape, Statement raw) {
        if (!(raw instanceof Statement.Select || raw instanceof Statement.Insert || raw instanceof Statement.Update
            || raw instanceof Statement.Delete || raw instanceof Statement.WithModify)) {
            return null;
        }
        SimpleStatementCache.Entry e = simpleCache.get(shape);
        if (!(e instanceof SimpleStatementCache.Seen seen)) {
            return null;
        }
        SimpleStatementCache.Entry built = simpleCache.build(shape, currentQuery, raw, seen, relcache.generation(),
            (parameterized, params) -> prepare(currentQuery, parameterized, params, true));
        simpleCache.put(shape, built);
        return built instanceof SimpleStatementCache.Cached c ? c.statement() : null;
    }

    /** After the ordinary path prepared a statement of a shape: the first sighting is noted. */
    private void simpleSeen(StatementShape shape, PreparedStatement ps) {
        SimpleStatementCache.Entry e = simpleCache.get(shape);
        // a cached entry whose kept literals differ gives way (the next sighting makes one for these)
        if (e == null || e instanceof SimpleStatementCache.Refused r && r.generation() != relcache.generation()
            || e instanceof SimpleStatementCache.Cached && simpleCache.lookup(shape) == null) {
            simpleCache.put(shape, new SimpleStatementCache.Seen(ps.columns()));
        }
    }

    private void runSimpleStatement(Parser.Parsed p, boolean implicitBlock, ResultSink sink, StatementShape shape) {
        checkNotFailed(p.statement());
        startTransactionCommand(implicitBlock);
        beginStatement();
        // positions in errors count from the start of the whole message
        PreparedStatement ps;
        Value[] parameters = NO_VALUES;
        switch (p.statement()) {
            case Statement.Prepare pr -> {
                sqlPrepare(pr);
                sink.commandComplete("PREPARE");
                finishTransactionCommand();
                return;
            }
            case Statement.Deallocate d -> {
                if (d.name() == null) {
                    statements.keySet().removeIf(name -> !name.isEmpty());
                } else {
                    statement(d.name());
                    statements.remove(d.name());
                }
                sink.commandComplete(d.name() == null ? "DEALLOCATE ALL" : "DEALLOCATE");
                finishTransactionCommand();
                return;
            }
            case Statement.Execute e -> {
                ps = statement(e.name());
                parameters = executeArguments(ps, e);
            }
            case Statement.Explain ex when ex.statement() instanceof Statement.Execute e -> {
                PreparedStatement target = statement(e.name());
                parameters = executeArguments(target, e);
                ps = explainExecute(target, ex, parameters);
            }
            default -> {
                PreparedStatement cached = shape == null ? null : simpleEntry(shape, p.statement());
                Value[] bound = cached == null ? null : SimpleStatementCache.bind(
                    (SimpleStatementCache.Cached) simpleCache.get(shape), shape, style());
                if (bound != null) {
                    ps = cached;
                    parameters = bound;
                } else {
                    ps = prepare(currentQuery, p.statement(), ParamTypes.none());
                    if (shape != null && cached == null) {
                        simpleSeen(shape, ps);
                    }
                }
            }
        }
        Portal portal = new Portal("", ps, parameters, null);
        if (ps.source() != null) {
            portal.plan = shape != null && simpleCache.get(shape) instanceof SimpleStatementCache.Cached c
                && c.statement() == ps ? simplePlan(ps, parameters, c) : planFor(ps, parameters);
        }
        if (ps.columns() != null) {
            sink.rowDescription(ps.textDescription());
        }
        try {
            runPortal(portal, 0, sink);
        } finally {
            portal.closeResources();
        }
        finishTransactionCommand();
    }

    // ---- extended protocol ----------------------------------------------------------------

    @Override
    public void parse(String statementName, String sql, int[] parameterTypes) {
        ensureOpen();
        statementStartMicros = DateTimes.nowMicros();
        try {
            if (!statementName.isEmpty() && statements.containsKey(statementName)) {
                throw DatabaseException.error(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + statementName + "\" already exists");
            }
            if (statementName.isEmpty()) {
                statements.remove("");
            }
            ResultSink notices = lastSink;
            List<Parser.Parsed> parsed = Parser.parse(sql, notices == null ? null : notices::notice);
            if (parsed.size() > 1) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                    "cannot insert multiple commands into a prepared statement");
            }
            Statement raw = parsed.isEmpty() ? null : parsed.get(0).statement();
            if (raw != null) {
                checkNotFailed(raw);
            }
            startTransactionCommand(false);
            beginStatement();
            PreparedStatement ps = raw == null
                ? new PreparedStatement(sql, null, null, null, new PgType[0], null)
                : prepareCached(sql, raw, paramTypes(parameterTypes));
            statements.put(statementName, ps);
            if (!statementName.isEmpty()) {
                origins.put(statementName, new StatementOrigin(ps, statementStartMicros, false));
            }
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public StatementDescription describeStatement(String statementName) {
        ensureOpen();
        try {
            PreparedStatement ps = statement(statementName);
            if (tx.block == TransactionState.Block.FAILED && ps.columns() != null) {
                throw failedBlock();
            }
            int[] oids = new int[ps.parameterTypes().length];
            for (int i = 0; i < oids.length; i++) {
                oids[i] = ps.parameterTypes()[i].oid();
            }
            return new StatementDescription(oids, ps.textDescription());
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public void bind(String portalName, String statementName, short[] parameterFormats, byte[][] parameters,
                     short[] resultFormats) {
        ensureOpen();
        statementStartMicros = DateTimes.nowMicros();
        try {
            PreparedStatement ps = statement(statementName);
            if (ps.statement() != null) {
                checkNotFailed(ps.statement());
            }
            PgType[] types = ps.parameterTypes();
            int supplied = parameters == null ? 0 : parameters.length;
            int formats = parameterFormats == null ? 0 : parameterFormats.length;
            if (formats > 1 && formats != supplied) {
                throw DatabaseException.error(SqlState.PROTOCOL_VIOLATION,
                    "bind message has " + formats + " parameter formats but " + supplied + " parameters");
            }
            if (supplied != types.length) {
                throw DatabaseException.error(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + supplied
                    + " parameters, but prepared statement \"" + statementName + "\" requires " + types.length);
            }
            int columns = ps.columns() == null ? 0 : ps.columns().size();
            int results = resultFormats == null ? 0 : resultFormats.length;
            if (results > 1 && results != columns) {
                throw DatabaseException.error(SqlState.PROTOCOL_VIOLATION,
                    "bind message has " + results + " result formats but query has " + columns + " columns");
            }
            if (!portalName.isEmpty() && portals.containsKey(portalName)) {
                throw DatabaseException.error(SqlState.DUPLICATE_CURSOR, "portal \"" + portalName + "\" already exists");
            }
            startTransactionCommand(false);
            SessionStyle style = style();
            Value[] values = new Value[supplied];
            for (int i = 0; i < supplied; i++) {
                if (parameters[i] == null) {
                    continue;
                }
                short format = formats == 0 ? 0 : formats == 1 ? parameterFormats[0] : parameterFormats[i];
                values[i] = decodeParameter(types[i], format, parameters[i], i + 1, style);
            }
            Portal portal = new Portal(portalName, ps, values, resultFormats);
            if (ps.source() != null) {
                portal.plan = planFor(ps, values); // planned at Bind, as PostgreSQL's GetCachedPlan: its errors are Bind's
            }
            Portal old = portals.put(portalName, portal);
            if (old != null) {
                old.closeResources();
            }
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    private static Value decodeParameter(PgType type, short format, byte[] bytes, int number, SessionStyle style) {
        if (format == 1) {
            try {
                return TypeInput.fromBinary(type, bytes);
            } catch (DatabaseException e) {
                if (e.sqlState().equals(SqlState.INVALID_BINARY_REPRESENTATION)) {
                    throw DatabaseException.error(SqlState.INVALID_BINARY_REPRESENTATION,
                        "incorrect binary data format in bind parameter " + number);
                }
                throw e;
            }
        }
        if (format != 0) {
            throw DatabaseException.error(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + format);
        }
        return TypeInput.parse(type, -1, TypeInput.utf8(bytes), style);
    }

    @Override
    public List<ColumnDescription> describePortal(String portalName) {
        ensureOpen();
        try {
            Portal portal = portal(portalName);
            if (tx.block == TransactionState.Block.FAILED && portal.statement.columns() != null) {
                throw failedBlock();
            }
            return portal.statement.columns() == null ? null : RowEncoder.describe(portal);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean execute(String portalName, int maxRows, ResultSink sink) {
        ensureOpen();
        lastSink = sink;
        statementStartMicros = DateTimes.nowMicros();
        try {
            Portal portal = portal(portalName);
            if (portal.statement.statement() == null) {
                sink.emptyQuery();
                return false;
            }
            checkNotFailed(portal.statement.statement());
            startTransactionCommand(false);
            if (!portal.started) {
                beginStatement();
            }
            currentQuery = portal.statement.sql();
            boolean suspended = runPortal(portal, maxRows, sink);
            if (!suspended) {
                host.disableStatementTimeout(); // a completed Execute ends the timer; the next message starts one
            }
            return suspended;
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public void closeStatement(String statementName) {
        statements.remove(statementName);
    }

    @Override
    public void closePortal(String portalName) {
        Portal p = portals.remove(portalName);
        if (p != null) {
            p.closeResources();
        }
    }

    @Override
    public void sync() {
        if (closed) {
            return;
        }
        try {
            if (tx.block == TransactionState.Block.STARTED || tx.block == TransactionState.Block.IMPLICIT) {
                commitTransaction();
            }
        } finally {
            host.disableStatementTimeout();
            flushReports(lastSink);
        }
    }

    @Override
    public char transactionStatus() {
        return tx.status();
    }

    @Override
    public void deliverNotifications(org.tuskdb.api.sql.NotificationSink sink) {
        notifications.deliver(sink);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (tx.inTransaction()) {
            rollbackTransaction();
        }
        if (relcache.tempNamespace() >= 0 && services.tablesAvailable()) {
            try {
                utilities.dropTemporaryObjects();
                storage.commit(true);
            } catch (RuntimeException e) {
                storage.abort();
                LOG.warn("could not drop the temporary objects of the session: {}", e.toString());
            }
        }
        ProcArray procs = services.procArray();
        if (procs != null && services.tablesAvailable() && services.claimOrphanTemporarySweep()) {
            try {
                int dropped = utilities.dropOrphanTemporarySchemas(procs);
                if (dropped > 0) {
                    LOG.info("dropped {} temporary schema(s) of backends that are gone", dropped);
                }
            } catch (RuntimeException e) {
                storage.abort();
                LOG.warn("could not sweep the temporary schemas of backends that are gone: {}", e.toString());
            }
        }
        storage.advisoryUnlockAll(); // session-level advisory locks end with the session
        notifications.close();
        statements.clear();
        portals.clear();
        closed = true;
    }

    // ---- statements and portals -----------------------------------------------------------

    /** The planner's view of table sizes: the heap's block count now (cheap), unknown without storage. */
    private long relationPages(org.tuskdb.sql.internal.catalog.TableDescriptor t) {
        long pages = heapPages(t);
        if (sizing != null) {
            sizing.add(t, pages);
        }
        return pages;
    }

    /** While a cached simple statement is planned: the table sizes its plans were made for. */
    private SimpleStatementCache.Sizes sizing;

    private long heapPages(org.tuskdb.sql.internal.catalog.TableDescriptor t) {
        org.tuskdb.api.heap.HeapAccess heap = services.heap();
        if (heap == null) {
            return -1;
        }
        try {
            return heap.blockCount(t.locator());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A planner cost setting's value, null when the settings do not have it. */
    /** The session's settings as the planner reads them, with the enable_* switches read once per SET. */
    private final PlannerSettings plannerSettings = new PlannerSettings();

    private final class PlannerSettings implements java.util.function.UnaryOperator<String>,
        org.tuskdb.sql.internal.plan.PlannerMethods.Source {
        private int version = -1;
        private org.tuskdb.sql.internal.plan.PlannerMethods methods;

        @Override
        public String apply(String name) {
            return costSetting(name);
        }

        @Override
        public org.tuskdb.sql.internal.plan.PlannerMethods plannerMethods() {
            if (version != settings.version()) {
                methods = org.tuskdb.sql.internal.plan.PlannerMethods.read(this);
                version = settings.version();
            }
            return methods;
        }
    }

    private String costSetting(String name) {
        try {
            return settings.value(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The constant folder of one planning: generic (params null) or a custom plan's. */
    private org.tuskdb.sql.internal.plan.ConstantFolder folder(Value[] params) {
        return new org.tuskdb.sql.internal.plan.ConstantFolder(style(), params, services.functions());
    }

    /** A simple Query's statement: analyzed and planned at once (PostgreSQL's one-shot plan). */
    private PreparedStatement prepare(String sql, Statement raw, ParamTypes params) {
        return prepare(sql, raw, params, false);
    }

    /** Parse's and PREPARE's statement: analyzed now, planned at each Bind / EXECUTE ({@link CachedPlanSource}). */
    private PreparedStatement prepareCached(String sql, Statement raw, ParamTypes params) {
        return prepare(sql, raw, params, true);
    }

    private PreparedStatement prepare(String sql, Statement raw, ParamTypes params, boolean cached) {
        ParseState ps = new ParseState(sql, services.functions(), relationLookup, params);
        Analyzer analyzer = new Analyzer(ps, utilities::settingColumnName);
        AnalyzedStatement analyzed = analyzer.analyze(raw);
        PgType[] types = params.finish();
        if (cached && (analyzed instanceof Query || analyzed instanceof org.tuskdb.sql.internal.analyze.ModifyQuery
            || analyzed instanceof org.tuskdb.sql.internal.analyze.ExplainStatement)) {
            List<org.tuskdb.sql.internal.analyze.ResultColumn> columns = switch (analyzed) {
                case Query q -> q.columns();
                case org.tuskdb.sql.internal.analyze.ModifyQuery m -> m.columns();
                case org.tuskdb.sql.internal.analyze.ExplainStatement e -> List.of(
                    new org.tuskdb.sql.internal.analyze.ResultColumn("QUERY PLAN", e.options().resultType(), -1));
                default -> throw new IllegalStateException();
            };
            return new PreparedStatement(sql, raw, analyzed, null, types, columns, ps.locks(), relcache.generation(),
                storage.current(), new CachedPlanSource(analyzed, types.length, ps.locks().size()));
        }
        if (analyzed instanceof Query q) {
            Planner.PlannedQuery plan = Planner.plan(q, this::relationPages, plannerSettings, folder(null));
            return new PreparedStatement(sql, raw, analyzed, plan, types, plan.columns(), ps.locks(),
                relcache.generation(), storage.current());
        }
        if (analyzed instanceof org.tuskdb.sql.internal.analyze.CopyStatement c) {
            org.tuskdb.sql.internal.plan.Plan root = c.refusal() != null ? new org.tuskdb.sql.internal.plan.ResultPlan()
                : c.from() ? new org.tuskdb.sql.internal.plan.ModifyTablePlan(org.tuskdb.sql.internal.analyze.ModifyQuery.Kind.INSERT,
                    c.table(), new org.tuskdb.sql.internal.plan.CopyFromPlan(c.table().name(), c.fieldTypes(), c.columnNames(), c.options(),
                        c.fieldChecks()),
                    c.projection(), null, null, null)
                : Planner.plan(c.query()).root();
            return new PreparedStatement(sql, raw, analyzed, new Planner.PlannedQuery(root, null), types, null, ps.locks(),
                relcache.generation(), storage.current());
        }
        if (analyzed instanceof org.tuskdb.sql.internal.analyze.ModifyQuery m) {
            Planner.PlannedQuery plan = Planner.plan(m, this::relationPages, plannerSettings, folder(null));
            return new PreparedStatement(sql, raw, analyzed, plan, types, plan.columns(), ps.locks(),
                relcache.generation(), storage.current());
        }
        if (analyzed instanceof org.tuskdb.sql.internal.analyze.ExplainStatement e) {
            Planner.PlannedQuery plan = Planner.plan(e, this::relationPages, plannerSettings, folder(null));
            return new PreparedStatement(sql, raw, analyzed, plan, types, plan.columns(), ps.locks(),
                relcache.generation(), storage.current());
        }
        return new PreparedStatement(sql, raw, analyzed, null, types,
            ((org.tuskdb.sql.internal.analyze.UtilityCommand) analyzed).columns());
    }

    /** Plans of prepared statements: generic (params null) or custom, and their costs. */
    private final CachedPlanSource.PlanMaker planMaker = new CachedPlanSource.PlanMaker() {
        @Override
        public Planner.PlannedQuery plan(AnalyzedStatement statement, Value[] params) {
            return switch (statement) {
                case Query q -> Planner.plan(q, Session.this::relationPages, plannerSettings, folder(params));
                case org.tuskdb.sql.internal.analyze.ModifyQuery m ->
                    Planner.plan(m, Session.this::relationPages, plannerSettings, folder(params));
                case org.tuskdb.sql.internal.analyze.ExplainStatement e ->
                    Planner.plan(e, Session.this::relationPages, plannerSettings, folder(params));
                default -> throw new IllegalArgumentException("not plannable");
            };
        }

        @Override
        public double cost(Planner.PlannedQuery plan) {
            if (plan.root() instanceof org.tuskdb.sql.internal.plan.explain.ExplainPlan) {
                return 0;
            }
            return new org.tuskdb.sql.internal.plan.CostModel(Session.this::relationPages, plannerSettings)
                .cost(plan.root()).total();
        }
    };

    private int planSettingsVersion = -1;
    private CachedPlanSource.Mode planCacheMode;
    private double cpuOperatorCost;

    /** The plan a Bind / EXECUTE of the statement runs (one-shot, custom or generic). */
    private Planner.PlannedQuery planFor(PreparedStatement ps, Value[] params) {
        CachedPlanSource source = ps.source();
        if (source == null) {
            return ps.plan();
        }
        if (planSettingsVersion != settings.version()) {
            planCacheMode = CachedPlanSource.mode(settings.exists("plan_cache_mode") ? settings.value("plan_cache_mode") : null);
            String op = costSetting("cpu_operator_cost");
            try {
                cpuOperatorCost = op == null ? 0.0025 : Double.parseDouble(op);
            } catch (NumberFormatException e) {
                cpuOperatorCost = 0.0025;
            }
            planSettingsVersion = settings.version();
        }
        return source.plan(params, planCacheMode, cpuOperatorCost, plannerSettings.plannerMethods(), planMaker);
    }

    /**
     * EXPLAIN EXECUTE name(args): the plan the execution would run — chosen as an EXECUTE
     * chooses (and counted as one), custom with the arguments as constants or generic with $n —
     * planned again for EXPLAIN (which records sort keys and aliases).
     */
    private PreparedStatement explainExecute(PreparedStatement target, Statement.Explain ex, Value[] args) {
        AnalyzedStatement inner = target.source() != null ? target.source().statement() : target.analyzed();
        if (!(inner instanceof Query) && !(inner instanceof org.tuskdb.sql.internal.analyze.ModifyQuery)) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN EXECUTE of this statement is not supported");
        }
        boolean custom = false;
        if (target.source() != null) {
            planFor(target, args);
            custom = target.source().lastCustom();
        }
        var explain = new org.tuskdb.sql.internal.analyze.ExplainStatement(ex.options(), inner);
        Planner.PlannedQuery plan = Planner.plan(explain, this::relationPages, plannerSettings,
            folder(custom ? args : null));
        return new PreparedStatement(currentQuery, ex, explain, plan, target.parameterTypes(), plan.columns(),
            target.locks(), relcache.generation(), null);
    }

    /** CREATE TABLE AS: the result columns of its query (analyzed, not run). */
    List<org.tuskdb.sql.internal.analyze.ResultColumn> queryColumns(Statement.Select query) {
        return prepare(currentQuery, query, ParamTypes.none()).columns();
    }

    /** A relation by name, not locked (LOCK TABLE, CREATE TABLE AS); missing: null if missingOk, else 42P01. */
    org.tuskdb.sql.internal.catalog.Relation lookupRelation(Statement.RangeVar rv, boolean missingOk) {
        return relationLookup.lookup(rv.schema(), rv.name(), null, 0, missingOk);
    }

    /** A SELECT run inside the current statement (ALTER DOMAIN's checks of existing rows): the number of rows. */
    long queryRows(String sql, StatementContext ctx) {
        storage.current().commandCounterIncrement();
        List<org.tuskdb.sql.internal.parser.Parser.Parsed> parsed = org.tuskdb.sql.internal.parser.Parser.parse(sql);
        PreparedStatement ps = prepare(sql, parsed.get(0).statement(), ParamTypes.none());
        var cursor = ps.plan().root().open(ctx);
        long n = 0;
        while (cursor.next() != null) {
            n++;
        }
        return n;
    }

    /**
     * CREATE MATERIALIZED VIEW and REFRESH: the query's rows ({@code sql} its text, for error
     * positions) into the materialized view, which no INSERT may name; the rows inserted.
     */
    long populate(org.tuskdb.sql.internal.catalog.TableDescriptor matview, String sql, Statement.Select query,
                  StatementContext ctx) {
        storage.current().commandCounterIncrement();
        PreparedStatement ps = prepare(sql, query, ParamTypes.none());
        List<org.tuskdb.sql.internal.catalog.Relation.Column> cols = matview.columns();
        org.tuskdb.sql.internal.expr.Expression[] projection = new org.tuskdb.sql.internal.expr.Expression[cols.size()];
        for (int i = 0; i < projection.length; i++) {
            // the visible columns only (a sort key may ride along); their types are the view's
            projection[i] = new org.tuskdb.sql.internal.expr.ColumnVar(i, cols.get(i).type(), cols.get(i).typmod(),
                cols.get(i).name());
        }
        var cursor = new org.tuskdb.sql.internal.plan.ModifyTablePlan(
            org.tuskdb.sql.internal.analyze.ModifyQuery.Kind.INSERT, matview, ps.plan().root(), projection, null, null,
            null).open(ctx);
        while (cursor.next() != null) {
            // no RETURNING
        }
        storage.current().commandCounterIncrement();
        return cursor.processed();
    }

    /** CREATE TABLE AS: INSERT INTO table query, run inside the current statement; the rows inserted. */
    long insertSelect(Statement.RangeVar table, Statement.Select query, StatementContext ctx) {
        storage.current().commandCounterIncrement();
        PreparedStatement ps = prepare(currentQuery, new Statement.Insert(table, null, null, query, List.of(),
            table.location()), ParamTypes.none());
        var cursor = (org.tuskdb.sql.internal.plan.ModifyTablePlan.ModifyCursor) ps.plan().root().open(ctx);
        while (cursor.next() != null) {
            // no RETURNING
        }
        storage.current().commandCounterIncrement();
        return cursor.processed();
    }

    /**
     * SQL-level PREPARE: the same named statements as the protocol's Parse. Declared parameter
     * types are read by analyzing {@code SELECT NULL::t, ...}; undeclared ones are inferred.
     */
    private void sqlPrepare(Statement.Prepare pr) {
        if (statements.containsKey(pr.name())) {
            throw DatabaseException.error(SqlState.DUPLICATE_PREPARED_STATEMENT,
                "prepared statement \"" + pr.name() + "\" already exists");
        }
        int[] oids = new int[pr.types().size()];
        if (oids.length > 0) {
            List<Statement.ResTarget> targets = new ArrayList<>();
            for (org.tuskdb.sql.internal.ast.TypeName t : pr.types()) {
                targets.add(new Statement.ResTarget(new org.tuskdb.sql.internal.ast.Expr.TypeCast(
                    new org.tuskdb.sql.internal.ast.Expr.Literal(org.tuskdb.sql.internal.ast.Expr.LiteralKind.NULL, "null",
                        t.location()), t, t.location()), null, t.location()));
            }
            PreparedStatement types = prepare(currentQuery, new Statement.Select(false, targets, List.of(), null,
                List.of(), null, null, null, null, pr.location()), ParamTypes.none());
            for (int i = 0; i < oids.length; i++) {
                oids[i] = types.columns().get(i).type().oid();
            }
        }
        PreparedStatement ps = prepareCached(currentQuery, pr.statement(), paramTypes(oids));
        statements.put(pr.name(), ps);
        origins.put(pr.name(), new StatementOrigin(ps, statementStartMicros, true));
    }

    /** pg_prepared_statements: every named statement, its text, types and plan counts. */
    List<Value[]> preparedStatementRows() {
        List<Value[]> out = new ArrayList<>();
        for (Map.Entry<String, PreparedStatement> e : statements.entrySet()) {
            StatementOrigin o = origins.get(e.getKey());
            if (e.getKey().isEmpty() || o == null || o.statement() != e.getValue()) {
                continue;
            }
            PreparedStatement ps = e.getValue();
            Value[] types = new Value[ps.parameterTypes().length];
            for (int i = 0; i < types.length; i++) {
                types[i] = new org.tuskdb.sql.internal.value.OidValue(PgType.REGTYPE, ps.parameterTypes()[i].oid());
            }
            CachedPlanSource src = ps.source();
            out.add(new Value[] {org.tuskdb.sql.internal.value.TextValue.text(e.getKey()),
                org.tuskdb.sql.internal.value.TextValue.text(ps.sql()),
                org.tuskdb.sql.internal.value.TimestampValue.tz(o.prepareMicros()),
                new org.tuskdb.sql.internal.value.ArrayValue(PgType.REGTYPE_ARRAY, types),
                org.tuskdb.sql.internal.value.BoolValue.of(o.fromSql()),
                org.tuskdb.sql.internal.value.IntegerValue.int8(src == null ? 0 : src.genericPlans()),
                org.tuskdb.sql.internal.value.IntegerValue.int8(src == null ? 0 : src.customPlans())});
        }
        return out;
    }

    /** EXECUTE's arguments, each cast to its parameter's type and evaluated (one row of {@code SELECT}). */
    private Value[] executeArguments(PreparedStatement ps, Statement.Execute e) {
        PgType[] types = ps.parameterTypes();
        if (types.length != e.arguments().size()) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                "wrong number of parameters for prepared statement \"" + e.name() + "\"")
                .withDetail("Expected " + types.length + " parameters but got " + e.arguments().size() + ".");
        }
        if (types.length == 0) {
            return NO_VALUES;
        }
        List<Statement.ResTarget> targets = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            org.tuskdb.sql.internal.ast.Expr arg = e.arguments().get(i);
            int at = arg.location();
            targets.add(new Statement.ResTarget(new org.tuskdb.sql.internal.ast.Expr.TypeCast(arg,
                new org.tuskdb.sql.internal.ast.TypeName(List.of(types[i].name()), List.of(), null, at), at), null, at));
        }
        PreparedStatement args = prepare(currentQuery, new Statement.Select(false, targets, List.of(), null,
            List.of(), null, null, null, null, e.location()), ParamTypes.none());
        Portal portal = new Portal("", args, NO_VALUES, null);
        StatementContext ctx = new StatementContext(this, NO_VALUES, style(), null, portal.resources);
        try {
            Value[] row = args.plan().root().open(ctx).next();
            return row.clone();
        } finally {
            portal.closeResources();
        }
    }

    private PreparedStatement statement(String name) {
        PreparedStatement ps = statements.get(name);
        if (ps == null) {
            throw DatabaseException.error(SqlState.INVALID_SQL_STATEMENT_NAME, name.isEmpty()
                ? "unnamed prepared statement does not exist" : "prepared statement \"" + name + "\" does not exist");
        }
        return ps;
    }

    private Portal portal(String name) {
        Portal p = portals.get(name);
        if (p == null) {
            throw DatabaseException.error(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return p;
    }

    /** Runs a portal for up to maxRows rows (0: all); true when it is suspended with rows left. */
    private boolean runPortal(Portal portal, int maxRows, ResultSink sink) {
        if (!portal.started) {
            if (portal.statement.planned()) {
                revalidate(portal);
                checkPermissions(portal.statement);
                storage.startStatement();
            }
            portal.started = true;
        }
        PreparedStatement ps = portal.statement;
        SessionStyle style = style();
        StatementContext ctx = new StatementContext(this, portal.parameters, style, sink, portal.resources);
        if (ps.analyzed() instanceof org.tuskdb.sql.internal.analyze.CopyStatement c && !portal.done) {
            return runCopy(portal, c, ctx, sink, style);
        }
        if (!ps.planned() && portal.utilityTag == null) {
            UtilityExecutor.Result r = utilities.execute(ps.statement(), ctx);
            portal.utilityTag = r.tag();
            portal.utilityRows = r.rows();
            style = style(); // the utility may have changed TimeZone etc.
        }
        int columns = ps.columns() == null ? 0 : ps.columns().size();
        long sent = 0;
        while (maxRows <= 0 || sent < maxRows) {
            Value[] row = nextRow(portal, ctx);
            if (row == null) {
                portal.done = true;
                String tag;
                if (portal.modifyCursor != null) {
                    long n = portal.modifyCursor.processed();
                    tag = switch (portal.modifyCursor.kind()) {
                        case INSERT -> "INSERT 0 " + n;
                        case UPDATE -> "UPDATE " + n;
                        case DELETE -> "DELETE " + n;
                        case MERGE -> "MERGE " + n;
                    };
                    storage.current().commandCounterIncrement();
                } else {
                    tag = portal.plan != null ? selectTag(sent) : portal.utilityRows != null ? "SHOW" : portal.utilityTag;
                    if (portal.plan != null && portal.plan.root() instanceof org.tuskdb.sql.internal.plan.ModifyingCtePlan) {
                        storage.current().commandCounterIncrement(); // a SELECT whose CTEs changed tables
                    }
                    if (portal.plan != null && portal.plan.root() instanceof org.tuskdb.sql.internal.plan.explain.ExplainPlan ep) {
                        tag = "EXPLAIN";
                        if (ep.modifies()) {
                            storage.current().commandCounterIncrement();
                        }
                    }
                }
                portal.closeResources();
                sink.commandComplete(tag);
                return false;
            }
            sink.dataRow(RowEncoder.encode(row, columns, portal, style));
            sent++;
            host.checkForInterrupts();
        }
        return true;
    }

    /**
     * COPY FROM STDIN: the client's data through INSERT's ModifyTable; COPY TO STDOUT: the
     * query's rows as CopyData lines. Either ends with the tag "COPY n".
     */
    private boolean runCopy(Portal portal, org.tuskdb.sql.internal.analyze.CopyStatement c, StatementContext ctx,
                            ResultSink sink, SessionStyle style) {
        org.tuskdb.sql.internal.plan.Plan root = portal.plan.root();
        long n = 0;
        if (c.from()) {
            ctx.executionState().put(org.tuskdb.sql.internal.plan.CopyFromPlan.SOURCE,
                sink.copyIn(c.fieldTypes().length, c.options().binary()));
            if (c.refusal() != null) {
                throw c.refusal(); // after CopyInResponse, as PostgreSQL's CopyFrom checks the relation kind
            }
            var cursor = (org.tuskdb.sql.internal.plan.ModifyTablePlan.ModifyCursor) root.open(ctx);
            try {
                while (cursor.next() != null) {
                    // no RETURNING: next() inserts every record and returns null at the end
                }
            } catch (org.tuskdb.api.DatabaseException e) {
                String where = e.context() == null
                    ? org.tuskdb.sql.internal.plan.CopyFromPlan.recordContext(c.table().name(), ctx) : null;
                throw where == null ? e : e.withContext(where);
            }
            n = cursor.processed();
            storage.current().commandCounterIncrement();
        } else {
            int columns = c.columnNames().size();
            var encoder = new org.tuskdb.sql.internal.copy.CopyEncoder(c.options());
            boolean binary = c.options().binary();
            sink.copyOut(columns, binary);
            if (c.options().header()) {
                encoder.header(c.columnNames());
                sink.copyData(encoder.bytes(), encoder.length());
            }
            if (binary) {
                encoder.binaryHeader();
                sink.copyData(encoder.bytes(), encoder.length());
            }
            org.tuskdb.sql.internal.plan.RowCursor cursor = root.open(ctx);
            Value[] row;
            while ((row = cursor.next()) != null) {
                if (binary) {
                    encoder.encodeBinary(row, columns);
                } else {
                    encoder.encode(row, columns, style);
                }
                sink.copyData(encoder.bytes(), encoder.length());
                n++;
                host.checkForInterrupts();
            }
            if (binary) {
                encoder.binaryTrailer();
                sink.copyData(encoder.bytes(), encoder.length());
            }
            sink.copyDone();
        }
        portal.done = true;
        portal.closeResources();
        sink.commandComplete("COPY " + n);
        return false;
    }

    private static String selectTag(long rows) {
        return rows < SELECT_TAGS.length ? SELECT_TAGS[(int) rows] : "SELECT " + rows;
    }

    private Value[] nextRow(Portal portal, StatementContext ctx) {
        if (portal.done) {
            return null;
        }
        if (portal.plan != null) {
            if (portal.cursor == null) {
                portal.cursor = portal.plan.root().open(ctx);
                if (portal.cursor instanceof org.tuskdb.sql.internal.plan.ModifyTablePlan.ModifyCursor m) {
                    portal.modifyCursor = m;
                } else if (portal.cursor instanceof org.tuskdb.sql.internal.plan.ModifyingCtePlan.Cursor w
                    && w.main() instanceof org.tuskdb.sql.internal.plan.ModifyTablePlan.ModifyCursor m) {
                    portal.modifyCursor = m;
                }
            }
            Value[] row = portal.cursor.next();
            if (row == null) {
                portal.cursor = null;
            }
            return row;
        }
        if (portal.utilityRows == null || portal.utilityNext >= portal.utilityRows.size()) {
            return null;
        }
        return portal.utilityRows.get(portal.utilityNext++);
    }

    /**
     * PostgreSQL's plan cache revalidation: takes the plan's table locks (unless analysis took
     * them in this very transaction), takes in catalog invalidations, and re-plans when the
     * relation cache changed since the plan was made.
     */
    private void revalidate(Portal portal) {
        PreparedStatement ps = portal.statement;
        if (ps.locks().isEmpty()) {
            return;
        }
        Object current = storage.current();
        if (current == null || current != ps.lockedIn()) {
            for (ParseState.RelationLock l : ps.locks()) {
                if (l.mode() != null) {
                    storage.lockRelation(l.oid(), l.mode());
                }
            }
        }
        relcache.checkInvalidation();
        if (ps.generation() == relcache.generation()) {
            return;
        }
        int[] oids = new int[ps.parameterTypes().length];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = ps.parameterTypes()[i].oid();
        }
        PreparedStatement fresh = prepare(ps.sql(), ps.statement(), paramTypes(oids), ps.source() != null);
        if (!java.util.Objects.equals(fresh.columns(), ps.columns())) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
        }
        for (Map.Entry<String, PreparedStatement> e : statements.entrySet()) {
            if (e.getValue() == ps) {
                e.setValue(fresh);
                // the statement stays what it was to pg_prepared_statements (name, prepare time)
                StatementOrigin o = origins.get(e.getKey());
                if (o != null && o.statement() == ps) {
                    origins.put(e.getKey(), new StatementOrigin(fresh, o.prepareMicros(), o.fromSql()));
                }
            }
        }
        portal.statement = fresh;
        portal.plan = fresh.source() != null ? planFor(fresh, portal.parameters) : fresh.plan();
    }

    /** The output style; what it derives from settings is recomputed only after settings change. */
    SessionStyle style() {
        if (styleVersion != settings.version() || cachedStyle == null) {
            String dateStyle = settings.value("DateStyle");
            int extra;
            try {
                extra = Integer.parseInt(settings.value("extra_float_digits"));
            } catch (NumberFormatException e) {
                extra = 1;
            }
            cachedStyle = new SessionStyle(SessionSettings.zoneOf(settings.value("TimeZone")), extra,
                settings.value("IntervalStyle"), dateStyle.toUpperCase(Locale.ROOT).contains("DMY"), 0);
            styleVersion = settings.version();
        }
        long now = transactionStartMicros();
        if (cachedStyle.nowMicros() != now) {
            SessionStyle s = cachedStyle;
            cachedStyle = new SessionStyle(s.zone(), s.extraFloatDigits(), s.intervalStyle(), s.dayFirst(), now);
        }
        return cachedStyle;
    }

    // ---- transactions ---------------------------------------------------------------------

    private void checkNotFailed(Statement s) {
        if (tx.block == TransactionState.Block.FAILED && !isTransactionExit(s)) {
            throw failedBlock();
        }
    }

    static boolean isTransactionExit(Statement s) {
        return s instanceof Statement.Transaction t && (t.kind() == Statement.TransactionKind.COMMIT
            || t.kind() == Statement.TransactionKind.ROLLBACK || t.kind() == Statement.TransactionKind.ROLLBACK_TO
            || t.kind() == Statement.TransactionKind.PREPARE);
    }

    private static DatabaseException failedBlock() {
        return DatabaseException.error(SqlState.IN_FAILED_SQL_TRANSACTION,
            "current transaction is aborted, commands ignored until end of transaction block");
    }

    private void startTransactionCommand(boolean implicitBlock) {
        // PostgreSQL's start_xact_command: the statement timer runs from the first message of a
        // statement (Parse, Bind or Execute; a simple Query's statement) until it completes
        long timeout = millisSetting("statement_timeout");
        if (timeout > 0) {
            host.enableStatementTimeout(timeout);
        }
        if (tx.block == TransactionState.Block.DEFAULT) {
            tx.block = TransactionState.Block.STARTED;
            tx.startMicros = statementStartMicros;
            tx.startEpochMillis = DateTimes.toInstant(statementStartMicros).toEpochMilli();
            tx.isolation = settings.value("default_transaction_isolation");
            tx.readOnly = "on".equals(settings.value("default_transaction_read_only"));
            tx.deferrable = false;
            tx.savepoints.clear();
        }
        if (implicitBlock && tx.block == TransactionState.Block.STARTED) {
            tx.block = TransactionState.Block.IMPLICIT;
        }
    }

    private void finishTransactionCommand() {
        if (tx.block == TransactionState.Block.STARTED) {
            commitTransaction();
        }
    }

    /** The transaction's deferred constraint checks (DEFERRABLE INITIALLY DEFERRED foreign keys). */
    final DeferredConstraints deferred = new DeferredConstraints();

    /** The session's temporary tables with ON COMMIT DELETE ROWS or DROP. */
    final OnCommitActions onCommit = new OnCommitActions();

    void commitTransaction() {
        closePortalResources();
        if (!deferred.isEmpty()) {
            // the deferred checks run as the last commands of the transaction; one failing fails the COMMIT
            try {
                StatementContext ctx = new StatementContext(this, NO_VALUES, style(), null, new java.util.ArrayList<>());
                deferred.run(name -> true, ctx);
            } catch (RuntimeException e) {
                rollbackTransaction();
                throw e;
            }
        }
        if (!onCommit.isEmpty() && storage.current() != null) {
            // PreCommit_on_commit_actions: after the deferred checks, as part of the transaction
            try {
                utilities.onCommitActions();
            } catch (RuntimeException e) {
                rollbackTransaction();
                throw e;
            }
        }
        try {
            notifications.preCommit();
            storage.commit(synchronousCommit());
        } catch (RuntimeException e) {
            rollbackTransaction();
            throw e;
        }
        settings.commit();
        endTransaction();
        notifications.postCommit();
    }

    void rollbackTransaction() {
        closePortalResources();
        notifications.abort();
        storage.abort();
        settings.rollback();
        endTransaction();
    }

    void closePortalResources() {
        for (Portal p : portals.values()) {
            p.closeResources();
        }
    }

    /** Drops every portal (their scans closed). */
    void dropPortals() {
        closePortalResources();
        portals.clear();
    }

    private void endTransaction() {
        deferred.clear();
        tx.block = TransactionState.Block.DEFAULT;
        tx.savepoints.clear();
        dropPortals();
    }

    /** PostgreSQL's AbortCurrentTransaction after an error, then the error to throw. */
    private RuntimeException fail(RuntimeException e) {
        host.disableStatementTimeout();
        switch (tx.block) {
            case STARTED, IMPLICIT -> rollbackTransaction();
            case IN_PROGRESS -> {
                TransactionState.Savepoint inner = tx.savepoints.peekFirst();
                settings.rollbackTo(inner == null ? 0 : inner.settingsMark());
                tx.block = TransactionState.Block.FAILED;
                dropPortals();
                if (inner == null) {
                    // no savepoint to return to: the storage transaction is over (its locks go now)
                    storage.abort();
                }
            }
            default -> { }
        }
        if (e instanceof DatabaseException) {
            return e;
        }
        return new DatabaseException(DatabaseException.Severity.ERROR, SqlState.INTERNAL_ERROR,
            String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null, null, 0, e);
    }

    // ---- settings, signals, activity ------------------------------------------------------

    /** work_mem in kB (the executor's memory bound before sorts and hashes spill). */
    int workMemKb() {
        return Integer.parseInt(settings.value("work_mem"));
    }

    String showSetting(String name, boolean missingOk) {
        String virtual = utilities.virtualSetting(name);
        if (virtual != null) {
            return virtual;
        }
        if (!settings.exists(name)) {
            if (missingOk) {
                return null;
            }
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return settings.show(name);
    }

    String setSetting(String name, String value, boolean local) {
        String shown = settings.set(name, value, local);
        settingChanged(name);
        return shown;
    }

    /**
     * After a SET. Nothing to follow yet: the protocol layer owns the ProcArray slot (state,
     * query, transaction start, application_name from the ParameterStatus it relays).
     */
    void settingChanged(String name) {
        // hook for settings the engine must act on when they change
    }

    boolean signalBackend(long pid, boolean terminate, StatementContext ctx) {
        ProcArray procs = services.procArray();
        ProcInfo target = procs == null ? null : procs.find(pid);
        boolean ok = false;
        if (target != null && "backend".equals(target.role())) {
            ok = terminate ? procs.signalTerminate(pid) : procs.signalCancel(pid);
        }
        if (!ok) {
            ctx.notice(new DatabaseException(DatabaseException.Severity.WARNING, SqlState.WARNING,
                "PID " + pid + " is not a PostgreSQL backend process", null, null, 0, null));
        }
        return ok;
    }

    long[] transactionOf(int slot) {
        org.tuskdb.api.xact.TransactionManager tm = services.transactions();
        if (tm == null || slot < 0) {
            return null;
        }
        return new long[] {tm.backendXid(slot), tm.backendXmin(slot)};
    }

    org.tuskdb.sql.internal.expr.ServerInfo serverInfo() {
        ProcArray procs = services.procArray();
        return new org.tuskdb.sql.internal.expr.ServerInfo() {
            @Override public String clientAddr() { return startup.clientAddr(); }
            @Override public int clientPort() { return startup.clientAddr() == null ? -1 : startup.clientPort(); }
            @Override public String serverAddr() { return startup.serverAddr(); }
            @Override public int serverPort() { return startup.serverAddr() == null ? -1 : startup.serverPort(); }
            @Override public long postmasterStartMillis() { return procs == null ? 0 : procs.postmasterStartMillis(); }
            @Override public boolean reloadConfiguration() { return procs != null && procs.signalReload(); }
        };
    }

    List<ProcInfo> activity() {
        ProcArray procs = services.procArray();
        if (procs != null) {
            return procs.snapshot();
        }
        // Engine without shared memory (tests): this session is the only process.
        long now = System.currentTimeMillis();
        List<ProcInfo> one = new ArrayList<>();
        one.add(new ProcInfo(-1, startup.backendPid(), "backend", "client backend", "active", startup.database(),
            startup.user(), settings.show("application_name"), startup.clientAddr(), startup.clientPort(), now, now,
            tx.inTransaction() ? tx.startEpochMillis : 0, DateTimes.toInstant(statementStartMicros).toEpochMilli(),
            now, currentQuery, true));
        return one;
    }

    // ---- reporting ------------------------------------------------------------------------

    private void flushReports(ResultSink sink) {
        if (sink == null) {
            return;
        }
        for (Map.Entry<String, String> e : settings.takeChangedReports()) {
            sink.parameterStatus(e.getKey(), e.getValue());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw DatabaseException.error(SqlState.CONNECTION_FAILURE, "session is closed");
        }
    }
}
