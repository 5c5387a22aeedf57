package org.tuskdb.sql.internal.plan;

import java.util.Arrays;
import org.tuskdb.sql.internal.value.Value;

/** Values as a hash key: equal when all are equal (NULLs equal each other), as grouping wants. */
record GroupKey(Value[] values) {
    @Override
    public boolean equals(Object o) {
        return o instanceof GroupKey k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
