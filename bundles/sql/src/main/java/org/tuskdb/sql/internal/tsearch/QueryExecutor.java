package org.tuskdb.sql.internal.tsearch;

import org.tuskdb.sql.internal.value.TsQueryValue;
import org.tuskdb.sql.internal.value.TsQueryValue.Node;

/**
 * Evaluates a tsquery against something that can say where each operand occurs (TS_execute and
 * TS_phrase_execute): a tsvector for {@code @@}, a window of a document for ts_rank_cd's covers.
 *
 * <p>Results are three-valued: an operand found without positions (a stripped tsvector) is a
 * MAYBE where positions are needed. AND, OR and NOT outside phrases need no positions. A phrase
 * operator merges its operands' sorted position lists: the right operand's positions are the
 * phrase's, the left one's must sit at distance (plus the right side's width) before them. A NOT
 * inside a phrase is a "negated" position list (match everywhere but there). A phrase's MAYBE
 * counts as no match unless the caller allows it.
 */
public final class QueryExecutor {
    /** TS_NO, TS_YES, TS_MAYBE. */
    public static final int NO = 0;
    public static final int YES = 1;
    public static final int MAYBE = 2;

    /** Where operands occur. */
    public interface Operands {
        /**
         * NO, YES or MAYBE for an operand; when data is not null, YES fills data.pos/npos with the
         * sorted positions (weights already filtered), MAYBE means found but without positions.
         */
        int check(Node operand, PhraseData data);
    }

    /** The positions a phrase sub-expression matches at (ExecPhraseData). */
    public static final class PhraseData {
        public int[] pos = new int[0];
        public int npos;
        int width;
        boolean negate;

        void add(int p) {
            if (npos == pos.length) {
                pos = java.util.Arrays.copyOf(pos, Math.max(4, npos * 2));
            }
            pos[npos++] = p;
        }
    }

    private QueryExecutor() {}

    /** TS_execute: whether the query matches (a phrase's MAYBE counts only when maybeIsMatch). */
    public static boolean matches(Node root, Operands ops, boolean maybeIsMatch) {
        return recurse(root, ops, maybeIsMatch) != NO;
    }

    private static int recurse(Node n, Operands ops, boolean phraseNoPos) {
        if (n.isOperand()) {
            return ops.check(n, null);
        }
        switch (n.op) {
            case TsQueryValue.NOT -> {
                int r = recurse(n.right, ops, phraseNoPos);
                return r == NO ? YES : r == YES ? NO : MAYBE;
            }
            case TsQueryValue.AND -> {
                int l = recurse(n.left, ops, phraseNoPos);
                if (l == NO) {
                    return NO;
                }
                int r = recurse(n.right, ops, phraseNoPos);
                return r == NO ? NO : r == YES ? l : MAYBE;
            }
            case TsQueryValue.OR -> {
                int l = recurse(n.left, ops, phraseNoPos);
                if (l == YES) {
                    return YES;
                }
                int r = recurse(n.right, ops, phraseNoPos);
                return r == NO ? l : r == YES ? YES : MAYBE;
            }
            default -> {
                int r = phrase(n, ops, null);
                return r == MAYBE ? (phraseNoPos ? MAYBE : NO) : r;
            }
        }
    }

    private static final int EMIT_BOTH = 1;
    private static final int EMIT_L_ONLY = 2;
    private static final int EMIT_R_ONLY = 4;

