package org.tuskdb.sql.internal.plpgsql;

import java.util.List;
import org.tuskdb.sql.internal.value.PgType;

/**
 * A compiled PL/pgSQL body: its tree and its variables (slots 0..nargs-1 the parameters, then
 * FOUND, then the declared ones). Shown as {@code name} in CONTEXT lines ("inline_code_block",
 * "f(integer)"). The tree's {@link PlQuery}s keep their plans, so one PlFunction per session.
 */
public record PlFunction(String name, List<Var> vars, int nargs, int foundSlot, PlStmt.Block body,
                         PgType returnType) {

    /** A variable: a record has no type until assigned (type null). */
    public record Var(String name, PgType type, int typmod, boolean constant, boolean notNull) {
        boolean isRecord() { return type == null; }
    }
}
