package org.tuskdb.sql.internal.function;

import java.util.List;
import java.util.Map;

/**
 * pg_proc's proargnames and proargdefaults for the built-ins that callers use in named notation
 * ({@code make_interval(days => 3)}) or with trailing arguments left out: the analyzer turns
 * such a call into a positional one with every parameter before overload resolution, as
 * PostgreSQL's expand_function_arguments does. Defaults are SQL literals in their text form.
 */
public final class NamedParameters {
    private NamedParameters() {}

    /** The parameter names in order; {@code defaults} covers the last defaults.size() of them. */
    public record Params(List<String> names, List<String> defaults) {
        /** The default of parameter i, or null when it has none. */
        public String defaultOf(int i) {
            int first = names.size() - defaults.size();
            return i >= first ? defaults.get(i - first) : null;
        }
    }

    private static final Params JSONB_PATH = new Params(List.of("target", "path", "vars", "silent"),
        List.of("'{}'", "false"));

    private static final Map<String, Params> BUILTINS = Map.ofEntries(
        Map.entry("make_interval", new Params(List.of("years", "months", "weeks", "days", "hours", "mins", "secs"),
            List.of("0", "0", "0", "0", "0", "0", "0.0"))),
        Map.entry("make_date", new Params(List.of("year", "month", "day"), List.of())),
        Map.entry("make_time", new Params(List.of("hour", "min", "sec"), List.of())),
        Map.entry("make_timestamp", new Params(List.of("year", "month", "mday", "hour", "min", "sec"), List.of())),
        Map.entry("jsonb_set", new Params(List.of("jsonb_in", "path", "replacement", "create_if_missing"),
            List.of("true"))),
        Map.entry("jsonb_path_exists", JSONB_PATH), Map.entry("jsonb_path_exists_tz", JSONB_PATH),
        Map.entry("jsonb_path_match", JSONB_PATH), Map.entry("jsonb_path_match_tz", JSONB_PATH),
        Map.entry("jsonb_path_query", JSONB_PATH), Map.entry("jsonb_path_query_tz", JSONB_PATH),
        Map.entry("jsonb_path_query_array", JSONB_PATH), Map.entry("jsonb_path_query_array_tz", JSONB_PATH),
        Map.entry("jsonb_path_query_first", JSONB_PATH), Map.entry("jsonb_path_query_first_tz", JSONB_PATH));

    /** The parameters of the built-in of that name, or null when it has no named parameters. */
    public static Params of(String function) {
        return BUILTINS.get(function);
    }
}
