package org.tuskdb.sql.internal.tsearch;

import java.util.Arrays;
import org.tuskdb.sql.internal.value.TsQueryValue.Node;
import org.tuskdb.sql.internal.value.TsVectorValue;

/**
 * A tsvector as the executor's operand source (checkcondition_str): an operand matches its
 * lexeme, or with {@code :*} every lexeme it is a prefix of; a weight mask keeps only positions
 * of those weights. A lexeme without positions matches whatever the weights, but where positions
 * are needed (in a phrase) it is only a MAYBE.
 */
public final class VectorOperands implements QueryExecutor.Operands {
    private final TsVectorValue v;

    public VectorOperands(TsVectorValue v) {
        this.v = v;
    }

    /** tsvector @@ tsquery (ts_match_vq): false for an empty vector or query. */
    public static boolean matches(TsVectorValue v, org.tuskdb.sql.internal.value.TsQueryValue q) {
        if (v.size() == 0 || q.root() == null) {
            return false;
        }
        return QueryExecutor.matches(q.root(), new VectorOperands(v), false);
    }

    @Override
    public int check(Node operand, QueryExecutor.PhraseData data) {
        int at = v.find(operand.word);
        int res = QueryExecutor.NO;
        if (at >= 0) {
            res = checkEntry(at, operand, data);
        }
        if (!operand.prefix || (res == QueryExecutor.YES && data == null)) {
            return res;
        }
        int i = at >= 0 ? at : -at - 1;
        if (data != null) {
            data.npos = 0;
        }
        res = QueryExecutor.NO;
        int[] all = new int[0];
        int n = 0;
        for (; i < v.size() && (res != QueryExecutor.YES || data != null) && v.lexeme(i).startsWith(operand.word); i++) {
            QueryExecutor.PhraseData one = data == null ? null : new QueryExecutor.PhraseData();
            int sub = checkEntry(i, operand, one);
            if (sub == QueryExecutor.NO) {
                continue;
            }
            if (data != null) {
                if (sub == QueryExecutor.MAYBE) {
                    res = QueryExecutor.MAYBE;
                    n = 0;
                    break;
                }
                all = Arrays.copyOf(all, n + one.npos);
                System.arraycopy(one.pos, 0, all, n, one.npos);
                n += one.npos;
            } else if (sub == QueryExecutor.YES || res == QueryExecutor.NO) {
                res = sub;
            }
        }
        if (data != null && n > 0) {
            // Sorted and unique by the whole entry (position and weight), as PostgreSQL compares them.
            Arrays.sort(all, 0, n);
            int u = 0;
            for (int k = 0; k < n; k++) {
                if (u == 0 || all[u - 1] != all[k]) {
                    all[u++] = all[k];
                }
            }
            data.pos = Arrays.copyOf(all, u);
            data.npos = u;
            res = QueryExecutor.YES;
        }
        return res;
    }

    /** checkclass_str: one lexeme's positions against the operand's weights. */
    private int checkEntry(int i, Node operand, QueryExecutor.PhraseData data) {
        short[] p = v.positions(i);
        if (p == null) {
            return data != null ? QueryExecutor.MAYBE : QueryExecutor.YES;
        }
        if (operand.weight != 0) {
            boolean any = false;
            for (short s : p) {
                if ((operand.weight & (1 << TsVectorValue.weight(s))) != 0) {
                    any = true;
                    if (data == null) {
                        break;
                    }
                    data.add(TsVectorValue.pos(s));
                }
            }
            return any ? QueryExecutor.YES : QueryExecutor.NO;
        }
        if (data != null) {
            // Unfiltered positions keep their weight bits (PostgreSQL passes the entries as they are).
            for (short s : p) {
                data.add(s & 0xffff);
            }
        }
        return QueryExecutor.YES;
    }
}
