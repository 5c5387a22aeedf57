package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.expr.CastExpr;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.ParamRef;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.Value;

/**
 * coerce_type and select_common_type: how an expression becomes another type. An unknown
 * literal is read by the target type's input function right here (so a bad literal is an
 * error at its position even if no row is ever produced, as in PostgreSQL); an unknown
 * parameter takes the target type; anything else gets a CastExpr if pg_cast allows it in the
 * context.
 */
final class Coercion {
    /**
     * regprocin / regprocedurein of a function created with CREATE FUNCTION: [schema.]name for
     * regproc (unique by name), [schema.]name(type, ...) for regprocedure; null when none matches.
     */
    private static org.tuskdb.sql.internal.value.OidValue userRoutine(String text, PgType target, ParseState ps) {
        String s = text.strip();
        int open = s.indexOf('(');
        if (target == PgType.REGPROCEDURE && (open < 0 || !s.endsWith(")"))) {
            return null;
        }
        List<String> parts = org.tuskdb.sql.internal.catalog.CatalogNames.splitName(open < 0 ? s : s.substring(0, open).strip());
        if (parts.isEmpty() || parts.size() > 2) {
            return null;
        }
        String schema = parts.size() == 2 ? parts.get(0) : null;
        String name = parts.getLast();
        List<org.tuskdb.sql.internal.catalog.UserFunction> found = ps.userFunctions(schema, name);
        if (target == PgType.REGPROC) {
            return found.size() == 1 ? new org.tuskdb.sql.internal.value.OidValue(PgType.REGPROC, found.get(0).oid(), name)
                : null;
        }
        String inner = s.substring(open + 1, s.length() - 1).strip();
        List<PgType> types = new java.util.ArrayList<>();
        for (String arg : inner.isEmpty() ? new String[0] : inner.split(",")) {
            PgType t;
            try {
                t = PgType.byOid((int) ((org.tuskdb.sql.internal.value.OidValue) TypeInput.parse(PgType.REGTYPE, -1,
                    arg.strip(), SessionStyle.utc())).value());
            } catch (DatabaseException notBuiltin) {
                t = ps.userTypeNamed(arg.strip());
            }
            if (t == null) {
                return null;
            }
            types.add(t);
        }
        for (org.tuskdb.sql.internal.catalog.UserFunction f : found) {
            if (f.argTypes().equals(types)) {
                List<String> shown = types.stream().map(PgType::displayName).toList();
                return new org.tuskdb.sql.internal.value.OidValue(PgType.REGPROCEDURE, f.oid(),
                    name + "(" + String.join(",", shown) + ")");
            }
        }
        return null;
    }

    private Coercion() {}

    /**
     * Literal input that depends on the session (timestamptz without a zone, 'now') is
     * evaluated at run time instead, so a prepared statement does not freeze it.
     */
    private static boolean inputIsSessionDependent(PgType t) {
        return t == PgType.TIMESTAMPTZ || t == PgType.TIMESTAMP || t == PgType.DATE || t == PgType.TIME
            || t == PgType.TIMETZ;
    }

