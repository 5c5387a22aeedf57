package org.tuskdb.sql.internal.plan;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.CopyInSource;
import org.tuskdb.sql.internal.copy.BinaryCopyDecoder;
import org.tuskdb.sql.internal.copy.CopyDecoder;
import org.tuskdb.sql.internal.copy.CopyOptions;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.Value;

/**
 * The source of COPY FROM STDIN's ModifyTable: the client's records, decoded as they arrive,
 * each field read by its column type's input function (22P02 and friends for bad values;
 * 22P04 for a record with too few or too many fields). The session puts the execution's
 * {@link CopyInSource} into {@link EvalContext#executionState()} under {@link #SOURCE} before
 * the plan is opened.
 */
public final class CopyFromPlan extends Plan {
    /** The executionState key of the CopyInSource. */
    public static final Object SOURCE = CopyInSource.class;
    private static final String BAD_COPY_FILE_FORMAT = "22P04";
    private final PgType[] types;
    private final List<String> names;
    private final CopyOptions options;
    private final String table;

    /** Per field, a domain column's checks over the field as column 0 (see CopyStatement), or null. */
    private final org.tuskdb.sql.internal.expr.Expression[] checks;

    public CopyFromPlan(String table, PgType[] types, List<String> names, CopyOptions options,
                        org.tuskdb.sql.internal.expr.Expression[] checks) {
        this.table = table;
        this.types = types;
        this.names = names;
        this.options = options;
        this.checks = checks;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        if (options.binary()) {
            return openBinary(ctx);
        }
        CopyDecoder decoder = new CopyDecoder((CopyInSource) ctx.executionState().get(SOURCE), options);
        ctx.executionState().put(CopyDecoder.class, decoder);
        return () -> {
            String[] fields;
            try {
                fields = decoder.next();
            } catch (DatabaseException e) {
                throw e.withContext(context(decoder) + ": \"" + decoder.recordText() + "\"");
            }
            if (fields == null) {
                return null;
            }
            int n = decoder.fieldCount();
            if (n > types.length) {
                throw DatabaseException.error(BAD_COPY_FILE_FORMAT, "extra data after last expected column")
                    .withContext(context(decoder) + ": \"" + decoder.recordText() + "\"");
            }
            if (n < types.length) {
                throw DatabaseException.error(BAD_COPY_FILE_FORMAT, "missing data for column \"" + names.get(n) + "\"")
                    .withContext(context(decoder) + ": \"" + decoder.recordText() + "\"");
            }
            Value[] row = new Value[n];
            for (int i = 0; i < n; i++) {
                try {
                    row[i] = fields[i] == null ? null : TypeInput.parse(types[i], -1, fields[i], ctx.style());
                    if (checks != null && checks[i] != null) {
                        row[i] = checks[i].eval(new Value[] {row[i]}, ctx);
                    }
                } catch (DatabaseException e) {
                    throw e.withContext(context(decoder) + ", column " + names.get(i) + ": "
                        + (fields[i] == null ? "null input" : "\"" + fields[i] + "\""));
                }
            }
            return row;
        };
    }

    /**
     * The binary format: each field read by its column type's receive function (22P03 for bad
     * bytes); errors carry PostgreSQL's binary context lines "COPY t, line n[, column c]".
     */
    private RowCursor openBinary(EvalContext ctx) {
        BinaryCopyDecoder decoder = new BinaryCopyDecoder((CopyInSource) ctx.executionState().get(SOURCE), types.length);
        ctx.executionState().put(CopyDecoder.class, decoder);
        return () -> {
            byte[][] fields;
            try {
                fields = decoder.next();
            } catch (DatabaseException e) {
                // the header is read before PostgreSQL's error context is set up: no CONTEXT line then
                throw decoder.line() == 0 ? e : e.withContext("COPY " + table + ", line " + decoder.line()
                    + (decoder.field() >= 0 ? ", column " + names.get(decoder.field()) : ""));
            }
            if (fields == null) {
                return null;
            }
            Value[] row = new Value[types.length];
            for (int i = 0; i < row.length; i++) {
                try {
                    row[i] = fields[i] == null ? null : TypeInput.fromBinary(types[i], fields[i]);
                    if (checks != null && checks[i] != null) {
                        row[i] = checks[i].eval(new Value[] {row[i]}, ctx);
                    }
                } catch (DatabaseException e) {
                    throw e.withContext("COPY " + table + ", line " + decoder.line() + ", column " + names.get(i));
                } catch (RuntimeException e) {
                    // a receive function that found too few bytes (BufferUnderflow and friends)
                    throw DatabaseException.error("22P03", "incorrect binary data format")
                        .withContext("COPY " + table + ", line " + decoder.line() + ", column " + names.get(i));
                }
            }
            return row;
        };
    }

    private String context(CopyDecoder decoder) {
        return "COPY " + table + ", line " + decoder.line();
    }

    /**
     * The context line of an error raised while a record is inserted (a constraint, an index):
     * {@code COPY t, line n}; null when the error is not from a record.
     */
    public static String recordContext(String table, EvalContext ctx) {
        Object d = ctx.executionState().get(CopyDecoder.class);
        long line = d instanceof CopyDecoder text ? text.line() : d instanceof BinaryCopyDecoder b ? b.line() : 0;
        return line == 0 ? null : "COPY " + table + ", line " + line;
    }
}
