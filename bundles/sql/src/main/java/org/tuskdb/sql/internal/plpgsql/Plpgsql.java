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
