package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.SqlFunctions;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.TypeName;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.value.PgType;

/**
 * CREATE [OR REPLACE] FUNCTION and DROP FUNCTION (PostgreSQL's CreateFunction / ProcedureCreate
 * and RemoveObjects): a function is one stored pg_proc row, written in the statement's
 * transaction like every other catalog change (rolled back with it), checked first as
 * fmgr_sql_validator does (the body analyzed now, its errors the statement's). Concurrent
 * CREATEs of one name serialize on an object lock of the name.
 */
final class FunctionCommands {
    private final Session session;
    private final DdlExecutor ddl;

    FunctionCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    String createFunction(Statement.CreateFunction s, StorageTransaction st) {
        ParseState ps = new ParseState(session.currentQuery(), session.services().functions(), session.relationLookup(),
            ParamTypes.none());
        boolean plpgsql = s.language().equals("plpgsql");
        if (!s.language().equals("sql") && !plpgsql) {
            if (s.language().equals("internal") || s.language().equals("c")) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "LANGUAGE " + s.language() + " is not supported yet");
            }
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "language \"" + s.language() + "\" does not exist");
        }
        long namespace = ddl.creationNamespace(st, s.name(), false, ps);
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        StringBuilder modes = new StringBuilder();
        List<String> allNames = new ArrayList<>();
        List<PgType> allTypes = new ArrayList<>();
        List<PgType> outTypes = new ArrayList<>();
        for (Statement.FunctionParam p : s.params()) {
            PgType t = StoredExpressions.resolveType(p.type(), "", ps).type();
            if (t == PgType.VOID) {
                throw DatabaseException.error("42P13", (plpgsql ? "PL/pgSQL" : "SQL")
                    + " functions cannot accept type void");
            }
            if (p.name() != null && allNames.contains(p.name())) {
                throw DatabaseException.error("42P13", "parameter name \"" + p.name() + "\" used more than once");
            }
            if (modes.indexOf("v") >= 0 && p.mode() != 'o' && p.mode() != 't') {
                throw DatabaseException.error("42P13", "VARIADIC parameter must be the last input parameter");
            }
            if (p.mode() == 'v' && !t.isArray()) {
                throw DatabaseException.error("42P13", "VARIADIC parameter must be an array");
            }
            modes.append(p.mode());
            allNames.add(p.name());
            allTypes.add(t);
            if (p.mode() != 'i' && p.mode() != 'v') {
                outTypes.add(t);
            }
            if (p.mode() == 'o' || p.mode() == 't') {
                if (p.defaultText() != null) {
                    throw DatabaseException.error("42P13", "only input parameters can have default values");
                }
                continue;
            }
            if (p.defaultText() != null) {
                defaults.add(p.defaultText());
            } else if (!defaults.isEmpty()) {
                throw DatabaseException.error("42P13",
                    "input parameters after one with a default value must also have defaults");
            }
            names.add(p.name());
            types.add(t);
        }
        boolean withOut = !outTypes.isEmpty();
        boolean variadic = modes.indexOf("v") >= 0;
        PgType result;
        if (s.returnsTable()) {
            result = outTypes.size() == 1 ? outTypes.get(0) : PgType.RECORD;
        } else {
            PgType declared = null;
            if (s.returnType() != null) {
                TypeName rt = s.returnType();
                boolean pseudo = rt.names().size() <= 2 && rt.modifiers().isEmpty()
                    && (rt.names().size() == 1 || rt.names().get(0).equals("pg_catalog"));
                declared = pseudo && rt.name().equals("void") ? PgType.VOID
                    : pseudo && rt.name().equals("trigger") ? PgType.TRIGGER
                    : pseudo && rt.name().equals("record") ? PgType.RECORD
                    : StoredExpressions.resolveType(rt, "", ps).type();
            }
            if (withOut) {
                // interpret_function_parameter_list: the OUT parameters decide the result type
                PgType implied = outTypes.size() == 1 ? outTypes.get(0) : PgType.RECORD;
                if (declared != null && declared != implied) {
                    throw DatabaseException.error("42P13", "function result type must be " + implied.displayName()
                        + " because of OUT parameters");
                }
                result = implied;
            } else if (declared == null) {
                throw DatabaseException.error("42P13", "function result type must be specified");
            } else {
                result = declared;
            }
        }
        String name = s.name().name();
        if (result == PgType.TRIGGER) {
            if (!plpgsql) {
                throw DatabaseException.error("42P13", "SQL functions cannot return type trigger");
            }
            if (!s.params().isEmpty()) {
                throw DatabaseException.error("42P13", "trigger functions cannot have declared arguments")
                    .withHint("The arguments of the trigger can be accessed through TG_NARGS and TG_ARGV instead.")
                    .withContext("compilation of PL/pgSQL function \"" + name + "\" near line 1");
            }
        }
        lockName(st, namespace, name);
        UserFunction existing = find(st, namespace, name, types);
        if (existing != null && !s.orReplace()) {
            throw DatabaseException.error("42723", "function \"" + name + "\" already exists with same argument types");
        }
        long oid = existing != null ? existing.oid() : st.services().transactions().newOid();
        UserFunction f = new UserFunction(oid, namespace, name, java.util.Collections.unmodifiableList(names),
            List.copyOf(types), List.copyOf(defaults), result, s.setof(), s.strict(), s.volatility(), s.body(),
            s.sqlBody(), plpgsql ? UserFunction.LANGUAGE_PLPGSQL : UserFunction.LANGUAGE_SQL,
            withOut || variadic ? modes.toString() : null,
            withOut || variadic ? java.util.Collections.unmodifiableList(allNames) : null,
            withOut || variadic ? List.copyOf(allTypes) : null);
        if (existing != null) {
            checkReplacement(existing, f);
        }
        for (int i = 0; i < defaults.size(); i++) {
            int param = types.size() - defaults.size() + i;
            SqlFunctions.defaultValue(f, param, defaults.get(i), ps);
        }
        if (plpgsql) {
            new PlpgsqlSpi(session, null).validate(f); // plpgsql_validator: the syntax only
        } else {
            SqlFunctions.validate(f, ps, s.bodyOffset());
        }
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        org.tuskdb.sql.internal.value.Value[] row = f.toRow(session.currentUserOid());
        row[CatalogTables.PROC_ACL] = PrivilegeCommands.initialAcl(st, "FUNCTION", session.currentUserOid(), namespace);
        if (existing != null) {
            // OR REPLACE keeps the owner and the privileges, and only the owner may do it
            CatalogStore.Entry old = store.rowsWhere(CatalogTables.PG_PROC, 0, oid, st.freshSnapshot()).get(0);
            long owner = CatalogTables.owner(old.row()[CatalogTables.PROC_OWNER]);
            Ownership.checkOwner(session, owner, "function", name);
            row[CatalogTables.PROC_OWNER] = org.tuskdb.sql.internal.value.OidValue.oid(owner);
            row[CatalogTables.PROC_ACL] = old.row()[CatalogTables.PROC_ACL];
            store.delete(CatalogTables.PG_PROC, old.tid());
        }
        store.insert(CatalogTables.PG_PROC, row);
        st.transaction().commandCounterIncrement();
        return "CREATE FUNCTION";
    }

    /** ProcedureCreate's rules for OR REPLACE: the same result type, parameter names and defaults kept. */
    private static void checkReplacement(UserFunction old, UserFunction f) {
        String hint = "Use DROP FUNCTION " + old.signature() + " first.";
        if (old.returnType() != f.returnType() || old.retset() != f.retset()) {
            throw DatabaseException.error("42P13", "cannot change return type of existing function").withHint(hint);
        }
        if (old.returnsRow() && !old.resultColumns().equals(f.resultColumns())) {
            throw DatabaseException.error("42P13", "cannot change return type of existing function")
                .withDetail("Row type defined by OUT parameters is different.").withHint(hint);
        }
        for (int i = 0; i < old.argNames().size(); i++) {
            String was = old.argNames().get(i);
            if (was != null && !was.equals(f.argNames().get(i))) {
                throw DatabaseException.error("42P13", "cannot change name of input parameter \"" + was + "\"")
                    .withHint(hint);
            }
        }
        if (f.defaults().size() < old.defaults().size()) {
            throw DatabaseException.error("42P13", "cannot remove parameter defaults from existing function")
                .withHint(hint);
        }
    }

    String dropFunctions(Statement.DropFunction d, StorageTransaction st, StatementContext ctx) {
        ParseState ps = new ParseState(session.currentQuery(), session.services().functions(), session.relationLookup(),
            ParamTypes.none());
        List<UserFunction> dropped = new ArrayList<>();
        for (Statement.FunctionRef ref : d.functions()) {
            UserFunction f = lookup(ref, st, ps, d.ifExists(), ctx);
            if (f != null) {
                Ownership.checkObjectOwner(session, st, CatalogTables.PG_PROC, CatalogTables.PROC_OWNER, f.oid(),
                    "function", f.name());
            }
            if (f != null && dropped.stream().noneMatch(o -> o.oid() == f.oid())) {
                dropped.add(f);
            }
        }
        if (!dropped.isEmpty()) {
            java.util.Map<Long, String> members = ExtensionCommands.memberFunctions(st);
            for (UserFunction f : dropped) {
                String extension = members.get(f.oid());
                if (extension != null) {
                    throw DatabaseException.error("2BP01", "cannot drop function " + f.signature()
                        + " because extension " + extension + " requires it")
                        .withHint("You can drop extension " + extension + " instead.");
                }
            }
            for (UserFunction f : dropped) {
                dropTriggers(f, st, d.cascade(), ctx);
            }
            drop(st, dropped);
        }
        return "DROP FUNCTION";
    }

    /**
     * The triggers calling {@code f} (PostgreSQL's pg_depend edges of kind n from each trigger to
     * its function): 2BP01 without CASCADE, else the NOTICE naming them ({@link #drop} deletes them).
     */
    static void dropTriggers(UserFunction f, StorageTransaction st, boolean cascade, StatementContext ctx) {
        List<String> deps = TriggerCommands.dependents(st, f.oid());
        if (deps.isEmpty()) {
            return;
        }
        if (!cascade) {
            throw DatabaseException.error("2BP01", "cannot drop function " + f.signature()
                + " because other objects depend on it").withDetail(String.join("\n", deps.stream()
                .map(x -> x + " depends on function " + f.signature()).toList()))
                .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        DatabaseException n = deps.size() == 1
            ? new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "drop cascades to " + deps.get(0), null, null, 0, null)
            : new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "drop cascades to " + deps.size() + " other objects", String.join("\n", deps.stream()
                .map(x -> "drop cascades to " + x).toList()), null, 0, null);
        ctx.notice(n); // drop() deletes them with the function
    }

    /** ALTER FUNCTION ... OWNER TO: proowner; the owner (or a superuser) gives it to a role it is a member of. */
    String alterOwner(Statement.AlterFunctionOwner a, StorageTransaction st, StatementContext ctx) {
        ParseState ps = new ParseState(session.currentQuery(), session.services().functions(), session.relationLookup(),
            ParamTypes.none());
        UserFunction f = lookup(a.function(), st, ps, false, ctx);
        org.tuskdb.sql.internal.catalog.Roles.Role r = session.roleNamed(a.role());
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CatalogStore.Entry e = store.rowsWhere(CatalogTables.PG_PROC, 0, f.oid(), st.freshSnapshot()).get(0);
        long owner = CatalogTables.owner(e.row()[CatalogTables.PROC_OWNER]);
        if (owner != r.oid()) {
            Ownership.checkOwnerChange(session, owner, r, "function", f.name());
            org.tuskdb.sql.internal.value.Value[] row = e.row().clone();
            row[CatalogTables.PROC_OWNER] = org.tuskdb.sql.internal.value.OidValue.oid(r.oid());
            row[CatalogTables.PROC_ACL] = org.tuskdb.sql.internal.catalog.AclItems.changeOwner(
                row[CatalogTables.PROC_ACL], owner, r.oid());
            st.catalogChanged();
            store.update(CatalogTables.PG_PROC, e.tid(), row);
            st.transaction().commandCounterIncrement();
        }
        return "ALTER FUNCTION";
    }

    /** Deletes the functions' pg_proc rows (DROP FUNCTION, DROP SCHEMA ... CASCADE). */
    void drop(StorageTransaction st, List<UserFunction> functions) {
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (UserFunction f : functions) {
            lockName(st, f.namespace(), f.name());
            store.deleteWhere(CatalogTables.PG_PROC, 0, f.oid(), st.freshSnapshot());
            CommentCommands.deleteFor(store, f.oid(), CatalogTables.PG_PROC_OID, st);
            TriggerCommands.dropDependents(st, f.oid()); // DROP SCHEMA ... CASCADE: the triggers calling it go too
        }
        st.transaction().commandCounterIncrement();
    }

    /** LookupFuncWithArgs: the function a DROP names, or null (with the NOTICE) under IF EXISTS. */
    UserFunction lookup(Statement.FunctionRef ref, StorageTransaction st, ParseState ps, boolean ifExists,
                                StatementContext ctx) {
        String schema = ref.name().schema();
        String name = ref.name().name();
        String shown = schema == null ? name : schema + "." + name;
        if (schema != null && session.relcache().namespaceOid(schema, st) < 0) {
            if (ifExists) {
                ctx.notice(notice("schema \"" + schema + "\" does not exist, skipping"));
                return null;
            }
            throw DatabaseException.error("3F000", "schema \"" + schema + "\" does not exist");
        }
        List<UserFunction> found = session.relcache().userFunctions(schema, name, st);
        if (ref.argTypes() == null) {
            if (found.size() > 1) {
                throw DatabaseException.error(SqlState.AMBIGUOUS_FUNCTION, "function name \"" + shown + "\" is not unique")
                    .withHint("Specify the argument list to select the function unambiguously.");
            }
            if (found.isEmpty()) {
                if (ifExists) {
                    ctx.notice(notice("function " + shown + "() does not exist, skipping"));
                    return null;
                }
                throw DatabaseException.error(SqlState.UNDEFINED_FUNCTION, "could not find a function named \"" + shown
                    + "\"");
            }
            return found.get(0);
        }
        List<PgType> types = new ArrayList<>();
        for (TypeName t : ref.argTypes()) {
            types.add(StoredExpressions.resolveType(t, "", ps).type());
        }
        for (UserFunction f : found) {
            if (f.argTypes().equals(types)) {
                return f;
            }
        }
        String signature = UserFunction.signature(shown, types);
        if (ifExists) {
            ctx.notice(notice("function " + signature + " does not exist, skipping"));
            return null;
        }
        throw DatabaseException.error(SqlState.UNDEFINED_FUNCTION, "function " + signature + " does not exist");
    }

    private static DatabaseException notice(String text) {
        return new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, text, null, null,
            0, null);
    }

    /** The function of that namespace, name and argument types, as this transaction sees the catalog. */
    private UserFunction find(StorageTransaction st, long namespace, String name, List<PgType> types) {
        for (UserFunction f : session.relcache().userFunctions(st)) {
            if (f.namespace() == namespace && f.name().equals(name) && f.argTypes().equals(types)) {
                return f;
            }
        }
        return null;
    }

    private static void lockName(StorageTransaction st, long namespace, String name) {
        st.lock(new LockTag(LockTag.Kind.OBJECT, CatalogTables.DB_OID, CatalogTables.PG_PROC_OID,
            (name.hashCode() * 31L + namespace) & 0xffff_ffffL), LockMode.ACCESS_EXCLUSIVE);
    }
}
