package org.tuskdb.sql.internal.tsearch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.TsQueryValue;
import org.tuskdb.sql.internal.value.TsQueryValue.Node;
import org.tuskdb.sql.internal.value.TsVectorValue;

/**
 * ts_rank and ts_rank_cd (tsrank.c's formulas). ts_rank scores how often and how close together
 * the query's lexemes occur, weighted by their position weights; ts_rank_cd ("cover density")
 * sums over the minimal stretches of the document that satisfy the query, less for stretches with
 * more words between the matches. Both normalise by the flags' bit mask (document length, its
 * logarithm, number of unique words, distance between covers, rank/(rank+1)).
 *
 * <p>Rule: the arithmetic keeps PostgreSQL's precision step for step — ts_rank's sums are in
 * single precision with some terms widened to double, ts_rank_cd's in double — so that the float4
 * results print the same digits.
 */
public final class Ranking {
    private Ranking() {}

    /** The default weights of D, C, B, A. */
    public static final float[] DEFAULT_WEIGHTS = {0.1f, 0.2f, 0.4f, 1.0f};

    private static final int NORM_LOGLENGTH = 0x01;
    private static final int NORM_LENGTH = 0x02;
    private static final int NORM_EXTDIST = 0x04;
    private static final int NORM_UNIQ = 0x08;
    private static final int NORM_LOGUNIQ = 0x10;
    private static final int NORM_RDIVRPLUS1 = 0x20;
    private static final int MAXENTRYPOS = 1 << 14;

    /** getWeights: a weights array of at least four non-null elements; negative ones take the default. */
    public static float[] weights(Float[] given) {
        if (given.length < 4) {
            throw DatabaseException.error("2202E", "array of weight is too short");
        }
        float[] w = new float[4];
        for (int i = 0; i < given.length; i++) {
            if (given[i] == null) {
                throw DatabaseException.error("22004", "array of weight must not contain nulls");
            }
        }
        for (int i = 0; i < 4; i++) {
            w[i] = given[i] >= 0 ? given[i] : DEFAULT_WEIGHTS[i];
            if (w[i] > 1.0f) {
                throw DatabaseException.error("22023", "weight out of range");
            }
        }
        return w;
    }

    private static float wpos(float[] w, int wep) {
        return w[(wep >> 14) & 3];
    }

    private static float wordDistance(int d) {
        if (d > 100) {
            return 1e-30f;
        }
        return (float) (1.0 / (1.005 + 0.05 * Math.exp(((float) d) / 1.5 - 2)));
    }

    private static int cntLength(TsVectorValue t) {
        int len = 0;
        for (int i = 0; i < t.size(); i++) {
            short[] p = t.positions(i);
            len += p == null || p.length == 0 ? 1 : p.length;
        }
        return len;
    }

    /** Every operand of the query, in PostgreSQL's item order (an operator, its right side, its left side). */
    private static void operands(Node n, List<Node> out) {
        if (n.isOperand()) {
            out.add(n);
            return;
        }
        operands(n.right, out);
        if (n.left != null) {
            operands(n.left, out);
        }
    }

    /** tsCompareString without prefix: bytes, then length. */
    private static int compareWords(String a, String b) {
        return TsVectorValue.compareLexemes(a, b);
    }

    /** SortAndUniqItems: the operands sorted by word, one per word. */
    private static List<Node> uniqueOperands(TsQueryValue q) {
        List<Node> all = new ArrayList<>();
        operands(q.root(), all);
        if (all.size() < 2) {
            return all;
        }
        all.sort((a, b) -> compareWords(a.word, b.word));
        List<Node> out = new ArrayList<>();
        for (Node n : all) {
            if (out.isEmpty() || compareWords(out.get(out.size() - 1).word, n.word) != 0) {
                out.add(n);
            }
        }
        return out;
    }

    /** find_wordentry: the indexes of the vector's lexemes the operand names (its prefix range with :*). */
    private static int[] entries(TsVectorValue t, Node item) {
        int at = t.find(item.word);
        if (!item.prefix) {
            return at >= 0 ? new int[] {at} : new int[0];
        }
        int i = at >= 0 ? at : -at - 1;
        int start = i;
        while (i < t.size() && t.lexeme(i).startsWith(item.word)) {
            i++;
        }
        int[] out = new int[i - start];
        for (int k = 0; k < out.length; k++) {
            out[k] = start + k;
        }
        return out;
    }

