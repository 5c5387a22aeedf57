package org.tuskdb.sql.internal.plpgsql;

import java.util.HashMap;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.analyze.AnalyzedStatement;
import org.tuskdb.sql.internal.analyze.ModifyQuery;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.analyze.ResultColumn;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.ParamRef;
import org.tuskdb.sql.internal.expr.SubqueryContext;
import org.tuskdb.sql.internal.parser.Parser;
import org.tuskdb.sql.internal.plan.ModifyTablePlan;
import org.tuskdb.sql.internal.plan.RowCursor;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.RecordValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.Value;

/**
 * Runs one call of a {@link PlFunction} (pl_exec.c): the variables of this call, the statements
 * in order with plpgsql's statuses (EXIT, CONTINUE, RETURN travel up as return codes, not Java
 * exceptions). An error gets its CONTEXT line (the statement and its line) once, where it
 * happened: {@link Failed} carries it up past the enclosing statements. A block with EXCEPTION
 * handlers runs in a subtransaction, rolled back when a handler catches.
 */
public final class Interpreter {
    private static final int OK = 0, EXIT = 1, CONTINUE = 2, RETURN = 3;
    /** Record fields are parameters from {@code slots.length + slot * FIELDS + field} on. */
    private static final int FIELDS = 1000;
    private static final Value[] NO_ROW = new Value[0];

    private final Spi spi;
    private final PlFunction fn;
    private final EvalContext ctx;
    private final Value[] slots;
    private final Row[] records;
    private long rowCount;
    private String exitLabel;
    private Value result;
    private DatabaseException handled;
    /** A function returning SETOF record: its call's column definition list's types (null: none). */
    private PgType[] recordColumns;
    /** A set-returning function's rows so far (RETURN NEXT, RETURN QUERY); null otherwise. */
    private final List<Value[]> resultRows;

    /**
     * A record variable's value: the layout of the query that filled it (or the declared row
     * type's), the values, and the type the whole record has as a value (the declared table's row
     * type, else a record of the layout's fields). {@code isNull}: a row variable not assigned
     * yet, or set from no row: its fields are NULL and so is the whole row.
     */
    private record Row(List<ResultColumn> layout, Value[] values, PgType type, boolean isNull) {
        Row(List<ResultColumn> layout, Value[] values) {
            this(layout, values, PgType.recordOf(layout.stream().map(ResultColumn::name).toList(),
                layout.stream().map(c -> c.type() == PgType.UNKNOWN ? PgType.TEXT : c.type()).toList()), false);
        }

        RecordValue value() {
            return isNull ? null : new RecordValue(type, values.clone());
        }
    }

    /** The whole record (r as a value, not r.field) is the parameter at this field number. */
    private static final int WHOLE = FIELDS - 1;

    /** An error that has its CONTEXT line: the statements around it pass it on. */
    private static final class Failed extends RuntimeException {
        final DatabaseException error;

