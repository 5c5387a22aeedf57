package org.tuskdb.api.sql;

/**
 * One field of a RowDescription.
 *
 * @param name column label
 * @param tableOid table the column comes from, 0 if none
 * @param columnNumber attribute number in that table, 0 if none
 * @param typeOid pg_type oid
 * @param typeSize pg_type.typlen (-1 variable, -2 C string)
 * @param typeModifier atttypmod, -1 if none
 * @param format 0 text, 1 binary
 */
public record ColumnDescription(String name, int tableOid, short columnNumber, int typeOid,
                                short typeSize, int typeModifier, short format) {
}
