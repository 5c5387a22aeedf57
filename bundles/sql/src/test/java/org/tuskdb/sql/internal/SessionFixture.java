package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlSession;

/** A session on a standalone engine, with helpers to run SQL and read results as psql -At would. */
class SessionFixture {
    static final long PID = 4242;
    final FakeHost host = new FakeHost();
    final FakeProcArray procArray = new FakeProcArray(PID);
    final RecordingSink sink = new RecordingSink();
    final SqlSession session;

    SessionFixture() {
        this(Map.of("application_name", "junit"), false);
    }

    SessionFixture(Map<String, String> startupParameters, boolean withProcArray) {
        ProcArray pa = withProcArray ? procArray : null;
        Engine engine = new Engine(() -> null, () -> pa);
        session = engine.openSession(new SessionStartup("alice", "postgres", startupParameters, PID, "127.0.0.1", 40000),
            host);
    }

    /** A session on an engine with storage services (several fixtures may share one engine). */
    SessionFixture(Engine engine) {
        this(engine, "alice");
    }

    /** ... logged in as {@code user} (alice is the bootstrap superuser of {@link #engineWith}). */
    SessionFixture(Engine engine, String user) {
        session = engine.openSession(new SessionStartup(user, "postgres", Map.of("application_name", "junit"), PID,
            "127.0.0.1", 40000), host);
    }

    /** An engine on the fake storage, its catalog bootstrapped. */
    static Engine engineWith(FakeStorage storage) {
        org.tuskdb.sql.internal.catalog.CatalogBootstrap.run(storage.heap, storage.transactions, storage.files, "alice");
        return new Engine(() -> null, () -> null, storage);
    }

    /** The command tags of the last query. */
    List<String> tags() {
        return sink.tags;
    }

    /** Runs a simple Query and returns its rows. */
    List<String> rows(String sql) {
        sink.clear();
        session.simpleQuery(sql, sink);
        return sink.allRows();
    }

    /** The single value (or |-joined row) of a one-row query. */
    String value(String sql) {
        List<String> r = rows(sql);
        if (r.size() != 1) {
            throw new AssertionError("expected one row from " + sql + " but got " + r);
        }
        return r.get(0);
    }

    DatabaseException error(String sql) {
        sink.clear();
        return assertThrows(DatabaseException.class, () -> session.simpleQuery(sql, sink), sql);
    }

    static DatabaseException error(Executable e) {
        return assertThrows(DatabaseException.class, e);
    }
}
