package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A simple Query's one statement with its value literals taken out: the key under which the
 * session's simple-statement cache finds the statement when it comes again with other values
 * (see {@code session/SimpleStatementCache}). Made from the scanner's tokens, so the key ignores
 * spacing, comments and keyword case.
 *
 * <p>Which literals are values (rules, each conservative; what they get wrong the cache's
 * check of the parse finds, and then the literal is kept in the statement): an integer, decimal
 * or string constant; not a string directly after a name or a closing parenthesis (a typed
 * literal {@code date '2020-01-01'}, {@code varchar(3) 'x'}) unless the name is a keyword that
 * begins an operand ({@code where}, {@code like}, ...); a number after a unary minus together
 * with the minus (the parser folds {@code -2147483648} into one constant, which is an int4). A
 * literal's kind is part of the key: int4, int8 or numeric by the magnitude of the (negated)
 * integer, as the analyzer types it; numeric for a decimal; unknown for a string.
 *
 * <p>Only one statement that starts as a query or data change does (SELECT, VALUES, TABLE,
 * WITH, INSERT, UPDATE, DELETE, or a parenthesis); several statements, a $n parameter or any
 * other statement give no shape.
 */
public final class StatementShape {
    /** What a literal is, and so the type its parameter is declared with. */
    public enum LiteralKind { INT4, INT8, NUMERIC, STRING }

    /** Keywords after which a constant is an operand (not: a keyword that is itself a value). */
    private static final Set<String> OPERAND_WORDS = Set.of("like", "ilike", "escape", "between", "is", "similar",
        "overlaps");
    /** Reserved words that are values: a minus after them is binary, a string after them a syntax error. */
    private static final Set<String> VALUE_WORDS = Set.of("null", "true", "false", "current_catalog", "current_date",
        "current_role", "current_time", "current_timestamp", "current_user", "localtime", "localtimestamp",
        "session_user", "user", "end");

    private final String key;
    private final List<Token> tokens;
    /** Per literal: the index of its first token (the minus of a negated number) and of its number/string. */
    private final int[] first;
    private final int[] last;
    private final LiteralKind[] kinds;
    private final String[] texts;
    /** Start offset of each normalized token (a literal with its minus is one), for error positions. */
    private final int[] starts;

    private StatementShape(String key, List<Token> tokens, int[] first, int[] last, LiteralKind[] kinds,
                           String[] texts, int[] starts) {
        this.key = key;
        this.tokens = tokens;
        this.first = first;
        this.last = last;
        this.kinds = kinds;
        this.texts = texts;
        this.starts = starts;
    }

    public String key() { return key; }
    public List<Token> tokens() { return tokens; }
    public int literals() { return kinds.length; }
    public LiteralKind kind(int literal) { return kinds[literal]; }
    /** The literal's value as written ("-1234" for a negated number, a string's characters unescaped). */
    public String text(int literal) { return texts[literal]; }
    /** Offset of the literal in the query string (where its parameter, and its folded constant, start). */
    public int start(int literal) { return tokens.get(first[literal]).start(); }
    /** Start offsets of the normalized tokens: equal shapes have equally many. */
    public int[] tokenStarts() { return starts; }

