package org.tuskdb.sql.internal.function;

import java.util.HashMap;
import java.util.Map;

/**
 * The built-in function families in registration order, and what each registers: the index by
 * which {@link FunctionRegistry} registers a family at the first lookup of one of its names
 * (without running, and so spinning the lambdas of, the families nobody uses).
 *
 * <p>Rule: a family's entry in {@link #INDEX} lists every name it registers.
 * {@code FunctionRegistryTest.theIndexListsWhatEveryFamilyRegisters} fails naming what is
 * missing or extra; a name missing from the index still resolves (an unknown name registers
 * every family) but costs every family's registration at its first use. A new family is a new
 * case in {@link #register}, a new entry in {@link #NAMES} and {@link #INDEX}, at the end
 * unless its registration reuses entries of later families.
 */
final class BuiltinFamilies {
    private BuiltinFamilies() {}

    static final String[] NAMES = {
        "ArithmeticOperators", "ComparisonOperators", "StringFunctions", "MathFunctions", "DateTimeFunctions",
        "TimeFunctions", "UuidFunctions", "JsonFunctions", "ArrayFunctions", "RegexFunctions", "MoreFunctions",
        "LibraryFunctions", "AdvisoryLockFunctions", "SystemFunctions", "SequenceFunctions",
        "DescriptionFunctions", "SetReturningFunctions", "CatalogFunctions", "KeywordFunctions",
        "BitwiseOperators", "OverlapsFunctions", "NotifyFunctions", "JsonPathFunctions",
        "TextSearchFunctions",
        "RangeFunctions",
        "TsQueryFunctions",
    };

    static final int COUNT = NAMES.length;

    /** Every built-in function and set-returning function name (pg_catalog's, found before any schema's). */
    private static final class FunctionNames {
        static final java.util.Set<String> ALL = functionNames();
    }

