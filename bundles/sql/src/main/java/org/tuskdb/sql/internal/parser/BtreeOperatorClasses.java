package org.tuskdb.sql.internal.parser;

import java.util.Set;

/** The names of PostgreSQL 15's btree operator classes (pg_opclass where opcmethod is btree). */
final class BtreeOperatorClasses {
    private BtreeOperatorClasses() {}

    private static final Set<String> NAMES = Set.of("array_ops", "bit_ops", "bool_ops", "bpchar_ops",
        "bpchar_pattern_ops", "bytea_ops", "char_ops", "cidr_ops", "date_ops", "enum_ops", "float4_ops", "float8_ops",
        "inet_ops", "int2_ops", "int4_ops", "int8_ops", "interval_ops", "jsonb_ops", "macaddr_ops", "macaddr8_ops",
        "money_ops", "multirange_ops", "name_ops", "numeric_ops", "oid_ops", "oidvector_ops", "pg_lsn_ops",
        "range_ops", "record_image_ops", "record_ops", "text_ops", "text_pattern_ops", "tid_ops", "time_ops",
        "timestamp_ops", "timestamptz_ops", "timetz_ops", "tsquery_ops", "tsvector_ops", "uuid_ops", "varbit_ops",
        "varchar_ops", "varchar_pattern_ops", "xid8_ops");

    static boolean exists(String name) {
        return NAMES.contains(name);
    }
}
