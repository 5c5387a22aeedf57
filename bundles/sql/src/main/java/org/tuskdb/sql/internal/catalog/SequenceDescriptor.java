package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.sequence.SequenceState;
import org.tuskdb.sql.internal.sequence.SequenceStorage;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * A sequence as the relation cache holds it: its pg_class row (relkind S) and pg_sequence
 * parameters. Selecting from it shows its current state (last_value, log_cnt, is_called) as
 * PostgreSQL does.
 */
public record SequenceDescriptor(long oid, String schema, long namespaceOid, String name, RelFileLocator locator,
                                 PgType type, long start, long increment, long max, long min, long cache,
                                 boolean cycle) implements SystemView {
    private static final List<Column> COLUMNS = List.of(new Column("last_value", PgType.INT8),
        new Column("log_cnt", PgType.INT8), new Column("is_called", PgType.BOOL));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Value[]> rows(EvalContext ctx) {
        SequenceState s = storage(ctx.storage().services()).read(locator);
        return List.<Value[]>of(new Value[] {IntegerValue.int8(s.lastValue()), IntegerValue.int8(s.logCount()),
            BoolValue.of(s.isCalled())});
    }

    public static SequenceStorage storage(org.tuskdb.sql.internal.storage.StorageServices services) {
        SequenceStorage s = services == null ? null : services.sequences();
        if (s == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "sequences are not available without the buffer pool and WAL");
        }
        return s;
    }
}
