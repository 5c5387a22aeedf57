package org.tuskdb.protocol.internal;

import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.server.ClientHandoff;
import org.tuskdb.api.shmem.ProcSlot;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlEngine;
import org.tuskdb.api.sql.SqlSession;
import org.tuskdb.api.sql.StatementDescription;
import org.tuskdb.platform.linux.Libc;

/**
 * One client session on a handed-over socket: startup, then the command loop of PostgreSQL's
 * PostgresMain, until the client leaves, the session fails FATALly, or the backend is told to
 * terminate. A new instance serves each session, so no field of one session can leak into the
 * next; the reader and writer it borrows are reset before use.
 *
 * <p>Rules:
 * <ol>
 * <li>Only this (the backend's main) thread writes to the socket.</li>
 * <li>Output is flushed before ReadyForQuery, on Flush, after an ErrorResponse of the extended
 * protocol and after a notice; otherwise it waits in the writer's buffer.</li>
 * <li>An ERROR while an extended-protocol message runs makes every following message except
 * Sync and Terminate be discarded (still framed and checked) until Sync.</li>
 * <li>A FATAL error (malformed message, SIGTERM, a FATAL from the engine) is sent to the client
 * if it is still there, and the session ends; the process then exits instead of being reused.</li>
 * </ol>
 */
final class BackendSession {
    private static final Logger LOG = LoggerFactory.getLogger(BackendSession.class);
    /** Bind without formats or parameters (most do): nothing to allocate, nothing anyone writes to. */
    private static final short[] NO_FORMATS = new short[0];
    private static final byte[][] NO_PARAMETERS = new byte[0][];

    /** How a session ended, and whether the backend may serve another one after it. */
    enum End {
        /** Terminate message, or end of stream between messages. */
        CLEAN(true),
        /** SIGTERM: FATAL 57P01 was sent. */
        TERMINATED(false),
        /** A FATAL error was sent: failed startup, protocol violation, engine FATAL. */
        FATAL(false),
        /** The connection broke inside a message or on a write. */
        CLIENT_GONE(false);

        final boolean reusable;

        End(boolean reusable) {
            this.reusable = reusable;
        }
    }

    private final SqlEngine engine;
    private final Interrupts interrupts;
    private final ProcSlot slot;
    private final SettingsRegistry settings;
    private final long pid;
    private final ClientReader reader;
    private final ClientWriter writer;
    private final WireResultSink sink;

    private SqlSession session;
    private boolean ignoreTillSync;
    private boolean transactionReported;
    private final boolean internal;
    /** ReadyForQuery messages sent: the session's round trips. */
    private long roundTrips;
    /** Query text per prepared statement and portal, for pg_stat_activity.query. */
    private final Map<String, String> statementText = new HashMap<>();
    private final Map<String, String> portalText = new HashMap<>();

    BackendSession(SqlEngine engine, Interrupts interrupts, ProcSlot slot, SettingsRegistry settings, long pid,
                   ClientReader reader, ClientWriter writer) {
        this(engine, interrupts, slot, settings, pid, reader, writer, false);
    }

    /**
     * @param internal the backend's session on itself (the warm-up): it runs as the bootstrap
     *                 superuser, so needs no role of its user name ({@link SessionStartup#internal})
     */
    BackendSession(SqlEngine engine, Interrupts interrupts, ProcSlot slot, SettingsRegistry settings, long pid,
                   ClientReader reader, ClientWriter writer, boolean internal) {
        this.internal = internal;
        this.engine = engine;
        this.interrupts = interrupts;
        this.slot = slot;
        this.settings = settings;
        this.pid = pid;
        this.reader = reader;
        this.writer = writer;
        this.sink = new WireResultSink(writer, reader, slot);
    }

    /** Serves the client to the end; never throws. The socket is closed when it returns. */
    End serve(ClientHandoff handoff) {
        int fd = handoff.socketFd();
        interrupts.beginSession(Thread.currentThread(), fd, this::deliverWhileIdle);
        reader.reset(fd);
        writer.reset(bytes -> Libc.writeFully(fd, bytes, bytes.byteSize()), interrupts::clientConnectionLost);
        try {
            prepareSocket(handoff);
            startup(handoff);
            return commandLoop();
        } catch (DatabaseException e) {
            return fatal(e);
        } catch (EOFException e) {
            LOG.info("incomplete message from client");
            return End.CLIENT_GONE;
        } catch (IOException e) {
            LOG.info("could not receive data from client: {}", e.getMessage());
            return End.CLIENT_GONE;
        } catch (OutOfMemoryError e) {
            return fatal(DatabaseException.fatal(SqlState.OUT_OF_MEMORY, "out of memory"));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("internal error in the backend's protocol loop", e);
            return fatal(DatabaseException.fatal(SqlState.INTERNAL_ERROR, "internal error: " + e));
        } finally {
            finish(fd);
        }
    }

