package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.expr.ArrayExpr;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.ScalarArrayOpExpr;
import org.tuskdb.sql.internal.expr.SubscriptExpr;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;

/**
 * Analysis of the array syntax: ARRAY[...] (transformArrayExpr: the elements' common type),
 * subscripts (transformContainerSubscripts: integer subscripts, element or slice type) and
 * op ANY/ALL (array) (make_scalar_array_op: an unknown right side is an array of the left
 * side's type; the operator must yield boolean).
 */
final class ArrayExpressions {
    private final ExpressionAnalyzer analyzer;
    private final ParseState ps;

    ArrayExpressions(ExpressionAnalyzer analyzer, ParseState ps) {
        this.analyzer = analyzer;
        this.ps = ps;
    }

    /** ARRAY[...]; target is the type of an enclosing cast (ARRAY[]::int[]), else null. */
    Expression constructor(Expr.ArrayConstructor a, PgType target) {
        List<Expression> elements = new ArrayList<>();
        List<Integer> locations = new ArrayList<>();
        for (Expr e : a.elements()) {
            if (e instanceof Expr.ArrayConstructor) {
                throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                    "multidimensional arrays are not supported yet", ps.position(e.location()));
            }
            elements.add(analyzer.transform(e));
            locations.add(e.location());
        }
        PgType element;
        if (target != null && target.isArray()) {
            element = target.elementType();
        } else if (elements.isEmpty()) {
            throw DatabaseException.atPosition(SqlState.INDETERMINATE_DATATYPE, "cannot determine type of empty array",
                ps.position(a.location())).withHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].");
        } else {
            element = Coercion.commonType(elements, locations, "ARRAY", ps);
        }
        if (element.isArray()) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "multidimensional arrays are not supported yet", ps.position(a.location()));
        }
        PgType type = PgType.arrayOf(element);
        if (type == null) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "arrays of type " + element.displayName() + " are not supported yet", ps.position(a.location()));
        }
        Expression[] coerced = target != null
            ? coerceEach(elements, locations, element)
            : Coercion.coerceAll(elements, locations, element, "ARRAY", ps);
        ArrayExpr out = new ArrayExpr(type, coerced);
        if (out.isConstant()) {
            return new Const(out.eval(null, null), type, -1, a.location());
        }
        return out;
    }

    private Expression[] coerceEach(List<Expression> elements, List<Integer> locations, PgType element) {
        Expression[] out = new Expression[elements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Coercion.coerce(elements.get(i), element, -1, Casts.Context.EXPLICIT, ps, locations.get(i));
        }
        return out;
    }

    Expression subscript(Expr.Subscript s) {
        Expression base = analyzer.transform(s.arg());
        if (base.type().isDomain()) {
            base = Coercion.asBaseType(base); // a domain over an array subscripts as the array
        }
        if (base.type() == PgType.NAME && !s.slice() && s.lower() != null) {
            return new org.tuskdb.sql.internal.expr.NameSubscriptExpr(base, index(s.lower()));
        }
        if (!base.type().isArray()) {
            throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH, "cannot subscript type "
                + base.type().displayName() + " because it does not support subscripting", ps.position(s.arg().location()));
        }
        Expression lower = s.lower() == null ? null : index(s.lower());
        Expression upper = s.upper() == null ? null : index(s.upper());
        return new SubscriptExpr(base, lower, upper, s.slice());
    }

    private Expression index(Expr e) {
        Expression x = analyzer.transform(e);
        if (x.type() != PgType.INT4 && x.type() != PgType.UNKNOWN && Casts.context(x.type(), PgType.INT4) == null
            || x.type() == PgType.BOOL) {
            throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer",
                ps.position(e.location()));
        }
        return Coercion.coerce(x, PgType.INT4, -1, Casts.Context.ASSIGNMENT, ps, e.location());
    }

    Expression compare(Expr.ArrayCompare c) {
        Expression left = analyzer.transform(c.left());
        Expression right = analyzer.transform(c.array());
        PgType rightType = right.type();
        if (rightType == PgType.UNKNOWN) {
            PgType l = left.type() == PgType.UNKNOWN ? PgType.TEXT : left.type();
            rightType = PgType.arrayOf(l);
            if (rightType == null) {
                rightType = PgType.TEXT_ARRAY;
            }
        }
        if (!rightType.isArray()) {
            throw DatabaseException.atPosition("42809", "op ANY/ALL (array) requires array on right side",
                ps.position(c.location()));
        }
        FunctionDef op = analyzer.resolveOperator(c.op(), left.type(), rightType.elementType(), c.location());
        if (op.returnType() != PgType.BOOL) {
            throw DatabaseException.atPosition("42809", "op ANY/ALL (array) requires operator to yield boolean",
                ps.position(c.location()));
        }
        Expression l = Coercion.coerce(left, op.argType(0), -1, Casts.Context.IMPLICIT, ps, c.left().location());
        PgType arrayType = PgType.arrayOf(op.argType(1));
        Expression r = Coercion.coerce(right, arrayType == null ? rightType : arrayType, -1, Casts.Context.IMPLICIT, ps,
            c.array().location());
        return new ScalarArrayOpExpr(op, l, r, c.all());
    }
}
