package org.tuskdb.sql.internal.parser;

import java.util.Set;

/**
 * PostgreSQL's keyword classes (src/include/parser/kwlist.h). Reserved words can never be a bare
 * column name or alias; type/function-name words can name a function or type but not a
 * column. Every other keyword is recognized by context and stays usable as an identifier.
 */
final class Keywords {
    private Keywords() {}

    static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
        "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
        "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
        "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
        "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
        "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
        "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table",
        "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
        "window", "with");

    static final Set<String> TYPE_FUNC_NAME = Set.of("authorization", "binary", "collation", "concurrently",
        "cross", "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like",
        "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");

    /** Words an expression would swallow as an operator; they cannot be a bare (AS-less) alias. */
    static final Set<String> NOT_BARE_LABEL = Set.of("between", "is", "isnull", "notnull", "like", "ilike",
        "similar", "in", "not", "at", "collate", "escape", "over", "filter", "within", "day", "hour", "minute",
        "month", "second", "year", "varying", "without", "precision", "character", "interval", "time",
        "timestamp", "zone");

    static boolean isReserved(String word) {
        return RESERVED.contains(word);
    }

    static boolean canBeColumnName(String word) {
        return !RESERVED.contains(word) && !TYPE_FUNC_NAME.contains(word);
    }
}
