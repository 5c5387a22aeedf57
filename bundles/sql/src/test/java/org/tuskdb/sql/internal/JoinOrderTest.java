package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Join order by cost over the inner joins of a FROM; outer joins keep their order; results stay right. */
class JoinOrderTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void theSelectiveRelationIsJoinedFirstWhateverTheWrittenOrder() {
        db.rows("create table big1 (id int, a int)");
        db.rows("create table big2 (id int, a int)");
        db.rows("create table one (id int primary key, x int)");
        db.rows("insert into big1 values (1, 1), (2, 2)");
        db.rows("insert into big2 values (1, 10), (2, 20)");
        db.rows("insert into one values (1, 100), (2, 200)");
        String q = "select big1.a, big2.a, one.x from big1, big2, one where big1.id = big2.id and big2.id = one.id "
            + "and one.id = 2";
        List<String> plan = db.rows("explain (costs off) " + q);
        // the point lookup on one is the innermost part of the plan, not the big1 x big2 join
        int onePos = -1;
        int big1Pos = -1;
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).contains("on one")) {
                onePos = i;
            }
            if (plan.get(i).contains("on big1")) {
                big1Pos = i;
            }
        }
        assertTrue(onePos > 0 && big1Pos > 0, plan.toString());
        String joinOfOne = plan.get(onePos - 1).trim();
        assertTrue(plan.toString().contains("Index Scan using one_pkey on one"), plan.toString());
        assertEquals(List.of("2|20|200"), db.rows(q));
        assertTrue(!joinOfOne.isEmpty());
    }

    @Test
    void manyRelationsAreJoinedGreedilyAndCorrectly() {
        StringBuilder from = new StringBuilder();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            db.rows("create table g" + i + " (id int, v int)");
            db.rows("insert into g" + i + " values (1, " + i + "), (2, " + (10 + i) + ")");
            from.append(i > 0 ? ", " : "").append("g").append(i);
            if (i > 0) {
                where.append(i > 1 ? " and " : "").append("g").append(i - 1).append(".id = g").append(i).append(".id");
            }
        }
        assertEquals(List.of("0|9", "10|19"), db.rows("select g0.v, g9.v from " + from + " where " + where
            + " order by g0.v"));
    }

    @Test
    void outerJoinsKeepTheirSemanticsInsideReorderedInnerJoins() {
        db.rows("create table a (id int, x int)");
        db.rows("create table b (id int, y int)");
        db.rows("create table c (id int, z int)");
        db.rows("insert into a values (1, 1), (2, 2), (3, 3)");
        db.rows("insert into b values (1, 10), (2, 20)");
        db.rows("insert into c values (1, 100)");
        assertEquals(List.of("1|10|100", "2|20|"), db.rows(
            "select a.x, b.y, c.z from b join a on a.id = b.id left join c on c.id = b.id order by 1"));
        assertEquals(List.of("1|10|100"), db.rows(
            "select a.x, b.y, c.z from c, a join b on a.id = b.id where c.id = a.id order by 1"));
    }
}
