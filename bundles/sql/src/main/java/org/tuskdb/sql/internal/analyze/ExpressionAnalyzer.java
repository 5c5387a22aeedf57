package org.tuskdb.sql.internal.analyze;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.TypeName;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.BooleanTest;
import org.tuskdb.sql.internal.expr.CaseExpr;
import org.tuskdb.sql.internal.expr.CaseTest;
import org.tuskdb.sql.internal.expr.CoalesceExpr;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.DistinctExpr;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.MinMaxExpr;
import org.tuskdb.sql.internal.expr.NullIfExpr;
import org.tuskdb.sql.internal.expr.NullTest;
import org.tuskdb.sql.internal.expr.ParamRef;
import org.tuskdb.sql.internal.function.EnumFunctions;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;
import org.tuskdb.sql.internal.value.TypeInput;

/**
 * transformExpr: binds a raw expression against the scope and resolves every operator, function
 * and cast to a typed {@link Expression}. Errors carry the position of the construct at fault.
 */
final class ExpressionAnalyzer {
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "string_agg",
        "array_agg", "bool_and", "bool_or", "every", "stddev", "variance", "json_agg", "jsonb_agg",
        "json_object_agg", "jsonb_object_agg");

    private final ParseState ps;
    /** Analyzes subqueries (set by the Analyzer that owns this). */
    Analyzer subqueries;
    /** The clause being analyzed where aggregates are not allowed ("WHERE", ...), for 42803. */
    String aggregateContext;
    private int aggregateDepth;

    ExpressionAnalyzer(ParseState ps) {
        this.ps = ps;
    }

    Expression transform(Expr e) {
        Grouping g = ps.scope().grouping;
        if (g != null && !(e instanceof Expr.ColumnRef) && !(e instanceof Expr.Literal)) {
            int k = g.match(e);
            if (k >= 0) {
                return g.keyRef(k);
            }
            Expression nulled = g.nulledMatch(e);
            if (nulled != null) {
                return nulled;
            }
        }
        return switch (e) {
            case Expr.SubLink l -> subLink(l);
            case Expr.Literal l -> literal(l);
            case Expr.ColumnRef c -> columnRef(c);
            case Expr.Param p -> param(p);
            case Expr.FuncCall f -> function(f);
            case Expr.FieldSelect fs -> fieldSelect(fs);
            case Expr.Operator o -> operator(o);
            case Expr.Bool b -> bool(b);
            case Expr.NullTest n -> n.arg() instanceof Expr.Row r ? new RowExpressions(this, ps).nullTest(r, n.negated())
                : new NullTest(transform(n.arg()), n.negated());
            case Expr.BooleanTest b -> new BooleanTest(
                toBoolean(transform(b.arg()), "IS " + (b.negated() ? "NOT " : "") + b.value().name(), b.location()),
                b.value() == Expr.TruthValue.UNKNOWN ? null : b.value() == Expr.TruthValue.TRUE, b.negated());
            case Expr.DistinctFrom d -> distinct(d);
            case Expr.Between b -> between(b);
            case Expr.InList in -> inList(in);
            case Expr.Like l -> like(l);
            case Expr.Case c -> caseExpr(c);
            case Expr.SpecialForm s -> specialForm(s);
            case Expr.TypeCast c -> typeCast(c);
            case Expr.SqlValueFunction s -> sqlValueFunction(s);
            case Expr.AtTimeZone a -> callFunction("timezone", List.of(transform(a.zone()), transform(a.arg())),
                List.of(a.zone().location(), a.arg().location()), a.location());
            case Expr.Star s -> starRow(s);
            case Expr.SetToDefault d -> throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "DEFAULT is not allowed in this context", ps.position(d.location()));
            case Expr.ArrayConstructor a -> new ArrayExpressions(this, ps).constructor(a, null);
            case Expr.Subscript sub -> new ArrayExpressions(this, ps).subscript(sub);
            case Expr.ArrayCompare ac -> new ArrayExpressions(this, ps).compare(ac);
            case Expr.Row r -> new RowExpressions(this, ps).value(r);
            case Expr.GroupingSet gs -> throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "grouping sets are allowed only in GROUP BY", ps.position(gs.location()));
            case Expr.VariadicArg v -> transform(v.arg()); // its function was chosen by variadicCall
            case Expr.NamedArg n -> throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "syntax error at or near \"=>\"", ps.position(n.location()));
        };
    }

    private Expression literal(Expr.Literal l) {
        return switch (l.kind()) {
            case INTEGER -> {
                String text = l.text();
                try {
                    long v = Long.parseLong(text);
                    yield new Const(v == (int) v ? IntegerValue.int4(v) : IntegerValue.int8(v),
                        v == (int) v ? PgType.INT4 : PgType.INT8, -1, l.location());
                } catch (NumberFormatException ex) {
                    yield new Const(NumericValue.of(new BigDecimal(text)), PgType.NUMERIC, -1, l.location());
                }
            }
            case DECIMAL -> new Const(NumericValue.of(TypeInput.parseNumeric(l.text())), PgType.NUMERIC, -1, l.location());
            case STRING -> new Const(new TextValue(PgType.UNKNOWN, l.text()), PgType.UNKNOWN, -1, l.location());
            case BOOLEAN -> new Const(BoolValue.of(l.text().equals("true")), PgType.BOOL, -1, l.location());
            case NULL -> new Const(null, PgType.UNKNOWN, -1, l.location());
        };
    }

    private Expression param(Expr.Param p) {
        if (p.number() < 1 || p.number() > 65535) {
            throw DatabaseException.atPosition(SqlState.INVALID_PARAMETER_REFERENCE,
                "there is no parameter $" + p.number(), ps.position(p.location()));
        }
        try {
            return new ParamRef(p.number() - 1, ps.params().typeOf(p.number() - 1));
        } catch (DatabaseException e) {
            throw e.withPosition(ps.position(p.location()));
        }
    }

    /** coerce_to_boolean: bool, or an unknown read as bool; anything else is 42804. */
    Expression toBoolean(Expression e, String construct, int location) {
        if (e.type() == PgType.BOOL) {
            return e;
        }
        if (e.type() == PgType.UNKNOWN) {
            return Coercion.coerce(e, PgType.BOOL, -1, Casts.Context.IMPLICIT, ps, location);
        }
        throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH,
            "argument of " + construct + " must be type boolean, not type " + e.type().displayName(),
            ps.position(location));
    }

    private Expression bool(Expr.Bool b) {
        Expression[] args = new Expression[b.args().size()];
        for (int i = 0; i < args.length; i++) {
            Expr a = b.args().get(i);
            args[i] = toBoolean(transform(a), b.op().name(), a.location());
        }
        return new BoolExpr(BoolExpr.Op.valueOf(b.op().name()), args);
    }

    // ---- operators ------------------------------------------------------------------------

    private Expression operator(Expr.Operator o) {
        if (o.left() == null) {
            Expression arg = transform(o.right());
            return makeOperator(o.op(), null, arg, o.location());
        }
        if (o.left() instanceof Expr.Row l) {
            if (o.right() instanceof Expr.Row r) {
                return new RowExpressions(this, ps).compare(o.op(), l, r, o.location());
            }
            if (o.right() instanceof Expr.SubLink sub && sub.kind() == Expr.SubLinkKind.EXPR) {
                return subLink(sub, l, o.op(), o.location());
            }
        }
        Expression left = transform(o.left());
        Expression right = transform(o.right());
        if (o.op().equals("||") && left.type() != PgType.UNKNOWN && right.type() != PgType.UNKNOWN
            && left.type().isArray() != right.type().isArray()) {
            // anycompatiblearray || anycompatible and the reverse: array_append / array_prepend
            return callFunction(left.type().isArray() ? "array_append" : "array_prepend", List.of(left, right),
                List.of(o.left().location(), o.right().location()), o.location());
        }
        return makeOperator(o.op(), left, right, o.location());
    }

    /** make_op: resolves and builds a prefix (left null) or binary operator call. */
    FuncExpr makeOperator(String op, Expression left, Expression right, int location) {
        FunctionDef f = resolveOperator(op, left == null ? null : left.type(), right.type(), location);
        if (left == null) {
            return new FuncExpr(f, new Expression[] {coerceArg(right, f.argType(0), location)});
        }
        return new FuncExpr(f, new Expression[] {coerceArg(left, f.argType(0), location),
            coerceArg(right, f.argType(1), location)});
    }

    FunctionDef resolveOperator(String op, PgType leftType, PgType rightType, int location) {
        // operators see a domain's base type (getBaseType in make_op's resolution)
        PgType left = leftType == null ? null : leftType.baseType();
        PgType right = rightType.baseType();
        // anyenum does not take a domain over an enum in PostgreSQL 15: the types as written
        FunctionDef enumOp = EnumFunctions.operator(op, leftType, rightType);
        if (enumOp != null) {
            return enumOp;
        }
        FunctionDef recordOp = org.tuskdb.sql.internal.function.RecordFunctions.operator(op, left, right);
        if (recordOp != null) {
            return recordOp;
        }
        List<PgType> types = left == null ? List.of(right) : List.of(left, right);
        TypeResolver.Result r = TypeResolver.resolve(PolymorphicOperators.exactOnly(op, withUserArrays(
            ps.functions().operators(op, types.size()), types, reg -> reg.operators(op, types.size())), types),
            types, left != null);
        if (r.chosen() != null) {
            return r.chosen();
        }
        String signature = left == null ? op + " " + rightType.displayName()
            : leftType.displayName() + " " + op + " " + rightType.displayName();
        if (r.ambiguous()) {
            throw DatabaseException.atPosition(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: " + signature,
                ps.position(location)).withHint(
                    "Could not choose a best candidate operator. You might need to add explicit type casts.");
        }
        throw DatabaseException.atPosition(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + signature,
            ps.position(location)).withHint(
                "No operator matches the given name and argument types. You might need to add explicit type casts.");
    }

    Expression coerceArg(Expression e, PgType target, int location) {
        return Coercion.coerce(e, target, -1, Casts.Context.IMPLICIT, ps, location);
    }

    private Expression distinct(Expr.DistinctFrom d) {
        if (d.left() instanceof Expr.Row l && d.right() instanceof Expr.Row r) {
            return new RowExpressions(this, ps).distinct(l, r, d.negated(), d.location());
        }
        Expression l = transform(d.left());
        Expression r = transform(d.right());
        if (l instanceof org.tuskdb.sql.internal.expr.RowExpr lr && r instanceof org.tuskdb.sql.internal.expr.RowExpr rr) {
            return new RowExpressions(this, ps).distinct(lr, rr, d.negated(), d.location());
        }
        FunctionDef eq = resolveOperator("=", l.type(), r.type(), d.location());
        return new DistinctExpr(eq, coerceArg(l, eq.argType(0), d.location()), coerceArg(r, eq.argType(1), d.location()),
            d.negated());
    }

    private Expression between(Expr.Between b) {
        Expression x = transform(b.arg());
        Expression lo = transform(b.low());
        Expression hi = transform(b.high());
        Expression forward = rangeTest(x, lo, hi, b.negated(), b.location());
        if (!b.symmetric()) {
            return forward;
        }
        Expression backward = rangeTest(x, hi, lo, b.negated(), b.location());
        return new BoolExpr(b.negated() ? BoolExpr.Op.AND : BoolExpr.Op.OR, new Expression[] {forward, backward});
    }

    private Expression rangeTest(Expression x, Expression lo, Expression hi, boolean negated, int location) {
        if (negated) {
            return new BoolExpr(BoolExpr.Op.OR, new Expression[] {makeOperator("<", x, lo, location),
                makeOperator(">", x, hi, location)});
        }
        return new BoolExpr(BoolExpr.Op.AND, new Expression[] {makeOperator(">=", x, lo, location),
            makeOperator("<=", x, hi, location)});
    }

    /** x IN (a, b) as x = a OR x = b; NOT IN as x <> a AND x <> b (= ANY / <> ALL semantics). */
    private Expression inList(Expr.InList in) {
        if (in.arg() instanceof Expr.Row) {
            return new RowExpressions(this, ps).inList(in);
        }
        Expression x = transform(in.arg());
        if (in.list().size() > 1 && callsVolatile(x)) {
            // transformAExprIn's ScalarArrayOpExpr: x = ANY (ARRAY[...]) evaluates x once, as a
            // volatile x (random(), uuid_generate_v4()) must be; NOT IN is x <> ALL (ARRAY[...])
            return new ArrayExpressions(this, ps).compare(new Expr.ArrayCompare(in.negated() ? "<>" : "=", in.arg(),
                new Expr.ArrayConstructor(in.list(), in.location()), in.negated(), in.location()));
        }
        Expression[] tests = new Expression[in.list().size()];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = makeOperator(in.negated() ? "<>" : "=", x, transform(in.list().get(i)), in.location());
        }
        if (tests.length == 1) {
            return tests[0];
        }
        return new BoolExpr(in.negated() ? BoolExpr.Op.AND : BoolExpr.Op.OR, tests);
    }

    /** Whether the expression calls a volatile function (through function arguments and casts). */
    private static boolean callsVolatile(Expression e) {
        return switch (e) {
            case FuncExpr f -> {
                if (f.function().volatility() == 'v') {
                    yield true;
                }
                for (Expression a : f.args()) {
                    if (callsVolatile(a)) {
                        yield true;
                    }
                }
                yield false;
            }
            case org.tuskdb.sql.internal.expr.CastExpr c -> callsVolatile(c.arg());
            default -> false;
        };
    }

    private Expression like(Expr.Like l) {
        String op = (l.negated() ? "!" : "") + (l.caseInsensitive() ? "~~*" : "~~");
        Expression pattern = transform(l.pattern());
        if (l.escape() != null) {
            pattern = callFunction("like_escape", List.of(pattern, transform(l.escape())),
                List.of(l.pattern().location(), l.escape().location()), l.location());
        }
        return makeOperator(op, transform(l.arg()), pattern, l.location());
    }

    // ---- CASE and friends -----------------------------------------------------------------

    private Expression caseExpr(Expr.Case c) {
        Expression arg = null;
        if (c.arg() != null) {
            arg = Coercion.resolveUnknown(transform(c.arg()), ps);
        }
        Expression[] conditions = new Expression[c.whens().size()];
        List<Expression> results = new ArrayList<>();
        List<Integer> locations = new ArrayList<>();
        for (int i = 0; i < conditions.length; i++) {
            Expr.When w = c.whens().get(i);
            if (arg != null) {
                conditions[i] = makeOperator("=", new CaseTest(arg.type()), transform(w.condition()), w.location());
            } else {
                conditions[i] = toBoolean(transform(w.condition()), "CASE/WHEN", w.condition().location());
            }
            results.add(transform(w.result()));
            locations.add(w.result().location());
        }
        Expression otherwise = c.otherwise() == null ? null : transform(c.otherwise());
        // PostgreSQL looks at the ELSE result first when choosing the type.
        List<Expression> all = new ArrayList<>();
        List<Integer> allLocations = new ArrayList<>();
        if (otherwise != null) {
            all.add(otherwise);
            allLocations.add(c.otherwise().location());
        }
        all.addAll(results);
        allLocations.addAll(locations);
        PgType type = Coercion.commonType(all, allLocations, "CASE", ps);
        Expression[] coerced = Coercion.coerceAll(results, locations, type, "CASE", ps);
        Expression elseExpr = otherwise == null ? new Const(null, type, -1)
            : Coercion.coerceAll(List.of(otherwise), List.of(c.otherwise().location()), type, "CASE", ps)[0];
        return new CaseExpr(arg, conditions, coerced, elseExpr, type);
    }

    private Expression specialForm(Expr.SpecialForm s) {
        List<Expression> args = new ArrayList<>();
        List<Integer> locations = new ArrayList<>();
        for (Expr a : s.args()) {
            args.add(transform(a));
            locations.add(a.location());
        }
        switch (s.name()) {
            case "nullif": {
                if (args.size() != 2) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"nullif\"",
                        ps.position(s.location()));
                }
                FunctionDef eq = resolveOperator("=", args.get(0).type(), args.get(1).type(), s.location());
                Expression left = coerceArg(args.get(0), eq.argType(0), s.location());
                return new NullIfExpr(eq, left, coerceArg(args.get(1), eq.argType(1), s.location()));
            }
            case "coalesce": {
                PgType type = Coercion.commonType(args, locations, "COALESCE", ps);
                return new CoalesceExpr(Coercion.coerceAll(args, locations, type, "COALESCE", ps), type);
            }
            default: {
                String context = s.name().toUpperCase(java.util.Locale.ROOT);
                PgType type = Coercion.commonType(args, locations, context, ps);
                // the type must be orderable: a < operator must exist
                resolveOperator("<", type, type, s.location());
                return new MinMaxExpr(Coercion.coerceAll(args, locations, type, context, ps),
                    s.name().equals("greatest"), type);
            }
        }
    }

    // ---- casts ----------------------------------------------------------------------------

    private Expression typeCast(Expr.TypeCast c) {
        ResolvedType t = resolveType(c.type());
        Expression arg = c.arg() instanceof Expr.ArrayConstructor a && t.type().isArray()
            ? new ArrayExpressions(this, ps).constructor(a, t.type()) // ARRAY[]::int[]
            : transform(c.arg());
        if (t.type() == PgType.INTERVAL && c.type().intervalField() != null && arg instanceof Const k
            && k.type() == PgType.UNKNOWN && k.value() != null) {
            // INTERVAL '1' HOUR: the qualifier says what a bare number means
            org.tuskdb.sql.internal.value.DateTimeParser.Field field =
                org.tuskdb.sql.internal.value.DateTimeParser.Field.valueOf(c.type().intervalField().toUpperCase(java.util.Locale.ROOT));
            try {
                return new Const(org.tuskdb.sql.internal.value.DateTimeParser.parseInterval(
                    ((TextValue) k.value()).value(), field), PgType.INTERVAL, -1, k.location());
            } catch (DatabaseException ex) {
                throw ex.withPosition(ps.position(k.location()));
            }
        }
        return Coercion.coerce(arg, t.type(), t.typmod(), Casts.Context.EXPLICIT, ps, c.location());
    }

    record ResolvedType(PgType type, int typmod) {}

    /** typenameTypeIdAndMod: the type and its modifier, or 42704 'type "x" does not exist'. */
    ResolvedType resolveType(TypeName tn) {
        List<String> names = tn.names();
        PgType user = userType(names, tn);
        if (user != null) {
            if (!tn.modifiers().isEmpty()) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "type modifier is not allowed for type \"" + user.name() + "\"", ps.position(tn.location()));
            }
            return new ResolvedType(user, -1);
        }
        PgType row = tn.modifiers().isEmpty() && names.size() <= 2 && !tn.name().endsWith("[]") ? rowType(names, tn)
            : null;
        if (row != null) {
            return new ResolvedType(row, -1);
        }
        if (names.size() == 2 && !names.get(0).equals("pg_catalog") && ps.tablesAvailable()
            && !ps.schemaExists(names.get(0))) {
            throw DatabaseException.atPosition("3F000", "schema \"" + names.get(0) + "\" does not exist",
                ps.position(tn.location()));
        }
        if (names.size() > 2 || (names.size() == 2 && !names.get(0).equals("pg_catalog"))) {
            throw DatabaseException.atPosition(SqlState.UNDEFINED_OBJECT,
                "type \"" + String.join(".", names) + "\" does not exist", ps.position(tn.location()));
        }
        PgType t = PgType.byName(tn.name());
        if (t == null || t.isPseudo() && t != PgType.VOID) {
            throw DatabaseException.atPosition(SqlState.UNDEFINED_OBJECT,
                "type \"" + String.join(".", names) + "\" does not exist", ps.position(tn.location()));
        }
        return new ResolvedType(t, typmod(t, tn.modifiers(), tn.location()));
    }

    /** A user-defined type (CREATE TYPE / DOMAIN) named as a type (a name no built-in type has), or null. */
    private PgType userType(List<String> names, TypeName tn) {
        if (names.size() > 2 || (names.size() == 1 || names.get(0).equals("pg_catalog"))
            && PgType.byName(tn.name()) != null || !ps.tablesAvailable()) {
            return null;
        }
        return ps.userType(names.size() == 2 ? names.get(0) : null, tn.name());
    }

    /** A table's or view's row type named as a type (a name no built-in type has), or null. */
    private PgType rowType(List<String> names, TypeName tn) {
        if ((names.size() == 1 || names.get(0).equals("pg_catalog")) && PgType.byName(tn.name()) != null
            || !ps.tablesAvailable()) {
            return null;
        }
        org.tuskdb.sql.internal.catalog.Relation r = ps.lookup(names.size() == 2 ? names.get(0) : null, tn.name(),
            null, tn.location(), true);
        return r == null ? null : org.tuskdb.sql.internal.catalog.RowTypes.of(r);
    }

    private int typmod(PgType t, List<Integer> mods, int location) {
        if (mods.isEmpty()) {
            return -1;
        }
        if (t.isArray()) {
            return typmod(t.elementType(), mods, location); // varchar(5)[]: the elements' modifier
        }
        if (t == PgType.NUMERIC) {
            int precision = mods.get(0);
            int scale = mods.size() > 1 ? mods.get(1) : 0;
            if (mods.size() > 2 || precision < 1 || precision > 1000) {
                throw DatabaseException.atPosition(SqlState.INVALID_PARAMETER_VALUE,
                    "NUMERIC precision " + precision + " must be between 1 and 1000", ps.position(location));
            }
            if (scale < 0 || scale > precision) {
                throw DatabaseException.atPosition(SqlState.INVALID_PARAMETER_VALUE,
                    "NUMERIC scale " + scale + " must be between 0 and precision " + precision, ps.position(location));
            }
            return ((precision << 16) | scale) + 4;
        }
        if ((t == PgType.VARCHAR || t == PgType.BPCHAR) && mods.size() == 1) {
            if (mods.get(0) < 1) {
                throw DatabaseException.atPosition(SqlState.INVALID_PARAMETER_VALUE,
                    "length for type " + t.name() + " must be at least 1", ps.position(location));
            }
            return mods.get(0) + 4;
        }
        if ((t == PgType.TIMESTAMP || t == PgType.TIMESTAMPTZ || t == PgType.TIME || t == PgType.TIMETZ
            || t == PgType.INTERVAL)
            && mods.size() == 1) {
            if (mods.get(0) < 0) {
                throw DatabaseException.atPosition(SqlState.INVALID_PARAMETER_VALUE,
                    "TIMESTAMP(" + mods.get(0) + ") precision must not be negative", ps.position(location));
            }
            return t == PgType.INTERVAL ? -1 : Math.min(mods.get(0), 6);
        }
        throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
            "type modifier is not allowed for type \"" + t.name() + "\"", ps.position(location));
    }

    // ---- functions ------------------------------------------------------------------------

    private Expression sqlValueFunction(Expr.SqlValueFunction s) {
        return switch (s.name()) {
            case "current_timestamp" -> callFunction("now", List.of(), List.of(), s.location());
            case "current_date" -> Coercion.coerce(callFunction("now", List.of(), List.of(), s.location()),
                PgType.DATE, -1, Casts.Context.EXPLICIT, ps, s.location());
            case "localtimestamp" -> Coercion.coerce(callFunction("now", List.of(), List.of(), s.location()),
                PgType.TIMESTAMP, -1, Casts.Context.EXPLICIT, ps, s.location());
            case "current_time" -> Coercion.coerce(callFunction("now", List.of(), List.of(), s.location()),
                PgType.TIMETZ, -1, Casts.Context.EXPLICIT, ps, s.location());
            case "localtime" -> Coercion.coerce(callFunction("now", List.of(), List.of(), s.location()),
                PgType.TIME, -1, Casts.Context.EXPLICIT, ps, s.location());
            case "current_catalog" -> callFunction("current_database", List.of(), List.of(), s.location());
            case "current_schema" -> callFunction("current_schema", List.of(), List.of(), s.location());
            case "session_user" -> new FuncExpr(new FunctionDef(s.name(), List.of(), PgType.NAME, false, false, 's',
                (a, c) -> new TextValue(PgType.NAME, c.sessionUser())), new Expression[0]);
            default -> new FuncExpr(new FunctionDef(s.name(), List.of(), PgType.NAME, false, false, 's',
                (a, c) -> new TextValue(PgType.NAME, c.user())), new Expression[0]);
        };
    }

    /**
     * {@code t.*} as a value ({@code f(t.*)}, {@code ROW(t.*)} aside): the whole row of FROM item t,
     * else of a PL/pgSQL record variable t; a bare {@code *} is a syntax error here.
     */
    private Expression starRow(Expr.Star s) {
        if (s.qualifier().isEmpty()) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"*\"",
                ps.position(s.location()));
        }
        Expression row = ps.scope().wholeRowOf(s.qualifier(), ps, s.location());
        if (row == null) {
            row = ps.functionParameter(s.qualifier());
        }
        if (row == null || !row.type().isRecord()) {
            throw DatabaseException.atPosition(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                + s.qualifier().get(s.qualifier().size() - 1) + "\"", ps.position(s.location()));
        }
        return row;
    }

    /** A column, or in a SQL function's body a parameter no column hides (x, or f.x). */
    private Expression columnRef(Expr.ColumnRef c) {
        try {
            Expression column = ps.scope().resolveColumn(c.names(), ps, c.location());
            if (ps.isVariable(c.names())) {
                // plpgsql's variable_conflict = error (its default): a name both a column and a variable
                throw DatabaseException.atPosition(SqlState.AMBIGUOUS_COLUMN, "column reference \""
                    + String.join(".", c.names()) + "\" is ambiguous", ps.position(c.location()))
                    .withDetail("It could refer to either a PL/pgSQL variable or a table column.");
            }
            return column;
        } catch (DatabaseException e) {
            if (SqlState.UNDEFINED_COLUMN.equals(e.sqlState()) || SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                Expression p = ps.functionParameter(c.names());
                if (p != null) {
                    return p;
                }
            }
            throw e;
        }
    }

    private Expression fieldSelect(Expr.FieldSelect fs) {
        Expression arg = transform(fs.arg());
        int i = arg.type().fieldIndex(fs.field());
        if (i < 0) {
            if (arg instanceof org.tuskdb.sql.internal.expr.RowExpr && fs.arg() instanceof Expr.ColumnRef ref) {
                // (t).x on a whole-row reference: PostgreSQL reads it as the column t.x
                throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, "column " + String.join(".", ref.names())
                    + "." + fs.field() + " does not exist", ps.position(ref.location()));
            }
            if (arg.type().isComposite()) {
                throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + fs.field()
                    + "\" not found in data type " + arg.type().displayName(), ps.position(fs.arg().location()));
            }
            if (arg.type().isRecord()) {
                throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, "could not identify column \""
                    + fs.field() + "\" in record data type", ps.position(fs.location()));
            }
            throw DatabaseException.atPosition("42809", "column notation ." + fs.field()
                + " applied to type " + arg.type().displayName() + ", which is not a composite type",
                ps.position(fs.arg().location()));
        }
        return new org.tuskdb.sql.internal.expr.FieldSelectExpr(arg, i, arg.type().fieldType(i));
    }

    private Expression function(Expr.FuncCall call) {
        Expr.FuncCall f = NamedArguments.expand(call, this, ps);
        List<String> name = f.name();
        String fn = f.functionName();
        if (returnsSet(f)) {
            return setReturning(f);
        }
        if (!builtinName(f)) {
            if (name.size() == 2 && !ps.schemaExists(name.get(0))) {
                throw DatabaseException.atPosition("3F000", "schema \"" + name.get(0) + "\" does not exist",
                    ps.position(f.location()));
            }
            List<Expression> args = transformAll(f.args());
            if (name.size() == 2 && f.over() == null && !f.star() && !f.distinct() && f.filter() == null) {
                List<FunctionDef> user = new ArrayList<>(SqlFunctions.candidates(ps.userFunctions(name.get(0), fn),
                    variadicCall(f)));
                user.addAll(userRangeConstructors(name.get(0), fn));
                if (!user.isEmpty()) {
                    List<Integer> locations = f.args().stream().map(Expr::location).toList();
                    return callFunction(fn, user, args, locations, f.location(), String.join(".", name));
                }
            }
            throw undefinedFunction(String.join(".", name), args, f.location());
        }
        if (f.over() != null) {
            return window(f);
        }
        if (name.size() == 1 && fn.equals("grouping") && !f.star() && !f.distinct()) {
            return groupingFunction(f);
        }
        if (org.tuskdb.sql.internal.function.AggregateFunction.isAggregateName(fn) || f.star()) {
            return aggregate(f);
        }
        if (f.withinGroup()) {
            throw undefinedWithinGroup(f);
        }
        if (f.filter() != null || !f.aggOrder().isEmpty()) {
            throw DatabaseException.atPosition("42809", (f.filter() != null ? "FILTER" : "ORDER BY")
                + " specified, but " + fn + " is not an aggregate function", ps.position(f.location()));
        }
        if (AGGREGATES.contains(fn)) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "aggregate function " + fn + " is not supported yet", ps.position(f.location()));
        }
        if (f.distinct()) {
            throw DatabaseException.atPosition("42809",
                "DISTINCT specified, but " + fn + " is not an aggregate function", ps.position(f.location()));
        }
        if (ps.functions().functions(fn).isEmpty() && !ps.functions().tableFunctions(fn).isEmpty()) {
            return setReturning(f);
        }
        List<Expression> args = transformAll(f.args());
        List<Integer> locations = f.args().stream().map(Expr::location).toList();
        if (fn.equals("row_to_json") && !args.isEmpty() && !args.get(0).type().isRecord()) {
            throw undefinedFunction(fn, args, f.location()); // its parameter is of type record
        }
        if (EnumFunctions.handles(fn) && builtinName(f)) {
            FunctionDef def = EnumFunctions.function(fn, args.stream().map(a -> a.type().baseType()).toList());
            if (def != null) {
                Expression[] coerced = new Expression[args.size()];
                for (int i = 0; i < coerced.length; i++) {
                    coerced[i] = coerceArg(args.get(i), def.argType(i), locations.get(i));
                }
                return new FuncExpr(def, coerced);
            }
        }
        if (fn.equals("pg_typeof") && args.size() == 1) {
            PgType t = args.get(0).type();
            return new Const(t.isComposite() || t.isUserDefined() || t.isArray() && t.elementType().isComposite()
                ? new OidValue(PgType.REGTYPE, Integer.toUnsignedLong(t.oid()), t.displayName())
                : new OidValue(PgType.REGTYPE, t.oid()), PgType.REGTYPE, -1);
        }
        try {
            return callWritten(fn, args, locations, f.location(), variadicCall(f));
        } catch (DatabaseException e) {
            if (name.size() > 1 && SqlState.UNDEFINED_FUNCTION.equals(e.sqlState())) {
                throw undefinedFunction(String.join(".", name), args, f.location()); // named as written
            }
            throw e;
        }
    }

    /** GROUPING(a, b, ...): a constant of the grouping set being analyzed (see GroupingSets). */
    private Expression groupingFunction(Expr.FuncCall f) {
        Grouping g = ps.scope().grouping;
        if (g == null) {
            throw DatabaseException.atPosition("42803", "arguments to GROUPING must be grouping expressions of the "
                + "associated query level", ps.position(f.args().isEmpty() ? f.location() : f.args().get(0).location()));
        }
        if (f.args().size() > 31) {
            throw DatabaseException.atPosition("54023",
                "GROUPING must have fewer than 32 arguments", ps.position(f.location()));
        }
        for (Expr a : f.args()) {
            if (g.groupingBits(List.of(a)) == null) {
                throw DatabaseException.atPosition("42803", "arguments to GROUPING must be grouping expressions of the "
                    + "associated query level", ps.position(a.location()));
            }
        }
        Integer bits = g.groupingBits(f.args());
        return new Const(org.tuskdb.sql.internal.value.IntegerValue.of(PgType.INT4, bits), PgType.INT4, -1);
    }

    private List<Expression> transformAll(List<Expr> exprs) {
        List<Expression> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(transform(e));
        }
        return out;
    }

    Expression callFunction(String fn, List<Expression> args, List<Integer> locations, int location) {
        return callFunction(fn, ps.functions().functions(fn), args, locations, location, fn);
    }

    /**
     * The constructors a user-defined range type named {@code fn} has (CREATE TYPE ... AS RANGE
     * makes them in the type's schema), or none.
     */
    private List<FunctionDef> userRangeConstructors(String schema, String fn) {
        if (!ps.tablesAvailable()) {
            return List.of();
        }
        PgType t = ps.userType(schema, fn);
        return t != null && t.isRange() ? org.tuskdb.sql.internal.function.RangeFunctions.constructors(t) : List.of();
    }

    /** A call as written by the user: the built-ins and the user-defined functions the name means. */
    /** Whether the call's last argument is written {@code VARIADIC expr}. */
    private static boolean variadicCall(Expr.FuncCall f) {
        return !f.args().isEmpty() && f.args().get(f.args().size() - 1) instanceof Expr.VariadicArg;
    }

    private Expression callWritten(String fn, List<Expression> args, List<Integer> locations, int location) {
        return callWritten(fn, args, locations, location, false);
    }

    private Expression callWritten(String fn, List<Expression> args, List<Integer> locations, int location,
                                   boolean variadicCall) {
        List<FunctionDef> candidates = ps.functions().functions(fn);
        if (candidates.isEmpty()) {
            candidates = userRangeConstructors(null, fn);
        }
        List<org.tuskdb.sql.internal.catalog.UserFunction> user = ps.userFunctions(null, fn);
        if (!user.isEmpty()) {
            List<FunctionDef> all = new ArrayList<>(candidates);
            all.addAll(SqlFunctions.candidates(user, variadicCall));
            candidates = all;
        }
        return callFunction(fn, candidates, args, locations, location, fn);
    }

    /**
     * The candidates plus those a user-defined array type among the arguments has (mood[]'s =,
     * array_length, ...: see FunctionRegistry#ofArrayType); the candidates alone when there is none.
     */
    private static List<FunctionDef> withUserArrays(List<FunctionDef> candidates, List<PgType> types,
                                                    java.util.function.Function<org.tuskdb.sql.internal.function.FunctionRegistry,
                                                        List<FunctionDef>> select) {
        List<FunctionDef> out = candidates;
        for (PgType t : types) {
            boolean own = t != null && (t.isUserDefined() || t.isComposite() || t.isArray() && t.elementType().isComposite());
            PgType a = !own ? null : t.isArray() ? t : PgType.arrayOf(t);
            if (a != null) {
                if (out == candidates) {
                    out = new ArrayList<>(candidates);
                }
                out.addAll(select.apply(org.tuskdb.sql.internal.function.FunctionRegistry.ofArrayType(a)));
            }
            if (t != null && t.isRange() && t.isUserDefined()) {
                if (out == candidates) {
                    out = new ArrayList<>(candidates);
                }
                out.addAll(select.apply(org.tuskdb.sql.internal.function.FunctionRegistry.ofRangeType(t)));
            }
        }
        return out;
    }

    private Expression callFunction(String fn, List<FunctionDef> candidates, List<Expression> args,
                                    List<Integer> locations, int location, String shownName) {
        List<PgType> types = args.stream().map(a -> a.type().baseType()).toList();
        candidates = withUserArrays(candidates, types, reg -> reg.functions(fn));
        TypeResolver.Result r = TypeResolver.resolve(candidates, types, false);
        if (r.chosen() == null) {
            if (!r.ambiguous() && args.size() == 1) {
                PgType asType = PgType.byName(fn);
                if (asType != null && asType.name().equals(fn) && !asType.isPseudo()
                    && (args.get(0).type() == PgType.UNKNOWN || Casts.context(args.get(0).type(), asType) != null)) {
                    // function-call syntax for a cast: text(1), date(now())
                    return Coercion.coerce(args.get(0), asType, -1, Casts.Context.EXPLICIT, ps, location);
                }
            }
            if (r.ambiguous()) {
                throw DatabaseException.atPosition(SqlState.AMBIGUOUS_FUNCTION,
                    "function " + signature(shownName, args) + " is not unique", ps.position(location)).withHint(
                        "Could not choose a best candidate function. You might need to add explicit type casts.");
            }
            throw undefinedFunction(shownName, args, location);
        }
        FunctionDef def = r.chosen();
        Expression[] coerced = new Expression[args.size()];
        for (int i = 0; i < coerced.length; i++) {
            coerced[i] = coerceArg(args.get(i), def.argType(i), i < locations.size() ? locations.get(i) : location);
        }
        if (def.impl() instanceof SqlFunctions.Candidate c) {
            return SqlFunctions.call(c, coerced, ps);
        }
        return new FuncExpr(def, coerced);
    }

    /**
     * A function call in FROM: a set-returning function of that name and argument types when
     * there is one, else null (the caller then binds the call as a scalar function). The
     * arguments are bound in the current scope.
     */
    FromFunction tableFunction(Expr.FuncCall f) {
        return tableFunction(f, null, false);
    }

    /**
     * A call in FROM ({@code inFrom}) with its column definition list ({@code defs}, null when
     * none): a function returning record needs one there (42601), others refuse one (42601).
     */
    FromFunction tableFunction(Expr.FuncCall f, Statement.ColumnDefinitions defs, boolean inFrom) {
        String fn = f.functionName();
        if (f.over() != null || f.filter() != null || f.star() || f.distinct() || !f.aggOrder().isEmpty()
            || f.name().size() > 2) {
            return null;
        }
        List<org.tuskdb.sql.internal.function.TableFunctionDef> candidates = builtinName(f)
            ? ps.functions().tableFunctions(fn) : List.of();
        List<org.tuskdb.sql.internal.function.TableFunctionDef> user = userTableFunctions(f);
        if (!user.isEmpty()) {
            candidates = new ArrayList<>(candidates);
            candidates.addAll(user);
        }
        if (candidates.isEmpty()) {
            return null;
        }
        String savedContext = aggregateContext;
        aggregateContext = "functions in FROM";
        List<Expression> args;
        try {
            args = transformAll(f.args());
        } finally {
            aggregateContext = savedContext;
        }
        if (fn.equals("unnest") && args.size() > 1) {
            return zippedUnnest(args, f);
        }
        if (fn.equals("unnest") && args.size() == 1 && builtinName(f) && args.get(0).type().isArray()
            && (args.get(0).type().isUserDefined() || args.get(0).type().elementType().isComposite())) {
            candidates = new ArrayList<>(candidates); // the registry has unnest per built-in array type only
            candidates.add(org.tuskdb.sql.internal.function.SetReturningFunctions.unnestFor(args.get(0).type()));
        }
        List<FunctionDef> signatures = new ArrayList<>(candidates.size());
        for (var c : candidates) {
            signatures.add(c.signature());
        }
        TypeResolver.Result r = TypeResolver.resolve(signatures, args.stream().map(Expression::type).toList(), false);
        if (r.chosen() == null) {
            if (r.ambiguous()) {
                throw DatabaseException.atPosition(SqlState.AMBIGUOUS_FUNCTION,
                    "function " + signature(fn, args) + " is not unique", ps.position(f.location())).withHint(
                        "Could not choose a best candidate function. You might need to add explicit type casts.");
            }
            throw undefinedFunction(fn, args, f.location());
        }
        var def = candidates.get(signatures.indexOf(r.chosen()));
        Expression[] coerced = new Expression[args.size()];
        for (int i = 0; i < coerced.length; i++) {
            coerced[i] = coerceArg(args.get(i), r.chosen().argType(i), f.args().get(i).location());
        }
        if (r.chosen().impl() instanceof SqlFunctions.Candidate c) {
            UserFunction u = c.function();
            if (u.returnsAnyRecord() && inFrom && defs == null) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "a column definition list is required for functions returning \"record\"", ps.position(f.location()));
            }
            if (!u.returnsAnyRecord() && defs != null) {
                throw columnDefinitionsRefused(u.hasOutParams() ? "redundant for a function with OUT parameters"
                    : u.returnType().isComposite() ? "redundant for a function returning a named composite type"
                    : null, defs);
            }
            return SqlFunctions.tableCall(c, coerced, ps, defs == null ? null : definedColumns(defs));
        }
        if (defs != null) {
            throw columnDefinitionsRefused(null, defs);
        }
        return new FromFunction(def, coerced);
    }

    /** 42601 for a column definition list where the function's result type is not record. */
    DatabaseException columnDefinitionsRefused(String why, Statement.ColumnDefinitions defs) {
        return DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "a column definition list is "
            + (why != null ? why : "only allowed for functions returning \"record\""), ps.position(defs.location()));
    }

    private List<org.tuskdb.sql.internal.catalog.Relation.Column> definedColumns(Statement.ColumnDefinitions defs) {
        List<org.tuskdb.sql.internal.catalog.Relation.Column> out = new ArrayList<>();
        for (int i = 0; i < defs.names().size(); i++) {
            ResolvedType t = resolveType(defs.types().get(i));
            out.add(new org.tuskdb.sql.internal.catalog.Relation.Column(defs.names().get(i), t.type(), t.typmod()));
        }
        return List.copyOf(out);
    }

    /** unnest(a, b, ...) in FROM: every argument an array (unknown literals are not: 42883 as in PostgreSQL). */
    private FromFunction zippedUnnest(List<Expression> args, Expr.FuncCall f) {
        List<PgType> types = new ArrayList<>(args.size());
        for (Expression a : args) {
            if (!a.type().isArray() || a.type().elementType() == null) {
                // PostgreSQL splits the call into ROWS FROM (unnest(a), unnest(b), ...) and fails on that one
                throw undefinedFunction("pg_catalog.unnest", List.of(a), f.location());
            }
            types.add(a.type());
        }
        return new FromFunction(org.tuskdb.sql.internal.function.ZippedUnnest.over(types), args.toArray(new Expression[0]));
    }

    /**
     * A set-returning function in the select list (PostgreSQL 10's ProjectSet): its value is a
     * slot the ProjectSet appends to each row it emits. Elsewhere (WHERE, ORDER BY, inside
     * another set-returning function's arguments) it is refused as PostgreSQL refuses it.
     */
    private Expression setReturning(Expr.FuncCall f) {
        Scope scope = ps.scope();
        List<Query.SrfCall> srfs = scope.srfs;
        if (srfs == null) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in "
                + (aggregateContext != null ? aggregateContext : "WHERE"), ps.position(f.location()));
        }
        if (aggregateDepth > 0) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "aggregate function calls cannot contain set-returning function calls", ps.position(f.location()))
                .withHint("You might be able to move the set-returning function into a LATERAL FROM item.");
        }
        FromFunction call;
        scope.srfs = null; // arguments: no nested set-returning functions (a nested ProjectSet is not there yet)
        try {
            call = tableFunction(f);
        } finally {
            scope.srfs = srfs;
        }
        if (call == null) {
            throw undefinedFunction(f.functionName(), transformAll(f.args()), f.location());
        }
        if (call.def().columns().size() != 1 || call.def().signature().returnType().isComposite()) {
            return addSetReturning(packed(call.def()), call.args());
        }
        return addSetReturning(call.def(), call.args());
    }

    /**
     * A function of several result columns (or of a table's row type) in the select list: one
     * record value per row, (a,b), of the row type when it has one.
     */
    private static org.tuskdb.sql.internal.function.TableFunctionDef packed(
            org.tuskdb.sql.internal.function.TableFunctionDef def) {
        PgType type = def.signature().returnType().isComposite() ? def.signature().returnType() : PgType.recordOf(def.columns().stream().map(org.tuskdb.sql.internal.catalog.Relation.Column::name)
            .toList(), def.columns().stream().map(org.tuskdb.sql.internal.catalog.Relation.Column::type).toList());
        return new org.tuskdb.sql.internal.function.TableFunctionDef(def.signature(),
            List.of(new org.tuskdb.sql.internal.catalog.Relation.Column(def.name(), type, -1)), (a, c) -> {
                var rows = def.producer().open(a, c);
                return () -> {
                    Value[] row = rows.next();
                    return row == null ? null : new Value[] {new org.tuskdb.sql.internal.value.RecordValue(type, row)};
                };
            });
    }

    /** The user-defined functions of the call's name that return a set or a row, as set-returning candidates. */
    private List<org.tuskdb.sql.internal.function.TableFunctionDef> userTableFunctions(Expr.FuncCall f) {
        List<String> name = f.name();
        if (name.size() == 2 && name.get(0).equals("pg_catalog")) {
            return List.of();
        }
        return SqlFunctions.tableCandidates(ps.userFunctions(name.size() == 2 ? name.get(0) : null, f.functionName()),
            variadicCall(f));
    }

    /** A select-list call of a user function declared to return a set (RETURNS SETOF / TABLE). */
    private boolean returnsSet(Expr.FuncCall f) {
        if (f.over() != null || f.filter() != null || f.star() || f.distinct() || f.name().size() > 2) {
            return false;
        }
        for (var t : userTableFunctions(f)) {
            if (((SqlFunctions.Candidate) t.signature().impl()).function().retset()) {
                return true;
            }
        }
        return false;
    }

    /** Registers a select-list set-returning call of the current level; its value is a ProjectSet slot. */
    private Expression addSetReturning(org.tuskdb.sql.internal.function.TableFunctionDef def, Expression[] args) {
        Scope scope = ps.scope();
        scope.srfs.add(new Query.SrfCall(def, args));
        var column = def.columns().get(0);
        org.tuskdb.sql.internal.expr.WindowRef ref = new org.tuskdb.sql.internal.expr.WindowRef(column.type(),
            column.typmod());
        scope.srfRefs.add(ref);
        return ref;
    }

    /**
     * A name that can denote a built-in function: unqualified, in pg_catalog, or
     * information_schema._pg_expandarray (the one function of that schema, a built-in here).
     */
    private static boolean builtinName(Expr.FuncCall f) {
        List<String> name = f.name();
        return name.size() == 1 || name.size() == 2 && (name.get(0).equals("pg_catalog")
            || name.get(0).equals("information_schema") && f.functionName().equals("_pg_expandarray"));
    }

    /** A set-returning function and its bound, coerced arguments. */
    record FromFunction(org.tuskdb.sql.internal.function.TableFunctionDef def, Expression[] args) {}

    DatabaseException undefinedFunction(String fn, List<Expression> args, int location) {
        return DatabaseException.atPosition(SqlState.UNDEFINED_FUNCTION,
            "function " + signature(fn, args) + " does not exist", ps.position(location)).withHint(
                "No function matches the given name and argument types. You might need to add explicit type casts.");
    }

    private static String signature(String fn, List<Expression> args) {
        StringBuilder sb = new StringBuilder(fn).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(args.get(i).type().displayName());
        }
        return sb.append(')').toString();
    }

    // ---- aggregates and subqueries -----------------------------------------------------------

    /** An aggregate call: its arguments are analyzed over the input rows, its result is a slot of the Agg's row. */
    private Expression aggregate(Expr.FuncCall f) {
        Scope scope = ps.scope();
        Grouping g = scope.grouping;
        if (aggregateDepth > 0) {
            throw DatabaseException.atPosition("42803", "aggregate function calls cannot be nested",
                ps.position(f.location()));
        }
        if (g == null) {
            throw DatabaseException.atPosition("42803", "aggregate functions are not allowed in "
                + (aggregateContext != null ? aggregateContext : "this context"), ps.position(f.location()));
        }
        boolean orderedSet = org.tuskdb.sql.internal.function.AggregateFunction.isOrderedSetName(f.functionName());
        if (f.withinGroup() && orderedSet) {
            // direct arguments are per group: only grouped columns (their values are taken per row below)
            try {
                transformAll(f.args());
            } catch (DatabaseException e) {
                throw e.sqlState().equals("42803") && e.detail() == null
                    ? e.withDetail("Direct arguments of an ordered-set aggregate must use only grouped columns.") : e;
            }
        }
        List<Expression> args;
        Expression filter = null;
        List<Aggregation.SortExpr> order = new ArrayList<>();
        scope.grouping = null;
        List<org.tuskdb.sql.internal.analyze.WindowCall> windows = scope.windows;
        scope.windows = null;
        aggregateDepth++;
        String savedContext = aggregateContext;
        try {
            args = transformAll(f.args());
            aggregateContext = "FILTER";
            if (f.filter() != null) {
                filter = toBoolean(transform(f.filter()), "FILTER", f.filter().location());
            }
            for (org.tuskdb.sql.internal.ast.Statement.SortBy by : f.aggOrder()) {
                Expression k = Coercion.resolveUnknown(transform(by.expr()), ps);
                resolveOperator("<", k.type(), k.type(), by.location());
                order.add(new Aggregation.SortExpr(k, by.descending(),
                    by.nullsFirst() != null ? by.nullsFirst() : by.descending()));
            }
        } finally {
            aggregateContext = savedContext;
            aggregateDepth--;
            scope.grouping = g;
            scope.windows = windows;
        }
        if (orderedSet != f.withinGroup()) {
            // PostgreSQL looks the call up with the direct and the ordered arguments and finds nothing
            List<Expression> all = new ArrayList<>(args);
            for (Aggregation.SortExpr k : order) {
                all.add(k.expr());
            }
            throw undefinedFunction(f.functionName(), all, f.location());
        }
        List<Integer> locations = new ArrayList<>();
        for (Expr a : f.args()) {
            locations.add(a.location());
        }
        if (orderedSet) {
            // the sort value goes first, the direct arguments after it (StatisticalAggregates)
            List<Expression> all = new ArrayList<>();
            for (Aggregation.SortExpr k : order) {
                all.add(k.expr());
            }
            all.addAll(args);
            args = all;
            for (int i = f.aggOrder().size() - 1; i >= 0; i--) {
                locations.addFirst(f.aggOrder().get(i).location());
            }
        }
        List<PgType> types = args.stream().map(a -> a.type().baseType()).toList();
        org.tuskdb.sql.internal.function.AggregateFunction af = orderedSet && order.size() != 1 ? null
            : org.tuskdb.sql.internal.function.AggregateFunction.resolve(f.functionName(), types, f.star(), ps.functions());
        if (af == null) {
            if (f.star()) {
                throw DatabaseException.atPosition("42809",
                    f.functionName() + "(*) specified, but " + f.functionName() + " is not an aggregate function",
                    ps.position(f.location()));
            }
            throw undefinedFunction(f.functionName(), args, f.location());
        }
        Expression[] coerced = new Expression[args.size()];
        for (int i = 0; i < coerced.length; i++) {
            coerced[i] = coerceArg(args.get(i), af.argTypes().get(i), locations.get(i));
        }
        return g.aggregateRef(new Aggregation.AggCall(af, coerced, f.distinct(), filter, List.copyOf(order)));
    }

    /** 42883 for a call whose WITHIN GROUP use does not fit the function, with all its arguments' types. */
    private DatabaseException undefinedWithinGroup(Expr.FuncCall f) {
        List<Expression> all = new ArrayList<>(transformAll(f.args()));
        for (org.tuskdb.sql.internal.ast.Statement.SortBy by : f.aggOrder()) {
            all.add(transform(by.expr()));
        }
        return undefinedFunction(f.functionName(), all, f.location());
    }

    private int windowDepth;

    /** A window function call: its value is a slot the WindowAgg appends to the level's rows. */
    private Expression window(Expr.FuncCall raw) {
        Scope scope = ps.scope();
        Expr.FuncCall f = WindowFrames.resolveNamed(raw, scope.namedWindows, ps);
        String fn = f.functionName();
        if (windowDepth > 0) {
            throw DatabaseException.atPosition("42P20", "window function calls cannot be nested", ps.position(f.location()));
        }
        if (aggregateDepth > 0) {
            throw DatabaseException.atPosition("42803", "aggregate function calls cannot contain window function calls",
                ps.position(f.location()));
        }
        if (scope.windows == null) {
            throw DatabaseException.atPosition("42P20", "window functions are not allowed in "
                + (aggregateContext != null ? aggregateContext : "this context"), ps.position(f.location()));
        }
        if (f.distinct()) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "DISTINCT is not implemented for window functions", ps.position(f.location()));
        }
        if (f.filter() != null || !f.aggOrder().isEmpty()) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "FILTER and ORDER BY in window function calls are not supported yet", ps.position(f.location()));
        }
        List<Expression> args;
        List<Expression> partition = new ArrayList<>();
        List<Aggregation.SortExpr> order = new ArrayList<>();
        windowDepth++;
        try {
            args = transformAll(f.args());
            for (Expr p : f.over().partitionBy()) {
                partition.add(Coercion.resolveUnknown(transform(p), ps));
            }
            for (org.tuskdb.sql.internal.ast.Statement.SortBy by : f.over().orderBy()) {
                Expression k = Coercion.resolveUnknown(transform(by.expr()), ps);
                resolveOperator("<", k.type(), k.type(), by.location());
                order.add(new Aggregation.SortExpr(k, by.descending(),
                    by.nullsFirst() != null ? by.nullsFirst() : by.descending()));
            }
        } finally {
            windowDepth--;
        }
        org.tuskdb.sql.internal.analyze.WindowCall call;
        switch (fn) {
            case "row_number", "rank", "dense_rank" -> {
                if (!args.isEmpty() || f.star()) {
                    throw undefinedFunction(fn, args, f.location());
                }
                call = new org.tuskdb.sql.internal.analyze.WindowCall(fn, null, new Expression[0], partition, order,
                    PgType.INT8);
            }
            case "percent_rank", "cume_dist", "ntile", "first_value", "last_value", "nth_value" ->
                call = WindowFrames.valueFunction(this, ps, f, args, partition, order);
            case "lag", "lead" -> {
                if (args.isEmpty() || args.size() > 3) {
                    throw undefinedFunction(fn, args, f.location());
                }
                Expression value = Coercion.resolveUnknown(args.get(0), ps);
                Expression[] a = new Expression[args.size()];
                a[0] = value;
                if (args.size() > 1) {
                    a[1] = coerceArg(args.get(1), PgType.INT4, f.args().get(1).location());
                }
                if (args.size() > 2) {
                    a[2] = Coercion.coerceAll(List.of(args.get(2)), List.of(f.args().get(2).location()), value.type(),
                        fn, ps)[0];
                }
                call = new org.tuskdb.sql.internal.analyze.WindowCall(fn, null, a, partition, order, value.type());
            }
            default -> {
                List<PgType> types = args.stream().map(a -> a.type().baseType()).toList();
                org.tuskdb.sql.internal.function.AggregateFunction af = name(f).size() == 1
                    ? org.tuskdb.sql.internal.function.AggregateFunction.resolve(fn, types, f.star(), ps.functions()) : null;
                if (af == null) {
                    if (ps.functions().functions(fn).isEmpty()) {
                        throw undefinedFunction(fn, args, f.location());
                    }
                    throw DatabaseException.atPosition("42809", "OVER specified, but " + fn
                        + " is not a window function nor an aggregate function", ps.position(f.location()));
                }
                Expression[] coerced = new Expression[args.size()];
                for (int i = 0; i < coerced.length; i++) {
                    coerced[i] = coerceArg(args.get(i), af.argTypes().get(i), f.args().get(i).location());
                }
                call = new org.tuskdb.sql.internal.analyze.WindowCall(fn, af, coerced, partition, order, af.resultType());
            }
        }
        call = WindowFrames.framed(call, this, ps, f.over(), order);
        scope.windows.add(call);
        org.tuskdb.sql.internal.expr.WindowRef ref = new org.tuskdb.sql.internal.expr.WindowRef(call.type(), -1);
        scope.windowRefs.add(ref);
        return ref;
    }

    private static List<String> name(Expr.FuncCall f) {
        return f.name();
    }

    private Expression subLink(Expr.SubLink l) {
        return subLink(l, null, null, -1);
    }

    /** A sublink; with {@code row}, the right side of {@code row op (subquery)}. */
    private Expression subLink(Expr.SubLink l, Expr.Row row, String rowOp, int rowOpLocation) {
        int[] tracker = ps.scope().outerDepth;
        Query q;
        boolean correlated = false;
        if (tracker == null) {
            q = subqueries.analyzeQuery(l.subquery());
        } else {
            int saved = tracker[0];
            tracker[0] = Integer.MAX_VALUE;
            try {
                q = subqueries.analyzeQuery(l.subquery());
            } finally {
                correlated = tracker[0] <= ps.scope().depth;
                tracker[0] = Math.min(saved, tracker[0]);
            }
        }
        org.tuskdb.sql.internal.plan.Plan plan = org.tuskdb.sql.internal.plan.Planner.plan(q).root();
        if (row != null) {
            return new RowExpressions(this, ps).compareSubquery(rowOp, row, q, plan, correlated, rowOpLocation);
        }
        if ((l.kind() == Expr.SubLinkKind.ANY || l.kind() == Expr.SubLinkKind.ALL) && l.testExpr() instanceof Expr.Row) {
            return new RowExpressions(this, ps).quantified(l, q, plan, correlated);
        }
        switch (l.kind()) {
            case EXISTS:
                return new org.tuskdb.sql.internal.plan.SubPlanExpr(l.kind(), plan, PgType.BOOL, -1, null, null, correlated);
            case ARRAY: {
                if (q.visible() != 1) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "subquery must return only one column",
                        ps.position(l.location()));
                }
                ResultColumn c = q.columns().get(0);
                PgType array = PgType.arrayOf(c.type() == PgType.UNKNOWN ? PgType.TEXT : c.type());
                if (array == null) {
                    throw DatabaseException.atPosition(SqlState.UNDEFINED_OBJECT,
                        "could not find array type for data type " + c.type().displayName(), ps.position(l.location()));
                }
                return new org.tuskdb.sql.internal.plan.SubPlanExpr(l.kind(), plan, array, -1, null, null, correlated);
            }
            case EXPR: {
                if (q.visible() != 1) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                        q.visible() > 1 ? "subquery must return only one column" : "subquery must return a column",
                        ps.position(l.location()));
                }
                ResultColumn c = q.columns().get(0);
                return new org.tuskdb.sql.internal.plan.SubPlanExpr(l.kind(), plan, c.type(), c.typmod(), null, null, correlated);
            }
            default: {
                if (q.visible() != 1) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                        q.visible() > 1 ? "subquery has too many columns" : "subquery has too few columns",
                        ps.position(l.location()));
                }
                Expression test = transform(l.testExpr());
                ResultColumn c = q.columns().get(0);
                if (test.type() == PgType.UNKNOWN) {
                    test = Coercion.coerce(test, c.type() == PgType.UNKNOWN ? PgType.TEXT : c.type(), -1,
                        Casts.Context.IMPLICIT, ps, l.testExpr().location());
                }
                Expression left = new org.tuskdb.sql.internal.expr.ColumnVar(0, test.type(), test.typmod(), "?");
                Expression right = new org.tuskdb.sql.internal.expr.ColumnVar(1, c.type(), c.typmod(), c.name());
                Expression cmp = makeOperator(l.op(), left, right, l.location());
                if (cmp.type() != PgType.BOOL) {
                    throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH,
                        "op ANY/ALL (array) requires operator to yield boolean", ps.position(l.location()));
                }
                return new org.tuskdb.sql.internal.plan.SubPlanExpr(l.kind(), plan, PgType.BOOL, -1, test, cmp, correlated,
                    l.op().equals("=") && org.tuskdb.sql.internal.plan.Planner.hashable(test.type(), c.type()));
            }
        }
    }
}
