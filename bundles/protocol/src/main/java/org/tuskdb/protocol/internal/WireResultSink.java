package org.tuskdb.protocol.internal;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.shmem.ProcSlot;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.ResultSink;

/**
 * What the engine produces, written straight into the client writer's buffer (no copies of
 * rows are kept). Notices are flushed at once, as PostgreSQL does, so a client sees them while
 * a long statement still runs. A changed application_name also goes to the ProcArray slot.
 */
final class WireResultSink implements ResultSink {
    private final ClientWriter writer;
    private final ProcSlot slot;

    WireResultSink(ClientWriter writer, ProcSlot slot) {
        this.writer = writer;
        this.slot = slot;
    }

    @Override
    public void rowDescription(List<ColumnDescription> columns) {
        writer.rowDescription(columns);
    }

    @Override
    public void dataRow(byte[][] values) {
        writer.dataRow(values);
    }

    @Override
    public void commandComplete(String tag) {
        writer.commandComplete(tag);
    }

    @Override
    public void emptyQuery() {
        writer.emptyQueryResponse();
    }

    @Override
    public void notice(DatabaseException notice) {
        writer.errorOrNotice(notice);
        writer.flush();
    }

    @Override
    public void parameterStatus(String name, String value) {
        writer.parameterStatus(name, value);
        // pg_stat_activity shows the session's current application_name.
        if (name.equalsIgnoreCase("application_name")) {
            slot.reportApplicationName(value);
        }
    }
}
