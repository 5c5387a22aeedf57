package org.tuskdb.sql.internal.plpgsql;

import java.util.List;
import org.tuskdb.sql.internal.value.PgType;

/**
 * A compiled PL/pgSQL body: its tree and its variables (slots 0..nargs-1 the parameters, then
 * FOUND, then the declared ones). Shown as {@code name} in CONTEXT lines ("inline_code_block",
 * "f(integer)"). The tree's {@link PlQuery}s keep their plans, so one PlFunction per session.
 * {@code retset}: RETURNS SETOF / TABLE (RETURN NEXT / QUERY add rows); {@code outSlots}: the
 * variables of the OUT / INOUT / TABLE parameters in result column order, or null.
 */
public record PlFunction(String name, List<Var> vars, int nargs, int foundSlot, PlStmt.Block body,
                         PgType returnType, boolean retset, int[] outSlots) {

    /**
     * A variable: a record has no type until assigned (type null); a {@code tbl%ROWTYPE} or
     * {@code tbl} one (and a parameter of a table's type) is a record with the table's columns as
     * its fixed layout ({@code rowType}, else null) and the table's row type as {@code type}.
     */
    public record Var(String name, PgType type, int typmod, boolean constant, boolean notNull,
                      List<org.tuskdb.sql.internal.analyze.ResultColumn> rowType) {
        public Var(String name, PgType type, int typmod, boolean constant, boolean notNull) {
            this(name, type, typmod, constant, notNull, null);
        }

        /** record, a %ROWTYPE or a table's row type: the value lives in the interpreter's records. */
        boolean isRecord() { return type == null || type.isComposite(); }
    }
}
