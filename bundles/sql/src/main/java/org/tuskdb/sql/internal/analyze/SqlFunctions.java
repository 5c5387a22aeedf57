package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.SubqueryContext;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.function.FunctionImpl;
import org.tuskdb.sql.internal.function.TableFunctionDef;
import org.tuskdb.sql.internal.parser.Parser;
import org.tuskdb.sql.internal.plan.Plan;
import org.tuskdb.sql.internal.plan.Planner;
import org.tuskdb.sql.internal.plan.RowCursor;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;
import org.tuskdb.sql.internal.value.VoidValue;

/**
 * LANGUAGE sql functions (PostgreSQL's functions.c and check_sql_fn_retval), as the analyzer
 * sees them.
 *
 * <p>Rules: (1) a user function takes part in overload resolution as one candidate per number
 * of arguments it accepts (its parameters with DEFAULTs may be left out), after the built-ins;
 * (2) the body is parsed, analyzed and planned where a call is analyzed, with the calling
 * statement's relation lookup and lock list, so a cached plan re-locks the body's tables and is
 * re-planned when the catalog changes, like the statement's own; (3) the same analysis checks a
 * body at CREATE FUNCTION (errors then point into the CREATE statement); (4) a call runs the
 * statements in order in a context of its own ($n are its arguments, uncorrelated subqueries are
 * computed per call), a command counter increment after each one that modified tables, and
 * returns the first column of the last statement's first row, coerced to the declared type;
 * (5) a function returning a set (RETURNS SETOF / TABLE) or a row (OUT parameters) is also a
 * set-returning function's candidate ({@link #tableCandidates}): a call in FROM or in the select
 * list runs the whole body when its FunctionScan or ProjectSet starts and keeps the last
 * statement's rows in memory (PostgreSQL's materialize mode), each coerced to the result columns.
 */
public final class SqlFunctions {
    private SqlFunctions() {}

    /**
     * A candidate for resolution: the function called with {@code given} arguments (the rest
     * defaulted); {@code expanded}: a VARIADIC function called with a list, its trailing
     * arguments (from {@code given - 1} on) packed into the array parameter.
     */
    record Candidate(UserFunction function, int given, boolean expanded) implements FunctionImpl {
        @Override
        public Value call(Value[] args, EvalContext ctx) {
            throw new IllegalStateException("a SQL function's candidate is bound before it is called");
        }
    }

    /** The functions returning a set or a row, as set-returning candidates (one per argument count). */
    static List<TableFunctionDef> tableCandidates(List<UserFunction> functions, boolean variadicCall) {
        List<TableFunctionDef> out = new ArrayList<>();
        for (FunctionDef d : candidates(functions, variadicCall)) {
            UserFunction f = ((Candidate) d.impl()).function();
            if (f.retset() || f.hasOutParams() || f.returnsRow() || f.returnsAnyRecord()) {
                out.add(new TableFunctionDef(d, f.resultColumns(), null));
            }
        }
        return out;
    }

    /**
     * The set-returning call of a chosen candidate: the DEFAULTs appended, the body bound to a
     * producer. {@code defined}: a function returning record's columns from the call's column
     * definition list; null there (a select-list call) makes each row one record value.
     */
    static ExpressionAnalyzer.FromFunction tableCall(Candidate c, Expression[] given, ParseState ps,
                                                     List<org.tuskdb.sql.internal.catalog.Relation.Column> defined) {
        UserFunction f = c.function();
        Expression[] args = withDefaults(c, given, ps);
        List<org.tuskdb.sql.internal.catalog.Relation.Column> columns = !f.returnsAnyRecord() ? f.resultColumns()
            : defined != null ? defined : List.of(new org.tuskdb.sql.internal.catalog.Relation.Column(f.name(),
                PgType.RECORD, -1));
        TableFunctionDef.Producer producer;
        int width = columns.size();
        if (f.plpgsql()) {
            org.tuskdb.sql.internal.plpgsql.Plpgsql.Call call = new org.tuskdb.sql.internal.plpgsql.Plpgsql.Call(f);
            PgType[] types = defined == null ? null
                : defined.stream().map(org.tuskdb.sql.internal.catalog.Relation.Column::type).toArray(PgType[]::new);
            producer = (a, ctx) -> rows(call.rows(a, ctx, types));
        } else {
            Body body = bindForCall(f, ps, defined);
            producer = (a, ctx) -> rows(f.retset() ? body.rows(a, ctx) : oneRow(body.rows(a, ctx), width));
        }
        FunctionDef signature = new FunctionDef(f.name(), f.argTypes(), f.returnType(), false, f.strict(),
            f.volatility(), null);
        return new ExpressionAnalyzer.FromFunction(new TableFunctionDef(signature, columns, producer), args);
    }

