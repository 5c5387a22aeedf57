package org.tuskdb.sql.internal.parser;

/**
 * One lexical token. {@code text} is what the parser matches on: identifiers and keywords
 * lower-cased (quoted identifiers as written), string constants with escapes processed,
 * operators as written. {@code start}/{@code end} are 0-based offsets into the query string,
 * for error positions and the "at or near" text.
 */
public record Token(Kind kind, String text, int start, int end) {
    public enum Kind {
        /** An unquoted word: identifier or keyword (see {@link Keywords}). */
        WORD,
        /** A double-quoted identifier: never a keyword. */
        QUOTED_IDENT,
        STRING,
        INTEGER,
        DECIMAL,
        /** $n */
        PARAM,
        /** An operator: + - * / < > = <= >= <> || ~~ and PostgreSQL's other operator-character runs. */
        OP,
        /** ( ) , ; . [ ] : */
        PUNCT,
        /** :: */
        TYPECAST,
        EOF
    }

    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    public boolean isOp(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    public boolean isPunct(char c) {
        return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }
}
