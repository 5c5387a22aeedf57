package org.tuskdb.sql.internal.tsearch;

import java.util.List;
import org.tuskdb.sql.internal.value.TsQueryValue;
import org.tuskdb.sql.internal.value.TsQueryValue.Mode;
import org.tuskdb.sql.internal.value.TsQueryValue.Node;

/**
 * to_tsquery, plainto_tsquery, phraseto_tsquery and websearch_to_tsquery (to_tsany.c): the query
 * text is read by tsquery's parser in the function's mode, and every operand goes through the
 * configuration like a small document (pushval_morph). An operand that yields several lexemes
 * becomes their chain under the function's operator (a phrase for to_tsquery, phraseto and
 * websearch, AND for plainto), with a stop word's place kept by a placeholder; the placeholders
 * are then removed and the phrase distances around them widened (clean_stopword_intree).
 */
public final class QueryBuilder {
    private QueryBuilder() {}

    /** The query, and the NOTICE PostgreSQL raises about it (or null). */
    public record Result(TsQueryValue query, String notice) {}

    public static Result build(TextSearchConfig cfg, String text, Mode mode, int operator) {
        Node root = TsQueryValue.parse(text, mode, (into, word, weight, prefix) ->
            push(cfg, operator, into, word, weight, prefix));
        if (root == null) {
            return new Result(TsQueryValue.EMPTY, "text-search query doesn't contain lexemes: \"" + text + "\"");
        }
        if (!hasStop(root)) {
            return new Result(new TsQueryValue(root), null);
        }
        Node clean = clean(root, new int[2]);
        if (clean == null) {
            return new Result(TsQueryValue.EMPTY,
                "text-search query contains only stop words or doesn't contain lexemes, ignored");
        }
        return new Result(new TsQueryValue(clean), null);
    }

    /** pushval_morph: an operand's lexemes, chained by position under the operator. */
    private static void push(TextSearchConfig cfg, int operator, TsQueryValue.Builder into, String word, int weight,
                             boolean prefix) {
        List<TextSearchConfig.Word> words = cfg.parse(word);
        if (words.isEmpty()) {
            into.stop();
            return;
        }
        int pos = 0;
        int cntpos = 0;
        int i = 0;
        while (i < words.size()) {
            int at = words.get(i).position();
            if (pos > 0 && pos + 1 < at) {
                while (pos + 1 < at) {
                    into.stop();
                    if (cntpos > 0) {
                        into.operator(operator, 1);
                    }
                    cntpos++;
                    pos++;
                }
            }
            pos = at;
            int cntvar = 0;
            while (i < words.size() && words.get(i).position() == pos) {
                into.value(words.get(i).lexeme(), weight, prefix);
                i++;
                if (cntvar > 0) {
                    into.operator(TsQueryValue.OR, 0);
                }
                cntvar++;
            }
            if (cntpos > 0) {
                into.operator(operator, 1);
            }
            cntpos++;
        }
    }

    private static boolean hasStop(Node n) {
        if (n.op < 0) {
            return true;
        }
        if (n.isOperand()) {
            return false;
        }
        return (n.left != null && hasStop(n.left)) || hasStop(n.right);
    }

    /**
     * Removes the placeholders: an operator with one side gone is replaced by the other side;
     * add[0] and add[1] return the positions removed at the left and right end of what remains,
     * which a phrase operator above adds to its distance.
     */
    private static Node clean(Node n, int[] add) {
        add[0] = 0;
        add[1] = 0;
        if (n.isOperand()) {
            return n;
        }
        if (n.op < 0) {
            return null;
        }
        if (n.op == TsQueryValue.NOT) {
            Node r = clean(n.right, add);
            return r == null ? null : Node.operator(TsQueryValue.NOT, 0, null, r);
        }
        int[] la = new int[2];
        int[] ra = new int[2];
        Node l = clean(n.left, la);
        Node r = clean(n.right, ra);
        boolean phrase = n.op == TsQueryValue.PHRASE;
        int d = phrase ? n.distance : 0;
        if (l == null && r == null) {
            int v = phrase ? la[0] + d + ra[0] : Math.max(la[0], ra[0]);
            add[0] = v;
            add[1] = v;
            return null;
        }
        if (l == null) {
            add[0] = phrase ? la[0] + d + ra[0] : ra[0];
            add[1] = ra[1];
            return r;
        }
        if (r == null) {
            add[0] = la[0];
            add[1] = phrase ? la[1] + d + ra[1] : la[1];
            return l;
        }
        if (phrase) {
            add[0] = la[0];
            add[1] = ra[1];
            return Node.operator(n.op, n.distance + la[1] + ra[0], l, r);
        }
        return Node.operator(n.op, n.distance, l, r);
    }
}