    /** The postmaster may have left the socket non-blocking; we block (in poll) ourselves. */
    private static void prepareSocket(ClientHandoff handoff) throws IOException {
        Libc.setBlocking(handoff.socketFd(), true);
        if (handoff.clientAddr() != null) {
            try {
                Libc.setTcpNoDelay(handoff.socketFd(), true);
            } catch (IOException e) {
                LOG.debug("could not set TCP_NODELAY: {}", e.getMessage());
            }
        }
    }

    private void startup(ClientHandoff handoff) {
        StartupPacket packet = StartupPacket.parse(handoff.startupPacket());
        if (packet.needsNegotiation()) {
            writer.negotiateProtocolVersion(0, packet.ignoredOptions());
        }
        java.net.InetSocketAddress server = null;
        if (handoff.clientAddr() != null) {
            try {
                server = Libc.localAddress(handoff.socketFd());
            } catch (IOException e) {
                LOG.debug("could not read the socket's own address: {}", e.getMessage());
            }
        }
        session = engine.openSession(new SessionStartup(packet.user(), packet.database(), packet.parameters(), pid,
                handoff.clientAddr(), handoff.clientPort(), server == null ? null : server.getHostString(),
                server == null ? -1 : server.getPort(), internal), interrupts);
        writer.authenticationOk();
        Map<String, String> reported = session.reportedParameters();
        for (Map.Entry<String, String> p : reported.entrySet()) {
            writer.parameterStatus(p.getKey(), p.getValue());
        }
        writer.backendKeyData((int) pid, handoff.cancelKey());
        String applicationName = reported.getOrDefault("application_name",
                packet.parameters().getOrDefault("application_name", ""));
        slot.beginSession(packet.database(), packet.user(), applicationName, handoff.clientAddr(), handoff.clientPort());
        readyForQuery();
    }

    private End commandLoop() throws IOException {
        while (true) {
            interrupts.enterIdle();
            interrupts.idleTimeout(session.idleTimeoutMillis(), session.transactionStatus() != 'I');
            int next = reader.next();
            interrupts.leaveIdle();
            // As PostgreSQL: a SIGHUP that came while we waited is acted on before the command
            // that ended the wait, so that command already sees the new configuration.
            if (interrupts.takeReloadRequest()) {
                reloadSettings();
            }
            if (next < 0) {
                if (session.transactionStatus() != 'I') {
                    LOG.info("unexpected EOF on client connection with an open transaction");
                }
                return End.CLEAN;
            }
            char type = (char) next;
            if (type == FrontendMessage.TERMINATE) {
                return End.CLEAN;
            }
            if (ignoreTillSync && type != FrontendMessage.SYNC) {
                continue;
            }
            dispatch(type, reader.body());
            if (writer.broken()) {
                LOG.info("could not send data to client: connection lost");
                return End.CLIENT_GONE;
            }
        }
    }