    /** A function returning one row, called in FROM: its first row, or one of NULLs (a NULL result). */
    private static List<Value[]> oneRow(List<Value[]> rows, int width) {
        List<Value[]> one = new ArrayList<>();
        one.add(rows.isEmpty() ? new Value[width] : rows.get(0));
        return one;
    }

    private static TableFunctionDef.Rows rows(List<Value[]> list) {
        java.util.Iterator<Value[]> it = list.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    /**
     * The candidates of these functions (func_get_detail's view): one per argument count the
     * DEFAULTs allow; a VARIADIC function only in its expanded form (its last parameter repeated
     * as the array's element type), or, for a call whose last argument is written
     * {@code VARIADIC expr} ({@code variadicCall}), only as declared (non-variadic functions
     * are not candidates then).
     */
    static List<FunctionDef> candidates(List<UserFunction> functions, boolean variadicCall) {
        List<FunctionDef> out = new ArrayList<>();
        for (UserFunction f : functions) {
            int n = f.argTypes().size();
            if (f.variadic() && !variadicCall) {
                List<PgType> expanded = new ArrayList<>(f.argTypes());
                expanded.set(n - 1, f.argTypes().get(n - 1).elementType());
                out.add(new FunctionDef(f.name(), List.copyOf(expanded), f.returnType(), true, f.strict(),
                    f.volatility(), new Candidate(f, n, true)));
                continue;
            }
            if (variadicCall && !f.variadic()) {
                continue;
            }
            for (int given = n; given >= n - f.defaults().size(); given--) {
                out.add(new FunctionDef(f.name(), f.argTypes().subList(0, given), f.returnType(), false, f.strict(),
                    f.volatility(), new Candidate(f, given, false)));
            }
        }
        return out;
    }

    /** The call of a chosen candidate: the body bound, the left-out arguments' DEFAULTs appended. */
    static Expression call(Candidate c, Expression[] given, ParseState ps) {
        UserFunction f = c.function();
        ps.requireExecute(f.oid());
        Expression[] args = withDefaults(c, given, ps);
        PgType type = f.returnsRow() ? rowType(f) : f.returnType();
        if (f.builtinC()) {
            return new FuncExpr(new FunctionDef(f.name(), f.argTypes(), type, false, f.strict(), f.volatility(),
                builtinSymbol(f)), args);
        }
        if (f.plpgsql()) {
            return new FuncExpr(new FunctionDef(f.name(), f.argTypes(), type, false, f.strict(),
                f.volatility(), new org.tuskdb.sql.internal.plpgsql.Plpgsql.Call(f)), args);
        }
        Body body = bindForCall(f, ps, null);
        return new FuncExpr(new FunctionDef(f.name(), f.argTypes(), type, false, f.strict(),
            body.volatility(), body), args);
    }

    /** The implementation of an extension's C function, or one that says it is missing. */
    private static org.tuskdb.sql.internal.function.FunctionImpl builtinSymbol(UserFunction f) {
        org.tuskdb.sql.internal.function.FunctionImpl impl =
            org.tuskdb.sql.internal.function.ExtensionLibrary.symbol(f.body());
        if (impl != null) {
            return impl;
        }
        return (a, c) -> {
            throw DatabaseException.error(SqlState.UNDEFINED_FUNCTION,
                "could not find function \"" + f.body() + "\" in Tusk's built-in extension library");
        };
    }

    /** The record type of a function's row result: its OUT columns' names and types. */
    public static PgType rowType(UserFunction f) {
        if (f.returnType().isComposite()) {
            return f.returnType();
        }
        List<org.tuskdb.sql.internal.catalog.Relation.Column> cols = f.resultColumns();
        return PgType.recordOf(cols.stream().map(org.tuskdb.sql.internal.catalog.Relation.Column::name).toList(),
            cols.stream().map(org.tuskdb.sql.internal.catalog.Relation.Column::type).toList());
    }

    private static Expression[] withDefaults(Candidate c, Expression[] given, ParseState ps) {
        UserFunction f = c.function();
        if (c.expanded()) {
            // the trailing arguments (already of the element type) as the VARIADIC array
            int fixed = f.argTypes().size() - 1;
            Expression[] args = java.util.Arrays.copyOf(given, fixed + 1);
            args[fixed] = new org.tuskdb.sql.internal.expr.ArrayExpr(f.argTypes().get(fixed),
                java.util.Arrays.copyOfRange(given, fixed, given.length));
            return args;
        }
        Expression[] args = java.util.Arrays.copyOf(given, f.argTypes().size());
        int firstDefault = f.argTypes().size() - f.defaults().size();
        for (int i = given.length; i < args.length; i++) {
            args[i] = defaultValue(f, i, f.defaults().get(i - firstDefault), ps);
        }
        return args;
    }

    private static Body bindForCall(UserFunction f, ParseState ps,
                                    List<org.tuskdb.sql.internal.catalog.Relation.Column> defined) {
        try {
            return bind(f, ps, defined);
        } catch (DatabaseException e) {
            throw e.withPosition(0).withContext("SQL function \"" + f.name() + "\" during startup");
        }
    }

    /** A parameter's DEFAULT, coerced to its type as an assignment. */
    public static Expression defaultValue(UserFunction f, int i, String text, ParseState ps) {
        ParseState dps = new ParseState(text, ps.functions(), ParseState.RelationLookup.NONE, ParamTypes.none());
        Expression e = new ExpressionAnalyzer(dps).transform(Parser.parseExpression(text));
        return Coercion.coerce(e, f.argTypes().get(i), -1, Casts.Context.ASSIGNMENT, dps, -1);
    }

    /**
     * CREATE FUNCTION's check of the body (fmgr_sql_validator): errors with a position are moved
     * to where the body is in the statement ({@code bodyOffset}, a 0-based offset into it; -1:
     * not there as written), others get PostgreSQL's context line.
     */
    public static void validate(UserFunction f, ParseState ps, int bodyOffset) {
        try {
            bind(f, ps, null);
        } catch (DatabaseException e) {
            if (e.position() > 0 && bodyOffset >= 0) {
                throw e.withPosition(ps.position(bodyOffset) + e.position() - 1);
            }
            throw e.withPosition(0).withContext("SQL function \"" + f.name() + "\"");
        }
    }

    /**
     * The body analyzed and planned inside the analysis of ps's statement; {@code defined}: the
     * columns of a column definition list a function returning record is called with (else null).
     */
    private static Body bind(UserFunction f, ParseState outer,
                             List<org.tuskdb.sql.internal.catalog.Relation.Column> defined) {
        ParseState ps = outer.forFunctionBody(f);
        int locksBefore = outer.locks().size();
        List<Parser.Parsed> parsed = Parser.parse(f.body());
        List<Plan> plans = new ArrayList<>();
        List<Boolean> modifies = new ArrayList<>();
        List<ResultColumn> last = null;
        for (Parser.Parsed p : parsed) {
            ps.setScope(Scope.EMPTY);
            AnalyzedStatement a = new Analyzer(ps, n -> n).analyze(p.statement());
            switch (a) {
                case Query q -> {
                    plans.add(Planner.plan(q).root());
                    modifies.add(!q.modifyingCtes().isEmpty());
                    last = q.columns();
                }
                case ModifyQuery m -> {
                    plans.add(Planner.plan(m).root());
                    modifies.add(true);
                    last = m.columns() == null || m.columns().isEmpty() ? null : m.columns();
                }
                default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    statementKind(p.statement()) + " in a SQL function is not supported yet");
            }
        }
        Expression[] results = null;
        if (f.returnType() != PgType.VOID) {
            results = f.returnsAnyRecord() && defined == null ? new Expression[] {recordOf(last, f)}
                : f.returnsRow() || defined != null ? rowColumns(f, defined != null ? defined : f.resultColumns(), last, ps)
                : new Expression[] {resultColumn(f, last, ps)};
        }
        char volatility = f.volatility() == 'i' && outer.locks().size() > locksBefore ? 's' : f.volatility();
        return new Body(f.name(), List.copyOf(plans), List.copyOf(modifies), results, f.returnType() == PgType.VOID,
            volatility, f.returnsRow() ? rowType(f) : null);
    }

