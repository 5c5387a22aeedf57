package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Expression index keys serving ORDER BY ... LIMIT and min / max, and partial indexes whose
 * predicate an IN list or an OR is implied by (predtest.c's OR and ScalarArrayOp rules).
 */
class IndexOrderAndImplicationTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void table() {
        db.rows("create table u (id int primary key, email text, status text)");
        db.rows("insert into u select g, 'User' || g || '@x', case g % 3 when 0 then 'a' when 1 then 'b' else 'c' end "
            + "from generate_series(1, 3000) g");
        db.rows("create index u_lower on u (lower(email))");
    }

    private String plan(String sql) {
        return String.join("\n", db.rows("explain (costs off) " + sql));
    }

    @Test
    void orderByAnIndexExpressionIsAnOrderedIndexScan() {
        assertEquals("Limit\n  ->  Index Scan using u_lower on u", plan("select id from u order by lower(email) limit 10"));
        assertEquals("Limit\n  ->  Index Scan Backward using u_lower on u",
            plan("select id from u order by lower(email) desc limit 10"));
        assertEquals(List.of("1000|user1000@x", "1001|user1001@x"),
            db.rows("select id, lower(email) from u order by lower(email) limit 2"));
        assertEquals(List.of("9|user9@x"), db.rows("select id, lower(email) from u order by lower(email) desc limit 1"));
        assertTrue(plan("select id from u order by upper(email) limit 10").contains("Sort"));
    }

    @Test
    void minAndMaxOfAnIndexExpressionReadOneEnd() {
        assertTrue(plan("select max(lower(email)) from u").contains("Index Scan Backward using u_lower on u"));
        assertEquals("user9@x", db.value("select max(lower(email)) from u"));
        assertEquals("user1000@x", db.value("select min(lower(email)) from u"));
    }

    @Test
    void partialIndexOverAnInListOrAnOrServesAQueryOfOneOfItsValues() {
        db.rows("create index u_ab on u (email) where status in ('a', 'b')");
        db.rows("create index u_ab2 on u (id) where status = 'a' or status = 'b'");
        assertTrue(plan("select id from u where status = 'a' and email = 'User3@x'").startsWith("Index Scan using u_ab on u"));
        assertEquals("3", db.value("select id from u where status = 'a' and email = 'User3@x'"));
        assertTrue(plan("select id from u where status in ('b', 'a') and email = 'User3@x'").startsWith("Index Scan using u_ab"));
        assertTrue(plan("select id from u where status = 'b' order by id limit 3").contains("Index Scan using u_ab2 on u"));
        assertEquals(List.of("1", "4", "7"), db.rows("select id from u where status = 'b' order by id limit 3"));
        assertTrue(plan("select id from u where status = 'c' and email = 'User5@x'").startsWith("Seq Scan"));
        assertTrue(plan("select id from u where status in ('a', 'c') and email = 'User5@x'").startsWith("Seq Scan"));
    }
}