    private void dispatch(char type, MessageBuffer body) {
        switch (type) {
            case FrontendMessage.QUERY -> simpleQuery(body);
            case FrontendMessage.SYNC -> {
                body.end();
                ignoreTillSync = false;
                sync();
            }
            case FrontendMessage.FLUSH -> {
                body.end();
                writer.flush();
            }
            case FrontendMessage.FUNCTION_CALL -> {
                sendError(DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "fastpath function calls are not supported"));
                readyForQuery();
            }
            // Outside COPY these are ignored, as the protocol says: the client may still be
            // sending data of a COPY that failed.
            case FrontendMessage.COPY_DATA, FrontendMessage.COPY_DONE, FrontendMessage.COPY_FAIL -> { }
            default -> extended(type, body);
        }
    }

    // ---- simple query -------------------------------------------------------------------------

    private void simpleQuery(MessageBuffer body) {
        String sql = body.cString();
        body.end();
        startCommand(sql);
        try {
            session.simpleQuery(sql, sink);
        } catch (DatabaseException e) {
            if (ProtocolErrors.endsSession(e)) {
                throw e;
            }
            sendError(e);
        } catch (RuntimeException e) {
            sendError(internalError(e));
        } catch (StackOverflowError e) {
            sendError(stackDepthExceeded());
        }
        readyForQuery();
    }

    // ---- extended query -----------------------------------------------------------------------

    private void extended(char type, MessageBuffer body) {
        try {
            switch (type) {
                case FrontendMessage.PARSE -> parse(body);
                case FrontendMessage.BIND -> bind(body);
                case FrontendMessage.DESCRIBE -> describe(body);
                case FrontendMessage.EXECUTE -> execute(body);
                case FrontendMessage.CLOSE -> close(body);
                default -> throw ProtocolErrors.violation("invalid frontend message type " + (int) type);
            }
        } catch (DatabaseException e) {
            if (ProtocolErrors.endsSession(e)) {
                throw e;
            }
            extendedError(e);
        } catch (RuntimeException e) {
            extendedError(internalError(e));
        } catch (StackOverflowError e) {
            extendedError(stackDepthExceeded());
        }
    }

    private void extendedError(DatabaseException e) {
        sendError(e);
        writer.flush();
        ignoreTillSync = true;
    }

    private void parse(MessageBuffer body) {
        String name = body.cString();
        String sql = body.cString();
        int count = body.count16(4);
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = body.int32();
        }
        body.end();
        session.parse(name, sql, types);
        statementText.put(name, sql);
        writer.parseComplete();
    }

    private void bind(MessageBuffer body) {
        String portal = body.cString();
        String statement = body.cString();
        int formatCount = body.count16(2);
        short[] formats = formatCount == 0 ? NO_FORMATS : new short[formatCount];
        for (int i = 0; i < formatCount; i++) {
            formats[i] = body.int16();
        }
        int parameterCount = body.count16(4);
        byte[][] parameters = parameterCount == 0 ? NO_PARAMETERS : new byte[parameterCount][];
        for (int i = 0; i < parameterCount; i++) {
            int length = body.int32();
            if (length < -1) {
                throw ProtocolErrors.invalidFormat();
            }
            parameters[i] = length == -1 ? null : body.bytes(length);
        }
        int resultFormatCount = body.count16(2);
        short[] resultFormats = resultFormatCount == 0 ? NO_FORMATS : new short[resultFormatCount];
        for (int i = 0; i < resultFormatCount; i++) {
            resultFormats[i] = body.int16();
        }
        body.end();
        session.bind(portal, statement, formats, parameters, resultFormats);
        portalText.put(portal, statementText.getOrDefault(statement, ""));
        writer.bindComplete();
    }

    private void describe(MessageBuffer body) {
        byte kind = body.int8();
        String name = body.cString();
        body.end();
        if (kind == 'S') {
            StatementDescription d = session.describeStatement(name);
            writer.parameterDescription(d.parameterTypes());
            rowDescriptionOrNoData(d.columns());
        } else if (kind == 'P') {
            rowDescriptionOrNoData(session.describePortal(name));
        } else {
            throw ProtocolErrors.violation("invalid DESCRIBE message subtype " + kind);
        }
    }

    private void rowDescriptionOrNoData(List<ColumnDescription> columns) {
        if (columns == null) {
            writer.noData();
        } else {
            writer.rowDescription(columns);
        }
    }

    private void execute(MessageBuffer body) {
        String portal = body.cString();
        int maxRows = body.int32();
        body.end();
        startCommand(portalText.getOrDefault(portal, ""));
        if (session.execute(portal, Math.max(0, maxRows), sink)) {
            writer.portalSuspended();
        }
    }

    private void close(MessageBuffer body) {
        byte kind = body.int8();
        String name = body.cString();
        body.end();
        if (kind == 'S') {
            session.closeStatement(name);
            statementText.remove(name);
        } else if (kind == 'P') {
            session.closePortal(name);
            portalText.remove(name);
        } else {
            throw ProtocolErrors.violation("invalid CLOSE message subtype " + kind);
        }
        writer.closeComplete();
    }

    private void sync() {
        try {
            session.sync();
        } catch (DatabaseException e) {
            if (ProtocolErrors.endsSession(e)) {
                throw e;
            }
            sendError(e);
        } catch (RuntimeException e) {
            sendError(internalError(e));
        }
        readyForQuery();
    }

    // ---- reporting ----------------------------------------------------------------------------

    /** pg_stat_activity: a command starts (and with it a transaction, if none was open). */
    private void startCommand(String sql) {
        slot.reportState("active", sql);
        if (!transactionReported) {
            slot.reportTransactionStart(System.currentTimeMillis());
            transactionReported = true;
        }
    }

    private void readyForQuery() {
        char status = session.transactionStatus();
        if (status == 'I') {
            // PostgreSQL's ProcessCompletedNotifies: what this and other sessions committed
            // reaches the client before it may send the next command
            interrupts.clearNotifyRequest();
            session.deliverNotifications(writer::notificationResponse);
        }
        String state = switch (status) {
            case 'T' -> "idle in transaction";
            case 'E' -> "idle in transaction (aborted)";
            default -> "idle";
        };
        // null: pg_stat_activity keeps showing the last query and when it started
        slot.reportState(state, null);
        if (status == 'I' && transactionReported) {
            slot.reportTransactionStart(0);
            transactionReported = false;
        }
        writer.readyForQuery(status);
        writer.flush();
        roundTrips++;
    }

    /**
     * SIGUSR1 woke the main thread while it waited for the client between two messages: outside
     * a transaction block the notifications go out now (inside one they wait for its end).
     */
    private void deliverWhileIdle() {
        if (session == null || session.transactionStatus() != 'I' || writer.broken()) {
            return;
        }
        try {
            session.deliverNotifications(writer::notificationResponse);
            writer.flush();
        } catch (RuntimeException e) {
            LOG.warn("could not deliver notifications", e);
        }
    }

    /** The round trips (ReadyForQuery messages) this session has answered so far. */
    long roundTrips() {
        return roundTrips;
    }

    private void sendError(DatabaseException e) {
        writer.errorOrNotice(asError(e));
    }

    private void reloadSettings() {
        try {
            settings.reload();
        } catch (RuntimeException e) {
            LOG.error("could not reload the configuration", e);
        }
    }

    private End fatal(DatabaseException e) {
        DatabaseException fatal = e.severity() == DatabaseException.Severity.FATAL ? e
                : new DatabaseException(DatabaseException.Severity.FATAL, e.sqlState(), e.getMessage(), e.detail(),
                        e.hint(), 0, e);
        if (SqlState.ADMIN_SHUTDOWN.equals(fatal.sqlState())) {
            LOG.info("FATAL: {}", fatal.getMessage());
        } else {
            LOG.warn("FATAL: {}{}", fatal.getMessage(), fatal.detail() == null ? "" : " (" + fatal.detail() + ")");
        }
        if (!writer.broken()) {
            writer.errorOrNotice(fatal);
            writer.flush();
        }
        return SqlState.ADMIN_SHUTDOWN.equals(fatal.sqlState()) ? End.TERMINATED : End.FATAL;
    }

    private void finish(int fd) {
        if (!writer.broken()) {
            writer.flush();
        }
        if (session != null) {
            // A client that went away (or a cut warm-up connection) must not stop the cleanup:
            // its temporary tables would stay in the catalog.
            interrupts.holdInterrupts();
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("error while closing the session", e);
            }
            session = null;
        }
        statementText.clear();
        portalText.clear();
        try {
            slot.endSession();
        } catch (RuntimeException e) {
            LOG.warn("could not report the end of the session", e);
        }
        interrupts.endSession();
        try {
            Libc.shutdown(fd, Libc.SHUT_RDWR);
        } catch (IOException ignored) {
            // the client is gone already
        }
        Libc.closeQuietly(fd);
    }

    private static DatabaseException asError(DatabaseException e) {
        DatabaseException.Severity s = e.severity();
        if (s == DatabaseException.Severity.ERROR || s == DatabaseException.Severity.FATAL
                || s == DatabaseException.Severity.PANIC) {
            return e;
        }
        return new DatabaseException(DatabaseException.Severity.ERROR, e.sqlState(), e.getMessage(), e.detail(),
                e.hint(), e.position(), e);
    }

    private static DatabaseException internalError(RuntimeException e) {
        LOG.error("internal error", e);
        return new DatabaseException(DatabaseException.Severity.ERROR, SqlState.INTERNAL_ERROR,
                e.getMessage() == null ? e.getClass().getName() : e.getMessage(), null, null, 0, e);
    }

    private static DatabaseException stackDepthExceeded() {
        return DatabaseException.error("54001", "stack depth limit exceeded")
                .withHint("The statement nests too deeply; simplify it.");
    }
}