    /** The shape of the tokens of a query string, or null when it has none (see the class comment). */
    public static StatementShape of(List<Token> tokens) {
        int n = tokens.size() - 1; // without EOF
        while (n > 0 && tokens.get(n - 1).isPunct(';')) {
            n--;
        }
        if (n == 0 || !startsQuery(tokens.get(0))) {
            return null;
        }
        StringBuilder key = new StringBuilder(64);
        int literals = 0;
        int[] first = new int[8];
        int[] last = new int[8];
        LiteralKind[] kinds = new LiteralKind[8];
        String[] texts = new String[8];
        int[] starts = new int[n];
        int normalized = 0;
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            Token.Kind kind = t.kind();
            if (kind == Token.Kind.PARAM || t.isPunct(';')) {
                return null;
            }
            int from = i;
            boolean negated = false;
            if (t.isOp("-") && i + 1 < n && isNumber(tokens.get(i + 1)) && (i == 0 || beginsOperand(tokens.get(i - 1)))) {
                negated = true;
                i++;
                t = tokens.get(i);
                kind = t.kind();
            }
            starts[normalized++] = tokens.get(from).start();
            boolean value = kind == Token.Kind.INTEGER || kind == Token.Kind.DECIMAL
                || kind == Token.Kind.STRING && (from == 0 || !typesString(tokens.get(from - 1)));
            if (!value) {
                key.append((char) ('A' + kind.ordinal())).append(t.text().length()).append(':').append(t.text());
                continue;
            }
            String text = negated ? "-" + t.text() : t.text();
            LiteralKind lk = kind == Token.Kind.STRING ? LiteralKind.STRING
                : kind == Token.Kind.DECIMAL ? LiteralKind.NUMERIC : integerKind(text);
            if (literals == kinds.length) {
                first = java.util.Arrays.copyOf(first, literals * 2);
                last = java.util.Arrays.copyOf(last, literals * 2);
                kinds = java.util.Arrays.copyOf(kinds, literals * 2);
                texts = java.util.Arrays.copyOf(texts, literals * 2);
            }
            first[literals] = from;
            last[literals] = i;
            kinds[literals] = lk;
            texts[literals] = text;
            literals++;
            key.append('?').append((char) ('0' + lk.ordinal()));
        }
        return new StatementShape(key.toString(), tokens, java.util.Arrays.copyOf(first, literals),
            java.util.Arrays.copyOf(last, literals), java.util.Arrays.copyOf(kinds, literals),
            java.util.Arrays.copyOf(texts, literals), java.util.Arrays.copyOf(starts, normalized));
    }

    /** int4, int8 or numeric, as the analyzer types an integer constant. */
    private static LiteralKind integerKind(String text) {
        try {
            long v = Long.parseLong(text);
            return v == (int) v ? LiteralKind.INT4 : LiteralKind.INT8;
        } catch (NumberFormatException e) {
            return LiteralKind.NUMERIC;
        }
    }

    private static boolean startsQuery(Token t) {
        if (t.isPunct('(')) {
            return true;
        }
        if (t.kind() != Token.Kind.WORD) {
            return false;
        }
        return switch (t.text()) {
            case "select", "values", "table", "with", "insert", "update", "delete" -> true;
            default -> false;
        };
    }

    private static boolean isNumber(Token t) {
        return t.kind() == Token.Kind.INTEGER || t.kind() == Token.Kind.DECIMAL;
    }

    /** Whether a minus after {@code prev} is a prefix one (prev ends no operand). */
    private static boolean beginsOperand(Token prev) {
        return switch (prev.kind()) {
            case OP -> true;
            case PUNCT -> prev.isPunct('(') || prev.isPunct(',') || prev.isPunct('[');
            case WORD -> Keywords.isReserved(prev.text()) && !VALUE_WORDS.contains(prev.text())
                || OPERAND_WORDS.contains(prev.text());
            default -> false;
        };
    }

    /** Whether a string after {@code prev} is (or may be) a typed literal's: after a name or a type's (n). */
    private static boolean typesString(Token prev) {
        return switch (prev.kind()) {
            case QUOTED_IDENT -> true;
            case PUNCT -> prev.isPunct(')') || prev.isPunct(']') || prev.isPunct('.');
            case WORD -> !(Keywords.isReserved(prev.text()) && !VALUE_WORDS.contains(prev.text())
                || OPERAND_WORDS.contains(prev.text()));
            default -> false;
        };
    }

    /**
     * The tokens with every literal not {@code kept} made a parameter: $1, $2, ... in order, at
     * the literal's offsets (so the parse has the same locations, a negated number's at its minus).
     */
    public List<Token> parameterized(boolean[] kept) {
        List<Token> out = new ArrayList<>(tokens.size());
        int literal = 0;
        int number = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (literal < first.length && i == first[literal]) {
                if (!kept[literal]) {
                    Token a = tokens.get(i);
                    Token b = tokens.get(last[literal]);
                    out.add(new Token(Token.Kind.PARAM, Integer.toString(++number), a.start(), b.end()));
                    i = last[literal];
                    literal++;
                    continue;
                }
                literal++;
            }
            out.add(tokens.get(i));
        }
        return out;
    }

    /** The literal whose (first) token starts at {@code offset}, or -1. */
    public int literalAt(int offset) {
        for (int k = 0; k < first.length; k++) {
            if (tokens.get(first[k]).start() == offset) {
                return k;
            }
        }
        return -1;
    }
}
