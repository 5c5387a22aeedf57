package org.tuskdb.sql.internal.plan;

import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.analyze.WindowCall;
import org.tuskdb.sql.internal.ast.WindowFrame;
import org.tuskdb.sql.internal.ast.WindowFrame.BoundKind;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.function.AggregateFunction.Accumulator;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The window calls that need the frame of each row or the size of the partition (nodeWindowAgg's
 * frame logic): aggregates over an explicit frame, first_value / last_value / nth_value (over
 * the frame, the default one included: RANGE UNBOUNDED PRECEDING to CURRENT ROW, i.e. up to the
 * last peer with ORDER BY, the whole partition without), ntile, percent_rank, cume_dist.
 *
 * <p>A row's frame is the positions {@code [from, to)} of its partition: ROWS counts rows, GROUPS
 * counts peer groups, RANGE (without offsets) takes the current row's peers; EXCLUDE CURRENT ROW
 * / GROUP / TIES then leaves out the row, its peers, or its peers but itself. Offsets are
 * evaluated once per partition (bigint, neither NULL (22004) nor negative (22013)). Aggregates
 * are computed anew for each row's frame.
 */
final class WindowFrameFunctions {
    private WindowFrameFunctions() {
    }

    private static final WindowFrame<Expression> DEFAULT = new WindowFrame<>(WindowFrame.Mode.RANGE,
        new WindowFrame.Bound<>(BoundKind.UNBOUNDED_PRECEDING, null, -1),
        new WindowFrame.Bound<>(BoundKind.CURRENT_ROW, null, -1), WindowFrame.Exclusion.NO_OTHERS);

    /** Whether {@link #compute} handles the call (else WindowPlan's own code does). */
    static boolean handles(WindowCall call) {
        if (call.aggregate() != null) {
            return call.frame() != null;
        }
        return switch (call.name()) {
            case "ntile", "percent_rank", "cume_dist", "first_value", "last_value", "nth_value" -> true;
            default -> false;
        };
    }

