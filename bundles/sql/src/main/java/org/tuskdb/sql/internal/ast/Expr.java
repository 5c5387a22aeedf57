package org.tuskdb.sql.internal.ast;

import java.util.List;

/**
 * Raw expression trees as the parser builds them (PostgreSQL's parsenodes: A_Expr, A_Const,
 * ColumnRef, FuncCall, TypeCast, CaseExpr, ...). Nothing is bound or typed yet; locations are
 * 0-based offsets into the query string, -1 when unknown.
 */
public sealed interface Expr {
    int location();

    enum LiteralKind { INTEGER, DECIMAL, STRING, BOOLEAN, NULL }

    /** A constant as written; a leading minus of a number is folded in (as PostgreSQL's doNegate). */
    record Literal(LiteralKind kind, String text, int location) implements Expr {}

    /** a, t.a, s.t.a */
    record ColumnRef(List<String> names, int location) implements Expr {
        public String column() {
            return names.get(names.size() - 1);
        }
    }

    /** * or t.* in a target list. */
    record Star(List<String> qualifier, int location) implements Expr {}

    record Param(int number, int location) implements Expr {}

    /**
     * f(args), f(*), schema.f(args); for aggregates also f(args ORDER BY ...) and FILTER (WHERE
     * ...), for window functions OVER (...) (null when absent).
     */
    /**
     * A function call. With {@code withinGroup} (an ordered-set aggregate), {@code args} are the
     * direct arguments and {@code aggOrder} is the WITHIN GROUP (ORDER BY ...) list.
     */
    /** {@code VARIADIC expr} as a call's last argument: the array is the VARIADIC parameter as it is. */
    record VariadicArg(Expr arg, int location) implements Expr {}

    record FuncCall(List<String> name, List<Expr> args, boolean star, boolean distinct, List<Statement.SortBy> aggOrder,
                    Expr filter, WindowSpec over, int location, boolean withinGroup) implements Expr {
        public FuncCall(List<String> name, List<Expr> args, boolean star, boolean distinct, int location) {
            this(name, args, star, distinct, List.of(), null, null, location);
        }

        public FuncCall(List<String> name, List<Expr> args, boolean star, boolean distinct, List<Statement.SortBy> aggOrder,
                        Expr filter, WindowSpec over, int location) {
            this(name, args, star, distinct, aggOrder, filter, over, location, false);
        }

        public String functionName() {
            return name.get(name.size() - 1);
        }
    }

    /** name => value (or name := value) among a call's arguments: PostgreSQL's NamedArgExpr before binding. */
    record NamedArg(String name, Expr value, int location) implements Expr {}

    enum GroupingSetKind { EMPTY, ROLLUP, CUBE, SETS }

    /**
     * A GROUP BY element with grouping sets: (), ROLLUP (...), CUBE (...), GROUPING SETS (...).
     * A Row among ROLLUP / CUBE items is a parenthesized list grouped as one unit.
     */
    record GroupingSet(GroupingSetKind kind, List<Expr> items, int location) implements Expr {}

    /** OVER ([PARTITION BY ...] [ORDER BY ...]) with the default frame. */
    record WindowSpec(String refName, List<Expr> partitionBy, List<Statement.SortBy> orderBy, WindowFrame<Expr> frame,
                      int location) {}

    /** A binary (left and right) or prefix (left null) operator. */
    record Operator(String op, Expr left, Expr right, int location) implements Expr {}

    enum BoolOp { AND, OR, NOT }

    record Bool(BoolOp op, List<Expr> args, int location) implements Expr {}

    /** x IS [NOT] NULL, ISNULL, NOTNULL */
    record NullTest(Expr arg, boolean negated, int location) implements Expr {}

    enum TruthValue { TRUE, FALSE, UNKNOWN }

    /** x IS [NOT] TRUE / FALSE / UNKNOWN */
    record BooleanTest(Expr arg, TruthValue value, boolean negated, int location) implements Expr {}

    record DistinctFrom(Expr left, Expr right, boolean negated, int location) implements Expr {}

    record Between(Expr arg, Expr low, Expr high, boolean negated, boolean symmetric, int location) implements Expr {}

    record InList(Expr arg, List<Expr> list, boolean negated, int location) implements Expr {}

    record Like(Expr arg, Expr pattern, Expr escape, boolean caseInsensitive, boolean negated, int location)
        implements Expr {}

    record When(Expr condition, Expr result, int location) {}

    /** CASE [arg] WHEN ... THEN ... [ELSE ...] END */
    record Case(Expr arg, List<When> whens, Expr otherwise, int location) implements Expr {}

    /** COALESCE, GREATEST, LEAST, NULLIF: special forms with their own type rules. */
    record SpecialForm(String name, List<Expr> args, int location) implements Expr {}

    record TypeCast(Expr arg, TypeName type, int location) implements Expr {}

    /** (expr).field: a field of a record. */
    record FieldSelect(Expr arg, String field, int location) implements Expr {}

    /** CURRENT_DATE, CURRENT_TIMESTAMP, CURRENT_USER, ...: SQL's parenthesis-less functions. */
    record SqlValueFunction(String name, int location) implements Expr {}

    record AtTimeZone(Expr arg, Expr zone, int location) implements Expr {}

    /** DEFAULT as a value in INSERT's VALUES or UPDATE's SET. */
    record SetToDefault(int location) implements Expr {}

    /** ROW(a, b) or (a, b). */
    record Row(List<Expr> args, int location) implements Expr {}

    enum SubLinkKind { EXISTS, EXPR, ANY, ALL, ARRAY }

    /**
     * A subquery in an expression: EXISTS (q), (q) as a scalar, x op ANY/ALL (q) and x IN (q)
     * (ANY with "="); testExpr and op only for ANY / ALL.
     */
    record SubLink(SubLinkKind kind, Expr testExpr, String op, Statement.Select subquery, int location)
        implements Expr {}

    /** ARRAY[a, b, ...] (one dimension). */
    record ArrayConstructor(List<Expr> elements, int location) implements Expr {}

    /** arg[index] or, with slice, arg[lower:upper] (either bound may be null). */
    record Subscript(Expr arg, Expr lower, Expr upper, boolean slice, int location) implements Expr {}

    /** left op ANY (array) / op SOME (array) / op ALL (array): PostgreSQL's ScalarArrayOpExpr. */
    record ArrayCompare(String op, Expr left, Expr array, boolean all, int location) implements Expr {}
}
