package org.tuskdb.sql.internal.analyze;

import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * PostgreSQL's FigureColname: the default name of a result column without AS. Column
 * references and function calls give their name (strength 2); a cast gives its inner name if
 * that is strong, else the type's name; CASE gives its ELSE result's name if that is strong,
 * else "case" (strength 1); everything else
 * "?column?".
 */
final class ColumnNames {
    private ColumnNames() {}

    static final String NONE = "?column?";

    static String figure(Expr e) {
        String[] name = {NONE};
        strength(e, name);
        return name[0];
    }

    private static int strength(Expr e, String[] name) {
        switch (e) {
            case Expr.ColumnRef c -> {
                name[0] = c.column();
                return 2;
            }
            case Expr.FuncCall f -> {
                name[0] = f.functionName();
                return 2;
            }
            case Expr.SpecialForm s -> {
                name[0] = s.name();
                return 2;
            }
            case Expr.SqlValueFunction s -> {
                name[0] = s.name();
                return 2;
            }
            case Expr.AtTimeZone a -> {
                name[0] = "timezone";
                return 2;
            }
            case Expr.Row r -> {
                name[0] = "row";
                return 2;
            }
            case Expr.Star s when !s.qualifier().isEmpty() -> {
                name[0] = s.qualifier().get(s.qualifier().size() - 1); // t.*::text is named t (FigureColname)
                return 2;
            }
            case Expr.TypeCast c -> {
                int inner = strength(c.arg(), name);
                if (inner <= 1) {
                    String tn = c.type().name();
                    name[0] = tn.endsWith("[]") ? tn.substring(0, tn.indexOf('[')) : tn;
                    return 1;
                }
                return inner;
            }
            case Expr.Case c -> {
                // a strong name of the ELSE result wins (CASE ... ELSE split_part(...) END is "split_part")
                int inner = c.otherwise() == null ? 0 : strength(c.otherwise(), name);
                if (inner <= 1) {
                    name[0] = "case";
                    return 1;
                }
                return inner;
            }
            case Expr.SubLink l when l.kind() == Expr.SubLinkKind.ARRAY -> {
                name[0] = "array";
                return 2;
            }
            case Expr.SubLink l when l.kind() == Expr.SubLinkKind.EXISTS -> {
                name[0] = "exists";
                return 2;
            }
            case Expr.SubLink l when l.kind() == Expr.SubLinkKind.EXPR -> {
                Statement.Select q = l.subquery();
                while (q.setOp() != null) {
                    q = q.setOp().left();
                }
                if (q.targets().isEmpty() || q.targets().get(0).expr() instanceof Expr.Star) {
                    return 0;
                }
                Statement.ResTarget t = q.targets().get(0);
                if (t.alias() != null) {
                    name[0] = t.alias();
                    return 2;
                }
                return strength(t.expr(), name);
            }
            case Expr.ArrayConstructor a -> {
                name[0] = "array";
                return 2;
            }
            case Expr.FieldSelect f -> {
                name[0] = f.field();
                return 2;
            }
            case Expr.Subscript sub -> {
                return strength(sub.arg(), name);
            }
            default -> {
                return 0;
            }
        }
    }
}
