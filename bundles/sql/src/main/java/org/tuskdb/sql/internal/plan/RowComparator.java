package org.tuskdb.sql.internal.plan;

import java.util.Comparator;
import java.util.List;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.value.Value;

/**
 * ORDER BY's order of rows: the sort keys' columns, directions and NULL placement in flat arrays,
 * compared in one loop (no chain of lambdas). NULLs sort per NULLS FIRST / LAST whatever the
 * direction, as the sort key says.
 */
final class RowComparator implements Comparator<Value[]> {
    private final int[] columns;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    RowComparator(List<Query.SortKey> keys) {
        int n = keys.size();
        columns = new int[n];
        descending = new boolean[n];
        nullsFirst = new boolean[n];
        for (int i = 0; i < n; i++) {
            Query.SortKey k = keys.get(i);
            columns[i] = k.target();
            descending[i] = k.descending();
            nullsFirst[i] = k.nullsFirst();
        }
    }

    @Override
    public int compare(Value[] a, Value[] b) {
        int[] cols = columns;
        for (int i = 0; i < cols.length; i++) {
            Value x = a[cols[i]];
            Value y = b[cols[i]];
            if (x == null || y == null) {
                if (x == y) {
                    continue;
                }
                return (x == null) == nullsFirst[i] ? -1 : 1;
            }
            int r = x.compareTo(y);
            if (r != 0) {
                return descending[i] ? (r < 0 ? 1 : -1) : r;
            }
        }
        return 0;
    }
}
