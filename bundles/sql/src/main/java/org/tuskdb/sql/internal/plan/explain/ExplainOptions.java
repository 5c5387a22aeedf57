package org.tuskdb.sql.internal.plan.explain;

/**
 * The options of one EXPLAIN: {@code EXPLAIN [ANALYZE] [VERBOSE] stmt} or the parenthesized list
 * {@code (ANALYZE, VERBOSE, COSTS, TIMING, SUMMARY, BUFFERS, FORMAT TEXT | JSON)}; summary null means
 * PostgreSQL's default (on with ANALYZE); json: FORMAT JSON (one json row instead of text lines).
 */
public record ExplainOptions(boolean analyze, boolean verbose, boolean costs, boolean timing, Boolean summary,
                             boolean buffers, boolean json) {
    public static final ExplainOptions DEFAULT = new ExplainOptions(false, false, true, true, null, false, false);

    /** The "QUERY PLAN" column's type: json under FORMAT JSON, as PostgreSQL's ExplainResultDesc. */
    public org.tuskdb.sql.internal.value.PgType resultType() {
        return json ? org.tuskdb.sql.internal.value.PgType.JSON : org.tuskdb.sql.internal.value.PgType.TEXT;
    }

    public boolean showSummary() {
        return summary != null ? summary : analyze;
    }
}