    private static java.util.Set<String> functionNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String[] family : INDEX) {
            for (String list : new String[] {family[0], family[2]}) {
                for (String n : list.split(" ")) {
                    if (!n.isEmpty()) {
                        names.add(n);
                    }
                }
            }
        }
        return java.util.Set.copyOf(names);
    }

    /** Whether a built-in function (or set-returning function) has that name. */
    static boolean isBuiltinFunction(String name) {
        return FunctionNames.ALL.contains(name);
    }

    /** Registers one family (a switch, not method references: no class to spin per family). */
    static void register(int family, FunctionRegistry r) {
        switch (family) {
            case 0 -> ArithmeticOperators.register(r);
            case 1 -> ComparisonOperators.register(r);
            case 2 -> StringFunctions.register(r);
            case 3 -> MathFunctions.register(r);
            case 4 -> DateTimeFunctions.register(r);
            case 5 -> TimeFunctions.register(r);
            case 6 -> UuidFunctions.register(r);
            case 7 -> JsonFunctions.register(r);
            case 8 -> ArrayFunctions.register(r);
            case 9 -> RegexFunctions.register(r);
            case 10 -> MoreFunctions.register(r);
            case 11 -> LibraryFunctions.register(r);
            case 12 -> AdvisoryLockFunctions.register(r);
            case 13 -> SystemFunctions.register(r);
            case 14 -> SequenceFunctions.register(r);
            case 15 -> DescriptionFunctions.register(r);
            case 16 -> SetReturningFunctions.register(r);
            case 17 -> CatalogFunctions.register(r);
            case 18 -> KeywordFunctions.register(r);
            case 19 -> BitwiseOperators.register(r);
            case 20 -> OverlapsFunctions.register(r);
            case 21 -> NotifyFunctions.register(r);
            case 22 -> JsonPathFunctions.register(r);
            case 23 -> TextSearchFunctions.register(r);
            case 25 -> TsQueryFunctions.register(r);
            case 24 -> RangeFunctions.register(r);
            default -> throw new IllegalArgumentException("no built-in family " + family);
        }
    }

    /**
     * For each family (as {@link #NAMES}): the functions, the operators (symbol/arity) and the
     * set-returning functions it registers, space-separated.
     */
    static final String[][] INDEX = {
        // ArithmeticOperators: functions, operators, set-returning functions
        {"",
            "%/2 */2 +/1 +/2 -/1 -/2 //2 ^/2 ||/2",
            ""},
        // ComparisonOperators: functions, operators, set-returning functions
        {"like_escape",
            "!~~*/2 !~~/2 </2 <=/2 <>/2 =/2 >/2 >=/2 ~~*/2 ~~/2 ~<~/2 ~<=~/2 ~>=~/2 ~>~/2",
            ""},
        // StringFunctions: functions, operators, set-returning functions
        {"ascii btrim char_length character_length chr concat concat_ws initcap left length lower lpad "
            + "ltrim md5 octet_length position quote_ident quote_literal repeat replace reverse right rpad "
            + "rtrim split_part starts_with strpos substr substring to_hex upper",
            "",
            ""},
        // MathFunctions: functions, operators, set-returning functions
        {"abs cbrt ceil ceiling degrees div exp floor ln log log10 mod pi pow power radians random round "
            + "sign sqrt trunc",
            "@/1 |//1",
            ""},
        // DateTimeFunctions: functions, operators, set-returning functions
        {"clock_timestamp date_part date_trunc extract now statement_timestamp timeofday timezone "
            + "to_timestamp transaction_timestamp",
            "",
            ""},
        // TimeFunctions: functions, operators, set-returning functions
        {"age date_bin justify_days justify_hours justify_interval make_date make_interval make_time "
            + "make_timestamp",
            "+/2 -/2",
            ""},
        // UuidFunctions: functions, operators, set-returning functions
        {"gen_random_uuid",
            "",
            ""},
        // JsonFunctions: functions, operators, set-returning functions
        {"json_array_length json_build_array json_build_object json_extract_path json_extract_path_text "
            + "json_typeof jsonb_array_length jsonb_build_array jsonb_build_object jsonb_extract_path "
            + "jsonb_extract_path_text jsonb_pretty jsonb_set jsonb_strip_nulls jsonb_typeof row_to_json "
            + "to_json to_jsonb",
            "#-/2 -/2 ->/2 ->>/2 <@/2 ?&/2 ?/2 ?|/2 @>/2 ||/2",
            ""},
        // ArrayFunctions: functions, operators, set-returning functions
        {"array_append array_cat array_dims array_length array_lower array_ndims array_position "
            + "array_prepend array_remove array_to_json array_to_string array_upper cardinality string_to_array",
            "&&/2 </2 <=/2 <>/2 <@/2 =/2 >/2 >=/2 @>/2 ||/2",
            ""},
        // RegexFunctions: functions, operators, set-returning functions
        {"regexp_count regexp_instr regexp_like regexp_match regexp_replace regexp_split_to_array "
            + "regexp_substr similar_to_escape substring",
            "!~*/2 !~/2 ~*/2 ~/2",
            ""},
        // MoreFunctions: functions, operators, set-returning functions
        {"acos asin atan atan2 bit_length cos cosh cot factorial format gcd lcm min_scale num_nonnulls "
            + "num_nulls overlay quote_nullable scale sha224 sha256 sha384 sha512 sin sinh tan tanh to_char "
            + "to_date to_timestamp translate trim_scale width_bucket",
            "#>/2 #>>/2",
            ""},
        // LibraryFunctions: functions, operators, set-returning functions
        {"array_positions array_replace bit_count convert_from convert_to decode encode isfinite log "
            + "textcat to_number to_regclass to_regnamespace to_regtype",
            "^@/2",
            ""},
        // AdvisoryLockFunctions: functions, operators, set-returning functions
        {"pg_advisory_lock pg_advisory_lock_shared pg_advisory_unlock pg_advisory_unlock_all "
            + "pg_advisory_unlock_shared pg_advisory_xact_lock pg_advisory_xact_lock_shared "
            + "pg_try_advisory_lock pg_try_advisory_lock_shared pg_try_advisory_xact_lock "
            + "pg_try_advisory_xact_lock_shared",
            "",
            ""},
        // SystemFunctions: functions, operators, set-returning functions
        {"current_database current_schema current_setting format_type inet_client_addr inet_client_port "
            + "inet_server_addr inet_server_port "
            + "pg_backend_pid pg_cancel_backend pg_current_wal_flush_lsn pg_current_wal_insert_lsn "
            + "pg_current_wal_lsn pg_current_xact_id pg_is_in_recovery pg_postmaster_start_time pg_reload_conf "
            + "pg_sleep pg_terminate_backend pg_typeof pg_wal_lsn_diff pg_walfile_name set_config txid_current "
            + "version",
            "+/2 -/2",
            ""},
        // SequenceFunctions: functions, operators, set-returning functions
        {"currval lastval nextval pg_get_serial_sequence setval",
            "",
            ""},
        // DescriptionFunctions: functions, operators, set-returning functions
        {"col_description obj_description",
            "",
            ""},
        // SetReturningFunctions: functions, operators, set-returning functions
        {"",
            "",
            "_pg_expandarray generate_series generate_subscripts json_array_elements json_array_elements_text "
            + "json_each json_each_text json_object_keys jsonb_array_elements jsonb_array_elements_text "
            + "jsonb_each jsonb_each_text jsonb_object_keys pg_partition_ancestors regexp_matches regexp_split_to_table "
            + "string_to_table unnest"},
        // CatalogFunctions: functions, operators, set-returning functions
        {"acldefault current_schemas currval has_any_column_privilege has_column_privilege "
            + "has_database_privilege has_function_privilege has_schema_privilege has_sequence_privilege "
            + "has_table_privilege nextval oidvectortypes pg_char_to_encoding pg_collation_is_visible "
            + "pg_conversion_is_visible pg_database_size pg_encoding_to_char pg_function_is_visible "
            + "pg_get_constraintdef pg_get_expr pg_get_function_arguments pg_get_function_identity_arguments "
            + "pg_describe_object pg_get_function_result pg_get_function_sqlbody pg_get_functiondef pg_get_indexdef pg_get_partkeydef pg_get_ruledef "
            + "pg_get_statisticsobjdef_columns pg_get_triggerdef pg_get_userbyid pg_trigger_depth pg_get_viewdef pg_has_role "
            + "pg_indexes_size pg_is_other_temp_schema pg_my_temp_schema pg_opclass_is_visible pg_operator_is_visible pg_opfamily_is_visible "
            + "pg_partition_root pg_relation_is_publishable pg_relation_size "
            + "pg_size_pretty pg_statistics_obj_is_visible pg_table_is_visible pg_table_size "
            + "pg_tablespace_location pg_total_relation_size "
            + "pg_type_is_visible shobj_description",
            "",
            "pg_options_to_table"},
        // KeywordFunctions: functions, operators, set-returning functions
        {"",
            "",
            "pg_get_keywords"},
        // BitwiseOperators: functions, operators, set-returning functions
        {"",
            "#/2 &/2 <</2 >>/2 |/2 ~/1",
            ""},
        // OverlapsFunctions: functions, operators, set-returning functions
        {"overlaps",
            "",
            ""},
        // NotifyFunctions: functions, operators, set-returning functions
        {"pg_notification_queue_usage pg_notify",
            "",
            "pg_listening_channels"},
        // JsonPathFunctions: functions, operators, set-returning functions
        {"jsonb_path_exists jsonb_path_exists_tz jsonb_path_match jsonb_path_match_tz jsonb_path_query_array "
            + "jsonb_path_query_array_tz jsonb_path_query_first jsonb_path_query_first_tz",
            "@?/2 @@/2",
            "jsonb_path_query jsonb_path_query_tz"},
        // TextSearchFunctions: functions, operators, set-returning functions
        {"array_to_tsvector length setweight strip tsvector_to_array"
            + " get_current_ts_config phraseto_tsquery plainto_tsquery to_tsquery to_tsvector ts_lexize ts_rank ts_rank_cd"
            + " websearch_to_tsquery pg_ts_config_is_visible pg_ts_dict_is_visible pg_ts_parser_is_visible"
            + " pg_ts_template_is_visible",
            "</2 <=/2 <>/2 =/2 >/2 >=/2 ||/2 @@/2",
            "unnest ts_parse ts_token_type"},
        // RangeFunctions: functions, operators, set-returning functions
        {"daterange int4range int8range isempty lower lower_inc lower_inf numrange range_merge tsrange tstzrange "
            + "upper upper_inc upper_inf",
            "&&/2 &</2 &>/2 */2 +/2 -/2 -|-/2 </2 <</2 <=/2 <>/2 <@/2 =/2 >/2 >=/2 >>/2 @>/2",
            ""},
        // TsQueryFunctions: functions, operators, set-returning functions
        {"numnode querytree tsquery_phrase",
            "!!/1 &&/2 </2 <->/2 <=/2 <>/2 =/2 >/2 >=/2 ||/2",
            ""},
    };

    /** The index as maps from name to a bit set of families. */
    record Index(Map<String, Long> functions, Map<String, Long> operators, Map<String, Long> tableFunctions) {
        boolean knows(String key) {
            return functions.containsKey(key) || operators.containsKey(key) || tableFunctions.containsKey(key);
        }
    }

    static Index index() {
        Map<String, Long> functions = new HashMap<>(1024);
        Map<String, Long> operators = new HashMap<>(128);
        Map<String, Long> tableFunctions = new HashMap<>(64);
        for (int f = 0; f < INDEX.length; f++) {
            add(functions, INDEX[f][0], f);
            add(operators, INDEX[f][1], f);
            add(tableFunctions, INDEX[f][2], f);
        }
        return new Index(functions, operators, tableFunctions);
    }

    private static void add(Map<String, Long> map, String names, int family) {
        int start = 0;
        int n = names.length();
        while (start < n) {
            int end = names.indexOf(' ', start);
            if (end < 0) {
                end = n;
            }
            if (end > start) {
                String key = names.substring(start, end);
                Long old = map.get(key);
                map.put(key, (old == null ? 0L : old) | 1L << family);
            }
            start = end + 1;
        }
    }
}
