package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.sql.internal.analyze.Aggregation.SortExpr;
import org.tuskdb.sql.internal.analyze.WindowCall;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.function.AggregateFunction.Accumulator;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * WindowAgg: reads all input rows, and for each window call sorts them (stably) by its
 * PARTITION BY then ORDER BY values, walks the partitions and computes the call's value for
 * every row, appended at {@code width + call index}. Rows come out in the order of the last
 * call's sort (as PostgreSQL's last WindowAgg leaves them). Ranking: row_number, rank
 * (peers = equal ORDER BY values), dense_rank; lag / lead (offset, default) within the
 * partition; aggregates over the default frame (running over peer groups with ORDER BY, the
 * whole partition without).
 */
public final class WindowPlan extends Plan {
    private final Plan input;
    private final int width;
    private final WindowCall[] calls;

    public WindowPlan(Plan input, int width, WindowCall[] calls) {
        this.input = input;
        this.width = width;
        this.calls = calls;
    }

    private static int compare(Value a, Value b, boolean descending, boolean nullsFirst) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsFirst ? -1 : 1;
        }
        int r = a.compareTo(b);
        return descending ? -r : r;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        List<Value[]> rows = new ArrayList<>();
        Value[] r;
        while ((r = in.next()) != null) {
            rows.add(Arrays.copyOf(r, width + calls.length));
            ctx.checkForInterrupts();
        }
        int n = rows.size();
        Integer[] order = new Integer[n];
        for (int c = 0; c < calls.length; c++) {
            WindowCall call = calls[c];
            int np = call.partitionBy().size();
            int no = call.orderBy().size();
            Value[][] pk = new Value[n][np];
            Value[][] ok = new Value[n][no];
            for (int i = 0; i < n; i++) {
                Value[] row = rows.get(i);
                for (int k = 0; k < np; k++) {
                    pk[i][k] = call.partitionBy().get(k).eval(row, ctx);
                }
                for (int k = 0; k < no; k++) {
                    ok[i][k] = call.orderBy().get(k).expr().eval(row, ctx);
                }
                order[i] = i;
            }
            Comparator<Integer> byPartition = (a, b) -> {
                for (int k = 0; k < np; k++) {
                    int x = compare(pk[a][k], pk[b][k], false, false);
                    if (x != 0) {
                        return x;
                    }
                }
                return 0;
            };
            Comparator<Integer> byOrder = (a, b) -> {
                for (int k = 0; k < no; k++) {
                    SortExpr s = call.orderBy().get(k);
                    int x = compare(ok[a][k], ok[b][k], s.descending(), s.nullsFirst());
                    if (x != 0) {
                        return x;
                    }
                }
                return 0;
            };
            Arrays.sort(order, byPartition.thenComparing(byOrder));
            int slot = width + c;
            int start = 0;
            while (start < n) {
                int end = start + 1;
                while (end < n && byPartition.compare(order[start], order[end]) == 0) {
                    end++;
                }
                computePartition(call, rows, order, start, end, byOrder, slot, ctx);
                start = end;
            }
            ctx.checkForInterrupts();
        }
        List<Value[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(rows.get(calls.length == 0 ? i : order[i]));
        }
        var it = out.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private static void computePartition(WindowCall call, List<Value[]> rows, Integer[] order, int start, int end,
                                         Comparator<Integer> byOrder, int slot, EvalContext ctx) {
        if (WindowFrameFunctions.handles(call)) {
            WindowFrameFunctions.compute(call, rows, order, start, end, byOrder, slot, ctx);
            return;
        }
        if (call.aggregate() != null) {
            boolean running = !call.orderBy().isEmpty();
            Accumulator acc = call.aggregate().newAccumulator();
            int p = start;
            while (p < end) {
                int groupEnd = p + 1;
                if (running) {
                    while (groupEnd < end && byOrder.compare(order[p], order[groupEnd]) == 0) {
                        groupEnd++;
                    }
                } else {
                    groupEnd = end;
                }
                for (int i = p; i < groupEnd; i++) {
                    Value[] row = rows.get(order[i]);
                    Value[] args = new Value[call.args().length];
                    for (int a = 0; a < args.length; a++) {
                        args[a] = call.args()[a].eval(row, ctx);
                    }
                    if (args.length == 0 || args[0] != null || !call.aggregate().strict()) {
                        acc.add(args, ctx);
                    }
                }
                Value v = acc.result();
                for (int i = p; i < groupEnd; i++) {
                    rows.get(order[i])[slot] = v;
                }
                p = groupEnd;
            }
            return;
        }
        switch (call.name()) {
            case "row_number" -> {
                for (int i = start; i < end; i++) {
                    rows.get(order[i])[slot] = IntegerValue.int8(i - start + 1);
                }
            }
            case "rank", "dense_rank" -> {
                boolean dense = call.name().equals("dense_rank");
                long rank = 0;
                long dr = 0;
                for (int i = start; i < end; i++) {
                    if (i == start || byOrder.compare(order[i - 1], order[i]) != 0) {
                        rank = i - start + 1;
                        dr++;
                    }
                    rows.get(order[i])[slot] = IntegerValue.int8(dense ? dr : rank);
                }
            }
            default -> { // lag, lead
                boolean lag = call.name().equals("lag");
                for (int i = start; i < end; i++) {
                    Value[] row = rows.get(order[i]);
                    long off = 1;
                    if (call.args().length > 1) {
                        Value o = call.args()[1].eval(row, ctx);
                        if (o == null) {
                            row[slot] = null;
                            continue;
                        }
                        off = ((IntegerValue) o).value();
                    }
                    long target = lag ? i - off : i + off;
                    if (target >= start && target < end) {
                        row[slot] = call.args()[0].eval(rows.get(order[(int) target]), ctx);
                    } else {
                        row[slot] = call.args().length > 2 ? call.args()[2].eval(row, ctx) : null;
                    }
                }
            }
        }
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public WindowCall[] explainCalls() { return calls; }
}
