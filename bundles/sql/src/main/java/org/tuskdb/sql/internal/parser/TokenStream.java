package org.tuskdb.sql.internal.parser;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/** The cursor the family parsers share: look-ahead, matching, and errors that point at a token. */
final class TokenStream {
    private final String sql;
    private final List<Token> tokens;
    private int index;

    TokenStream(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    String sql() { return sql; }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        int i = Math.min(index + ahead, tokens.size() - 1);
        return tokens.get(i);
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Token.Kind.EOF) {
            index++;
        }
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.EOF;
    }

    /** Consumes the word (unquoted keyword or identifier) if it is next. */
    boolean acceptWord(String word) {
        if (peek().isWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    Token expectWord(String word) {
        if (!peek().isWord(word)) {
            throw syntaxError(peek());
        }
        return next();
    }

    boolean acceptPunct(char c) {
        if (peek().isPunct(c)) {
            index++;
            return true;
        }
        return false;
    }

    Token expectPunct(char c) {
        if (!peek().isPunct(c)) {
            throw syntaxError(peek());
        }
        return next();
    }

    boolean acceptOp(String op) {
        if (peek().isOp(op)) {
            index++;
            return true;
        }
        return false;
    }

    /** An identifier usable as a column or other object name: not a reserved word. */
    String expectColId() {
        Token t = peek();
        if (t.kind() == Token.Kind.QUOTED_IDENT || (t.kind() == Token.Kind.WORD && Keywords.canBeColumnName(t.text()))) {
            index++;
            return t.text();
        }
        throw syntaxError(t);
    }

    /** Any word, reserved or not (ColLabel: after AS, or a SET variable part). */
    String expectLabel() {
        Token t = peek();
        if (t.kind() == Token.Kind.QUOTED_IDENT || t.kind() == Token.Kind.WORD) {
            index++;
            return t.text();
        }
        throw syntaxError(t);
    }

    int position() {
        return index;
    }

    void reset(int position) {
        index = position;
    }

    DatabaseException syntaxError(Token t) {
        if (t.kind() == Token.Kind.EOF) {
            return DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at end of input",
                characterPosition(t.start()));
        }
        return DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
            "syntax error at or near \"" + sql.substring(t.start(), t.end()) + "\"", characterPosition(t.start()));
    }

    DatabaseException notSupported(Token t, String what) {
        return DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported yet",
            characterPosition(t.start()));
    }

    /** 1-based position in characters (code points), as the ErrorResponse position field counts. */
    int characterPosition(int offset) {
        return sql.codePointCount(0, Math.min(offset, sql.length())) + 1;
    }
}