    static Expression coerce(Expression e, PgType target, int typmod, Casts.Context context, ParseState ps,
                             int location) {
        PgType source = e.type();
        if (PgType.same(source, target) && (typmod < 0 || typmod == e.typmod())) {
            return e;
        }
        if (target.isDomain()) {
            return toDomain(e, target, context, ps, location);
        }
        if (source.isDomain()) {
            // a domain's values are its base type's: read them as such (operators and functions see the base type)
            return coerce(asBaseType(e), target, typmod, context, ps, location);
        }
        if (target == PgType.ANY) {
            return e;
        }
        if (target == PgType.ANYNONARRAY) {
            return source == PgType.UNKNOWN ? coerce(e, PgType.TEXT, -1, context, ps, location) : e;
        }
        if (target == PgType.REGTYPE && source == PgType.UNKNOWN && e instanceof Const c && c.value() != null) {
            // regtypein at analysis time, as PostgreSQL reads a literal: built-in names, then user types
            String text = ((TextValue) c.value()).value();
            try {
                return new Const(TypeInput.parse(PgType.REGTYPE, -1, text, SessionStyle.utc()), target, -1, c.location());
            } catch (DatabaseException ex) {
                PgType user = ps.userTypeNamed(text);
                if (user == null) {
                    throw ex.position() == 0 ? ex.withPosition(ps.position(c.location())) : ex;
                }
                return new Const(new org.tuskdb.sql.internal.value.OidValue(PgType.REGTYPE, user.oid(), user.displayName()),
                    target, -1, c.location());
            }
        }
        if (target == PgType.REGTYPE && !(e instanceof ParamRef) && source != PgType.UNKNOWN
            && (source.isString() || source.isInteger() || source == PgType.OID)) {
            return new org.tuskdb.sql.internal.expr.RegCastExpr(e, target, 0);
        }
        if ((target == PgType.REGCLASS || target == PgType.REGNAMESPACE) && !(e instanceof ParamRef)
            && (source == PgType.UNKNOWN || source.isString() || source.isInteger() || source == PgType.OID)) {
            Expression in = source == PgType.UNKNOWN && e instanceof Const c
                ? new Const(c.value() == null ? null : TextValue.text(((TextValue) c.value()).value()), PgType.TEXT, -1,
                    c.location())
                : e;
            return new org.tuskdb.sql.internal.expr.RegCastExpr(in, target,
                source == PgType.UNKNOWN && e instanceof Const c ? ps.position(c.location()) : 0);
        }
        if ((target == PgType.REGPROC || target == PgType.REGPROCEDURE) && source == PgType.UNKNOWN
            && e instanceof Const c && c.value() != null) {
            String text = ((TextValue) c.value()).value();
            try {
                return new Const(target == PgType.REGPROC ? ps.functions().procs().regprocIn(text)
                    : ps.functions().procs().regprocedureIn(text), target, -1, c.location());
            } catch (DatabaseException ex) {
                org.tuskdb.sql.internal.value.OidValue user = userRoutine(text, target, ps);
                if (user != null) {
                    return new Const(user, target, -1, c.location());
                }
                throw ex.withPosition(ps.position(c.location()));
            }
        }
        if ((target == PgType.REGPROC || target == PgType.REGPROCEDURE) && !(e instanceof ParamRef)
            && (source.isInteger() || source == PgType.OID)) {
            // regprocout / regprocedureout print the function's name (and argument types)
            org.tuskdb.sql.internal.function.PgProc procs = ps.functions().procs();
            return new org.tuskdb.sql.internal.expr.RegCastExpr(e, target, 0, oid -> procs.regprocOut(target, oid));
        }
        if (source == PgType.UNKNOWN) {
            if (e instanceof ParamRef p) {
                ps.params().resolve(p.index(), target);
                Expression param = new ParamRef(p.index(), target);
                return typmod >= 0 ? new CastExpr(param, target, typmod, context == Casts.Context.EXPLICIT) : param;
            }
            if (e instanceof Const c) {
                if (c.value() == null) {
                    return new Const(null, target, typmod, c.location());
                }
                String text = ((TextValue) c.value()).value();
                Value v;
                try {
                    // Input without the modifier, then the modifier with the context's rules
                    // (an explicit cast truncates 'abc'::char(2), an implicit one would fail).
                    v = TypeInput.parse(target, target == PgType.INTERVAL ? typmod : -1, text, SessionStyle.utc());
                } catch (DatabaseException ex) {
                    throw ex.position() == 0 ? ex.withPosition(ps.position(c.location())) : ex;
                }
                // the length coercion is a run-time function in PostgreSQL: its errors
                // (22001 value too long, 22003 numeric field overflow) carry no position
                v = Casts.applyTypmod(v, typmod, context == Casts.Context.EXPLICIT);
                if (inputIsSessionDependent(target)) {
                    // checked above for syntax; the value itself is read when the statement runs
                    return new CastExpr(new Const(TextValue.text(text), PgType.TEXT, -1, c.location()), target,
                        typmod, true);
                }
                return new Const(v, target, typmod, c.location());
            }
        }
        Casts.Context allowed = Casts.context(source, target);
        if (allowed == null || allowed.compareTo(context) > 0) {
            if (context == Casts.Context.EXPLICIT) {
                DatabaseException refused = DatabaseException.atPosition(SqlState.CANNOT_COERCE,
                    "cannot cast type " + source.displayName() + " to " + target.displayName(), ps.position(location));
                if (target.isComposite() && source.isRecord() && !source.isComposite() && source.fieldCount() > 0) {
                    // coerce_record_to_complex's count check
                    refused = refused.withDetail(source.fieldCount() < target.fieldCount() ? "Input has too few columns."
                        : "Input has too many columns.");
                }
                throw refused;
            }
            throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH,
                "cannot coerce type " + source.displayName() + " to " + target.displayName(), ps.position(location));
        }
        return new CastExpr(e, target, typmod, context == Casts.Context.EXPLICIT);
    }

    /** An expression of a domain type as its base type (no run-time work: the values are the base type's). */
    static Expression asBaseType(Expression e) {
        PgType base = e.type().baseType();
        if (e instanceof org.tuskdb.sql.internal.expr.ColumnVar v) {
            return new org.tuskdb.sql.internal.expr.ColumnVar(v.index(), base, e.type().baseTypmod(v.typmod()), v.name());
        }
        return new CastExpr(e, base, e.type().baseTypmod(e.typmod()), false);
    }

    /**
     * coerce_to_domain: the value converted to the domain's base type and modifier as the context
     * allows (an unknown literal read by the base type's input), then checked against the domain's
     * constraints ({@link org.tuskdb.sql.internal.expr.DomainCheckExpr}; a domain over a domain checks
     * the inner one first).
     */
    private static Expression toDomain(Expression e, PgType domain, Casts.Context context, ParseState ps, int location) {
        PgType.Domain d = domain.domain();
        Expression base = coerce(e, d.base(), d.typmod(), context, ps, location);
        if (!d.notNull() && d.checks().isEmpty()) {
            return new org.tuskdb.sql.internal.expr.DomainCheckExpr(base, domain, false, new String[0], new Expression[0]);
        }
        String[] names = new String[d.checks().size()];
        Expression[] checks = new Expression[names.length];
        for (int i = 0; i < names.length; i++) {
            PgType.DomainCheck c = d.checks().get(i);
            names[i] = c.name();
            ParseState cps = new ParseState(c.text(), ps.functions(), ParseState.RelationLookup.NONE, ParamTypes.none());
            checks[i] = StoredExpressions.domainCheck(org.tuskdb.sql.internal.parser.Parser.parseExpression(c.text()),
                d.base(), d.typmod(), cps, 0);
        }
        return new org.tuskdb.sql.internal.expr.DomainCheckExpr(base, domain, d.notNull(), names, checks);
    }

    /** The value of a literal or parameter that is still unknown: text, as PostgreSQL resolves it. */
    static Expression resolveUnknown(Expression e, ParseState ps) {
        if (e.type() == PgType.UNKNOWN) {
            if (e instanceof ParamRef p) {
                ps.params().defaultedToText(p.index());
            }
            return coerce(e, PgType.TEXT, -1, Casts.Context.IMPLICIT, ps, -1);
        }
        return e;
    }

    /**
     * select_common_type: the type CASE branches, COALESCE / GREATEST arguments and VALUES
     * columns are brought to. All unknown gives text; otherwise the first known type, replaced
     * by a later one of the same category when that one is preferred or the first converts to
     * it implicitly but not back. A different category is 42804.
     */
    static PgType commonType(List<Expression> exprs, List<Integer> locations, String context, ParseState ps) {
        PgType chosen = null;
        for (int i = 0; i < exprs.size(); i++) {
            PgType t = exprs.get(i).type();
            if (t == PgType.UNKNOWN) {
                continue;
            }
            if (chosen == null) {
                chosen = t;
                continue;
            }
            if (t == chosen) {
                continue;
            }
            if (t.category() != chosen.category()) {
                throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH,
                    context + " types " + chosen.displayName() + " and " + t.displayName() + " cannot be matched",
                    ps.position(locations.get(i)));
            }
            if (!chosen.isPreferred() && Casts.canCoerceImplicitly(chosen, t) && !Casts.canCoerceImplicitly(t, chosen)) {
                chosen = t;
            }
        }
        return chosen == null ? PgType.TEXT : chosen;
    }

    /** Coerces each to the common type; 42846 style errors name the context. */
    static Expression[] coerceAll(List<Expression> exprs, List<Integer> locations, PgType type, String context,
                                  ParseState ps) {
        Expression[] out = new Expression[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            Expression e = exprs.get(i);
            if (e.type() != type && e.type() != PgType.UNKNOWN && !Casts.canCoerceImplicitly(e.type(), type)) {
                throw DatabaseException.atPosition(SqlState.CANNOT_COERCE,
                    context + " could not convert type " + e.type().displayName() + " to " + type.displayName(),
                    ps.position(locations.get(i)));
            }
            out[i] = coerce(e, type, -1, Casts.Context.IMPLICIT, ps, locations.get(i));
        }
        return out;
    }
}
