package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.function.FunctionRegistry;
import org.tuskdb.sql.internal.value.PgType;

/**
 * What analysis of one statement carries along (PostgreSQL's ParseState): the query text for
 * error positions, the catalogs to bind against, and the parameter types being inferred.
 */
public final class ParseState {
    private final String sql;
    /** 0 not yet known, 1 yes, -1 no (see {@link #systemColumns}). */
    private int systemColumns;
    private final FunctionRegistry functions;
    private final RelationLookup relations;
    private final ParamTypes params;
    private final List<RelationLock> locks;
    /** Relations whose column reads need SELECT on the columns (see {@link #checkColumns}); shared as locks. */
    private final List<ColumnReads> reads;
    /** While a SQL function's body is analyzed: the function (its parameters by name); else null. */
    private final org.tuskdb.sql.internal.catalog.UserFunction function;
    /** The statement whose analysis this body's is part of, or null. */
    private final ParseState caller;
    private Scope scope = Scope.EMPTY;
    /** Names no column matched, read by a procedural language (plpgsql's variables); null: none. */
    private java.util.function.Function<List<String>, org.tuskdb.sql.internal.expr.Expression> variables;

    /** Finds (and locks) relations by name: the session's relation cache. */
    @FunctionalInterface
    public interface RelationLookup {
        /** The relation, locked in mode if a table; null only with missingOk; 42P01 at position otherwise. */
        Relation lookup(String schema, String name, LockMode mode, int position, boolean missingOk);

        /** False when the storage services are absent (table statements are then 0A000). */
        default boolean tablesAvailable() {
            return false;
        }

        /** The user-defined functions a (possibly qualified) name means, in search_path order. */
        default List<org.tuskdb.sql.internal.catalog.UserFunction> userFunctions(String schema, String name) {
            return List.of();
        }

        /** Whether a schema of that name exists (a qualified function name's schema must). */
        default boolean schemaExists(String schema) {
            return true;
        }

        /** The user-defined type a (possibly qualified) name means ("x[]": its array type), or null. */
        default PgType userType(String schema, String name) {
            return null;
        }

        /**
         * What a stored DEFAULT, CHECK, index expression or trigger WHEN may name besides the
         * built-ins: no relations, but the user-defined types {@code types} resolves ('ok'::mood)
         * and the extensions' functions (LANGUAGE c members of an installed extension) that
         * {@code functions} finds (uuid_generate_v4() as a column default); SQL and PL/pgSQL
         * functions stay unresolvable there. {@code functions} should find an unqualified name in
         * any schema when search_path does not (RelationCache.storedExpressionFunctions): the
         * stored text names the function unqualified, and the session loading the table may have
         * another search_path (pg_dump's is empty).
         */
        static RelationLookup storedExpressions(java.util.function.BiFunction<String, String, PgType> types,
                java.util.function.BiFunction<String, String, List<org.tuskdb.sql.internal.catalog.UserFunction>> functions) {
            return new RelationLookup() {
                @Override
                public Relation lookup(String schema, String name, LockMode mode, int position, boolean missingOk) {
                    return NONE.lookup(schema, name, mode, position, missingOk);
                }

                @Override
                public boolean tablesAvailable() {
                    return true;
                }

                @Override
                public PgType userType(String schema, String name) {
                    return types.apply(schema, name);
                }

                @Override
                public List<org.tuskdb.sql.internal.catalog.UserFunction> userFunctions(String schema, String name) {
                    List<org.tuskdb.sql.internal.catalog.UserFunction> all = functions.apply(schema, name);
                    return all.stream().filter(org.tuskdb.sql.internal.catalog.UserFunction::builtinC).toList();
                }
            };
        }

        /** {@link #storedExpressions} without extensions' functions. */
        static RelationLookup typesOnly(java.util.function.BiFunction<String, String, PgType> types) {
            return storedExpressions(types, (schema, name) -> List.of());
        }