    private static int[] positionsOf(TsVectorValue t, int entry, int nullPos) {
        short[] p = t.positions(entry);
        if (p == null || p.length == 0) {
            return new int[] {nullPos};
        }
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] & 0xffff;
        }
        return out;
    }

    // ---- ts_rank -------------------------------------------------------------------------------

    public static float rank(float[] w, TsVectorValue t, TsQueryValue q, int method) {
        if (t.size() == 0 || q.root() == null) {
            return 0.0f;
        }
        Node root = q.root();
        float res = !root.isOperand() && (root.op == TsQueryValue.AND || root.op == TsQueryValue.PHRASE)
            ? rankAnd(w, t, q) : rankOr(w, t, q);
        if (res < 0) {
            res = 1e-20f;
        }
        if ((method & NORM_LOGLENGTH) != 0 && t.size() > 0) {
            res = (float) (res / (Math.log(cntLength(t) + 1) / Math.log(2.0)));
        }
        if ((method & NORM_LENGTH) != 0) {
            int len = cntLength(t);
            if (len > 0) {
                res /= (float) len;
            }
        }
        if ((method & NORM_UNIQ) != 0 && t.size() > 0) {
            res /= (float) t.size();
        }
        if ((method & NORM_LOGUNIQ) != 0 && t.size() > 0) {
            res = (float) (res / (Math.log(t.size() + 1) / Math.log(2.0)));
        }
        if ((method & NORM_RDIVRPLUS1) != 0) {
            res /= (res + 1);
        }
        return res;
    }

    private static float rankAnd(float[] w, TsVectorValue t, TsQueryValue q) {
        List<Node> items = uniqueOperands(q);
        if (items.size() < 2) {
            return rankOr(w, t, q);
        }
        int[][] pos = new int[items.size()][];
        boolean[] isNull = new boolean[items.size()];
        float res = -1.0f;
        for (int i = 0; i < items.size(); i++) {
            for (int e : entries(t, items.get(i))) {
                short[] raw = t.positions(e);
                isNull[i] = raw == null || raw.length == 0;
                pos[i] = positionsOf(t, e, MAXENTRYPOS - 1);
                int[] post = pos[i];
                for (int k = 0; k < i; k++) {
                    if (pos[k] == null) {
                        continue;
                    }
                    int[] ct = pos[k];
                    for (int l = 0; l < post.length; l++) {
                        for (int p = 0; p < ct.length; p++) {
                            int dist = Math.abs((post[l] & 0x3fff) - (ct[p] & 0x3fff));
                            if (dist != 0 || isNull[i] || isNull[k]) {
                                if (dist == 0) {
                                    dist = MAXENTRYPOS;
                                }
                                float curw = (float) Math.sqrt(wpos(w, post[l]) * wpos(w, ct[p]) * wordDistance(dist));
                                res = res < 0 ? curw : (float) (1.0 - (1.0 - res) * (1.0 - curw));
                            }
                        }
                    }
                }
            }
        }
        return res;
    }

    private static float rankOr(float[] w, TsVectorValue t, TsQueryValue q) {
        List<Node> items = uniqueOperands(q);
        float res = 0.0f;
        for (Node item : items) {
            for (int e : entries(t, item)) {
                int[] post = positionsOf(t, e, 0);
                float resj = 0.0f;
                float wjm = -1.0f;
                int jm = 0;
                for (int j = 0; j < post.length; j++) {
                    resj = resj + wpos(w, post[j]) / ((j + 1) * (j + 1));
                    if (wpos(w, post[j]) > wjm) {
                        wjm = wpos(w, post[j]);
                        jm = j;
                    }
                }
                res = (float) (res + (wjm + resj - wjm / ((jm + 1) * (jm + 1))) / 1.64493406685);
            }
        }
        if (!items.isEmpty()) {
            res = res / items.size();
        }
        return res;
    }

    // ---- ts_rank_cd ----------------------------------------------------------------------------

    /** One position of the document where query operands occur (DocRepresentation). */
    private record DocEntry(int wep, List<Node> items) {}

    public static float rankCd(float[] w, TsVectorValue t, TsQueryValue q, int method) {
        double[] invws = new double[4];
        for (int i = 0; i < 4; i++) {
            invws[i] = 1.0 / (double) w[i];
        }
        if (q.root() == null) {
            return 0.0f;
        }
        List<DocEntry> doc = docRepresentation(t, q);
        if (doc.isEmpty()) {
            return 0.0f;
        }
        Cover cover = new Cover(doc, q.root());
        double wdoc = 0.0;
        double sumDist = 0.0;
        double prevExtPos = 0.0;
        int nExtent = 0;
        while (cover.next()) {
            double invSum = 0.0;
            for (int i = cover.begin; i <= cover.end; i++) {
                invSum += invws[(doc.get(i).wep() >> 14) & 3];
            }
            double cpos = (cover.end - cover.begin + 1) / invSum;
            int nNoise = (cover.q - cover.p) - (cover.end - cover.begin);
            if (nNoise < 0) {
                nNoise = (cover.end - cover.begin) / 2;
            }
            wdoc += cpos / (1 + nNoise);
            double curExtPos = (cover.q + cover.p) / 2.0;
            if (nExtent > 0 && curExtPos > prevExtPos) {
                sumDist += 1.0 / (curExtPos - prevExtPos);
            }
            prevExtPos = curExtPos;
            nExtent++;
        }
        if ((method & NORM_LOGLENGTH) != 0 && t.size() > 0) {
            wdoc /= Math.log(cntLength(t) + 1);
        }
        if ((method & NORM_LENGTH) != 0) {
            int len = cntLength(t);
            if (len > 0) {
                wdoc /= len;
            }
        }
        if ((method & NORM_EXTDIST) != 0 && nExtent > 0 && sumDist > 0) {
            wdoc /= nExtent / sumDist;
        }
        if ((method & NORM_UNIQ) != 0 && t.size() > 0) {
            wdoc /= t.size();
        }
        if ((method & NORM_LOGUNIQ) != 0 && t.size() > 0) {
            wdoc /= Math.log(t.size() + 1) / Math.log(2.0);
        }
        if ((method & NORM_RDIVRPLUS1) != 0) {
            wdoc /= (wdoc + 1);
        }
        return (float) wdoc;
    }

    /**
     * get_docrep: every position (of a matching weight) of every lexeme an operand names, sorted by
     * position, weight and lexeme, the operands of one lexeme at one position joined.
     */
    private static List<DocEntry> docRepresentation(TsVectorValue t, TsQueryValue q) {
        List<Node> items = new ArrayList<>();
        operands(q.root(), items);
        List<int[]> raw = new ArrayList<>(); // {wep, entry, item index}
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            for (int e : entries(t, item)) {
                short[] p = t.positions(e);
                if (p == null || p.length == 0) {
                    continue;
                }
                for (short s : p) {
                    if (item.weight == 0 || (item.weight & (1 << TsVectorValue.weight(s))) != 0) {
                        raw.add(new int[] {s & 0xffff, e, i});
                    }
                }
            }
        }
        raw.sort((a, b) -> {
            int pa = a[0] & 0x3fff;
            int pb = b[0] & 0x3fff;
            if (pa != pb) {
                return Integer.compare(pa, pb);
            }
            int wa = a[0] >> 14;
            int wb = b[0] >> 14;
            if (wa != wb) {
                return Integer.compare(wa, wb);
            }
            return Integer.compare(a[1], b[1]);
        });
        List<DocEntry> doc = new ArrayList<>();
        int[] prev = null;
        for (int[] r : raw) {
            if (prev != null && prev[0] == r[0] && prev[1] == r[1]) {
                doc.get(doc.size() - 1).items().add(items.get(r[2]));
            } else {
                List<Node> joined = new ArrayList<>();
                joined.add(items.get(r[2]));
                doc.add(new DocEntry(r[0], joined));
            }
            prev = r;
        }
        return doc;
    }

    /** The covers of a document, one after another (Cover). */
    private static final class Cover implements QueryExecutor.Operands {
        private final List<DocEntry> doc;
        private final Node root;
        /** Where the next search starts, and the last cover's bounds (positions p..q, entries begin..end). */
        int pos;
        int p;
        int q;
        int begin;
        int end;
        private final Map<Node, int[]> found = new IdentityHashMap<>();
        private boolean reverse;

        Cover(List<DocEntry> doc, Node root) {
            this.doc = doc;
            this.root = root;
        }

        private void reset(boolean reverseInsert) {
            found.clear();
            reverse = reverseInsert;
        }

        private void fill(DocEntry e) {
            for (Node n : e.items()) {
                int[] have = found.get(n);
                if (have == null) {
                    found.put(n, new int[] {e.wep()});
                } else if (reverse) {
                    if ((have[0] & 0x3fff) != (e.wep() & 0x3fff)) {
                        int[] more = new int[have.length + 1];
                        more[0] = e.wep();
                        System.arraycopy(have, 0, more, 1, have.length);
                        found.put(n, more);
                    }
                } else if ((have[have.length - 1] & 0x3fff) != (e.wep() & 0x3fff)) {
                    int[] more = Arrays.copyOf(have, have.length + 1);
                    more[have.length] = e.wep();
                    found.put(n, more);
                }
            }
        }

        @Override
        public int check(Node operand, QueryExecutor.PhraseData data) {
            int[] have = found.get(operand);
            if (have == null) {
                return QueryExecutor.NO;
            }
            if (data != null) {
                data.pos = have.clone();
                data.npos = have.length;
            }
            return QueryExecutor.YES;
        }

        boolean next() {
            while (true) {
                int lastpos = pos;
                boolean ok = false;
                reset(false);
                p = Integer.MAX_VALUE;
                q = 0;
                for (int i = pos; i < doc.size(); i++) {
                    fill(doc.get(i));
                    if (QueryExecutor.matches(root, this, false)) {
                        int at = doc.get(i).wep() & 0x3fff;
                        if (at > q) {
                            q = at;
                            end = i;
                            lastpos = i;
                            ok = true;
                        }
                        break;
                    }
                }
                if (!ok) {
                    return false;
                }
                reset(true);
                int i = lastpos;
                for (; i >= pos; i--) {
                    fill(doc.get(i));
                    if (QueryExecutor.matches(root, this, false)) {
                        int at = doc.get(i).wep() & 0x3fff;
                        if (at < p) {
                            begin = i;
                            p = at;
                        }
                        break;
                    }
                }
                if (p <= q) {
                    pos = i + 1;
                    return true;
                }
                pos++;
            }
        }
    }
}
