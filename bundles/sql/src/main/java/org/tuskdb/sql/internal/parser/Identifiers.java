package org.tuskdb.sql.internal.parser;

import java.util.List;
import java.util.Locale;

/** Rewriting identifiers in stored expression texts (a column renamed under a CHECK or DEFAULT). */
public final class Identifiers {
    private Identifiers() {}

    /**
     * The text with every identifier token naming {@code from} replaced by {@code to} (quoted when
     * needed). Tusk stores CHECK and DEFAULT as source text where PostgreSQL stores attnums, so a
     * renamed column is renamed in those texts too.
     */
    public static String rename(String text, String from, String to) {
        List<Token> tokens = Lexer.tokenize(text);
        StringBuilder out = new StringBuilder();
        int pos = 0;
        for (Token t : tokens) {
            boolean match = (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) && t.text().equals(from);
            if (match) {
                out.append(text, pos, t.start()).append(quote(to));
                pos = t.end();
            }
        }
        return out.append(text.substring(pos)).toString();
    }

    /**
     * The same for a text whose column references are all qualified (a trigger's WHEN: {@code old.c},
     * {@code new.c}): only an identifier right after {@code qualifier.} for one of the qualifiers.
     */
    public static String renameQualified(String text, List<String> qualifiers, String from, String to) {
        List<Token> tokens = Lexer.tokenize(text);
        StringBuilder out = new StringBuilder();
        int pos = 0;
        for (int i = 2; i < tokens.size(); i++) {
            if (qualified(tokens, i, qualifiers, from)) {
                out.append(text, pos, tokens.get(i).start()).append(quote(to));
                pos = tokens.get(i).end();
            }
        }
        return out.append(text.substring(pos)).toString();
    }

    /** Whether {@code qualifier.name} for one of the qualifiers is in the text (a trigger's WHEN reads the column). */
    public static boolean mentionsQualified(String text, List<String> qualifiers, String name) {
        List<Token> tokens = Lexer.tokenize(text);
        for (int i = 2; i < tokens.size(); i++) {
            if (qualified(tokens, i, qualifiers, name)) {
                return true;
            }
        }
        return false;
    }

    /** Token i names {@code name} right after {@code qualifier.}. */
    private static boolean qualified(List<Token> tokens, int i, List<String> qualifiers, String name) {
        Token t = tokens.get(i);
        return (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) && t.text().equals(name)
            && tokens.get(i - 1).isPunct('.') && tokens.get(i - 2).kind() == Token.Kind.WORD
            && qualifiers.contains(tokens.get(i - 2).text());
    }

    /** Whether an identifier token of the text names {@code name} (a stored expression reads that column). */
    public static boolean mentions(String text, String name) {
        for (Token t : Lexer.tokenize(text)) {
            if ((t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) && t.text().equals(name)) {
                return true;
            }
        }
        return false;
    }

    static String quote(String name) {
        boolean plain = !name.isEmpty() && name.equals(name.toLowerCase(Locale.ROOT))
            && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_') && !Keywords.isReserved(name);
        for (int i = 0; plain && i < name.length(); i++) {
            char ch = name.charAt(i);
            plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
