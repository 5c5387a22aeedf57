package org.tuskdb.sql.internal.value;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/** The data errors every type raises, worded as PostgreSQL words them. */
public final class Errors {
    private Errors() {}

    public static DatabaseException invalidInput(PgType type, String text) {
        return DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION,
            "invalid input syntax for type " + type.displayName() + ": \"" + text + "\"");
    }

    /** 22007, as datetime.c's DateTimeParseError names the type (timestamp, not timestamp without time zone). */
    public static DatabaseException invalidDateTime(PgType type, String text) {
        String name = switch (type.oid()) {
            case 1114 -> "timestamp";
            case 1083 -> "time";
            case 1266 -> "time with time zone";
            default -> type.displayName();
        };
        return DatabaseException.error(SqlState.INVALID_DATETIME_FORMAT,
            "invalid input syntax for type " + name + ": \"" + text + "\"");
    }

    /** "integer out of range", "smallint out of range", "bigint out of range". */
    public static DatabaseException outOfRange(PgType type) {
        return DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type.displayName() + " out of range");
    }

    /** 2201B, with the wording of PostgreSQL's regex library for the mistakes java.util.regex names differently. */
    public static DatabaseException invalidRegularExpression(java.util.regex.PatternSyntaxException e) {
        String d = e.getDescription();
        String why;
        if (d.contains("Unclosed group") || d.contains("Unmatched closing ')'")) {
            why = "parentheses () not balanced";
        } else if (d.contains("Unclosed character class")) {
            why = "brackets [] not balanced";
        } else if (d.contains("Dangling meta character")) {
            why = "quantifier operand invalid";
        } else {
            why = d;
        }
        return DatabaseException.error("2201B", "invalid regular expression: " + why);
    }

    public static DatabaseException divisionByZero() {
        return DatabaseException.error(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    public static DatabaseException floatOverflow() {
        return DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }

    public static DatabaseException floatUnderflow() {
        return DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
    }

    public static DatabaseException dateTimeOutOfRange(String text) {
        return DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW,
            "date/time field value out of range: \"" + text + "\"");
    }

    public static DatabaseException timestampOutOfRange() {
        return DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
    }

    public static DatabaseException intervalOutOfRange() {
        return DatabaseException.error("22008", "interval out of range");
    }

    /**
     * report_invalid_encoding for UTF-8: the bytes from the first one that does not decode
     * ({@code at}), at most two, up to {@code end}.
     */
    public static DatabaseException invalidUtf8(byte[] data, int at, int end) {
        StringBuilder hex = new StringBuilder();
        for (int i = at; i < Math.min(end, at + 2); i++) {
            hex.append(i > at ? " " : "").append(String.format("0x%02x", data[i] & 0xff));
        }
        return DatabaseException.error(org.tuskdb.api.SqlState.CHARACTER_NOT_IN_REPERTOIRE,
            "invalid byte sequence for encoding \"UTF8\": " + hex);
    }

    /** A receive function ran out of bytes (pq_getmsg*: a protocol violation, as PostgreSQL reports it). */
    public static DatabaseException insufficientData() {
        return DatabaseException.error(SqlState.PROTOCOL_VIOLATION, "insufficient data left in message");
    }

    public static DatabaseException badBinary(String message) {
        return DatabaseException.error(SqlState.INVALID_BINARY_REPRESENTATION, message);
    }
}
