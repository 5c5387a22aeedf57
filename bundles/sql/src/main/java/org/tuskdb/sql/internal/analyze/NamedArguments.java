package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.function.NamedParameters;

/**
 * Named notation and defaulted parameters of a function call (PostgreSQL's
 * expand_function_arguments): {@code make_interval(days => 3)} becomes
 * {@code make_interval(0, 0, 0, 3, 0, 0, 0.0)} before overload resolution. Positional arguments
 * come first and keep their places; each named one goes to its parameter; what is left is
 * filled from the defaults. A call no built-in can take this way is reported as PostgreSQL does,
 * with the names in the signature.
 */
final class NamedArguments {
    private NamedArguments() {}

    /** The call with positional arguments only; the call itself when there is nothing to do. */
    static Expr.FuncCall expand(Expr.FuncCall f, ExpressionAnalyzer analyzer, ParseState ps) {
        List<Expr> args = f.args();
        int firstNamed = -1;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Expr.NamedArg) {
                if (firstNamed < 0) {
                    firstNamed = i;
                }
            } else if (firstNamed >= 0) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "positional argument cannot follow named argument", ps.position(args.get(i).location()));
            }
        }
        String fn = f.functionName();
        NamedParameters.Params params = NamedParameters.of(fn);
        if (firstNamed < 0 && (params == null || accepted(ps.functions().functions(fn), args.size()))) {
            return f;
        }
        if (firstNamed >= 0) {
            checkDistinctNames(args, firstNamed, ps);
        }
        if (params == null || args.size() > params.names().size()) {
            throw undefined(f, analyzer, ps);
        }
        Expr[] slots = new Expr[params.names().size()];
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Expr.NamedArg n) {
                int at = params.names().indexOf(n.name());
                if (at < 0 || slots[at] != null) {
                    throw undefined(f, analyzer, ps);
                }
                slots[at] = n.value();
            } else {
                slots[i] = args.get(i);
            }
        }
        List<Expr> positional = new ArrayList<>(slots.length);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                String d = params.defaultOf(i);
                if (d == null) {
                    throw undefined(f, analyzer, ps);
                }
                slots[i] = defaultLiteral(d);
            }
            positional.add(slots[i]);
        }
        return new Expr.FuncCall(f.name(), positional, f.star(), f.distinct(), f.aggOrder(), f.filter(), f.over(),
            f.location(), f.withinGroup());
    }

    private static boolean accepted(List<FunctionDef> candidates, int count) {
        for (FunctionDef d : candidates) {
            if (d.accepts(count)) {
                return true;
            }
        }
        return false;
    }

    private static void checkDistinctNames(List<Expr> args, int firstNamed, ParseState ps) {
        Set<String> seen = new HashSet<>();
        for (int i = firstNamed; i < args.size(); i++) {
            Expr.NamedArg n = (Expr.NamedArg) args.get(i);
            if (!seen.add(n.name())) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "argument name \"" + n.name() + "\" used more than once", ps.position(n.location()));
            }
        }
    }

    private static Expr defaultLiteral(String text) {
        if (text.startsWith("'")) {
            // a quoted default is an unknown-typed string literal, resolved by the parameter's type
            return new Expr.Literal(Expr.LiteralKind.STRING, text.substring(1, text.length() - 1), -1);
        }
        Expr.LiteralKind kind = text.equals("true") || text.equals("false") ? Expr.LiteralKind.BOOLEAN
            : text.indexOf('.') >= 0 ? Expr.LiteralKind.DECIMAL : Expr.LiteralKind.INTEGER;
        return new Expr.Literal(kind, text, -1);
    }

    /** 42883 with the call's signature as PostgreSQL prints it: {@code f(integer, days => integer)}. */
    private static DatabaseException undefined(Expr.FuncCall f, ExpressionAnalyzer analyzer, ParseState ps) {
        StringBuilder sb = new StringBuilder(String.join(".", f.name())).append('(');
        for (int i = 0; i < f.args().size(); i++) {
            Expr a = f.args().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            if (a instanceof Expr.NamedArg n) {
                sb.append(n.name()).append(" => ");
                a = n.value();
            }
            Expression bound = analyzer.transform(a);
            sb.append(bound.type().displayName());
        }
        return DatabaseException.atPosition(SqlState.UNDEFINED_FUNCTION, "function " + sb.append(')') + " does not exist",
            ps.position(f.location())).withHint(
                "No function matches the given name and argument types. You might need to add explicit type casts.");
    }
}