        RelationLookup NONE = (schema, name, mode, position, missingOk) -> {
            if (missingOk) {
                return null;
            }
            throw org.tuskdb.api.DatabaseException.atPosition(org.tuskdb.api.SqlState.UNDEFINED_TABLE,
                "relation \"" + (schema == null ? name : schema + "." + name) + "\" does not exist", position);
        };
    }

    /**
     * A table a plan reads or writes and the lock it needs each time it runs (mode null: no lock, a
     * view's or a function's entry), and the privileges (AclItems bits) the current user needs on
     * it, checked at each execution ({@code function}: the oid is a user function's).
     */
    public record RelationLock(long oid, LockMode mode, int privileges, boolean function, int[] columns) {
        public RelationLock(long oid, LockMode mode) {
            this(oid, mode, 0, false, null);
        }

        public RelationLock(long oid, LockMode mode, int privileges, boolean function) {
            this(oid, mode, privileges, function, null);
        }
    }

    /** A relation of the statement and its slice of a scope, whose columns read there need SELECT. */
    private record ColumnReads(Relation relation, Scope.Base base) {}

    public ParseState(String sql, FunctionRegistry functions, RelationLookup relations, ParamTypes params) {
        this.sql = sql;
        this.functions = functions;
        this.relations = relations;
        this.params = params;
        this.locks = new ArrayList<>();
        this.reads = new ArrayList<>();
        this.function = null;
        this.caller = null;
    }

