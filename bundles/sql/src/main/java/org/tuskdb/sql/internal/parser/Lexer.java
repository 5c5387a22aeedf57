package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * Hand-written scanner with PostgreSQL's lexical rules (scan.l): identifiers are folded to
 * lower case unless double-quoted; 'strings' with '' escapes, E'strings' with backslash
 * escapes, $tag$dollar quotes$tag$, adjacent string constants separated by a newline are
 * joined; numbers become INTEGER or DECIMAL; operator-character runs become one operator,
 * except that a trailing + or - is split off when the run has no ~ ! @ # % ^ & | ` ?.
 * Comments (-- and nested slash-star) are skipped.
 */
public final class Lexer {
    private final String sql;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();
    /** Where the NOTICEs of truncated identifiers go; null: nowhere. */
    private final java.util.function.Consumer<DatabaseException> notices;

    /** PostgreSQL's NAMEDATALEN - 1: the most bytes a name has. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private Lexer(String sql, java.util.function.Consumer<DatabaseException> notices) {
        this.sql = sql;
        this.notices = notices;
    }

    public static List<Token> tokenize(String sql) {
        return tokenize(sql, null);
    }

    /** ... sending a NOTICE (42622) for each identifier truncated to 63 bytes. */
    public static List<Token> tokenize(String sql, java.util.function.Consumer<DatabaseException> notices) {
        Lexer lexer = new Lexer(sql, notices);
        lexer.run();
        return lexer.tokens;
    }

