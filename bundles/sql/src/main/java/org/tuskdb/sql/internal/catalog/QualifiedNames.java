package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * A relation name written as text (regclass input, nextval('...')): dot-separated identifiers,
 * folded to lower case unless double-quoted (PostgreSQL's stringToQualifiedNameList).
 */
public final class QualifiedNames {
    private QualifiedNames() {}

    public static String[] split(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder b = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw invalid();
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            b.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        b.append(c);
                    }
                }
            } else {
                while (i < n && text.charAt(i) != '.' && !Character.isWhitespace(text.charAt(i))) {
                    b.append(text.charAt(i++));
                }
                if (b.isEmpty()) {
                    throw invalid();
                }
                String s = b.toString().toLowerCase(Locale.ROOT);
                b.setLength(0);
                b.append(s);
            }
            parts.add(b.toString());
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (text.charAt(i) != '.') {
                throw invalid();
            }
            i++;
        }
        if (parts.size() > 3) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "improper relation name (too many dotted names): "
                + text);
        }
        if (parts.size() == 3) {
            parts.remove(0);
        }
        return parts.toArray(String[]::new);
    }

    private static DatabaseException invalid() {
        return DatabaseException.error("42602", "invalid name syntax");
    }
}