        Failed(DatabaseException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private Interpreter(Spi spi, PlFunction fn, EvalContext ctx) {
        this.spi = spi;
        this.fn = fn;
        this.ctx = ctx;
        this.slots = new Value[fn.vars().size()];
        this.records = new Row[fn.vars().size()];
        this.resultRows = fn.retset() ? new java.util.ArrayList<>() : null;
    }

    /**
     * Runs the body with the arguments; the RETURN value (null for a DO block or RETURNS void; for
     * OUT parameters the values of the OUT variables: one, or a row as a Value[] wrapped by the caller).
     */
    public static Value run(Spi spi, PlFunction fn, Value[] args, EvalContext ctx) {
        Interpreter in = start(spi, fn, args, ctx);
        return in.outRow() != null ? in.outRow()[0] : in.result;
    }

    /** Runs a function with OUT parameters: the OUT variables' values at its end, one per result column. */
    public static Value[] runForRow(Spi spi, PlFunction fn, Value[] args, EvalContext ctx) {
        Interpreter in = start(spi, fn, args, ctx);
        return in.outRow() != null ? in.outRow() : new Value[] {in.result};
    }

    /**
     * Runs a set-returning function: the rows RETURN NEXT and RETURN QUERY added, in order.
     * {@code recordColumns}: the column definition list's types of a function returning SETOF
     * record (null: each row becomes one record value; ignored for other functions).
     */
    public static List<Value[]> runForSet(Spi spi, PlFunction fn, Value[] args, EvalContext ctx,
                                          PgType[] recordColumns) {
        return start(spi, fn, args, ctx, recordColumns).resultRows;
    }

    /**
     * A record value as a row of a column definition list: the same number of fields of exactly
     * these types (convert_tuples_by_position's check), else 42804 "wrong record type supplied in WHAT".
     */
    static Value[] recordRow(Value v, PgType[] columns, String what) {
        if (v == null) {
            return new Value[columns.length];
        }
        if (!(v instanceof RecordValue r)) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "cannot return non-composite value from "
                + "function returning composite type");
        }
        String wrong = "wrong record type supplied in " + what;
        if (r.fieldCount() != columns.length) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, wrong).withDetail("Number of returned columns ("
                + r.fieldCount() + ") does not match expected column count (" + columns.length + ").");
        }
        for (int i = 0; i < columns.length; i++) {
            PgType t = r.type().fieldCount() > i ? r.type().fieldType(i) : columns[i];
            if (!t.equals(columns[i])) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, wrong).withDetail("Returned type "
                    + t.displayName() + " does not match expected type " + columns[i].displayName() + " in column "
                    + (i + 1) + ".");
            }
        }
        return r.fields().clone();
    }

    private Value[] finalOut;

    private Value[] outRow() {
        return finalOut;
    }

    private static Interpreter start(Spi spi, PlFunction fn, Value[] args, EvalContext ctx) {
        return start(spi, fn, args, ctx, null);
    }

    private static Interpreter start(Spi spi, PlFunction fn, Value[] args, EvalContext ctx, PgType[] recordColumns) {
        Interpreter in = new Interpreter(spi, fn, ctx);
        in.recordColumns = recordColumns;
        System.arraycopy(args, 0, in.slots, 0, args.length);
        for (int i = 0; i < args.length; i++) {
            if (fn.vars().get(i).isRecord()) {
                in.slots[i] = null;
                in.assignRecord(i, args[i]); // a parameter of a table's row type: a record variable
            }
        }
        in.slots[fn.foundSlot()] = BoolValue.FALSE;
        try {
            int status = in.execute(fn.body());
            // pl_comp adds a RETURN at the end of a set-returning, void or OUT-parameter function's body
            if (status != RETURN && fn.returnType() != null && fn.returnType() != PgType.VOID && !fn.retset()
                && fn.outSlots() == null) {
                throw DatabaseException.error("2F005", fn.returnType() == PgType.TRIGGER
                    ? "control reached end of trigger procedure without RETURN"
                    : "control reached end of function without RETURN")
                    .withContext("PL/pgSQL function " + fn.name()
                        + (fn.returnType() == PgType.TRIGGER ? "" : " during function exit"));
            }
        } catch (Failed f) {
            throw f.error;
        }
        if (fn.outSlots() != null && !fn.retset()) {
            in.finalOut = in.outValues();
        }
        return in;
    }

    /** The OUT variables' current values, in result column order. */
    private Value[] outValues() {
        Value[] row = new Value[fn.outSlots().length];
        for (int i = 0; i < row.length; i++) {
            row[i] = slots[fn.outSlots()[i]];
        }
        return row;
    }

    // ---- statements --------------------------------------------------------------------------

    private int executeAll(List<PlStmt> list) {
        if (list == null) {
            return OK;
        }
        for (PlStmt s : list) {
            int status = execute(s);
            if (status != OK) {
                return status;
            }
        }
        return OK;
    }

    private int execute(PlStmt s) {
        ctx.checkForInterrupts();
        try {
            return run(s);
        } catch (DatabaseException e) {
            throw new Failed(e.withPosition(0).withContext(
                "PL/pgSQL function " + fn.name() + " line " + s.line() + " at " + s.what()));
        }
    }

    private int run(PlStmt s) {
        switch (s) {
            case PlStmt.Block b -> {
                return block(b);
            }
            case PlStmt.Assign a -> {
                assign(a.slot(), expressionValue(a.value()));
                return OK;
            }
            case PlStmt.AssignField a -> {
                assignField(a);
                return OK;
            }
            case PlStmt.If i -> {
                for (int k = 0; k < i.conditions().size(); k++) {
                    if (condition(i.conditions().get(k))) {
                        return executeAll(i.branches().get(k));
                    }
                }
                return executeAll(i.orElse());
            }
            case PlStmt.Case c -> {
                for (int k = 0; k < c.whens().size(); k++) {
                    if (condition(c.whens().get(k))) {
                        return executeAll(c.branches().get(k));
                    }
                }
                if (c.orElse() == null) {
                    throw DatabaseException.error("20000", "case not found")
                        .withHint("CASE statement is missing ELSE part.");
                }
                return executeAll(c.orElse());
            }
            case PlStmt.Loop l -> {
                while (true) {
                    int status = loopStatus(executeAll(l.body()), l.label());
                    if (status >= 0) {
                        return status;
                    }
                }
            }
            case PlStmt.While w -> {
                while (condition(w.condition())) {
                    int status = loopStatus(executeAll(w.body()), w.label());
                    if (status >= 0) {
                        return status;
                    }
                }
                return OK;
            }
            case PlStmt.ForInt f -> {
                return forInt(f);
            }
            case PlStmt.ForQuery f -> {
                return forQuery(f);
            }
            case PlStmt.ForEach f -> {
                return forEach(f);
            }
            case PlStmt.Exit e -> {
                if (e.when() != null && !condition(e.when())) {
                    return OK;
                }
                exitLabel = e.label();
                return e.isContinue() ? CONTINUE : EXIT;
            }
            case PlStmt.Return r -> {
                if (r.value() != null && !fn.retset()) {
                    Value v = expressionValue(r.value());
                    result = fn.returnType() == null || fn.returnType() == PgType.VOID
                        || fn.returnType() == PgType.RECORD || fn.returnType() == PgType.TRIGGER ? v
                        : convert(v, fn.returnType(), -1);
                }
                return RETURN;
            }
            case PlStmt.Raise r -> {
                raise(r);
                return OK;
            }
            case PlStmt.Perform p -> {
                long n = runQuery(p.query(), null, false, true);
                rowCount = n;
                slots[fn.foundSlot()] = BoolValue.of(n > 0);
                return OK;
            }
            case PlStmt.Sql q -> {
                sql(q);
                return OK;
            }
            case PlStmt.GetDiagnostics g -> {
                for (int k = 0; k < g.slots().length; k++) {
                    String item = g.items().get(k).toLowerCase(java.util.Locale.ROOT);
                    if (!item.equals("row_count")) {
                        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "GET DIAGNOSTICS " + item + " is not supported yet");
                    }
                    assign(g.slots()[k], IntegerValue.of(PgType.INT8, rowCount));
                }
                return OK;
            }
            case PlStmt.Null n -> {
                return OK;
            }
            case PlStmt.ReturnNext r -> {
                if (r.value() == null) {
                    resultRows.add(outValues());
                } else if (anyRecord()) {
                    Value v = expressionValue(r.value());
                    resultRows.add(recordColumns == null ? new Value[] {v} : recordRow(v, recordColumns, "RETURN NEXT"));
                } else if (fn.returnType().isComposite()) {
                    Value v = convert(expressionValue(r.value()), fn.returnType(), -1);
                    resultRows.add(v == null ? new Value[fn.returnType().fieldCount()]
                        : ((RecordValue) v).fields().clone());
                } else {
                    resultRows.add(new Value[] {convert(expressionValue(r.value()), fn.returnType(), -1)});
                }
                return OK;
            }
            case PlStmt.ReturnQuery r -> {
                returnQuery(r);
                return OK;
            }
            case PlStmt.Execute e -> {
                execute(e);
                return OK;
            }
        }
    }

    /** RETURNS SETOF record without OUT parameters: its rows' shape is the call's. */
    private boolean anyRecord() {
        return fn.returnType() == PgType.RECORD && fn.outSlots() == null;
    }

    /** The types of the result columns (the OUT columns', or the one declared result type). */
    private PgType[] resultTypes() {
        if (anyRecord() && recordColumns != null) {
            return recordColumns;
        }
        if (fn.outSlots() == null && fn.returnType().isComposite()) {
            PgType[] t = new PgType[fn.returnType().fieldCount()];
            for (int i = 0; i < t.length; i++) {
                t[i] = fn.returnType().fieldType(i);
            }
            return t;
        }
        if (fn.outSlots() == null) {
            return new PgType[] {fn.returnType()};
        }
        PgType[] t = new PgType[fn.outSlots().length];
        for (int i = 0; i < t.length; i++) {
            t[i] = fn.vars().get(fn.outSlots()[i]).type();
        }
        return t;
    }

    /** RETURN QUERY [EXECUTE]: the query's rows added, its columns the function's (exec_stmt_return_query). */
    private void returnQuery(PlStmt.ReturnQuery r) {
        PgType[] want = resultTypes();
        boolean packed = anyRecord() && recordColumns == null; // each row one record value
        java.util.function.Consumer<List<ResultColumn>> check = columns -> {
            if (packed) {
                return;
            }
            if (columns.size() != want.length) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH,
                    "structure of query does not match function result type").withDetail("Number of returned columns ("
                        + columns.size() + ") does not match expected column count (" + want.length + ").");
            }
            for (int i = 0; i < want.length; i++) {
                PgType t = columns.get(i).type() == PgType.UNKNOWN ? PgType.TEXT : columns.get(i).type();
                if (t != want[i]) {
                    throw DatabaseException.error(SqlState.DATATYPE_MISMATCH,
                        "structure of query does not match function result type").withDetail("Returned type "
                            + t.displayName() + " does not match expected type " + want[i].displayName()
                            + " in column " + (i + 1) + ".");
                }
            }
        };
        long n;
        if (r.query() != null) {
            prepare(r.query());
            try {
                check.accept(r.query().columns);
            } catch (DatabaseException e) {
                throw e.withContext("SQL statement \"" + r.query().shown + "\"");
            }
            List<ResultColumn> columns = r.query().columns;
            n = runQuery(r.query(), row -> {
                resultRows.add(packed ? new Value[] {new Row(columns, row.clone()).value()} : row.clone());
                return true;
            }, true, false);
        } else {
            Dynamic d = dynamic(r.dynamic(), r.using());
            try {
                check.accept(d.columns);
            } catch (DatabaseException e) {
                throw e.withContext("SQL statement \"" + d.sql + "\"");
            }
            n = d.run(row -> {
                resultRows.add(packed ? new Value[] {new Row(d.columns, row.clone()).value()} : row.clone());
                return true;
            });
        }
        rowCount = n;
        slots[fn.foundSlot()] = BoolValue.of(n > 0);
    }

    /** EXECUTE string [INTO [STRICT] ...] [USING ...] (exec_stmt_dynexecute): FOUND stays as it was. */
    private void execute(PlStmt.Execute e) {
        Dynamic d = dynamic(e.query(), e.using());
        if (d.utility) {
            if (e.into() != null) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "INTO used with a command that cannot return data");
            }
            d.runUtility();
            rowCount = 0;
            return;
        }
        if (e.into() != null && d.columns.isEmpty()) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "INTO used with a command that cannot return data");
        }
        Value[][] first = {null};
        long[] seen = {0};
        long n = d.run(row -> {
            if (seen[0]++ == 0) {
                first[0] = row.clone();
            }
            return true;
        });
        if (e.into() != null) {
            if (e.strict() && seen[0] == 0) {
                throw DatabaseException.error("P0002", "query returned no rows");
            }
            if (e.strict() && seen[0] > 1) {
                throw DatabaseException.error("P0003", "query returned more than one row");
            }
            into(e.into(), d.columns, first[0]);
        }
        rowCount = n;
    }

    /** A dynamic statement, analyzed and planned for one run: $n are the USING values. */
    private final class Dynamic {
        final String sql;
        final Value[] params;
        org.tuskdb.sql.internal.ast.Statement raw;
        List<ResultColumn> columns = List.of();
        org.tuskdb.sql.internal.plan.Plan plan;
        boolean utility;

        Dynamic(String sql, Value[] params) {
            this.sql = sql;
            this.params = params;
        }

        void runUtility() {
            try {
                spi.utility(raw, ctx);
            } catch (DatabaseException e) {
                throw e.context() != null ? e : e.withPosition(0).withContext("SQL statement \"" + sql + "\"");
            }
        }

        /** Runs the plan, each row to {@code rows}; the rows seen, or the rows a DML statement processed. */
        long run(java.util.function.Predicate<Value[]> rows) {
            SubqueryContext c = new Context(ctx, i -> params[i]);
            long n = 0;
            try {
                RowCursor cursor = plan.open(c);
                Value[] row;
                while ((row = cursor.next()) != null) {
                    n++;
                    rows.test(row);
                }
                if (cursor instanceof ModifyTablePlan.ModifyCursor m) {
                    n = m.processed();
                }
            } catch (DatabaseException e) {
                throw e.withPosition(0).withContext("SQL statement \"" + sql + "\"");
            } finally {
                c.closeResources();
            }
            if (!(raw instanceof org.tuskdb.sql.internal.ast.Statement.Select)) {
                spi.commandCounterIncrement();
            }
            return n;
        }
    }

    private Dynamic dynamic(PlQuery source, List<PlQuery> using) {
        Value text = expressionValue(source);
        if (text == null) {
            throw DatabaseException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "query string argument of EXECUTE is null");
        }
        Value[] params = new Value[using.size()];
        List<PgType> types = new java.util.ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            params[i] = expressionValue(using.get(i));
            PgType t = using.get(i).columns.get(0).type();
            types.add(t == PgType.UNKNOWN ? PgType.TEXT : t);
        }
        Dynamic d = new Dynamic(text.toText(ctx.style()), params);
        try {
            List<Parser.Parsed> parsed = Parser.parse(d.sql);
            if (parsed.size() != 1) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, parsed.isEmpty()
                    ? "cannot execute an empty query" : "cannot insert multiple commands into a prepared statement");
            }
            d.raw = parsed.get(0).statement();
            AnalyzedStatement a = spi.analyze(spi.parseState(d.sql, ParamTypes.fixed(types)), d.raw);
            switch (a) {
                case Query query -> d.columns = query.columns();
                case ModifyQuery m -> d.columns = m.columns() == null ? List.of() : m.columns();
                default -> {
                    d.utility = true;
                    return d;
                }
            }
            d.plan = spi.plan(a);
        } catch (DatabaseException e) {
            throw e.context() != null ? e : e.withPosition(0).withContext("SQL statement \"" + d.sql + "\"");
        }
        return d;
    }

    /** After a loop's body: -1 to go on, else the status the loop ends with. */
    private int loopStatus(int status, String label) {
        switch (status) {
            case EXIT -> {
                if (exitLabel == null || exitLabel.equals(label)) {
                    exitLabel = null;
                    return OK;
                }
                return EXIT;
            }
            case CONTINUE -> {
                if (exitLabel == null || exitLabel.equals(label)) {
                    exitLabel = null;
                    return -1;
                }
                return CONTINUE;
            }
            case RETURN -> {
                return RETURN;
            }
            default -> {
                return -1;
            }
        }
    }

    private int block(PlStmt.Block b) {
        for (PlStmt.Declare d : b.declares()) {
            PlFunction.Var v = fn.vars().get(d.slot());
            records[d.slot()] = v.rowType() == null ? null
                : new Row(v.rowType(), new Value[v.rowType().size()], rowValueType(v), true);
            slots[d.slot()] = null;
            if (d.init() != null) {
                assign(d.slot(), expressionValue(d.init()));
            } else if (v.notNull()) {
                assign(d.slot(), null);
            }
        }
        int status;
        if (b.handlers().isEmpty()) {
            status = executeAll(b.body());
        } else {
            status = guarded(b);
        }
        if (status == EXIT && b.label() != null && b.label().equals(exitLabel)) {
            exitLabel = null;
            return OK;
        }
        return status;
    }

    /** A block with EXCEPTION handlers: its statements in a subtransaction (exec_stmt_block). */
    private int guarded(PlStmt.Block b) {
        spi.beginSubtransaction();
        try {
            int status = executeAll(b.body());
            spi.releaseSubtransaction();
            return status;
        } catch (Failed | DatabaseException caught) {
            DatabaseException e = caught instanceof Failed f ? f.error : (DatabaseException) caught;
            spi.rollbackSubtransaction();
            for (PlStmt.Handler h : b.handlers()) {
                for (String c : h.conditions()) {
                    if (Conditions.matches(c, e.sqlState())) {
                        slots[h.sqlstateSlot()] = TextValue.text(e.sqlState());
                        slots[h.sqlerrmSlot()] = TextValue.text(e.getMessage());
                        DatabaseException outer = handled;
                        handled = e;
                        try {
                            return executeAll(h.body());
                        } finally {
                            handled = outer;
                        }
                    }
                }
            }
            throw caught;
        }
    }

    private int forInt(PlStmt.ForInt f) {
        long from = integer(f.from(), "lower");
        long to = integer(f.to(), "upper");
        long by = f.by() == null ? 1 : integer(f.by(), "BY");
        if (by <= 0) {
            throw DatabaseException.error("22023", "BY value of FOR loop must be greater than zero");
        }
        long[] next = {from};
        return loop(() -> {
            long i = next[0];
            if (f.reverse() ? i < to : i > to) {
                return false;
            }
            slots[f.slot()] = IntegerValue.int4((int) i);
            next[0] = f.reverse() ? i - by : i + by;
            return true;
        }, f.body(), f.label());
    }

    /** Binds a loop's next item; false when there is none. */
    @FunctionalInterface
    private interface LoopStep {
        boolean next();
    }

    /** Runs the body once per item (EXIT / CONTINUE / RETURN as loopStatus says) and sets FOUND. */
    private int loop(LoopStep step, List<PlStmt> body, String label) {
        boolean found = false;
        while (step.next()) {
            found = true;
            int s = loopStatus(executeAll(body), label);
            if (s >= 0) {
                slots[fn.foundSlot()] = BoolValue.TRUE;
                return s;
            }
        }
        slots[fn.foundSlot()] = BoolValue.of(found);
        return OK;
    }

    private long integer(PlQuery q, String which) {
        Value v = expressionValue(q);
        if (v == null) {
            throw DatabaseException.error(SqlState.NULL_VALUE_NOT_ALLOWED,
                which + " bound of FOR loop cannot be null");
        }
        return ((IntegerValue) convert(v, PgType.INT4, -1)).value();
    }

    private int forQuery(PlStmt.ForQuery f) {
        int[] status = {OK};
        long n = runQuery(f.query(), row -> {
            into(f.into(), f.query().columns, row);
            int s = loopStatus(executeAll(f.body()), f.label());
            if (s >= 0) {
                status[0] = s;
                return false;
            }
            return true;
        }, true, false);
        slots[fn.foundSlot()] = BoolValue.of(n > 0);
        return status[0];
    }

    /** exec_stmt_foreach_a: the elements (SLICE 0) or the array itself (SLICE 1; arrays here have one dimension). */
    private int forEach(PlStmt.ForEach f) {
        Value v = expressionValue(f.array());
        PgType type = f.array().columns.get(0).type();
        if (!type.isArray()) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH,
                "FOREACH expression must yield an array, not type " + type.displayName());
        }
        if (v == null) {
            throw DatabaseException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "FOREACH expression must not be null");
        }
        ArrayValue array = (ArrayValue) v;
        int dims = array.length() == 0 ? 0 : 1;
        if (f.slice() < 0 || f.slice() > dims) {
            throw DatabaseException.error("2202E", "slice dimension (" + f.slice()
                + ") is out of the valid range 0.." + dims);
        }
        boolean arrayTarget = f.into().length == 1 && !fn.vars().get(f.into()[0]).isRecord()
            && fn.vars().get(f.into()[0]).type().isArray();
        if (f.slice() > 0 && !arrayTarget) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH,
                "FOREACH ... SLICE loop variable must be of an array type");
        }
        if (f.slice() == 0 && arrayTarget) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "FOREACH loop variable must not be of an array type");
        }
        Value[] items = f.slice() > 0 ? new Value[] {array} : array.elements();
        int[] next = {0};
        return loop(() -> {
            if (next[0] == items.length) {
                return false;
            }
            Value item = items[next[0]++];
            if (f.into().length == 1) {
                assign(f.into()[0], item);
            } else {
                intoFields(f.into(), item);
            }
            return true;
        }, f.body(), f.label());
    }

    /** A composite element spread over several scalar targets (NULL sets them all NULL). */
    private void intoFields(int[] targets, Value item) {
        if (item != null && !(item instanceof org.tuskdb.sql.internal.value.RecordValue)) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "cannot assign non-composite value to a row variable");
        }
        Value[] fields = item == null ? new Value[0] : ((org.tuskdb.sql.internal.value.RecordValue) item).fields();
        for (int i = 0; i < targets.length; i++) {
            assign(targets[i], i < fields.length ? fields[i] : null);
        }
    }

    private void sql(PlStmt.Sql q) {
        PlQuery pq = q.statement();
        prepare(pq);
        if (pq.utility) {
            if (q.into() != null) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "INTO used with a command that cannot return data");
            }
            try {
                spi.utility(pq.raw, ctx);
            } catch (DatabaseException e) {
                // _SPI_error_callback: an error of a utility statement names it, as of a dynamic one
                throw e.context() != null ? e : e.withPosition(0).withContext("SQL statement \"" + pq.shown + "\"");
            }
            rowCount = 0;
            return;
        }
        boolean select = pq.raw instanceof org.tuskdb.sql.internal.ast.Statement.Select;
        if (q.into() == null && select) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "query has no destination for result data")
                .withHint("If you want to discard the results of a SELECT, use PERFORM instead.");
        }
        Value[][] first = {null};
        long[] seen = {0};
        long n = runQuery(pq, row -> {
            seen[0]++;
            if (first[0] == null) {
                first[0] = row;
            }
            return q.into() == null || !select || (q.strict() && seen[0] < 2);
        }, false, true);
        if (q.into() != null) {
            if (q.strict() && seen[0] == 0) {
                throw DatabaseException.error("P0002", "query returned no rows");
            }
            if (q.strict() && seen[0] > 1) {
                throw DatabaseException.error("P0003", "query returned more than one row")
                    .withHint("Make sure the query returns a single row, or use LIMIT 1.");
            }
            into(q.into(), pq.columns, first[0]);
        }
        rowCount = select ? Math.min(seen[0], 1) : n;
        slots[fn.foundSlot()] = BoolValue.of(rowCount > 0);
    }

    /** Assigns a row (null: no row, the targets become NULL) to one record or to scalar variables. */
    private void into(int[] targets, List<ResultColumn> columns, Value[] row) {
        List<ResultColumn> fixed = targets.length == 1 ? fn.vars().get(targets[0]).rowType() : null;
        if (fixed != null) {
            // a %ROWTYPE record keeps its layout: the row's columns by position, converted
            Value[] values = new Value[fixed.size()];
            for (int i = 0; i < values.length && row != null && i < row.length; i++) {
                values[i] = convert(row[i], fixed.get(i).type(), fixed.get(i).typmod());
            }
            records[targets[0]] = new Row(fixed, values, rowValueType(fn.vars().get(targets[0])), row == null);
            return;
        }
        if (targets.length == 1 && fn.vars().get(targets[0]).isRecord()) {
            records[targets[0]] = new Row(columns, row == null ? new Value[columns.size()] : row.clone());
            return;
        }
        for (int i = 0; i < targets.length; i++) {
            assign(targets[i], row == null || i >= columns.size() ? null : row[i]);
        }
    }

    private void raise(PlStmt.Raise r) {
        if (r.rethrow()) {
            if (handled == null) {
                throw DatabaseException.error("0Z002", "RAISE without parameters cannot be used outside an exception handler");
            }
            throw handled;
        }
        String message = null;
        if (r.format() != null) {
            StringBuilder b = new StringBuilder();
            int arg = 0;
            String f = r.format();
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                if (c == '%' && i + 1 < f.length() && f.charAt(i + 1) == '%') {
                    b.append('%');
                    i++;
                } else if (c == '%') {
                    Value v = expressionValue(r.args().get(arg++));
                    b.append(v == null ? "<NULL>" : v.toText(ctx.style()));
                } else {
                    b.append(c);
                }
            }
            message = b.toString();
        }
        String code = r.condition();
        String detail = null, hint = null;
        for (PlStmt.RaiseOption o : r.options()) {
            Value v = expressionValue(o.value());
            if (v == null) {
                throw DatabaseException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "RAISE statement option cannot be null");
            }
            String text = v.toText(ctx.style());
            switch (o.name()) {
                case "message" -> message = text;
                case "detail" -> detail = text;
                case "hint" -> hint = text;
                case "errcode" -> {
                    String named = Conditions.sqlstate(text);
                    code = named != null ? named : text;
                    if (message == null) {
                        message = text;
                    }
                }
                default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "RAISE option " + o.name() + " is not supported yet");
            }
        }
        DatabaseException.Severity severity = switch (r.level()) {
            case "debug" -> DatabaseException.Severity.DEBUG;
            case "log" -> DatabaseException.Severity.LOG;
            case "info" -> DatabaseException.Severity.INFO;
            case "notice" -> DatabaseException.Severity.NOTICE;
            case "warning" -> DatabaseException.Severity.WARNING;
            default -> DatabaseException.Severity.ERROR;
        };
        if (message == null) {
            message = code != null ? code : "P0001";
        }
        if (severity == DatabaseException.Severity.ERROR) {
            throw new DatabaseException(severity, code == null ? "P0001" : code, message, detail, hint, 0, null);
        }
        String state = code != null ? code : severity == DatabaseException.Severity.WARNING ? "01000" : "00000";
        ctx.notice(new DatabaseException(severity, state, message, detail, hint, 0, null));
    }

    // ---- variables ---------------------------------------------------------------------------

    private void assignField(PlStmt.AssignField a) {
        PlFunction.Var var = fn.vars().get(a.slot());
        Row r = records[a.slot()];
        if (r == null) {
            throw notAssigned(var.name());
        }
        for (int i = 0; i < r.layout().size(); i++) {
            ResultColumn c = r.layout().get(i);
            if (c.name().equals(a.field())) {
                Value[] values = r.values().clone();
                values[i] = convert(expressionValue(a.value()), c.type(), c.typmod());
                records[a.slot()] = new Row(r.layout(), values, r.type(), false);
                return;
            }
        }
        throw DatabaseException.error(SqlState.UNDEFINED_COLUMN,
            "record \"" + var.name() + "\" has no field \"" + a.field() + "\"")
            .withContext("PL/pgSQL assignment \"" + a.shown() + "\"");
    }

    /** The type a declared row variable has as a value: its table's row type, or a record of its fields. */
    private static PgType rowValueType(PlFunction.Var v) {
        return v.type() != null ? v.type() : PgType.recordOf(v.rowType().stream().map(ResultColumn::name).toList(),
            v.rowType().stream().map(ResultColumn::type).toList());
    }

    /**
     * r := row value (exec_move_row from a composite datum): a declared row type takes the
     * fields by position, converted (a different number of fields is 42804); a record takes the
     * value's layout. NULL makes a declared row all NULL and leaves a record unassigned.
     */
    private void assignRecord(int slot, Value v) {
        PlFunction.Var var = fn.vars().get(slot);
        if (v != null && !(v instanceof RecordValue)) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "cannot assign non-composite value to a "
                + (var.rowType() != null ? "row" : "record") + " variable");
        }
        RecordValue r = (RecordValue) v;
        if (var.rowType() != null) {
            List<ResultColumn> fixed = var.rowType();
            Value[] values = new Value[fixed.size()];
            if (r != null) {
                if (r.fieldCount() != values.length) {
                    throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "returned record type does not match "
                        + "expected record type");
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = convert(r.field(i), fixed.get(i).type(), fixed.get(i).typmod());
                }
            }
            records[slot] = new Row(fixed, values, rowValueType(var), r == null);
            return;
        }
        if (r == null) {
            records[slot] = null;
            return;
        }
        List<ResultColumn> layout = new java.util.ArrayList<>();
        for (int i = 0; i < r.fieldCount(); i++) {
            layout.add(new ResultColumn(r.type().fieldCount() > i ? r.type().fieldName(i) : "f" + (i + 1),
                r.type().fieldCount() > i ? r.type().fieldType(i) : r.field(i) == null ? PgType.TEXT
                    : r.field(i).type(), -1));
        }
        records[slot] = new Row(List.copyOf(layout), r.fields().clone(), r.type(), false);
    }

    private void assign(int slot, Value v) {
        PlFunction.Var var = fn.vars().get(slot);
        if (var.isRecord()) {
            assignRecord(slot, v);
            return;
        }
        Value converted = v == null ? null : convert(v, var.type(), var.typmod());
        if (converted == null && var.notNull()) {
            throw DatabaseException.error(SqlState.NULL_VALUE_NOT_ALLOWED,
                "null value cannot be assigned to variable \"" + var.name() + "\" declared NOT NULL");
        }
        slots[slot] = converted;
    }

    /** exec_cast_value: an assignment cast, else through the text form (plpgsql's I/O conversion). */
    private Value convert(Value v, PgType type, int typmod) {
        if (v == null || v.type() == type && typmod < 0) {
            return v;
        }
        Casts.Context c = Casts.context(v.type(), type);
        if (c != null && c != Casts.Context.EXPLICIT) {
            return Casts.convert(v, type, typmod, false, ctx.style());
        }
        return TypeInput.parse(type, typmod, v.toText(ctx.style()), ctx.style());
    }

    // ---- embedded queries --------------------------------------------------------------------

    private boolean condition(PlQuery q) {
        Value v = expressionValue(q);
        return v instanceof BoolValue b && b.value();
    }

    /** An expression's value: its query's one column of at most one row. */
    private Value expressionValue(PlQuery q) {
        Value[][] got = {null};
        long n = runQuery(q, row -> {
            if (got[0] != null) {
                throw DatabaseException.error(SqlState.CARDINALITY_VIOLATION, "query returned more than one row");
            }
            got[0] = row;
            return true;
        }, false, false);
        if (q.columns.size() != 1) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "query returned " + q.columns.size() + " columns");
        }
        return n == 0 ? null : got[0][0];
    }

    /**
     * Runs a query (prepared at first use), each row to {@code rows} until it returns false; the
     * number of rows seen, or for INSERT / UPDATE / DELETE the rows processed. {@code statement}:
     * errors at run time get the "SQL statement" line (expressions' do not, as plpgsql's simple
     * expressions').
     */
    private long runQuery(PlQuery q, java.util.function.Predicate<Value[]> rows, boolean statement,
                          boolean discardOk) {
        prepare(q);
        if (q.utility) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "query \"" + q.shown + "\" is not a SELECT");
        }
        Context c = new Context(ctx, this::param);
        long n = 0;
        try {
            RowCursor cursor = q.plan.open(c);
            Value[] row;
            boolean more = true;
            while ((row = cursor.next()) != null) {
                n++;
                if (more && rows != null) {
                    more = rows.test(row);
                }
                if (!more && !(cursor instanceof ModifyTablePlan.ModifyCursor)) {
                    break;
                }
            }
            if (cursor instanceof ModifyTablePlan.ModifyCursor m) {
                n = m.processed();
            }
        } catch (DatabaseException e) {
            throw statement || !q.expression ? e.withPosition(0).withContext("SQL statement \"" + q.shown + "\"") : e;
        } finally {
            c.closeResources();
        }
        if (!(q.raw instanceof org.tuskdb.sql.internal.ast.Statement.Select)) {
            spi.commandCounterIncrement();
        }
        return n;
    }

    /** Makes (or re-makes) the query's plan, then checks the privileges it needs (at every run, as PostgreSQL's executor). */
    private void prepare(PlQuery q) {
        plan(q);
        if (q.locks != null) {
            spi.checkPermissions(q.locks);
        }
    }

    /** Makes (or re-makes) the query's plan: at first use, after catalog changes, for other record layouts. */
    private void plan(PlQuery q) {
        if (q.raw != null) {
            if (q.utility) {
                return;
            }
            if (q.transaction != spi.transaction()) {
                spi.relock(q.locks);
                q.transaction = spi.transaction();
            }
            boolean same = q.generation == spi.generation();
            for (var e : q.layouts.entrySet()) {
                Row r = records[e.getKey()];
                same &= r != null && r.layout() == e.getValue();
            }
            if (same) {
                return;
            }
        }
        try {
            List<Parser.Parsed> parsed = Parser.parse(q.sql);
            if (parsed.size() != 1) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "query \"" + q.shown + "\" is not a single statement");
            }
            q.raw = parsed.get(0).statement();
            q.layouts = new HashMap<>();
            ParseState ps = spi.parseState(q.sql, ParamTypes.fixed(
                fn.vars().subList(0, fn.nargs()).stream().map(PlFunction.Var::type).toList()))
                .withVariables(names -> variable(q, names));
            AnalyzedStatement a = spi.analyze(ps, q.raw);
            q.generation = spi.generation();
            q.transaction = spi.transaction();
            switch (a) {
                case Query query -> q.columns = query.columns();
                case ModifyQuery m -> q.columns = m.columns() == null ? List.of() : m.columns();
                default -> {
                    q.utility = true;
                    return;
                }
            }
            q.utility = false;
            q.plan = spi.plan(a);
            q.locks = List.copyOf(ps.locks());
        } catch (DatabaseException e) {
            q.raw = null;
            throw e.withPosition(0).withContext((q.expression ? "SQL expression \"" : "SQL statement \"") + q.shown
                + "\"");
        }
    }

    /** plpgsql's column-reference hook: a variable, label.variable, or record.field; null: none. */
    private Expression variable(PlQuery q, List<String> names) {
        Integer slot = q.names.get(String.join(".", names));
        if (slot != null && !fn.vars().get(slot).isRecord()) {
            PlFunction.Var v = fn.vars().get(slot);
            return new ParamRef(slot, v.type());
        }
        if (slot != null && names.size() == 1) {
            // the whole record: NULL while a record is unassigned (its query is prepared again then)
            Row r = records[slot];
            q.layouts.put(slot, r == null ? null : r.layout());
            return new ParamRef(slots.length + slot * FIELDS + WHOLE, r == null ? PgType.RECORD : r.type());
        }
        if (names.size() == 2) {
            Integer rec = q.names.get(names.get(0));
            if (rec != null && fn.vars().get(rec).isRecord()) {
                Row r = records[rec];
                if (r == null) {
                    throw notAssigned(names.get(0));
                }
                for (int i = 0; i < r.layout().size(); i++) {
                    if (r.layout().get(i).name().equals(names.get(1))) {
                        q.layouts.put(rec, r.layout());
                        return new ParamRef(slots.length + rec * FIELDS + i, r.layout().get(i).type());
                    }
                }
                throw DatabaseException.error(SqlState.UNDEFINED_COLUMN,
                    "record \"" + names.get(0) + "\" has no field \"" + names.get(1) + "\"");
            }
        }
        return null;
    }

    private static DatabaseException notAssigned(String record) {
        return DatabaseException.error("55000", "record \"" + record + "\" is not assigned yet")
            .withDetail("The tuple structure of a not-yet-assigned record is indeterminate.");
    }

    private Value param(int index) {
        if (index < slots.length) {
            return slots[index];
        }
        int k = index - slots.length;
        Row r = records[k / FIELDS];
        if (k % FIELDS == WHOLE) {
            return r == null ? null : r.value();
        }
        return r.values()[k % FIELDS];
    }

    /** One run of an embedded query: the variables as its parameters, its own execution state. */
    private static final class Context extends SubqueryContext {
        private final java.util.function.IntFunction<Value> params;
        private final java.util.Map<Object, Object> state = new java.util.IdentityHashMap<>();

        Context(EvalContext parent, java.util.function.IntFunction<Value> params) {
            super(parent, NO_ROW);
            this.params = params;
        }

        @Override public Value param(int index) { return params.apply(index); }
        @Override public java.util.Map<Object, Object> executionState() { return state; }
    }
}
