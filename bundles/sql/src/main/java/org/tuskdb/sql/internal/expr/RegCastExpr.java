package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.catalog.CatalogNames;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * A conversion to regclass or regnamespace: text input is looked up in the catalog (42P01 /
 * 3F000 when missing), a number is taken as the oid; the result carries the name it prints as,
 * resolved now (PostgreSQL resolves it in regclassout), so the value class needs no catalog.
 * A number as regproc / regprocedure ({@code p.oid::regprocedure}) is labelled by the session's
 * pg_proc over the built-ins, which the analyzer passes as the labeler.
 */
public final class RegCastExpr extends Expression {
    private final Expression arg;
    private final PgType type;
    /** The literal's 1-based position for input errors (PostgreSQL reads a literal at parse time), or 0. */
    private final int position;
    /** regprocout / regprocedureout of an oid, or null for the catalog-read types. */
    private final java.util.function.LongFunction<OidValue> labeler;

    public RegCastExpr(Expression arg, PgType type, int position) {
        this(arg, type, position, null);
    }

    public RegCastExpr(Expression arg, PgType type, int position, java.util.function.LongFunction<OidValue> labeler) {
        this.arg = arg;
        this.type = type;
        this.position = position;
        this.labeler = labeler;
    }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value v = arg.eval(row, ctx);
        if (v == null) {
            return null;
        }
        if (labeler != null) {
            return labeler.apply(CatalogNames.oid(v));
        }
        long oid;
        if (v instanceof TextValue t) {
            try {
                oid = type == PgType.REGCLASS ? CatalogNames.relationOid(ctx.storage(), t.textValue())
                    : type == PgType.REGTYPE ? CatalogNames.typeOid(ctx.storage(), t.textValue())
                    : CatalogNames.namespaceOidOf(ctx.storage(), t.textValue());
            } catch (org.tuskdb.api.DatabaseException e) {
                throw position > 0 && e.position() == 0 ? e.withPosition(position) : e;
            }
        } else {
            oid = CatalogNames.oid(v);
        }
        return make(ctx, type, oid);
    }

    public static OidValue make(EvalContext ctx, PgType type, long oid) {
        if (type == PgType.REGTYPE) {
            // regtypeout: the type's format_type name, a user-defined type's read through the catalog
            PgType t = oid == 0 ? null : CatalogNames.typeByOid(ctx.storage(), oid);
            return t == null ? new OidValue(type, oid, oid == 0 ? "-" : Long.toString(oid))
                : new OidValue(type, oid, t.displayName());
        }
        if (oid == 0) {
            return new OidValue(type, 0, "-");
        }
        String label = type == PgType.REGCLASS ? CatalogNames.relationLabel(ctx.storage(), oid)
            : CatalogNames.namespaceLabel(ctx.storage(), oid);
        return new OidValue(type, oid, label);
    }
}
