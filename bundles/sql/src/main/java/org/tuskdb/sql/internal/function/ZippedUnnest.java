package org.tuskdb.sql.internal.function;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * {@code unnest(a, b, ...)} in FROM with several arrays (PostgreSQL's ROWS FROM (unnest(a),
 * unnest(b), ...)): one column per array, named "unnest", rows as long as the longest array with
 * NULLs past the end of the shorter ones; a NULL array counts as empty. Applications use it to
 * insert or update many rows from parallel array parameters.
 */
public final class ZippedUnnest {
    private ZippedUnnest() {}

    /** The set-returning function over arrays of these types (each an array type). */
    public static TableFunctionDef over(List<PgType> arrays) {
        List<Relation.Column> columns = new ArrayList<>(arrays.size());
        for (PgType a : arrays) {
            columns.add(new Relation.Column("unnest", a.elementType(), -1));
        }
        FunctionDef signature = new FunctionDef("unnest", List.copyOf(arrays), arrays.get(0).elementType(), false,
            false, 'i', null);
        return new TableFunctionDef(signature, List.copyOf(columns), (args, ctx) -> {
            int longest = 0;
            for (Value v : args) {
                longest = Math.max(longest, v == null ? 0 : ((ArrayValue) v).length());
            }
            int rows = longest;
            return new TableFunctionDef.Rows() {
                private int i;

                @Override
                public Value[] next() {
                    if (i >= rows) {
                        return null;
                    }
                    Value[] row = new Value[args.length];
                    for (int k = 0; k < args.length; k++) {
                        ArrayValue a = (ArrayValue) args[k];
                        row[k] = a != null && i < a.length() ? a.get(i) : null;
                    }
                    i++;
                    return row;
                }
            };
        });
    }
}
