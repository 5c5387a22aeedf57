package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * A value a plan node appends to its input rows: a window function's result (WindowAgg), or a
 * set-returning function's current value in the select list (ProjectSet). The slot is known
 * only when the query level's analysis ends (after the aggregates, whose results come first);
 * the analyzer sets it then, before anything evaluates or shares the tree.
 */
public final class WindowRef extends Expression {
    private final PgType type;
    private final int typmod;
    private int slot = -1;

    public WindowRef(PgType type, int typmod) {
        this.type = type;
        this.typmod = typmod;
    }

    /** Called once, by the analyzer, when the level's input width is known. */
    public void setSlot(int slot) {
        if (this.slot >= 0) {
            throw new IllegalStateException("slot already set");
        }
        this.slot = slot;
    }

    @Override public PgType type() { return type; }
    @Override public int typmod() { return typmod; }
    @Override public Value eval(Value[] row, EvalContext ctx) { return row[slot]; }
}
