package org.tuskdb.sql.internal.plpgsql;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.function.FunctionImpl;
import org.tuskdb.sql.internal.parser.Parser;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** The entry points: DO blocks, calls of LANGUAGE plpgsql functions, and CREATE FUNCTION's check. */
public final class Plpgsql {
    private Plpgsql() {}

    /** DO: the block compiled and run once (nothing kept: PostgreSQL compiles each DO afresh). */
    public static void runDo(Spi spi, String body, EvalContext ctx) {
        PlFunction fn = PlParser.compile(body, "inline_code_block", null, List.of(), List.of(), null,
            types(spi));
        Interpreter.run(spi, fn, new Value[0], ctx);
    }

    /** plpgsql_validator: the body's syntax (its names are looked up only when it runs). */
    public static void validate(UserFunction f) {
        compile(f, (name, text, constant, notNull) -> new PlFunction.Var(name,
            text.strip().toLowerCase(java.util.Locale.ROOT).endsWith("%rowtype") ? null : PgType.TEXT, -1, constant,
            notNull));
    }

    private static PlFunction compile(UserFunction f, PlParser.TypeResolver types) {
        return PlParser.compile(f.body(), f.identity(), f.name(), f.argNames(), f.argTypes(), f.returnType(),
            f.retset(), f.modes(), f.allNames(), f.allTypes(), types);
    }

    /** A call of a LANGUAGE plpgsql function: compiled once per session (again after OR REPLACE). */
    public record Call(UserFunction function) implements FunctionImpl {
        @Override
        public Value call(Value[] args, EvalContext ctx) {
            if (function.returnType() == PgType.TRIGGER) {
                throw notATrigger(function);
            }
            Spi spi = spi(ctx);
            UserFunction f = function;
            if (f.returnType().isComposite()) {
                return Interpreter.run(spi, compiled(spi), args, ctx); // RETURN's row, converted to the type
            }
            if (f.returnsRow()) {
                return new org.tuskdb.sql.internal.value.RecordValue(
                    org.tuskdb.sql.internal.analyze.SqlFunctions.rowType(f),
                    Interpreter.runForRow(spi, compiled(spi), args, ctx));
            }
            Value v = Interpreter.run(spi, compiled(spi), args, ctx);
            return f.returnType() == PgType.VOID ? org.tuskdb.sql.internal.value.VoidValue.INSTANCE : v;
        }

        /**
         * A call in FROM or as a set-returning function: its rows (one for a function returning a
         * row). {@code columns}: a function returning record's column definition list (null: each
         * row is one record value, as a select-list call gives it).
         */
        public List<Value[]> rows(Value[] args, EvalContext ctx, PgType[] columns) {
            Spi spi = spi(ctx);
            if (function.retset()) {
                return Interpreter.runForSet(spi, compiled(spi), args, ctx, columns);
            }
            if (function.returnsAnyRecord()) {
                Value v = Interpreter.run(spi, compiled(spi), args, ctx);
                List<Value[]> one = new java.util.ArrayList<>();
                one.add(columns == null ? new Value[] {v} : Interpreter.recordRow(v, columns, "RETURN"));
                return one;
            }
            List<Value[]> one = new java.util.ArrayList<>();
            if (function.returnType().isComposite()) {
                Value v = Interpreter.run(spi, compiled(spi), args, ctx);
                one.add(v == null ? new Value[function.returnType().fieldCount()]
                    : ((org.tuskdb.sql.internal.value.RecordValue) v).fields().clone());
                return one;
            }
            one.add(Interpreter.runForRow(spi, compiled(spi), args, ctx));
            return one;
        }

