package org.tuskdb.sql.internal.plpgsql;

import java.util.Map;

/**
 * Condition names of EXCEPTION WHEN and RAISE (plerrcodes.h, the ones applications use) and how a
 * handler's condition matches an error: a class code (ending in 000) matches its class, OTHERS
 * everything but query_canceled and assert_failure.
 */
final class Conditions {
    private Conditions() {}

    static final String OTHERS = "others";

    private static final Map<String, String> NAMES = Map.ofEntries(
        Map.entry("others", OTHERS), Map.entry("division_by_zero", "22012"), Map.entry("unique_violation", "23505"),
        Map.entry("foreign_key_violation", "23503"), Map.entry("not_null_violation", "23502"),
        Map.entry("check_violation", "23514"), Map.entry("integrity_constraint_violation", "23000"),
        Map.entry("raise_exception", "P0001"), Map.entry("no_data_found", "P0002"),
        Map.entry("too_many_rows", "P0003"), Map.entry("assert_failure", "P0004"),
        Map.entry("undefined_table", "42P01"), Map.entry("undefined_column", "42703"),
        Map.entry("undefined_function", "42883"), Map.entry("duplicate_table", "42P07"),
        Map.entry("duplicate_object", "42710"), Map.entry("syntax_error", "42601"),
        Map.entry("invalid_text_representation", "22P02"), Map.entry("numeric_value_out_of_range", "22003"),
        Map.entry("null_value_not_allowed", "22004"), Map.entry("data_exception", "22000"),
        Map.entry("string_data_right_truncation", "22001"), Map.entry("invalid_parameter_value", "22023"),
        Map.entry("feature_not_supported", "0A000"), Map.entry("query_canceled", "57014"),
        Map.entry("lock_not_available", "55P03"), Map.entry("serialization_failure", "40001"),
        Map.entry("deadlock_detected", "40P01"), Map.entry("invalid_datetime_format", "22007"),
        Map.entry("datetime_field_overflow", "22008"), Map.entry("warning", "01000"),
        Map.entry("ambiguous_column", "42702"), Map.entry("ambiguous_function", "42725"),
        Map.entry("datatype_mismatch", "42804"), Map.entry("invalid_schema_name", "3F000"),
        Map.entry("undefined_object", "42704"), Map.entry("insufficient_privilege", "42501"));

    /** The SQLSTATE a condition name stands for, or null. */
    static String sqlstate(String name) {
        return NAMES.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    static boolean matches(String condition, String sqlstate) {
        if (condition.equals(OTHERS)) {
            return !sqlstate.equals("57014") && !sqlstate.equals("P0004");
        }
        if (condition.endsWith("000")) {
            return sqlstate.startsWith(condition.substring(0, 2));
        }
        return condition.equals(sqlstate);
    }
}
