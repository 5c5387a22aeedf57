package org.tuskdb.sql.internal.copy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * COPY's options after PostgreSQL's ProcessCopyOptions checks: format text, csv or binary, a one-byte
 * delimiter, the NULL string, HEADER, and for CSV the quote and escape bytes. FREEZE is
 * accepted and has no effect (every row is inserted as usual; there is no frozen insert).
 */
public record CopyOptions(boolean csv, byte delimiter, String nullString, boolean header, byte quote, byte escape,
                          boolean binary) {

    /** @param position a token offset to the error position PostgreSQL reports for a bad option name or format */
    public static CopyOptions of(List<Statement.CopyOption> options, boolean from,
                                 java.util.function.IntUnaryOperator position) {
        Set<String> seen = new HashSet<>();
        String format = null;
        int formatPosition = 0;
        String delimiter = null;
        String nullString = null;
        boolean header = false;
        String quote = null;
        String escape = null;
        for (Statement.CopyOption o : options) {
            String name = o.name().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
            }
            switch (name) {
                case "format" -> {
                    format = o.value() == null ? "" : o.value().toLowerCase(Locale.ROOT);
                    formatPosition = position.applyAsInt(o.location());
                }
                case "delimiter" -> delimiter = string(o);
                case "null" -> nullString = string(o);
                case "header" -> {
                    if (o.value() != null && o.value().equalsIgnoreCase("match")) {
                        if (!from) {
                            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                                "cannot use \"match\" with HEADER in COPY TO");
                        }
                        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "HEADER MATCH is not supported yet");
                    }
                    header = bool(o);
                }
                case "quote" -> quote = string(o);
                case "escape" -> escape = string(o);
                case "freeze" -> bool(o);
                case "encoding" -> {
                    String e = string(o).toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
                    if (!e.equals("utf8") && !e.equals("unicode") && !e.equals("sqlascii")) {
                        throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                            "argument to option \"encoding\" must be a valid encoding name");
                    }
                }
                case "force_quote", "force_not_null", "force_null" -> throw DatabaseException.error(
                    SqlState.FEATURE_NOT_SUPPORTED, "COPY option \"" + name + "\" is not supported yet");
                default -> throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "option \"" + o.name() + "\" not recognized", position.applyAsInt(o.location()));
            }
        }
        boolean csv = false;
        boolean binary = false;
        if (format == null || format.equals("text")) {
            csv = false;
        } else if (format.equals("csv")) {
            csv = true;
        } else if (format.equals("binary")) {
            binary = true;
            if (delimiter != null) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "cannot specify DELIMITER in BINARY mode");
            }
            if (nullString != null) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "cannot specify NULL in BINARY mode");
            }
        } else {
            throw DatabaseException.atPosition(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + format + "\" not recognized",
                formatPosition);
        }
        if (delimiter == null) {
            delimiter = csv ? "," : "\t";
        }
        if (nullString == null) {
            nullString = csv ? "" : "\\N";
        }
        if (delimiter.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY delimiter must be a single one-byte character");
        }
        char d = delimiter.charAt(0);
        if (d == '\n' || d == '\r') {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be newline or carriage return");
        }
        if (nullString.indexOf('\n') >= 0 || nullString.indexOf('\r') >= 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "COPY null representation cannot use newline or carriage return");
        }
        if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(d) >= 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be \"" + delimiter + "\"");
        }
        if (binary && header) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "cannot specify HEADER in BINARY mode");
        }
        if (!csv && quote != null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode");
        }
        if (!csv && escape != null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY escape available only in CSV mode");
        }
        byte q = '"';
        byte esc;
        if (quote != null) {
            q = oneByte(quote, "COPY quote must be a single one-byte character");
        }
        esc = escape != null ? oneByte(escape, "COPY escape must be a single one-byte character") : q;
        if (csv && q == (byte) d) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different");
        }
        if (csv && nullString.indexOf(d) >= 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "COPY delimiter must not appear in the NULL specification");
        }
        if (csv && nullString.indexOf((char) q) >= 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "CSV quote character must not appear in the NULL specification");
        }
        return new CopyOptions(csv, (byte) d, nullString, header, q, esc, binary);
    }

    private static byte oneByte(String s, String message) {
        if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, message);
        }
        return (byte) s.charAt(0);
    }

    private static String string(Statement.CopyOption o) {
        if (o.value() == null) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, o.name() + " requires a parameter");
        }
        return o.value();
    }

    private static boolean bool(Statement.CopyOption o) {
        if (o.value() == null) {
            return true;
        }
        return switch (o.value().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw DatabaseException.error(SqlState.SYNTAX_ERROR, o.name() + " requires a Boolean value");
        };
    }
}