    static void compute(WindowCall call, List<Value[]> rows, Integer[] order, int start, int end,
                        Comparator<Integer> byOrder, int slot, EvalContext ctx) {
        int n = end - start;
        // peer groups: group[i] of partition position i, and each group's [first, last + 1)
        int[] group = new int[n];
        int[] groupStart = new int[n + 1];
        int groups = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || byOrder.compare(order[start + i - 1], order[start + i]) != 0) {
                groupStart[groups++] = i;
            }
            group[i] = groups - 1;
        }
        groupStart[groups] = n;
        switch (call.name()) {
            case "percent_rank", "cume_dist" -> {
                boolean cume = call.name().equals("cume_dist");
                for (int i = 0; i < n; i++) {
                    double v = cume ? (double) groupStart[group[i] + 1] / n
                        : n <= 1 ? 0 : (double) groupStart[group[i]] / (n - 1);
                    rows.get(order[start + i])[slot] = FloatValue.float8(v);
                }
                return;
            }
            case "ntile" -> {
                Value b = call.args()[0].eval(rows.get(order[start]), ctx);
                if (b == null) {
                    for (int i = 0; i < n; i++) {
                        rows.get(order[start + i])[slot] = null;
                    }
                    return;
                }
                long buckets = ((IntegerValue) b).value();
                if (buckets <= 0) {
                    throw DatabaseException.error("22014", "argument of ntile must be greater than zero");
                }
                long per = n / buckets;
                long extra = n % buckets;
                long bucket = 1;
                long left = per + (extra > 0 ? 1 : 0);
                for (int i = 0; i < n; i++) {
                    if (left == 0) {
                        bucket++;
                        left = per + (bucket <= extra ? 1 : 0);
                    }
                    rows.get(order[start + i])[slot] = IntegerValue.int4(bucket);
                    left--;
                }
                return;
            }
            default -> {
            }
        }
        WindowFrame<Expression> f = call.frame() != null ? call.frame() : DEFAULT;
        Value[] first = rows.get(order[start]);
        RangeKeys range = f.mode() == WindowFrame.Mode.RANGE
            && (f.start().offset() != null || f.end().offset() != null)
            ? new RangeKeys(call, rows, order, start, n, ctx) : null;
        long startOffset = range != null ? 0 : offset(f.start(), first, ctx, "starting");
        long endOffset = range != null ? 0 : offset(f.end(), first, ctx, "ending");
        for (int i = 0; i < n; i++) {
            int from = range != null && f.start().offset() != null
                ? range.bound(f.start(), i, true, group, groupStart, rows.get(order[start + i]), ctx)
                : (int) Math.max(0, Math.min(n, bound(f, f.start(), startOffset, i, true, group, groupStart, groups, n)));
            int to = range != null && f.end().offset() != null
                ? range.bound(f.end(), i, false, group, groupStart, rows.get(order[start + i]), ctx)
                : (int) Math.max(0, Math.min(n, bound(f, f.end(), endOffset, i, false, group, groupStart, groups, n)));
            Value[] row = rows.get(order[start + i]);
            row[slot] = value(call, rows, order, start, from, to, i, group, f.exclusion(), row, ctx);
            ctx.checkForInterrupts();
        }
    }

    /**
     * A partition's ORDER BY keys for RANGE with offsets: the rows whose key is in range of the
     * current row's bound value are found by binary search over the non-NULL keys (sorted in the
     * window's direction). A NULL key is only in range of NULL keys: its frame is its peers.
     */
    private static final class RangeKeys {
        private final Value[] keys;
        private final boolean descending;
        /** The non-NULL keys' positions [nonNullFrom, nonNullTo). */
        private final int nonNullFrom;
        private final int nonNullTo;

        RangeKeys(WindowCall call, List<Value[]> rows, Integer[] order, int start, int n, EvalContext ctx) {
            keys = new Value[n];
            var sort = call.orderBy().get(0);
            descending = sort.descending();
            int from = n;
            int to = 0;
            for (int i = 0; i < n; i++) {
                keys[i] = sort.expr().eval(rows.get(order[start + i]), ctx);
                if (keys[i] != null) {
                    from = Math.min(from, i);
                    to = i + 1;
                }
            }
            nonNullFrom = Math.min(from, to);
            nonNullTo = to;
        }

        int bound(WindowFrame.Bound<Expression> b, int i, boolean isStart, int[] group, int[] groupStart, Value[] row,
                  EvalContext ctx) {
            if (keys[i] == null) {
                return isStart ? groupStart[group[i]] : groupStart[group[i] + 1];
            }
            Value target = b.offset().eval(row, ctx);
            // start: the first key at or past the target; end: the first key past it
            int lo = nonNullFrom;
            int hi = nonNullTo;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int c = keys[mid].compareTo(target);
                if (descending) {
                    c = -c;
                }
                if (isStart ? c < 0 : c <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private static long offset(WindowFrame.Bound<Expression> b, Value[] row, EvalContext ctx, String which) {
        if (b.offset() == null) {
            return 0;
        }
        Value v = b.offset().eval(row, ctx);
        if (v == null) {
            throw DatabaseException.error("22004", "frame " + which + " offset must not be null");
        }
        long k = ((IntegerValue) v).value();
        if (k < 0) {
            throw DatabaseException.error("22013", "frame " + which + " offset must not be negative");
        }
        return k;
    }

    /** A bound as a partition position: the first row in the frame (start) or the one after the last (end). */
    private static long bound(WindowFrame<Expression> f, WindowFrame.Bound<Expression> b, long k, int i, boolean isStart,
                              int[] group, int[] groupStart, int groups, int n) {
        switch (b.kind()) {
            case UNBOUNDED_PRECEDING:
                return 0;
            case UNBOUNDED_FOLLOWING:
                return n;
            case CURRENT_ROW:
                if (f.mode() == WindowFrame.Mode.ROWS) {
                    return isStart ? i : i + 1;
                }
                return isStart ? groupStart[group[i]] : groupStart[group[i] + 1];
            default: {
                boolean preceding = b.kind() == BoundKind.PRECEDING;
                if (f.mode() == WindowFrame.Mode.ROWS) {
                    long at = preceding ? i - k : i + k;
                    return isStart ? at : at + 1;
                }
                long g = preceding ? group[i] - k : group[i] + k; // GROUPS
                if (g < 0) {
                    return 0;
                }
                if (g >= groups) {
                    return n;
                }
                return isStart ? groupStart[(int) g] : groupStart[(int) g + 1];
            }
        }
    }

    private static boolean excluded(WindowFrame.Exclusion e, int j, int i, int[] group) {
        return switch (e) {
            case NO_OTHERS -> false;
            case CURRENT_ROW -> j == i;
            case GROUP -> group[j] == group[i];
            case TIES -> j != i && group[j] == group[i];
        };
    }

    private static Value value(WindowCall call, List<Value[]> rows, Integer[] order, int start, int from, int to, int i,
                               int[] group, WindowFrame.Exclusion exclusion, Value[] current, EvalContext ctx) {
        if (call.aggregate() != null) {
            Accumulator acc = call.aggregate().newAccumulator();
            for (int j = from; j < to; j++) {
                if (excluded(exclusion, j, i, group)) {
                    continue;
                }
                Value[] row = rows.get(order[start + j]);
                Value[] args = new Value[call.args().length];
                for (int a = 0; a < args.length; a++) {
                    args[a] = call.args()[a].eval(row, ctx);
                }
                if (args.length == 0 || args[0] != null || !call.aggregate().strict()) {
                    acc.add(args, ctx);
                }
            }
            return acc.result();
        }
        long nth = 1;
        if (call.name().equals("nth_value")) {
            Value v = call.args()[1].eval(current, ctx);
            if (v == null) {
                return null;
            }
            nth = ((IntegerValue) v).value();
            if (nth <= 0) {
                throw DatabaseException.error("22016", "argument of nth_value must be greater than zero");
            }
        }
        boolean last = call.name().equals("last_value");
        int seen = 0;
        for (int step = 0; step < to - from; step++) {
            int j = last ? to - 1 - step : from + step;
            if (excluded(exclusion, j, i, group)) {
                continue;
            }
            if (last || ++seen == nth) {
                return call.args()[0].eval(rows.get(order[start + j]), ctx);
            }
        }
        return null;
    }
}
