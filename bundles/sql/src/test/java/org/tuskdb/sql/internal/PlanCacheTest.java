package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prepared statements' custom and generic plans (PostgreSQL's plancache.c choose_custom_plan):
 * the first five executions are custom, then the generic plan while it is not dearer;
 * plan_cache_mode forces either; EXPLAIN EXECUTE shows the plan an execution would run.
 */
class PlanCacheTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));
    private static final List<String> CUSTOM = List.of("Index Scan using k_pkey on k", "  Index Cond: (id = 1)");
    private static final List<String> GENERIC = List.of("Index Scan using k_pkey on k", "  Index Cond: (id = $1)");

    private void table() {
        db.rows("create table k (id int primary key, v text)");
        db.rows("insert into k select g, 'v' || g from generate_series(1, 1000) g");
    }

    @Test
    void fiveCustomPlansThenTheGenericOne() {
        table();
        db.rows("prepare p(int) as select v from k where id = $1");
        for (int i = 1; i <= 5; i++) {
            assertEquals(CUSTOM, db.rows("explain (costs off) execute p(1)"), "execution " + i);
        }
        assertEquals(GENERIC, db.rows("explain (costs off) execute p(1)"));
        assertEquals(List.of("v7"), db.rows("execute p(7)"));
        assertEquals(GENERIC, db.rows("explain (costs off) execute p(1)"));
    }

    @Test
    void planCacheModeForcesEitherPlan() {
        table();
        db.rows("prepare p(int) as select v from k where id = $1");
        db.rows("set plan_cache_mode = force_generic_plan");
        assertEquals(GENERIC, db.rows("explain (costs off) execute p(1)"));
        db.rows("set plan_cache_mode = force_custom_plan");
        for (int i = 0; i < 7; i++) {
            assertEquals(CUSTOM, db.rows("explain (costs off) execute p(1)"));
        }
        assertEquals(List.of("force_custom_plan"), db.rows("show plan_cache_mode"));
        assertEquals("22023", db.error("set plan_cache_mode = bogus").sqlState());
    }

    @Test
    void errorsOfPlanningAreExecuteErrorsNotPrepareErrors() {
        db.rows("prepare z as select 1/0");
        assertEquals(List.of("PREPARE"), db.tags());
        assertEquals("22012", db.error("execute z").sqlState());
    }

    @Test
    void extendedProtocolSwitchesToTheGenericPlanAfterFiveBinds() {
        table();
        RecordingSink sink = new RecordingSink();
        db.session.parse("s", "select v from k where id = $1", new int[] {23});
        for (int i = 1; i <= 8; i++) {
            db.session.bind("", "s", new short[0], new byte[][] {String.valueOf(i).getBytes(StandardCharsets.UTF_8)},
                new short[0]);
            sink.clear();
            db.session.execute("", 0, sink);
            db.session.sync();
            assertEquals(List.of("v" + i), sink.allRows());
        }
        assertEquals(GENERIC, db.rows("explain (costs off) execute s(1)"));
    }

    @Test
    void explainExecuteOfAMissingStatementIs26000() {
        assertEquals("26000", db.error("explain execute nope(1)").sqlState());
        db.rows("prepare p(int) as select $1");
        assertEquals("42601", db.error("explain execute p(1, 2)").sqlState());
    }
}