    /**
     * The state for analyzing a SQL function's body inside this statement's analysis: the body's
     * own text and parameters ($n of the function's argument types, and its parameter names), the
     * same relations, and this statement's list of locks, so a cached plan that calls the function
     * re-locks what the body reads.
     */
    ParseState forFunctionBody(org.tuskdb.sql.internal.catalog.UserFunction f) {
        for (ParseState p = this; p != null; p = p.caller) {
            if (p.function != null && p.function.oid() == f.oid()) {
                throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.FEATURE_NOT_SUPPORTED,
                    "recursive SQL functions are not supported yet");
            }
        }
        return new ParseState(f.body(), functions, relations, ParamTypes.fixed(f.argTypes()), locks, reads, f, this);
    }

    private ParseState(String sql, FunctionRegistry functions, RelationLookup relations, ParamTypes params,
                       List<RelationLock> locks, List<ColumnReads> reads,
                       org.tuskdb.sql.internal.catalog.UserFunction function, ParseState caller) {
        this.sql = sql;
        this.functions = functions;
        this.relations = relations;
        this.params = params;
        this.locks = locks;
        this.reads = reads;
        this.function = function;
        this.caller = caller;
    }

    /** The user-defined functions of that name ({@link RelationLookup#userFunctions}). */
    public List<org.tuskdb.sql.internal.catalog.UserFunction> userFunctions(String schema, String name) {
        return relations.userFunctions(schema, name);
    }

    /**
     * A column reference no column matched, read as a parameter of the function whose body this
     * is ({@code x}, or {@code f.x} qualified by the function's name), as PostgreSQL's
     * sql_fn_post_column_ref does; null when it is none.
     */
    org.tuskdb.sql.internal.expr.Expression functionParameter(List<String> names) {
        if (variables != null) {
            return variables.apply(names);
        }
        if (function == null || names.size() > 2) {
            return null;
        }
        if (names.size() == 2 && !names.get(0).equals(function.name())) {
            // r.field of a parameter r of a table's row type
            int i = function.argNames().indexOf(names.get(0));
            PgType t = i < 0 ? null : function.argTypes().get(i);
            int field = t == null ? -1 : t.fieldIndex(names.get(1));
            return field < 0 ? null : new org.tuskdb.sql.internal.expr.FieldSelectExpr(
                new org.tuskdb.sql.internal.expr.ParamRef(i, t), field, t.fieldType(field));
        }
        String n = names.get(names.size() - 1);
        for (int i = 0; i < function.argNames().size(); i++) {
            if (n.equals(function.argNames().get(i))) {
                return new org.tuskdb.sql.internal.expr.ParamRef(i, function.argTypes().get(i));
            }
        }
        return null;
    }

    /** Whether names may be a procedural language's variables (a PL/pgSQL statement). */
    boolean hasVariables() { return variables != null; }

    /**
     * {@code r.*} of a procedural language's record variable r: {@code r.f1, r.f2, ...} as
     * column references (they resolve to the fields), or null when r is no such variable.
     */
    List<org.tuskdb.sql.internal.ast.Expr> variableStar(org.tuskdb.sql.internal.ast.Expr.Star star) {
        if (variables == null || star.qualifier().size() != 1) {
            return null;
        }
        org.tuskdb.sql.internal.expr.Expression whole = variables.apply(star.qualifier());
        if (whole == null || !whole.type().isRecord()) {
            return null;
        }
        List<org.tuskdb.sql.internal.ast.Expr> out = new ArrayList<>();
        for (int i = 0; i < whole.type().fieldCount(); i++) {
            out.add(new org.tuskdb.sql.internal.ast.Expr.ColumnRef(List.of(star.qualifier().get(0),
                whole.type().fieldName(i)), star.location()));
        }
        return out;
    }

    /** A VALUES list with each {@code r.*} of a record variable expanded to its fields. */
    List<org.tuskdb.sql.internal.ast.Expr> expandVariableStars(List<org.tuskdb.sql.internal.ast.Expr> list) {
        if (variables == null || list.stream().noneMatch(e -> e instanceof org.tuskdb.sql.internal.ast.Expr.Star)) {
            return list;
        }
        List<org.tuskdb.sql.internal.ast.Expr> out = new ArrayList<>();
        for (org.tuskdb.sql.internal.ast.Expr e : list) {
            List<org.tuskdb.sql.internal.ast.Expr> fields = e instanceof org.tuskdb.sql.internal.ast.Expr.Star star
                ? variableStar(star) : null;
            if (fields != null) {
                out.addAll(fields);
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** Whether a procedural language's variable has that name (then a column of it is ambiguous). */
    boolean isVariable(List<String> names) {
        if (variables == null) {
            return false;
        }
        try {
            return variables.apply(names) != null;
        } catch (org.tuskdb.api.DatabaseException e) {
            return false; // a record's missing field: the column is meant
        }
    }

    /**
     * A PL/pgSQL statement's state (plpgsql_parser_setup): names no column matched go to
     * {@code variables}, which gives the variable's value as an expression or null.
     */
    public ParseState withVariables(
            java.util.function.Function<List<String>, org.tuskdb.sql.internal.expr.Expression> variables) {
        this.variables = variables;
        return this;
    }

    public FunctionRegistry functions() { return functions; }

    boolean schemaExists(String schema) { return relations.schemaExists(schema); }

    /** The user-defined type a regtype literal names ([schema.]name, name[]), or null. */
    PgType userTypeNamed(String text) {
        String t = text.trim();
        boolean array = t.endsWith("[]");
        List<String> parts = org.tuskdb.sql.internal.catalog.CatalogNames.splitName(
            array ? t.substring(0, t.length() - 2).trim() : t);
        if (parts.isEmpty() || parts.size() > 2) {
            return null;
        }
        return relations.userType(parts.size() == 2 ? parts.get(0) : null, parts.get(parts.size() - 1) + (array ? "[]" : ""));
    }

    /** The user-defined type a name means ({@link RelationLookup#userType}), or null. */
    PgType userType(String schema, String name) { return relations.userType(schema, name); }

    public boolean tablesAvailable() { return relations.tablesAvailable(); }

    public String sql() { return sql; }

    /** Whether tables of this statement get system column slots (SystemColumns rule 1); computed once. */
    boolean systemColumns() {
        if (systemColumns == 0) {
            systemColumns = sql != null && org.tuskdb.sql.internal.catalog.SystemColumns.mentionedIn(sql) ? 1 : -1;
        }
        return systemColumns > 0;
    }

    /** Looks a relation up through the session; a table found is remembered with its lock. */
    public Relation lookup(String schema, String name, LockMode mode, int offset, boolean missingOk) {
        return lookup(schema, name, mode, offset, missingOk, 0);
    }

    /**
     * ... and the privileges the statement needs on it (ExecCheckRTPerms' requiredPerms: SELECT for
     * what FROM reads, INSERT / UPDATE / DELETE for a target), checked at each execution.
     */
    public Relation lookup(String schema, String name, LockMode mode, int offset, boolean missingOk, int privileges) {
        Relation r = relations.lookup(schema, name, mode, position(offset), missingOk);
        if (r instanceof TableDescriptor t && mode != null && !t.systemCatalog()) {
            locks.add(new RelationLock(t.oid(), mode, privileges, false));
        } else if (r instanceof TableDescriptor t && mode != null) {
            locks.add(new RelationLock(t.oid(), mode));
        } else if (privileges != 0 && r instanceof org.tuskdb.sql.internal.catalog.ViewDescriptor v) {
            locks.add(new RelationLock(v.oid(), null, privileges, false));
        }
        return r;
    }

    /** More privileges on a relation the statement already looked up (UPDATE ... WHERE reads it too). */
    public void requirePrivileges(long oid, int privileges) {
        locks.add(new RelationLock(oid, null, privileges, false));
    }

    /** EXECUTE of a user function, checked at each execution. */
    public void requireExecute(long functionOid) {
        locks.add(new RelationLock(functionOid, null, org.tuskdb.sql.internal.catalog.AclItems.EXECUTE, true));
    }

    /**
     * Column privileges (ExecCheckRTEPerms' selectedCols / insertedCols / updatedCols): the
     * privileges {@link #lookup} recorded for {@code r} may then be held on columns instead of the
     * table — on any column by that entry itself (SELECT count(*), DELETE's UPDATE-less target,
     * FOR UPDATE), on each column this statement reads of {@code base} (SELECT; when it reads none,
     * no SELECT is added) and, through {@link #requireColumns}, on each column it writes.
     */
    void checkColumns(Relation r, Scope.Base base) {
        long oid = org.tuskdb.sql.internal.catalog.RelationCache.oidOf(r);
        for (int k = locks.size() - 1; k >= 0; k--) {
            RelationLock l = locks.get(k);
            if (l.oid() == oid && !l.function() && l.privileges() != 0 && l.columns() == null) {
                locks.set(k, new RelationLock(l.oid(), l.mode(), l.privileges(), false, new int[0]));
                if (base != null) {
                    reads.add(new ColumnReads(r, base));
                }
                return; // a relation checked at all (no system catalog, no view's inner table)
            }
        }
    }

    /** {@code privilege} (INSERT, UPDATE) on each of the columns (attnums) a statement writes. */
    void requireColumns(long oid, int privilege, int[] attnums) {
        if (attnums.length > 0) {
            locks.add(new RelationLock(oid, null, privilege, false, attnums));
        }
    }

    /** The tables locked by analysis, which a cached plan re-locks at each execution. */
    public List<RelationLock> locks() {
        if (reads.isEmpty()) {
            return List.copyOf(locks);
        }
        List<RelationLock> out = new ArrayList<>(locks);
        for (ColumnReads c : reads) {
            int n = c.relation().columns().size();
            int[] attnums = new int[n];
            int count = 0;
            for (int i = 0; i < n && i < c.base().read.length; i++) {
                if (c.base().read[i]) {
                    attnums[count++] = c.relation() instanceof TableDescriptor t ? t.attnum(i) : i + 1;
                }
            }
            if (count > 0) {
                out.add(new RelationLock(org.tuskdb.sql.internal.catalog.RelationCache.oidOf(c.relation()), null,
                    org.tuskdb.sql.internal.catalog.AclItems.SELECT, false, java.util.Arrays.copyOf(attnums, count)));
            }
        }
        return List.copyOf(out);
    }
    public ParamTypes params() { return params; }
    public Scope scope() { return scope; }

    void setScope(Scope scope) {
        this.scope = scope;
    }

    /** A 0-based offset as the 1-based character position errors carry (0: none). */
    public int position(int offset) {
        if (offset < 0 || sql == null) {
            return 0;
        }
        return sql.codePointCount(0, Math.min(offset, sql.length())) + 1;
    }
}
