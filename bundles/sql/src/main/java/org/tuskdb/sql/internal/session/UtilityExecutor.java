package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.SetArg;
import org.tuskdb.sql.internal.ast.Statement.TransactionOption;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Utility statements (PostgreSQL's ProcessUtility for SET/SHOW/RESET, transaction control
 * and DISCARD). Returns the command tag and, for SHOW, the rows.
 */
final class UtilityExecutor {
    /** Per-transaction settings, which live in the transaction state rather than the GUC overlay. */
    private static final Set<String> TRANSACTION_SETTINGS = Set.of("transaction_isolation", "transaction_read_only",
        "transaction_deferrable");
    /** Settings whose SET takes a list (GUC_LIST_INPUT). */
    private static final Set<String> LIST_SETTINGS = Set.of("search_path", "datestyle", "temp_tablespaces",
        "log_destination", "shared_preload_libraries", "session_preload_libraries", "local_preload_libraries");

    record Result(String tag, List<Value[]> rows) {}

    private final Session session;
    private final DdlExecutor ddl;

    UtilityExecutor(Session session) {
        this.session = session;
        this.ddl = new DdlExecutor(session);
    }

    /**
     * CREATE TABLE AS / SELECT INTO: a table with the query's column names (or the given ones)
     * and types (unknown becomes text, as PostgreSQL's CTAS does), then INSERT ... SELECT into it
     * in the same transaction. Tag "SELECT n"; "CREATE TABLE AS" WITH NO DATA or when IF NOT
     * EXISTS found the table.
     */
    private Result createTableAs(Statement.CreateTableAs c, StatementContext ctx) {
        List<org.tuskdb.sql.internal.analyze.ResultColumn> cols = session.queryColumns(c.query());
        List<String> names = c.columnNames();
        if (names != null && names.size() > cols.size()) {
            throw DatabaseException.error("42601", "too many column names were specified");
        }
        if (c.ifNotExists() && session.lookupRelation(c.table(), true) != null) {
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "42P07",
                "relation \"" + c.table().name() + "\" already exists, skipping", null, null, 0, null));
            return new Result("CREATE TABLE AS", null);
        }
        List<Statement.ColumnDef> defs = new java.util.ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            var rc = cols.get(i);
            String name = names != null && i < names.size() ? names.get(i) : rc.name();
            defs.add(new Statement.ColumnDef(name, typeName(rc.type(), rc.typmod(), c.location()), false, null, null,
                c.location()));
        }
        ddl.createTable(new Statement.CreateTable(c.table(), defs, false, List.of(), c.location(), List.of(),
            c.temporary(), List.of(), false, c.onCommit()), ctx);
        if (!c.withData()) {
            return new Result("CREATE TABLE AS", null);
        }
        long n = session.insertSelect(c.table(), c.query(), ctx);
        return new Result("SELECT " + n, null);
    }

    /** The type name that means this type and modifier again (numeric(8,2), varchar(5), int4[]). */
    static org.tuskdb.sql.internal.ast.TypeName typeName(PgType type, int typmod, int location) {
        PgType t = type == PgType.UNKNOWN ? PgType.TEXT : type;
        PgType base = t.isArray() ? t.elementType() : t;
        List<Integer> mods = List.of();
        if (typmod >= 0) {
            if (base == PgType.VARCHAR || base == PgType.BPCHAR) {
                mods = typmod >= 4 ? List.of(typmod - 4) : List.of();
            } else if (base == PgType.NUMERIC) {
                mods = typmod >= 4 ? List.of((typmod - 4) >> 16, (typmod - 4) & 0xffff) : List.of();
            } else if (base == PgType.TIMESTAMP || base == PgType.TIMESTAMPTZ || base == PgType.TIME
                || base == PgType.TIMETZ) {
                mods = List.of(typmod);
            }
        }
        String name = t.isArray() ? base.name() + "[]" : t.name();
        // a user-defined type by its schema too: search_path need not find it
        return new org.tuskdb.sql.internal.ast.TypeName(base.isUserDefined() ? List.of(base.schemaName(), name)
            : List.of(name), mods, null, location);
    }

    /** The session's ON COMMIT DELETE ROWS / DROP actions, before its transaction commits. */
    void onCommitActions() {
        session.onCommit.preCommit(session.storage(), ddl);
    }

    Result execute(Statement s, StatementContext ctx) {
        return switch (s) {
            case Statement.VariableSet set -> set(set, ctx);
            case Statement.VariableShow show -> show(show);
            case Statement.Transaction t -> transaction(t, ctx);
            case Statement.SetConstraints sc -> setConstraints(sc, ctx);
            case Statement.Discard d -> discard(d);
            case Statement.CreateTable c -> new Result(ddl.createTable(c, ctx), null);
            case Statement.CreateTableAs c -> createTableAs(c, ctx);
            case Statement.LockTable l -> lockTable(l);
            case Statement.DropTable d -> new Result(ddl.dropTable(d, ctx), null);
            case Statement.DropObjects d -> new Result(ddl.drop(d.kind(), d.names(), d.ifExists(), d.cascade(), ctx), null);
            case Statement.CreateSequence c -> new Result(ddl.createSequence(c, ctx), null);
            case Statement.AlterSequence a -> new Result(ddl.alterSequence(a, ctx), null);
            case Statement.CreateSchema c -> new Result(ddl.createSchema(c, ctx), null);
            case Statement.DatabaseCommand d -> {
                if (!(d instanceof org.tuskdb.sql.internal.ast.DatabaseStatements.AlterDatabase)
                        && !(d instanceof org.tuskdb.sql.internal.ast.DatabaseStatements.RenameDatabase)
                        && !(d instanceof org.tuskdb.sql.internal.ast.DatabaseStatements.AlterDatabaseOwner)
                        && !(d instanceof org.tuskdb.sql.internal.ast.DatabaseStatements.AlterDatabaseSet)) {
                    outsideTransactionBlock(DatabaseCommands.command(d));
                }
                yield new Result(new DatabaseCommands(session, ddl.storageFor(DatabaseCommands.command(d)), ctx)
                    .execute(d), null);
            }
            case Statement.RoleCommand r -> new Result(new RoleCommands(session, ddl.storageFor(RoleCommands.command(r)),
                ctx).execute(r), null);
            case Statement.CreateExtension c -> new Result(ddl.createExtension(c, ctx), null);
            case Statement.DropExtension d -> new Result(ddl.dropExtension(d, ctx), null);
            case Statement.AlterExtension a -> new Result(ddl.alterExtension(a, ctx), null);
            case Statement.AlterTable a -> new Result(ddl.alterTable(a, ctx), null);
            case Statement.AlterIndex a -> new Result(new IndexConstraintCommands(session).alterIndex(a, ctx, ddl), null);
            case Statement.CreateView v -> new Result(ddl.createView(v, ctx), null);
            case Statement.CreateMatview m -> new Result(new MatviewCommands(session, ddl).create(m, ctx), null);
            case Statement.RefreshMatview r -> new Result(new MatviewCommands(session, ddl).refresh(r, ctx), null);
            case Statement.AlterMatview a -> new Result(new MatviewCommands(session, ddl).alter(a, ctx), null);
            case Statement.AlterView a -> new Result(new AlterViewCommands(session, ddl).alter(a, ctx), null);
            case Statement.Do d -> new Result(new PlpgsqlSpi(session, ctx).runDo(d), null);
            case Statement.CreateFunction f -> new Result(ddl.createFunction(f), null);
            case Statement.DropFunction d -> new Result(ddl.dropFunctions(d, ctx), null);
            case Statement.AlterFunctionOwner a -> new Result(ddl.alterFunctionOwner(a, ctx), null);
            case Statement.CreateTrigger c -> new Result(ddl.triggers().create(c, ddl.storageFor("CREATE TRIGGER")), null);
            case Statement.DropTrigger d -> new Result(ddl.triggers().drop(d, ddl.storageFor("DROP TRIGGER"), ctx), null);
            case Statement.RenameTrigger r -> new Result(ddl.triggers().rename(r, ddl.storageFor("ALTER TRIGGER")), null);
            case Statement.CreateEnum c -> new Result(ddl.types().createEnum(c, ddl.storageFor("CREATE TYPE")), null);
            case Statement.CreateRange c -> new Result(new RangeTypeCommands(session, ddl, ddl.types())
                .create(c, ddl.storageFor("CREATE TYPE")), null);
            case Statement.CreateComposite c -> new Result(ddl.types().createComposite(c, ddl.storageFor("CREATE TYPE")),
                null);
            case Statement.AlterType a -> new Result(ddl.types().alterType(a, ddl.storageFor("ALTER TYPE"), ctx), null);
            case Statement.CreateDomain c -> new Result(ddl.types().createDomain(c, ddl.storageFor("CREATE DOMAIN")), null);
            case Statement.AlterDomain a -> new Result(ddl.types().alterDomain(a, ddl.storageFor("ALTER DOMAIN"), ctx),
                null);
            case Statement.DropType d -> new Result(ddl.types().dropTypes(d,
                ddl.storageFor(d.domain() ? "DROP DOMAIN" : "DROP TYPE"), ctx), null);
            case Statement.CommentOn c -> new Result(ddl.comment(c, ctx), null);
            case Statement.AlterSchemaOwner o -> new Result(ddl.alterSchemaOwner(o, ctx), null);
            case Statement.Truncate t -> new Result(ddl.truncate(t, ctx), null);
            case Statement.Reindex r -> {
                if (!r.kind().equals("INDEX") && !r.kind().equals("TABLE")) {
                    outsideTransactionBlock("REINDEX " + r.kind());
                } else if (r.concurrently()) {
                    outsideTransactionBlock("REINDEX CONCURRENTLY");
                }
                yield new Result(new ReindexCommand(session, ddl).run(r, ctx), null);
            }
            case Statement.CreateIndex c -> {
                if (c.concurrently()) {
                    outsideTransactionBlock("CREATE INDEX CONCURRENTLY");
                }
                yield new Result(new IndexCommands(session).createIndex(c, ctx), null);
            }
            case Statement.DropIndex d -> {
                if (d.concurrently()) {
                    outsideTransactionBlock("DROP INDEX CONCURRENTLY");
                }
                yield new Result(new IndexCommands(session).dropIndex(d, ctx), null);
            }
            case Statement.Checkpoint c -> new Result(ddl.checkpoint(), null);
            case Statement.Listen l -> {
                session.notifications.listen(l.channel());
                yield new Result("LISTEN", null);
            }
            case Statement.Unlisten u -> {
                session.notifications.unlisten(u.channel());
                yield new Result("UNLISTEN", null);
            }
            case Statement.Notify n -> {
                session.notifications.notify(n.channel(), n.payload());
                yield new Result("NOTIFY", null);
            }
            case Statement.Vacuum v -> {
                if (v.vacuum()) {
                    outsideTransactionBlock("VACUUM");
                }
                yield new Result(new VacuumCommand(session).run(v, ctx), null);
            }
            default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "statement is not supported");
        };
    }

    /** SHOW's column name for a setting; 42704 when it does not exist. */
    String settingColumnName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (TRANSACTION_SETTINGS.contains(lower)) {
            return lower;
        }
        return session.settings().canonicalName(name);
    }

    /** The value of a per-transaction setting, or null when the name is not one. */
    String virtualSetting(String name) {
        TransactionState tx = session.tx;
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "transaction_isolation" -> tx.inTransaction() && tx.isolation != null ? tx.isolation
                : session.settings().value("default_transaction_isolation");
            case "transaction_read_only" -> tx.inTransaction() ? (tx.readOnly ? "on" : "off")
                : session.settings().value("default_transaction_read_only");
            case "transaction_deferrable" -> tx.inTransaction() && tx.deferrable ? "on" : "off";
            default -> null;
        };
    }

    // ---- SET / RESET ----------------------------------------------------------------------

    private Result set(Statement.VariableSet s, StatementContext ctx) {
        TransactionState tx = session.tx;
        switch (s.kind()) {
            case TRANSACTION -> {
                if (!tx.inBlock()) {
                    ctx.notice(warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET TRANSACTION can only be used in transaction blocks"));
                } else {
                    applyTransactionOptions(s.options());
                }
                return new Result("SET", null);
            }
            case SESSION_CHARACTERISTICS -> {
                for (TransactionOption o : s.options()) {
                    session.setSetting("default_" + o.name(), o.value(), false);
                }
                return new Result("SET", null);
            }
            case RESET_ALL -> {
                session.settings().resetAll();
                session.settingChanged("application_name");
                return new Result("RESET", null);
            }
            default -> { }
        }
        String name = s.name();
        if (s.local() && !tx.inBlock() && tx.block != TransactionState.Block.IMPLICIT) {
            ctx.notice(warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET LOCAL can only be used in transaction blocks"));
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (TRANSACTION_SETTINGS.contains(lower)) {
            if (s.kind() == Statement.SetKind.VALUE && tx.inBlock()) {
                applyTransactionOptions(List.of(new TransactionOption(lower, flatten(name, s.args()))));
            }
            return new Result(s.kind() == Statement.SetKind.RESET ? "RESET" : "SET", null);
        }
        String value = s.kind() == Statement.SetKind.VALUE ? flatten(name, s.args())
            : s.kind() == Statement.SetKind.CURRENT ? session.showSetting(name, false) : null;
        if (lower.equals("role") || lower.equals("session_authorization")) {
            setRole(lower, value, s.local());
            return new Result(s.kind() == Statement.SetKind.RESET ? "RESET" : "SET", null);
        }
        session.setSetting(name, value, s.local());
        return new Result(s.kind() == Statement.SetKind.RESET ? "RESET" : "SET", null);
    }

    /**
     * SET ROLE (the "role" setting) and SET SESSION AUTHORIZATION (session_authorization), both
     * transactional like any SET: a role the session user is a member of (any role for a
     * superuser), 42501 "permission denied to set role"; another session user only when the login
     * role is a superuser. 22023 for a role that does not exist.
     */
    private void setRole(String name, String value, boolean local) {
        org.tuskdb.sql.internal.catalog.Roles roles = session.roles();
        if (name.equals("role")) {
            if (value != null && !value.equals("none")) {
                org.tuskdb.sql.internal.catalog.Roles.Role r = roles.byName(value);
                if (r == null) {
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "role \"" + value + "\" does not exist");
                }
                long su = session.sessionUserOid();
                if (!roles.isSuperuser(su) && !roles.isMember(su, r.oid())) {
                    throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set role \""
                        + value + "\"");
                }
            }
            session.setSetting("role", value, local);
        } else {
            String target = value == null ? session.authenticatedUser() : value;
            org.tuskdb.sql.internal.catalog.Roles.Role r = roles.byName(target);
            if (r == null) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "role \"" + target + "\" does not exist");
            }
            if (!target.equals(session.authenticatedUser()) && !session.authenticatedSuperuser()) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied to set session authorization");
            }
            session.setSetting("session_authorization", value == null ? null : target, local);
            session.setSetting("role", null, local);
        }
        session.identityChanged();
    }

    String flattenSetting(String name, List<SetArg> args) {
        return flatten(name, args);
    }

    /** flatten_set_variable_args: one value, or a list joined with ", " for list settings. */
    private String flatten(String name, List<SetArg> args) {
        if (args.size() == 1) {
            return args.get(0).text();
        }
        if (!LIST_SETTINGS.contains(name.toLowerCase(Locale.ROOT))) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "SET " + name + " takes only one argument");
        }
        List<String> parts = new ArrayList<>();
        for (SetArg a : args) {
            parts.add(a.quoted() && !a.text().matches("[a-z_][a-z0-9_$]*") ? "\"" + a.text().replace("\"", "\"\"") + "\""
                : a.text());
        }
        return String.join(", ", parts);
    }

    private void applyTransactionOptions(List<TransactionOption> options) {
        TransactionState tx = session.tx;
        for (TransactionOption o : options) {
            switch (o.name()) {
                case "transaction_isolation" -> {
                    String level = session.settings().registry().normalize("default_transaction_isolation", o.value());
                    if (session.storage().current() != null && tx.inBlock() && !level.equals(tx.isolation)) {
                        throw DatabaseException.error(SqlState.ACTIVE_SQL_TRANSACTION,
                            "SET TRANSACTION ISOLATION LEVEL must be called before any query");
                    }
                    tx.isolation = level;
                }
                case "transaction_read_only" -> tx.readOnly = "on".equals(session.settings().registry()
                    .normalize("default_transaction_read_only", o.value()));
                case "transaction_deferrable" -> tx.deferrable = "on".equals(o.value());
                default -> { }
            }
        }
    }

    // ---- SHOW -----------------------------------------------------------------------------

    private Result show(Statement.VariableShow s) {
        List<Value[]> rows = new ArrayList<>();
        if (s.name().equals("all")) {
            for (String[] r : session.settings().showAll()) {
                rows.add(new Value[] {TextValue.text(r[0]), TextValue.text(r[1]), TextValue.text(r[2])});
            }
            return new Result("SHOW", rows);
        }
        rows.add(new Value[] {TextValue.text(session.showSetting(s.name(), false))});
        return new Result("SHOW", rows);
    }

    // ---- transaction control --------------------------------------------------------------

    private Result transaction(Statement.Transaction t, StatementContext ctx) {
        TransactionState tx = session.tx;
        switch (t.kind()) {
            case BEGIN, START -> {
                if (tx.inBlock()) {
                    ctx.notice(warning(SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress"));
                } else {
                    tx.block = TransactionState.Block.IN_PROGRESS;
                }
                applyTransactionOptions(t.options());
                return new Result(t.kind() == Statement.TransactionKind.BEGIN ? "BEGIN" : "START TRANSACTION", null);
            }
            case COMMIT -> {
                Chain chain = chain(t, "COMMIT AND CHAIN");
                if (tx.block == TransactionState.Block.FAILED) {
                    session.rollbackTransaction();
                    chain(chain);
                    return new Result("ROLLBACK", null);
                }
                if (tx.block != TransactionState.Block.IN_PROGRESS) {
                    ctx.notice(warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
                }
                session.commitTransaction();
                chain(chain);
                return new Result("COMMIT", null);
            }
            case ROLLBACK -> {
                Chain chain = chain(t, "ROLLBACK AND CHAIN");
                if (!tx.inBlock()) {
                    ctx.notice(warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
                }
                session.rollbackTransaction();
                chain(chain);
                return new Result("ROLLBACK", null);
            }
            case PREPARE -> {
                // max_prepared_transactions is 0, as PostgreSQL's default: nothing can be prepared
                boolean open = tx.block == TransactionState.Block.IN_PROGRESS;
                if (!tx.inBlock()) {
                    ctx.notice(warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
                }
                session.rollbackTransaction();
                if (open) {
                    throw DatabaseException.error("55000", "prepared transactions are disabled")
                        .withHint("Set max_prepared_transactions to a nonzero value.");
                }
                return new Result("ROLLBACK", null);
            }
            case COMMIT_PREPARED, ROLLBACK_PREPARED -> {
                outsideTransactionBlock(t.kind() == Statement.TransactionKind.COMMIT_PREPARED ? "COMMIT PREPARED"
                    : "ROLLBACK PREPARED");
                throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "prepared transaction with identifier \""
                    + t.savepoint() + "\" does not exist");
            }
            case SAVEPOINT -> {
                requireBlock("SAVEPOINT");
                session.storage().beginSubtransaction();
                tx.savepoints.push(new TransactionState.Savepoint(t.savepoint(), session.settings().mark(),
                    session.deferred.size(), session.notifications.mark()));
                return new Result("SAVEPOINT", null);
            }
            case RELEASE -> {
                requireBlock("RELEASE SAVEPOINT");
                TransactionState.Savepoint target = existing(t.savepoint());
                TransactionState.Savepoint popped;
                do {
                    // inner savepoints go with it
                    popped = tx.savepoints.pop();
                    session.storage().releaseSubtransaction();
                } while (popped != target);
                return new Result("RELEASE", null);
            }
            case ROLLBACK_TO -> {
                requireBlock("ROLLBACK TO SAVEPOINT");
                TransactionState.Savepoint target = existing(t.savepoint());
                session.dropPortals();
                while (tx.savepoints.peek() != target) {
                    tx.savepoints.pop();
                    session.storage().rollbackSubtransaction();
                }
                // the savepoint stays: its subtransaction is rolled back and begun anew
                session.storage().rollbackSubtransaction();
                session.storage().beginSubtransaction();
                session.settings().rollbackTo(target.settingsMark());
                // the deferred checks of the rolled-back rows go with them
                session.deferred.truncate(target.deferredMark());
                session.notifications.rollbackTo(target.notifyMark());
                tx.block = TransactionState.Block.IN_PROGRESS;
                return new Result("ROLLBACK", null);
            }
            default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                t.kind() + " is not supported yet");
        }
    }

    /**
     * LOCK TABLE: each table locked in the mode until the transaction ends; NOWAIT fails with
     * 55P03 instead of waiting. Views and sequences are refused (42809) — PostgreSQL locks a
     * view's base tables, which needs the view's rewrite rule here.
     */
    private Result lockTable(Statement.LockTable l) {
        requireBlock("LOCK TABLE");
        var st = session.storage();
        for (Statement.RangeVar rv : l.tables()) {
            var r = session.lookupRelation(rv, false);
            if (!(r instanceof org.tuskdb.sql.internal.catalog.TableDescriptor t)) {
                throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a table");
            }
            if (l.nowait()) {
                if (!st.tryLockRelation(t.oid(), l.mode())) {
                    throw DatabaseException.error("55P03", "could not obtain lock on relation \"" + t.name() + "\"");
                }
            } else {
                st.lockRelation(t.oid(), l.mode());
            }
        }
        return new Result("LOCK TABLE", null);
    }

    /**
     * SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}: outside a block a WARNING and
     * nothing else (25P01); a named constraint must exist (42704) and be DEFERRABLE (42809);
     * IMMEDIATE runs the affected checks deferred so far, now.
     */
    private Result setConstraints(Statement.SetConstraints sc, StatementContext ctx) {
        if (!session.tx.inBlock()) {
            ctx.notice(warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET CONSTRAINTS can only be used in transaction blocks"));
            return new Result("SET CONSTRAINTS", null);
        }
        if (!sc.names().isEmpty()) {
            org.tuskdb.sql.internal.storage.StorageContext storage = ctx.storage();
            org.tuskdb.sql.internal.catalog.TableDescriptor pgConstraint =
                org.tuskdb.sql.internal.catalog.CatalogTables.PG_CONSTRAINT;
            java.util.Map<String, Boolean> deferrable = new java.util.HashMap<>();
            try (org.tuskdb.api.heap.HeapScan scan = storage.heap().scan(pgConstraint.locator(),
                storage.freshSnapshot(), storage.transaction())) {
                org.tuskdb.api.heap.HeapTuple t;
                while ((t = scan.next()) != null) {
                    Value[] row = pgConstraint.codec().decode(t.data());
                    deferrable.merge(((TextValue) row[org.tuskdb.sql.internal.catalog.CatalogTables.CON_NAME]).value(),
                        ((org.tuskdb.sql.internal.value.BoolValue) row[4]).value(), Boolean::logicalOr);
                }
            }
            for (String name : sc.names()) {
                Boolean d = deferrable.get(name);
                if (d == null) {
                    throw DatabaseException.error("42704", "constraint \"" + name + "\" does not exist");
                }
                if (!d) {
                    throw DatabaseException.error("42809", "constraint \"" + name + "\" is not deferrable");
                }
            }
        }
        session.deferred.setMode(sc.names(), sc.deferred());
        if (!sc.deferred()) {
            session.deferred.run(name -> sc.names().isEmpty() || sc.names().contains(name), ctx);
        }
        return new Result("SET CONSTRAINTS", null);
    }

    /** The characteristics a chained transaction takes over (PostgreSQL's SavedTransactionCharacteristics). */
    private record Chain(String isolation, boolean readOnly, boolean deferrable) {}

    /** AND CHAIN: the block's characteristics; outside a block 25P01 (before anything ends); null without. */
    private Chain chain(Statement.Transaction t, String what) {
        if (!t.chain()) {
            return null;
        }
        requireBlock(what);
        TransactionState tx = session.tx;
        return new Chain(tx.isolation, tx.readOnly, tx.deferrable);
    }

    /** Starts the chained block right after the COMMIT / ROLLBACK, with the old one's characteristics. */
    private void chain(Chain c) {
        if (c == null) {
            return;
        }
        TransactionState tx = session.tx;
        tx.block = TransactionState.Block.IN_PROGRESS;
        tx.isolation = c.isolation();
        tx.readOnly = c.readOnly();
        tx.deferrable = c.deferrable();
        tx.savepoints.clear();
        tx.startMicros = session.statementStartMicros();
        tx.startEpochMillis = org.tuskdb.sql.internal.value.DateTimes.toInstant(tx.startMicros).toEpochMilli();
    }

    private void requireBlock(String what) {
        if (!session.tx.inBlock()) {
            throw DatabaseException.error(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
        }
    }

    private TransactionState.Savepoint existing(String name) {
        TransactionState.Savepoint s = session.tx.find(name);
        if (s == null) {
            throw DatabaseException.error("3B001", "savepoint \"" + name + "\" does not exist");
        }
        return s;
    }

    /** Session end: temporary tables are dropped (and committed) before the session goes. */
    void dropTemporaryObjects() {
        ddl.dropTemporaryObjects();
    }

    /** Once per backend: the temporary schemas of backends that are gone (DdlExecutor). */
    int dropOrphanTemporarySchemas(org.tuskdb.api.shmem.ProcArray procs) {
        return ddl.dropOrphanTemporarySchemas(procs);
    }

    // ---- DISCARD --------------------------------------------------------------------------

    /** PreventInTransactionBlock: 25001 inside BEGIN ... COMMIT or a multi-statement query. */
    private void outsideTransactionBlock(String what) {
        TransactionState tx = session.tx;
        if (tx.inBlock() || tx.block == TransactionState.Block.IMPLICIT) {
            throw DatabaseException.error(SqlState.ACTIVE_SQL_TRANSACTION, what + " cannot run inside a transaction block");
        }
    }

    private Result discard(Statement.Discard d) {
        if (d.target().equals("ALL")) {
            outsideTransactionBlock("DISCARD ALL");
            session.settings().resetAll();
            session.settingChanged("application_name");
            session.dropPortals();
            session.statements.keySet().removeIf(name -> !name.isEmpty());
            session.storage().advisoryUnlockAll();
            session.notifications.unlisten(null);
            session.notifications.postCommit(); // DISCARD ALL runs outside a block: UNLISTEN * at once
        }
        if (d.target().equals("ALL") || d.target().equals("PLANS")) {
            session.discardSimpleStatements();
        }
        if (d.target().equals("ALL") || d.target().equals("SEQUENCES")) {
            session.sequences().discard();
        }
        if ((d.target().equals("ALL") || d.target().equals("TEMP")) && session.relcache().tempNamespace() >= 0) {
            ddl.dropTemporaryObjects();
        }
        return new Result("DISCARD " + d.target(), null);
    }

    private static DatabaseException warning(String state, String message) {
        return new DatabaseException(DatabaseException.Severity.WARNING, state, message, null, null, 0, null);
    }
}