    private static int phrase(Node n, Operands ops, PhraseData data) {
        if (n.isOperand()) {
            return ops.check(n, data);
        }
        switch (n.op) {
            case TsQueryValue.NOT -> {
                int r = phrase(n.right, ops, data);
                if (r == NO) {
                    data.negate = true;
                    return YES;
                }
                if (r == YES) {
                    if (data.npos > 0) {
                        data.negate = !data.negate;
                        return YES;
                    }
                    if (data.negate) {
                        data.negate = false;
                        return NO;
                    }
                    return NO;
                }
                return MAYBE;
            }
            case TsQueryValue.PHRASE, TsQueryValue.AND -> {
                PhraseData l = new PhraseData();
                PhraseData r = new PhraseData();
                int lm = phrase(n.left, ops, l);
                if (lm == NO) {
                    return NO;
                }
                int rm = phrase(n.right, ops, r);
                if (rm == NO) {
                    return NO;
                }
                if (lm == MAYBE || rm == MAYBE) {
                    return MAYBE;
                }
                int loff;
                int roff;
                if (n.op == TsQueryValue.PHRASE) {
                    loff = n.distance + r.width;
                    roff = 0;
                    if (data != null) {
                        data.width = n.distance + l.width + r.width;
                    }
                } else {
                    int max = Math.max(l.width, r.width);
                    loff = max - l.width;
                    roff = max - r.width;
                    if (data != null) {
                        data.width = max;
                    }
                }
                if (l.negate && r.negate) {
                    output(data, l, r, EMIT_BOTH | EMIT_L_ONLY | EMIT_R_ONLY, loff, roff);
                    if (data != null) {
                        data.negate = true;
                    }
                    return YES;
                } else if (l.negate) {
                    return output(data, l, r, EMIT_R_ONLY, loff, roff);
                } else if (r.negate) {
                    return output(data, l, r, EMIT_L_ONLY, loff, roff);
                }
                return output(data, l, r, EMIT_BOTH, loff, roff);
            }
            default -> {
                PhraseData l = new PhraseData();
                PhraseData r = new PhraseData();
                int lm = phrase(n.left, ops, l);
                int rm = phrase(n.right, ops, r);
                if (lm == NO && rm == NO) {
                    return NO;
                }
                if (lm == MAYBE || rm == MAYBE) {
                    return MAYBE;
                }
                if (lm == NO) {
                    l.width = 0;
                }
                if (rm == NO) {
                    r.width = 0;
                }
                int max = Math.max(l.width, r.width);
                int loff = max - l.width;
                int roff = max - r.width;
                data.width = max;
                if (l.negate && r.negate) {
                    output(data, l, r, EMIT_BOTH, loff, roff);
                    data.negate = true;
                    return YES;
                } else if (l.negate) {
                    output(data, l, r, EMIT_L_ONLY, loff, roff);
                    data.negate = true;
                    return YES;
                } else if (r.negate) {
                    output(data, l, r, EMIT_R_ONLY, loff, roff);
                    data.negate = true;
                    return YES;
                }
                return output(data, l, r, EMIT_BOTH | EMIT_L_ONLY | EMIT_R_ONLY, loff, roff);
            }
        }
    }

    /**
     * TS_phrase_output: merge-joins the shifted position lists, keeping what emit asks for. Input
     * positions may still carry their weight bits (an unfiltered tsvector entry): only the
     * position part counts.
     */
    private static int output(PhraseData data, PhraseData l, PhraseData r, int emit, int loff, int roff) {
        int li = 0;
        int ri = 0;
        while (li < l.npos || ri < r.npos) {
            int lp;
            int rp;
            if (li < l.npos) {
                lp = (l.pos[li] & 0x3fff) + loff;
            } else {
                if ((emit & EMIT_R_ONLY) == 0) {
                    break;
                }
                lp = Integer.MAX_VALUE;
            }
            if (ri < r.npos) {
                rp = (r.pos[ri] & 0x3fff) + roff;
            } else {
                if ((emit & EMIT_L_ONLY) == 0) {
                    break;
                }
                rp = Integer.MAX_VALUE;
            }
            int out = 0;
            if (lp < rp) {
                if ((emit & EMIT_L_ONLY) != 0) {
                    out = lp;
                }
                li++;
            } else if (lp == rp) {
                if ((emit & EMIT_BOTH) != 0) {
                    out = rp;
                }
                li++;
                ri++;
            } else {
                if ((emit & EMIT_R_ONLY) != 0) {
                    out = rp;
                }
                ri++;
            }
            if (out > 0) {
                if (data == null) {
                    return YES;
                }
                data.add(out);
            }
        }
        return data != null && data.npos > 0 ? YES : NO;
    }
}
