package org.tuskdb.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.ResultSink;
import org.tuskdb.api.sql.SessionHost;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlSession;
import org.tuskdb.sql.internal.Engine;

/**
 * What one backend spends inside the SQL engine per statement, without the socket: a simple
 * Query of SELECT 1 (lex, parse, analyze, plan, execute, encode), the same with expressions, and
 * the extended-protocol cycle pgbench -M prepared sends (Bind, Execute, Sync on a parsed statement).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SqlSessionBenchmark {
    private SqlSession session;
    private ResultSink sink;
    private final byte[][] params = {"42".getBytes()};
    private final short[] noFormats = {};

    @Setup
    public void open(Blackhole bh) {
        SessionHost host = new SessionHost() {
            @Override public void checkForInterrupts() { }
            @Override public void sleep(long nanos) { }
        };
        session = Engine.standalone().openSession(new SessionStartup("bench", "postgres", Map.of(), 1, null, -1), host);
        sink = new ResultSink() {
            @Override public void rowDescription(List<ColumnDescription> columns) { bh.consume(columns); }
            @Override public void dataRow(byte[][] values) { bh.consume(values); }
            @Override public void commandComplete(String tag) { bh.consume(tag); }
            @Override public void emptyQuery() { }
            @Override public void notice(DatabaseException notice) { }
            @Override public void parameterStatus(String name, String value) { }
        };
        session.parse("point", "SELECT $1::int4 + 1", new int[] {23});
    }

    @TearDown
    public void close() {
        session.close();
    }

    @Benchmark
    public void simpleSelect1() {
        session.simpleQuery("SELECT 1", sink);
    }

    @Benchmark
    public void simpleExpressions() {
        session.simpleQuery("SELECT 1 + 2 * 3, 'a' || 'b', CASE WHEN 2 > 1 THEN 'yes' ELSE 'no' END, 7.0 / 2", sink);
    }

    @Benchmark
    public boolean preparedBindExecuteSync() {
        session.bind("", "point", noFormats, params, noFormats);
        boolean suspended = session.execute("", 0, sink);
        session.sync();
        return suspended;
    }
}