        private static Spi spi(EvalContext ctx) {
            Spi spi = ctx.spi();
            if (spi == null) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "PL/pgSQL functions cannot run here yet");
            }
            return spi;
        }

        /**
         * The session's compiled tree of the function, made again when the body changed or the
         * catalog did (declared types such as a table's row type are read when it is compiled).
         */
        private PlFunction compiled(Spi spi) {
            UserFunction f = function;
            Spi.Compiled c = spi.functions().get(f.oid());
            if (c == null || !c.body().equals(f.body()) || c.generation() != spi.generation()) {
                c = new Spi.Compiled(f.body(), spi.generation(), compile(f, types(spi)));
                spi.functions().put(f.oid(), c);
            }
            return c.function();
        }
    }

    /** plpgsql_compile's refusal of a trigger function called as a function. */
    public static DatabaseException notATrigger(UserFunction f) {
        return DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "trigger functions can only be called as triggers")
            .withContext("compilation of PL/pgSQL function \"" + f.name() + "\" near line 1");
    }

    /** The variables a trigger function has besides its declared ones (plpgsql_compile's for triggers), in slot order. */
    private static final List<String> TRIGGER_VARIABLES = List.of("new", "old", "tg_name", "tg_when", "tg_level",
        "tg_op", "tg_relid", "tg_relname", "tg_table_name", "tg_table_schema", "tg_nargs", "tg_argv");

    /**
     * One firing of a trigger: the table, TG_OP, TG_LEVEL, and the OLD / NEW rows (null where
     * PostgreSQL leaves them NULL: OLD of an INSERT, NEW of a DELETE, both at statement level).
     */
    public record TriggerCall(org.tuskdb.sql.internal.catalog.Trigger trigger,
                              org.tuskdb.sql.internal.catalog.TableDescriptor table, String op, boolean row,
                              Value[] oldRow, Value[] newRow) {}

    /**
     * Runs a trigger function (plpgsql_exec_trigger): its RETURN value, a record or NULL. The
     * function is compiled once per session and table (NEW and OLD have the table's row type).
     */
    public static Value fireTrigger(Spi spi, TriggerCall call, EvalContext ctx) {
        UserFunction f = call.trigger().function();
        var table = call.table();
        PgType rowType = org.tuskdb.sql.internal.catalog.RowTypes.of(table);
        long key = -(f.oid() * 1_000_003L + table.oid()); // beside the plain functions' keys (their oids)
        Spi.Compiled c = spi.functions().get(key);
        if (c == null || !c.body().equals(f.body()) || c.generation() != spi.generation()) {
            List<PgType> types = List.of(rowType, rowType, PgType.NAME, PgType.TEXT, PgType.TEXT, PgType.TEXT,
                PgType.OID, PgType.NAME, PgType.NAME, PgType.NAME, PgType.INT4, PgType.TEXT_ARRAY);
            c = new Spi.Compiled(f.body(), spi.generation(), PlParser.compile(f.body(), f.identity(), f.name(),
                TRIGGER_VARIABLES, types, PgType.TRIGGER, false, null, null, null, types(spi)));
            spi.functions().put(key, c);
        }
        var t = call.trigger();
        Value[] argv = new Value[t.args().size()];
        for (int i = 0; i < argv.length; i++) {
            argv[i] = org.tuskdb.sql.internal.value.TextValue.text(t.args().get(i));
        }
        Value[] args = {
            call.newRow() == null ? null : new org.tuskdb.sql.internal.value.RecordValue(rowType, call.newRow().clone()),
            call.oldRow() == null ? null : new org.tuskdb.sql.internal.value.RecordValue(rowType, call.oldRow().clone()),
            new org.tuskdb.sql.internal.value.TextValue(PgType.NAME, t.name()),
            org.tuskdb.sql.internal.value.TextValue.text(t.timingName()),
            org.tuskdb.sql.internal.value.TextValue.text(call.row() ? "ROW" : "STATEMENT"),
            org.tuskdb.sql.internal.value.TextValue.text(call.op()),
            org.tuskdb.sql.internal.value.OidValue.oid(table.oid()),
            new org.tuskdb.sql.internal.value.TextValue(PgType.NAME, table.name()),
            new org.tuskdb.sql.internal.value.TextValue(PgType.NAME, table.name()),
            new org.tuskdb.sql.internal.value.TextValue(PgType.NAME, table.schema()),
            org.tuskdb.sql.internal.value.IntegerValue.int4(argv.length),
            argv.length == 0 ? null : new org.tuskdb.sql.internal.value.ArrayValue(PgType.TEXT_ARRAY, argv, 0)};
        return Interpreter.run(spi, c.function(), args, ctx);
    }

    /** Declared types read as {@code SELECT NULL::type} (and tbl.col%TYPE as the column's type). */
    private static PlParser.TypeResolver types(Spi spi) {
        return (name, text, constant, notNull) -> {
            String t = text.strip();
            String sql;
            if (t.toLowerCase(java.util.Locale.ROOT).endsWith("%rowtype")) {
                String table = t.substring(0, t.length() - 8).strip();
                sql = "SELECT * FROM " + table + " LIMIT 0";
                var ps = spi.parseState(sql, ParamTypes.none());
                Query q = (Query) spi.analyze(ps, Parser.parse(sql).get(0).statement());
                return new PlFunction.Var(name, rowType(spi, table), -1, constant, notNull,
                    List.copyOf(q.columns().subList(0, q.visible())));
            }
            if (t.toLowerCase(java.util.Locale.ROOT).endsWith("%type")) {
                String ref = t.substring(0, t.length() - 5).strip();
                int dot = ref.lastIndexOf('.');
                if (dot < 0) {
                    throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "variable \"" + ref + "\" does not exist");
                }
                sql = "SELECT " + ref.substring(dot + 1) + " FROM " + ref.substring(0, dot) + " LIMIT 0";
            } else {
                sql = "SELECT NULL::" + t;
            }
            var ps = spi.parseState(sql, ParamTypes.none());
            Query q = (Query) spi.analyze(ps, Parser.parse(sql).get(0).statement());
            var col = q.columns().get(0);
            if (col.type().isComposite()) {
                return new PlFunction.Var(name, col.type(), -1, constant, notNull, fields(col.type()));
            }
            return new PlFunction.Var(name, col.type(), col.typmod(), constant, notNull);
        };
    }

    /** A table's row type, as {@code SELECT NULL::tbl} reads it. */
    private static PgType rowType(Spi spi, String table) {
        String sql = "SELECT NULL::" + table;
        Query q = (Query) spi.analyze(spi.parseState(sql, ParamTypes.none()), Parser.parse(sql).get(0).statement());
        return q.columns().get(0).type();
    }

    /** A row type's fields as a record variable's layout. */
    static List<org.tuskdb.sql.internal.analyze.ResultColumn> fields(PgType rowType) {
        List<org.tuskdb.sql.internal.analyze.ResultColumn> out = new java.util.ArrayList<>();
        for (int i = 0; i < rowType.fieldCount(); i++) {
            out.add(new org.tuskdb.sql.internal.analyze.ResultColumn(rowType.fieldName(i), rowType.fieldType(i),
                rowType.fieldTypmod(i)));
        }
        return List.copyOf(out);
    }
}
