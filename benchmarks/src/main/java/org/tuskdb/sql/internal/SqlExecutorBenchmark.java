package org.tuskdb.sql.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.ResultSink;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlSession;
import org.tuskdb.sql.internal.catalog.CatalogBootstrap;
import org.tuskdb.sql.internal.parser.Parser;

/**
 * The SQL engine's own costs on tables, without the socket, on the sql bundle's FakeStorage
 * (an in-memory heap of RowCodec tuples, a sorted-map B-tree, fake transactions and locks: the
 * executor's work — decoding tuples, expressions, aggregation, sorting, encoding DataRows — is
 * real, the storage under it is not):
 * <ul>
 * <li>{@code lexParsePointSelect}: lexer and parser of {@code SELECT * FROM t WHERE id = $1};
 * {@code parsePointSelect}: the whole Parse message (lex, parse, analyze, plan, the implicit
 * transaction) and Sync, so analyze + plan is the difference of the two;</li>
 * <li>{@code executePreparedPointLookup}: Bind, Execute, Sync of that statement prepared (an index
 * scan on the primary key of a 10,000-row table);</li>
 * <li>{@code simplePointLookup}: the same lookup as a simple Query with its key as a literal
 * ({@code SELECT * FROM t WHERE id = 4242}), a different key each time (1,024 texts made in
 * advance), as pgbench's default protocol sends it: with the session's simple-statement cache
 * the lexer and a cached plan, without it lex, parse, analyze and plan every time;
 * {@code simpleUpdate} an {@code UPDATE t SET n = n + -12 WHERE id = 4242} the same way (a
 * different key and delta each time, the row count stays);</li>
 * <li>{@code aggregate1M}: {@code SELECT count(*), sum(x), avg(x)} over 1,000,000 rows,
 * {@code groupBy1M} the same rows in 1,000 groups, {@code sort1M} all of them sorted (OFFSET so
 * that one row is sent), with work_mem as the parameter: 1GB sorts in memory, 4MB (the default)
 * is an external merge sort through temporary files; {@code hashJoin1M} a self-join on id
 * (4MB: batches in temporary files).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
public class SqlExecutorBenchmark {
    private static final String POINT = "SELECT * FROM t WHERE id = $1";

    static SqlSession session(FakeStorage storage, Blackhole bh) {
        CatalogBootstrap.run(storage.heap, storage.transactions, storage.files);
        Engine engine = new Engine(() -> null, () -> null, storage);
        return engine.openSession(new SessionStartup("bench", "postgres", Map.of(), 1, null, -1), new FakeHost());
    }

    static ResultSink sink(Blackhole bh) {
        return new ResultSink() {
            @Override public void rowDescription(List<ColumnDescription> columns) { bh.consume(columns); }
            @Override public void dataRow(byte[][] values) { bh.consume(values); }
            @Override public void commandComplete(String tag) { bh.consume(tag); }
            @Override public void emptyQuery() { }
            @Override public void notice(DatabaseException notice) { }
            @Override public void parameterStatus(String name, String value) { }
        };
    }

    /** Inserts rows i = 1..n given by a function of i as a VALUES tuple body, 1,000 per statement. */
    static void load(SqlSession s, ResultSink sink, String table, int n, java.util.function.IntFunction<String> row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(sb.isEmpty() ? "INSERT INTO " + table + " VALUES " : ",").append('(').append(row.apply(i)).append(')');
            if (i % 1000 == 0 || i == n) {
                s.simpleQuery(sb.toString(), sink);
                sb.setLength(0);
            }
        }
    }

    @State(Scope.Thread)
    public static class Point {
        SqlSession session;
        ResultSink sink;
        final byte[][] params = {"4242".getBytes(StandardCharsets.UTF_8)};
        final short[] noFormats = {};
        final int[] int4 = {23};
        /** Simple-Query texts with different keys, used in turn. */
        final String[] lookups = new String[1024];
        final String[] updates = new String[1024];
        int next;

        @Setup
        public void setup(Blackhole bh) {
            session = session(new FakeStorage(), bh);
            sink = sink(bh);
            session.simpleQuery("CREATE TABLE t (id int PRIMARY KEY, v text, n int)", sink);
            load(session, sink, "t", 10_000, i -> i + ",'value " + i + "'," + (i % 100));
            session.parse("point", POINT, int4);
            session.sync();
            for (int i = 0; i < lookups.length; i++) {
                int key = 1 + (i * 7919) % 10_000;
                lookups[i] = "SELECT * FROM t WHERE id = " + key + ";";
                updates[i] = "UPDATE t SET n = n + " + (i % 2 == 0 ? "-" : "") + (i % 5000) + " WHERE id = " + key + ";";
            }
        }

        @TearDown
        public void close() {
            session.close();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Object lexParsePointSelect() {
        return Parser.parse(POINT);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public void parsePointSelect(Point p) {
        p.session.parse("", POINT, p.int4);
        p.session.sync();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public boolean executePreparedPointLookup(Point p) {
        p.session.bind("", "point", p.noFormats, p.params, p.noFormats);
        boolean suspended = p.session.execute("", 0, p.sink);
        p.session.sync();
        return suspended;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public void simplePointLookup(Point p) {
        p.session.simpleQuery(p.lookups[p.next++ & 1023], p.sink);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public void simpleUpdate(Point p) {
        p.session.simpleQuery(p.updates[p.next++ & 1023], p.sink);
    }

    @State(Scope.Benchmark)
    public static class Million {
        @Param({"1GB", "4MB"})
        public String workMem;
        SqlSession session;
        ResultSink sink;
        Path tmp;

        @Setup(Level.Trial)
        public void setup(Blackhole bh) throws java.io.IOException {
            FakeStorage storage = new FakeStorage();
            tmp = Files.createTempDirectory("tusk-bench-tmp");
            storage.tempDir = tmp;
            session = session(storage, bh);
            sink = sink(bh);
            session.simpleQuery("CREATE TABLE big (id int, g int, x int)", sink);
            load(session, sink, "big", 1_000_000, i -> i + "," + (i % 1000) + "," + ((i * 7919L) % 100_003));
            session.simpleQuery("SET work_mem = '" + workMem + "'", sink);
        }

        @TearDown(Level.Trial)
        public void close() throws java.io.IOException {
            session.close();
            try (var s = Files.list(tmp)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(tmp);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void aggregate1M(Million m) {
        m.session.simpleQuery("SELECT count(*), sum(x), avg(x) FROM big", m.sink);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void groupBy1M(Million m) {
        m.session.simpleQuery("SELECT g, count(*), sum(x) FROM big GROUP BY g", m.sink);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void sort1M(Million m) {
        m.session.simpleQuery("SELECT id, x FROM big ORDER BY x, id OFFSET 999999", m.sink);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void hashJoin1M(Million m) {
        m.session.simpleQuery("SELECT count(*) FROM big a JOIN big b ON a.id = b.id", m.sink);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void scan1M(Million m) {
        m.session.simpleQuery("SELECT count(*) FROM big WHERE x < 0", m.sink);
    }
}
