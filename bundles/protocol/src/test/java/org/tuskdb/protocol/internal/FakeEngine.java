package org.tuskdb.protocol.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.ResultSink;
import org.tuskdb.api.sql.SessionHost;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlEngine;
import org.tuskdb.api.sql.SqlSession;
import org.tuskdb.api.sql.StatementDescription;

/**
 * A scripted engine: a handful of fixed statements ("select 1", "begin", "fail", "sleep", ...)
 * and a tiny prepared-statement/portal store, enough to drive every protocol path.
 */
final class FakeEngine implements SqlEngine {
    final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    volatile DatabaseException openFailure;

    @Override
    public SqlSession openSession(SessionStartup startup, SessionHost host) {
        if (openFailure != null) {
            throw openFailure;
        }
        FakeSession s = new FakeSession(startup, host);
        sessions.add(s);
        return s;
    }

    static ColumnDescription column(String name) {
        return new ColumnDescription(name, 0, (short) 0, 23, (short) 4, -1, (short) 0);
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final class FakeSession implements SqlSession {
        final SessionStartup startup;
        final SessionHost host;
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> statements = new HashMap<>();
        final Map<String, int[]> remaining = new HashMap<>();
        volatile boolean closed;
        char status = 'I';

        FakeSession(SessionStartup startup, SessionHost host) {
            this.startup = startup;
            this.host = host;
        }

        @Override
        public Map<String, String> reportedParameters() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("server_version", "15.0");
            m.put("client_encoding", "UTF8");
            m.put("application_name", startup.parameters().getOrDefault("application_name", ""));
            return m;
        }

        @Override
        public void simpleQuery(String sql, ResultSink sink) {
            calls.add("query:" + sql);
            switch (sql) {
                case "select 1" -> {
                    sink.rowDescription(List.of(column("?column?")));
                    sink.dataRow(new byte[][] {text("1")});
                    sink.commandComplete("SELECT 1");
                }
                case "" -> sink.emptyQuery();
                case "begin" -> {
                    status = 'T';
                    sink.commandComplete("BEGIN");
                }
                case "commit" -> {
                    status = 'I';
                    sink.commandComplete("COMMIT");
                }
                case "fail" -> {
                    if (status == 'T') {
                        status = 'E';
                    }
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"fail\"", 1);
                }
                case "fatal" -> throw DatabaseException.fatal(SqlState.INVALID_CATALOG_NAME, "gone");
                case "bug" -> throw new IllegalStateException("engine bug");
                case "notice" -> {
                    sink.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "00000", "just so you know",
                            null, null, 0, null));
                    sink.commandComplete("DO");
                }
                case "set app" -> {
                    sink.parameterStatus("application_name", "renamed");
                    sink.commandComplete("SET");
                }
                case "sleep" -> {
                    sink.rowDescription(List.of(column("pg_sleep")));
                    host.sleep(30_000_000_000L);
                    sink.commandComplete("SELECT 1");
                }
                default -> throw DatabaseException.error(SqlState.SYNTAX_ERROR, "unknown test statement " + sql);
            }
        }

        @Override
        public void parse(String statementName, String sql, int[] parameterTypes) {
            calls.add("parse:" + statementName + ":" + sql + ":" + parameterTypes.length);
            if (sql.equals("fail")) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"fail\"");
            }
            statements.put(statementName, sql);
        }

        @Override
        public StatementDescription describeStatement(String statementName) {
            calls.add("describeStatement:" + statementName);
            String sql = statement(statementName);
            return new StatementDescription(new int[] {23}, sql.startsWith("select") ? List.of(column("n")) : null);
        }

        private String statement(String name) {
            String sql = statements.get(name);
            if (sql == null) {
                throw DatabaseException.error(SqlState.INVALID_SQL_STATEMENT_NAME,
                        "prepared statement \"" + name + "\" does not exist");
            }
            return sql;
        }

        @Override
        public void bind(String portalName, String statementName, short[] parameterFormats, byte[][] parameters,
                         short[] resultFormats) {
            String sql = statement(statementName);
            calls.add("bind:" + portalName + ":" + statementName + ":" + parameters.length + ":"
                    + (parameters.length > 0 && parameters[0] != null ? new String(parameters[0], StandardCharsets.UTF_8) : "null"));
            statements.put("portal:" + portalName, sql);
            remaining.put(portalName, new int[] {3});
        }

        @Override
        public List<ColumnDescription> describePortal(String portalName) {
            calls.add("describePortal:" + portalName);
            String sql = statements.get("portal:" + portalName);
            if (sql == null) {
                throw DatabaseException.error(SqlState.INVALID_CURSOR_NAME, "portal \"" + portalName + "\" does not exist");
            }
            return sql.startsWith("select") ? List.of(column("n")) : null;
        }

        @Override
        public boolean execute(String portalName, int maxRows, ResultSink sink) {
            calls.add("execute:" + portalName + ":" + maxRows);
            String sql = statements.get("portal:" + portalName);
            if (sql == null) {
                throw DatabaseException.error(SqlState.INVALID_CURSOR_NAME, "portal \"" + portalName + "\" does not exist");
            }
            if (sql.equals("sleep")) {
                host.sleep(30_000_000_000L);
            }
            if (!sql.startsWith("select")) {
                if (sql.isEmpty()) {
                    sink.emptyQuery();
                } else {
                    sink.commandComplete("SET");
                }
                return false;
            }
            int[] left = remaining.get(portalName);
            int sent = 0;
            while (left[0] > 0 && (maxRows == 0 || sent < maxRows)) {
                sink.dataRow(new byte[][] {text(Integer.toString(4 - left[0])), null});
                left[0]--;
                sent++;
            }
            if (left[0] > 0) {
                return true;
            }
            sink.commandComplete("SELECT 3");
            return false;
        }

        @Override
        public void closeStatement(String statementName) {
            calls.add("closeStatement:" + statementName);
            statements.remove(statementName);
        }

        @Override
        public void closePortal(String portalName) {
            calls.add("closePortal:" + portalName);
            statements.remove("portal:" + portalName);
        }

        @Override
        public void sync() {
            calls.add("sync");
        }

        @Override
        public char transactionStatus() {
            return status;
        }

        @Override
        public void close() {
            calls.add("close");
            closed = true;
        }
    }
}