    /**
     * truncate_identifier: a name longer than 63 bytes of UTF-8 is cut to at most 63, at a
     * character boundary, with PostgreSQL's NOTICE.
     */
    private String truncate(String ident) {
        if (ident.length() * 3 <= MAX_IDENTIFIER_BYTES) {
            return ident; // cannot be too long (the hot path: no encoding)
        }
        int bytes = 0;
        int i = 0;
        while (i < ident.length()) {
            int cp = ident.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > MAX_IDENTIFIER_BYTES) {
                String cut = ident.substring(0, i);
                if (notices != null) {
                    notices.accept(new DatabaseException(DatabaseException.Severity.NOTICE, "42622",
                        "identifier \"" + ident + "\" will be truncated to \"" + cut + "\"", null, null, 0, null));
                }
                return cut;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return ident;
    }

    private void run() {
        int n = sql.length();
        while (true) {
            skipSpaceAndComments();
            if (pos >= n) {
                tokens.add(new Token(Token.Kind.EOF, "", n, n));
                return;
            }
            char c = sql.charAt(pos);
            int start = pos;
            if (c == '\'') {
                readString(start, false);
            } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                pos++;
                readString(start, true);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '\'') {
                pos += 2;
                readString(start, false);
                Token t = tokens.remove(tokens.size() - 1);
                tokens.add(new Token(Token.Kind.STRING, unicodeEscapes(t.text(), start), t.start(), t.end()));
            } else if ((c == 'n' || c == 'N') && peek(1) == '\'') {
                pos++;
                readString(start, false);
            } else if (c == '"') {
                readQuotedIdentifier(start);
            } else if (isIdentStart(c)) {
                readWord(start);
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                readNumber(start);
            } else if (c == '$') {
                readDollar(start);
            } else if (c == ':' && peek(1) == ':') {
                pos += 2;
                tokens.add(new Token(Token.Kind.TYPECAST, "::", start, pos));
            } else if (c == ':' && peek(1) == '=') {
                // COLON_EQUALS: the old spelling of => in named function arguments
                pos += 2;
                tokens.add(new Token(Token.Kind.OP, ":=", start, pos));
            } else if ("(),;.[]:".indexOf(c) >= 0) {
                pos++;
                tokens.add(new Token(Token.Kind.PUNCT, String.valueOf(c), start, pos));
            } else if (isOpChar(c)) {
                readOperator(start);
            } else {
                throw syntaxError(start, String.valueOf(c));
            }
        }
    }

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < sql.length() ? sql.charAt(p) : '\0';
    }

    private void skipSpaceAndComments() {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < n && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                int start = pos;
                int depth = 0;
                do {
                    if (pos + 1 >= n) {
                        throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                            "unterminated /* comment at or near \"" + sql.substring(start) + "\"", start + 1);
                    }
                    if (sql.charAt(pos) == '/' && sql.charAt(pos + 1) == '*') {
                        depth++;
                        pos += 2;
                    } else if (sql.charAt(pos) == '*' && sql.charAt(pos + 1) == '/') {
                        depth--;
                        pos += 2;
                    } else {
                        pos++;
                    }
                } while (depth > 0);
            } else {
                return;
            }
        }
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentChar(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isOpChar(char c) {
        return "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0;
    }

    private void readWord(int start) {
        while (pos < sql.length() && isIdentChar(sql.charAt(pos))) {
            pos++;
        }
        tokens.add(new Token(Token.Kind.WORD, truncate(downcase(sql.substring(start, pos))), start, pos));
    }

    /** PostgreSQL folds only ASCII letters (identifiers; also the C locale's tolower of text search). */
    public static String downcase(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c + 32));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private void readQuotedIdentifier(int start) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "unterminated quoted identifier at or near \"" + sql.substring(start) + "\"", start + 1);
            }
            char c = sql.charAt(pos++);
            if (c == '"') {
                if (peek(0) == '"') {
                    sb.append('"');
                    pos++;
                } else {
                    break;
                }
            } else {
                sb.append(c);
            }
        }
        if (sb.isEmpty()) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "zero-length delimited identifier at or near \"\"\"\"", start + 1);
        }
        tokens.add(new Token(Token.Kind.QUOTED_IDENT, truncate(sb.toString()), start, pos));
    }

    private void readNumber(int start) {
        boolean decimal = false;
        while (isDigit(peek(0))) {
            pos++;
        }
        if (peek(0) == '.' && peek(1) != '.') {
            decimal = true;
            pos++;
            while (isDigit(peek(0))) {
                pos++;
            }
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
            && (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
            decimal = true;
            pos += 2;
            while (isDigit(peek(0))) {
                pos++;
            }
        }
        if (pos < sql.length() && isIdentStart(sql.charAt(pos))) {
            int end = pos;
            while (end < sql.length() && isIdentChar(sql.charAt(end))) {
                end++;
            }
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "trailing junk after numeric literal at or near \"" + sql.substring(start, end) + "\"", start + 1);
        }
        tokens.add(new Token(decimal ? Token.Kind.DECIMAL : Token.Kind.INTEGER, sql.substring(start, pos), start, pos));
    }

    private void readDollar(int start) {
        if (isDigit(peek(1))) {
            pos++;
            while (isDigit(peek(0))) {
                pos++;
            }
            if (pos < sql.length() && isIdentChar(sql.charAt(pos))) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "trailing junk after parameter at or near \"" + sql.substring(start, pos + 1) + "\"", start + 1);
            }
            tokens.add(new Token(Token.Kind.PARAM, sql.substring(start + 1, pos), start, pos));
            return;
        }
        int tagEnd = pos + 1;
        while (tagEnd < sql.length() && sql.charAt(tagEnd) != '$' && isIdentChar(sql.charAt(tagEnd))
            && !(tagEnd == pos + 1 && isDigit(sql.charAt(tagEnd)))) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            throw syntaxError(start, "$");
        }
        String tag = sql.substring(pos, tagEnd + 1);
        int bodyStart = tagEnd + 1;
        int close = sql.indexOf(tag, bodyStart);
        if (close < 0) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "unterminated dollar-quoted string at or near \"" + sql.substring(start) + "\"", start + 1);
        }
        pos = close + tag.length();
        tokens.add(new Token(Token.Kind.STRING, sql.substring(bodyStart, close), start, pos));
    }

    private void readString(int start, boolean escapes) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            readStringPart(start, escapes, sb);
            // 'a'
            // 'b' is one constant: the parts are separated by whitespace that includes a newline.
            int save = pos;
            boolean newline = false;
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                if (sql.charAt(pos) == '\n' || sql.charAt(pos) == '\r') {
                    newline = true;
                }
                pos++;
            }
            if (!newline || pos >= sql.length() || sql.charAt(pos) != '\'') {
                pos = save;
                break;
            }
        }
        tokens.add(new Token(Token.Kind.STRING, sb.toString(), start, pos));
    }

    private void readStringPart(int start, boolean escapes, StringBuilder sb) {
        pos++; // opening quote
        while (true) {
            if (pos >= sql.length()) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "unterminated quoted string at or near \"" + sql.substring(start) + "\"", start + 1);
            }
            char c = sql.charAt(pos++);
            if (c == '\'') {
                if (peek(0) == '\'') {
                    sb.append('\'');
                    pos++;
                } else {
                    return;
                }
            } else if (c == '\\' && escapes) {
                readEscape(start, sb);
            } else {
                sb.append(c);
            }
        }
    }

    private void readEscape(int start, StringBuilder sb) {
        if (pos >= sql.length()) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "unterminated quoted string at or near \"" + sql.substring(start) + "\"", start + 1);
        }
        char c = sql.charAt(pos++);
        switch (c) {
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'x' -> {
                int v = 0;
                int digits = 0;
                while (digits < 2 && pos < sql.length() && Character.digit(sql.charAt(pos), 16) >= 0) {
                    v = v * 16 + Character.digit(sql.charAt(pos++), 16);
                    digits++;
                }
                if (digits == 0) {
                    sb.append('x');
                } else {
                    sb.append((char) v);
                }
            }
            case 'u', 'U' -> {
                int len = c == 'u' ? 4 : 8;
                if (pos + len > sql.length()) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                        "invalid Unicode escape", pos - 1);
                }
                int cp = Integer.parseInt(sql.substring(pos, pos + len), 16);
                pos += len;
                sb.appendCodePoint(cp);
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int v = c - '0';
                    int digits = 1;
                    while (digits < 3 && pos < sql.length() && sql.charAt(pos) >= '0' && sql.charAt(pos) <= '7') {
                        v = v * 8 + (sql.charAt(pos++) - '0');
                        digits++;
                    }
                    sb.append((char) (v & 0xff));
                } else {
                    sb.append(c);
                }
            }
        }
    }

    /** U&'...': \XXXX and \+XXXXXX are code points, \\ is a backslash. */
    private String unicodeEscapes(String s, int start) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
            } else if (i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                sb.append('\\');
                i++;
            } else {
                int len = i + 1 < s.length() && s.charAt(i + 1) == '+' ? 6 : 4;
                int from = len == 6 ? i + 2 : i + 1;
                if (from + len > s.length() || !s.substring(from, from + len).chars().allMatch(
                    ch -> Character.digit(ch, 16) >= 0)) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "invalid Unicode escape", start + 1)
                        .withHint("Unicode escapes must be \\XXXX or \\+XXXXXX.");
                }
                sb.appendCodePoint(Integer.parseInt(s.substring(from, from + len), 16));
                i = from + len - 1;
            }
        }
        return sb.toString();
    }

    private void readOperator(int start) {
        int end = pos;
        while (end < sql.length() && isOpChar(sql.charAt(end))) {
            // a comment start ends the operator
            if (end > pos && ((sql.charAt(end) == '-' && end + 1 < sql.length() && sql.charAt(end + 1) == '-')
                || (sql.charAt(end) == '/' && end + 1 < sql.length() && sql.charAt(end + 1) == '*'))) {
                break;
            }
            end++;
        }
        String op = sql.substring(pos, end);
        if (op.length() > 1 && (op.endsWith("+") || op.endsWith("-"))) {
            boolean special = false;
            for (char ch : op.toCharArray()) {
                if ("~!@#%^&|`?".indexOf(ch) >= 0) {
                    special = true;
                    break;
                }
            }
            if (!special) {
                while (op.length() > 1 && (op.endsWith("+") || op.endsWith("-"))) {
                    op = op.substring(0, op.length() - 1);
                }
            }
        }
        pos += op.length();
        tokens.add(new Token(Token.Kind.OP, op.equals("!=") ? "<>" : op, start, pos));
    }

    private DatabaseException syntaxError(int at, String near) {
        return DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"", at + 1);
    }
}
