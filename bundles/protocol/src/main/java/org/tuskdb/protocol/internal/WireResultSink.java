package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.shmem.ProcSlot;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.CopyInSource;
import org.tuskdb.api.sql.ResultSink;

/**
 * What the engine produces, written straight into the client writer's buffer (no copies of
 * rows are kept). Notices are flushed at once, as PostgreSQL does, so a client sees them while
 * a long statement still runs. A changed application_name also goes to the ProcArray slot.
 */
final class WireResultSink implements ResultSink {
    private final ClientWriter writer;
    private final ClientReader reader;
    private final ProcSlot slot;

    WireResultSink(ClientWriter writer, ClientReader reader, ProcSlot slot) {
        this.writer = writer;
        this.reader = reader;
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

    /**
     * COPY FROM STDIN: CopyInResponse, then the client's messages read here, inside the
     * statement: CopyData payloads are handed over, CopyDone ends the data, CopyFail is 57014;
     * Flush and Sync are ignored (the protocol says so for copy-in mode); anything else is 08P01.
     */
    @Override
    public CopyInSource copyIn(int columns) {
        return copyIn(columns, false);
    }

    @Override
    public CopyInSource copyIn(int columns, boolean binary) {
        writer.copyResponse(true, columns, binary);
        writer.flush();
        return new CopyInSource() {
            private boolean done;

            @Override
            public byte[] next() {
                while (!done) {
                    int type;
                    try {
                        type = reader.next();
                    } catch (IOException e) {
                        throw ProtocolErrors.connectionLost();
                    }
                    switch (type) {
                        case FrontendMessage.COPY_DATA -> {
                            MessageBuffer body = reader.body();
                            return body.bytes(body.remaining());
                        }
                        case FrontendMessage.COPY_DONE -> done = true;
                        case FrontendMessage.COPY_FAIL -> {
                            done = true;
                            throw DatabaseException.error(SqlState.QUERY_CANCELED,
                                "COPY from stdin failed: " + reader.body().cString());
                        }
                        case FrontendMessage.FLUSH, FrontendMessage.SYNC -> { }
                        case -1, FrontendMessage.TERMINATE -> throw DatabaseException.fatal(SqlState.PROTOCOL_VIOLATION,
                            "unexpected EOF on client connection with an open transaction");
                        default -> {
                            done = true;
                            throw DatabaseException.error(SqlState.PROTOCOL_VIOLATION,
                                String.format("unexpected message type 0x%02X during COPY from stdin", type));
                        }
                    }
                }
                return null;
            }
        };
    }

    @Override
    public void copyOut(int columns) {
        copyOut(columns, false);
    }

    @Override
    public void copyOut(int columns, boolean binary) {
        writer.copyResponse(false, columns, binary);
    }

    @Override
    public void copyData(byte[] data, int length) {
        writer.copyData(data, length);
    }

    @Override
    public void copyDone() {
        writer.copyDone();
    }
}
