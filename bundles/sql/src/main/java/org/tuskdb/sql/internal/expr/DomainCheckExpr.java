package org.tuskdb.sql.internal.expr;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.DatabaseException.ErrorObject;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * A value becoming a domain's (PostgreSQL's CoerceToDomain): its argument, already of the base
 * type, checked against the domain's NOT NULL (23502 "domain d does not allow null values") and
 * CHECK constraints in name order (23514 "value for domain d violates check constraint "c""; a
 * NULL result passes). The checks were analyzed over one column, VALUE, when this was made, so a
 * change of the domain reaches plans through the catalog generation like any other DDL. Only
 * coercions to a domain make one: tables without domain columns pay nothing per row.
 */
public final class DomainCheckExpr extends Expression {
    private final Expression arg;
    private final PgType domain;
    private final boolean notNull;
    private final String[] names;
    private final Expression[] checks;

    public DomainCheckExpr(Expression arg, PgType domain, boolean notNull, String[] names, Expression[] checks) {
        this.arg = arg;
        this.domain = domain;
        this.notNull = notNull;
        this.names = names;
        this.checks = checks;
    }

    public Expression arg() { return arg; }

    @Override public PgType type() { return domain; }

    @Override public int typmod() { return arg.typmod(); }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value v = arg.eval(row, ctx);
        if (v == null && notNull) {
            throw DatabaseException.error("23502", "domain " + domain.displayName() + " does not allow null values")
                .withDataType(domain.schemaName(), domain.name());
        }
        if (checks.length > 0) {
            Value[] value = {v};
            for (int i = 0; i < checks.length; i++) {
                if (checks[i].eval(value, ctx) instanceof BoolValue b && !b.value()) {
                    throw DatabaseException.error("23514", "value for domain " + domain.displayName()
                        + " violates check constraint \"" + names[i] + "\"").withObject(new ErrorObject(
                            domain.schemaName(), null, null, domain.name(), names[i]));
                }
            }
        }
        return v;
    }
}