    private static String statementKind(Statement s) {
        String n = s.getClass().getSimpleName();
        return n.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
    }

    /** check_sql_fn_retval for a scalar result: one column, assignable to the declared type. */
    private static Expression resultColumn(UserFunction f, List<ResultColumn> last, ParseState ps) {
        String mismatch = "return type mismatch in function declared to return " + f.returnType().displayName();
        if (last == null) {
            throw DatabaseException.error("42P13", mismatch)
                .withDetail("Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
        }
        if (last.size() != 1) {
            throw DatabaseException.error("42P13", mismatch).withDetail("Final statement must return exactly one column.");
        }
        ResultColumn c = last.get(0);
        PgType type = c.type() == PgType.UNKNOWN ? PgType.TEXT : c.type();
        Expression column = new ColumnVar(0, type, c.typmod(), c.name());
        if (type == f.returnType()) {
            return column;
        }
        Casts.Context context = Casts.context(type, f.returnType());
        if (context == null || context == Casts.Context.EXPLICIT) {
            throw DatabaseException.error("42P13", mismatch).withDetail("Actual return type is " + type.displayName() + ".");
        }
        return Coercion.coerce(column, f.returnType(), -1, Casts.Context.ASSIGNMENT, ps, -1);
    }

    /** A result of type record without a column definition list: the last statement's row as one record value. */
    private static Expression recordOf(List<ResultColumn> last, UserFunction f) {
        if (last == null) {
            throw DatabaseException.error("42P13", "return type mismatch in function declared to return record")
                .withDetail("Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
        }
        Expression[] fields = new Expression[last.size()];
        for (int i = 0; i < fields.length; i++) {
            ResultColumn c = last.get(i);
            fields[i] = new ColumnVar(i, c.type() == PgType.UNKNOWN ? PgType.TEXT : c.type(), c.typmod(), c.name());
        }
        return new org.tuskdb.sql.internal.expr.RowExpr(fields, PgType.recordOf(last.stream().map(ResultColumn::name)
            .toList(), java.util.Arrays.stream(fields).map(Expression::type).toList()));
    }

    /** check_sql_fn_retval for a row result: the columns' number ({@code want}), each assignable to its type. */
    private static Expression[] rowColumns(UserFunction f, List<org.tuskdb.sql.internal.catalog.Relation.Column> want,
                                           List<ResultColumn> last, ParseState ps) {
        String mismatch = "return type mismatch in function declared to return " + f.returnType().displayName();
        if (last == null) {
            throw DatabaseException.error("42P13", mismatch)
                .withDetail("Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
        }
        if (last.size() == 1 && want.size() != 1 && f.returnType().isComposite()
            && PgType.sameComposite(last.get(0).type(), f.returnType())) {
            // one column of the result's row type (SELECT p FROM ...): its fields are the columns
            Expression whole = new ColumnVar(0, last.get(0).type(), -1, last.get(0).name());
            Expression[] out = new Expression[want.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new org.tuskdb.sql.internal.expr.FieldSelectExpr(whole, i, want.get(i).type());
            }
            return out;
        }
        if (last.size() != want.size()) {
            throw DatabaseException.error("42P13", mismatch).withDetail("Final statement returns too "
                + (last.size() > want.size() ? "many" : "few") + " columns.");
        }
        Expression[] out = new Expression[want.size()];
        for (int i = 0; i < out.length; i++) {
            ResultColumn c = last.get(i);
            PgType type = c.type() == PgType.UNKNOWN ? PgType.TEXT : c.type();
            PgType target = want.get(i).type();
            int typmod = want.get(i).typmod();
            Expression column = new ColumnVar(i, type, c.typmod(), c.name());
            Casts.Context context = type == target ? Casts.Context.IMPLICIT : Casts.context(type, target);
            if (context == null || context == Casts.Context.EXPLICIT) {
                throw DatabaseException.error("42P13", mismatch).withDetail("Final statement returns "
                    + type.displayName() + " instead of " + target.displayName() + " at column " + (i + 1) + ".");
            }
            out[i] = type == target && (typmod < 0 || typmod == c.typmod()) ? column
                : Coercion.coerce(column, target, typmod, Casts.Context.ASSIGNMENT, ps, -1);
        }
        return out;
    }

    /**
     * A bound body: what a call runs. {@code results} compute the result columns from the last
     * statement's row (null for void); {@code rowType} non-null: a row result, a RecordValue.
     */
    record Body(String name, List<Plan> plans, List<Boolean> modifies, Expression[] results, boolean returnsVoid,
                char volatility, PgType rowType) implements FunctionImpl {
        private static final Value[] NO_ROW = new Value[0];

        @Override
        public Value call(Value[] args, EvalContext ctx) {
            List<Value[]> rows = run(args, ctx, false);
            if (returnsVoid) {
                return VoidValue.INSTANCE;
            }
            if (rows.isEmpty()) {
                return null;
            }
            Value[] row = rows.get(0);
            return rowType != null ? new org.tuskdb.sql.internal.value.RecordValue(rowType, row) : row[0];
        }

        /** A set-returning call: every row of the last statement, as result columns. */
        List<Value[]> rows(Value[] args, EvalContext ctx) {
            return run(args, ctx, true);
        }

        private List<Value[]> run(Value[] args, EvalContext ctx, boolean all) {
            List<Value[]> out = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                CallContext c = new CallContext(ctx, args);
                try {
                    RowCursor cursor = plans.get(i).open(c);
                    Value[] row = cursor.next();
                    boolean last = i == plans.size() - 1 && results != null;
                    while (row != null) {
                        if (last) {
                            Value[] r = new Value[results.length];
                            for (int k = 0; k < r.length; k++) {
                                r[k] = results[k].eval(row, c);
                            }
                            out.add(r);
                            ctx.checkForInterrupts();
                        }
                        if (!modifies.get(i) && !(last && all)) {
                            break; // a data-modifying statement runs to completion
                        }
                        row = cursor.next();
                    }
                } catch (DatabaseException e) {
                    throw e.context() != null ? e : e.withContext("SQL function \"" + name + "\" statement " + (i + 1));
                } finally {
                    c.closeResources();
                }
                if (modifies.get(i)) {
                    ctx.storage().transaction().commandCounterIncrement();
                }
            }
            return all || out.size() <= 1 ? out : out.subList(0, 1);
        }

        /** One statement's run: the call's arguments as $n, its own initplan results. */
        private static final class CallContext extends SubqueryContext {
            private final Value[] args;
            private final java.util.Map<Object, Object> state = new java.util.HashMap<>();

            CallContext(EvalContext parent, Value[] args) {
                super(parent, NO_ROW);
                this.args = args;
            }

            @Override public Value param(int index) { return args[index]; }
            @Override public java.util.Map<Object, Object> executionState() { return state; }
        }
    }
}
