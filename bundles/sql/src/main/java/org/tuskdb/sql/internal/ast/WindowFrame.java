package org.tuskdb.sql.internal.ast;

/**
 * A window's frame clause, {@code {ROWS | RANGE | GROUPS} {start | BETWEEN start AND end} [EXCLUDE
 * ...]}; {@code E} is the type of the offsets (a raw {@code Expr} from the parser, a bound
 * {@code Expression} after analysis). Without BETWEEN the end is CURRENT ROW.
 */
public record WindowFrame<E>(Mode mode, Bound<E> start, Bound<E> end, Exclusion exclusion) {
    public enum Mode { ROWS, RANGE, GROUPS }

    public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    public enum Exclusion { NO_OTHERS, CURRENT_ROW, GROUP, TIES }

    /** One end of the frame; offset is set for PRECEDING / FOLLOWING. */
    public record Bound<E>(BoundKind kind, E offset, int location) {}
}
