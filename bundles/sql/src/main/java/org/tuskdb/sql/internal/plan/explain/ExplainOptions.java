package org.tuskdb.sql.internal.plan.explain;

/**
 * The options of one EXPLAIN: {@code EXPLAIN [ANALYZE] [VERBOSE] stmt} or the parenthesized list
 * {@code (ANALYZE, VERBOSE, COSTS, TIMING, SUMMARY, BUFFERS, FORMAT TEXT | JSON | YAML | XML)};
 * summary null means PostgreSQL's default (on with ANALYZE); format: TEXT gives one row per line,
 * the others one row holding the whole document.
 */
public record ExplainOptions(boolean analyze, boolean verbose, boolean costs, boolean timing, Boolean summary,
                             boolean buffers, Format format) {
    public static final ExplainOptions DEFAULT = new ExplainOptions(false, false, true, true, null, false, Format.TEXT);

    /** EXPLAIN's output formats (explain.c's EXPLAIN_FORMAT_*). */
    public enum Format { TEXT, XML, JSON, YAML }

    /**
     * The "QUERY PLAN" column's type: json under FORMAT JSON, as PostgreSQL's ExplainResultDesc;
     * text otherwise (PostgreSQL types FORMAT XML's column xml, a type Tusk lacks; psql prints both alike).
     */
    public org.tuskdb.sql.internal.value.PgType resultType() {
        return format == Format.JSON ? org.tuskdb.sql.internal.value.PgType.JSON
            : org.tuskdb.sql.internal.value.PgType.TEXT;
    }

    public boolean showSummary() {
        return summary != null ? summary : analyze;
    }
}
