package org.tuskdb.sql.internal.plan.explain;

/**
 * The options of one EXPLAIN: {@code EXPLAIN [ANALYZE] [VERBOSE] stmt} or the parenthesized list
 * {@code (ANALYZE, VERBOSE, COSTS, TIMING, SUMMARY, BUFFERS, FORMAT TEXT)}; summary null means
 * PostgreSQL's default (on with ANALYZE).
 */
public record ExplainOptions(boolean analyze, boolean verbose, boolean costs, boolean timing, Boolean summary,
                             boolean buffers) {
    public static final ExplainOptions DEFAULT = new ExplainOptions(false, false, true, true, null, false);

    public boolean showSummary() {
        return summary != null ? summary : analyze;
    }
}
