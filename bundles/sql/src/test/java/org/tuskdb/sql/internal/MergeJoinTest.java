package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Merge joins (chosen, as PostgreSQL chooses them, for an equi-join of two unanalyzed tables of
 * the same size on non-unique columns): every join kind, duplicate keys on both sides, NULL keys.
 */
class MergeJoinTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @BeforeEach
    void tables() {
        db.rows("create table l (k int, v text)");
        db.rows("create table r (k int, w text)");
        db.rows("insert into l values (1, 'l1'), (2, 'l2a'), (2, 'l2b'), (null, 'lnull'), (4, 'l4'), (5, 'l5')");
        db.rows("insert into r values (2, 'r2a'), (2, 'r2b'), (3, 'r3'), (null, 'rnull'), (5, 'r5'), (1, 'r1')");
    }

    private List<String> both(String from) {
        assertEquals("Merge", db.rows("explain (costs off) select * from " + from).get(0).substring(0, 5), from);
        return db.rows("select v, w from " + from + " order by v nulls last, w nulls last");
    }

    @Test
    void innerJoinPairsEveryDuplicateAndNeverMatchesNull() {
        assertEquals(List.of("l1|r1", "l2a|r2a", "l2a|r2b", "l2b|r2a", "l2b|r2b", "l5|r5"), both("l join r on l.k = r.k"));
    }

    @Test
    void leftJoinKeepsUnmatchedAndNullKeyedOuterRows() {
        assertEquals(List.of("l1|r1", "l2a|r2a", "l2a|r2b", "l2b|r2a", "l2b|r2b", "l4|", "l5|r5", "lnull|"),
            both("l left join r on l.k = r.k"));
    }

    @Test
    void rightJoinKeepsUnmatchedInnerRows() {
        assertEquals(List.of("l1|r1", "l2a|r2a", "l2a|r2b", "l2b|r2a", "l2b|r2b", "l5|r5", "|r3", "|rnull"),
            both("l right join r on l.k = r.k"));
    }

    @Test
    void fullJoinKeepsBothSidesUnmatchedRows() {
        assertEquals(List.of("l1|r1", "l2a|r2a", "l2a|r2b", "l2b|r2a", "l2b|r2b", "l4|", "l5|r5", "lnull|", "|r3",
            "|rnull"), both("l full join r on l.k = r.k"));
    }

    @Test
    void joinFilterBeyondTheKeysIsChecked() {
        assertEquals(List.of("l1|r1", "l2a|r2b", "l2b|r2a", "l2b|r2b", "l5|r5"),
            both("l join r on l.k = r.k and l.v || r.w <> 'l2ar2a'"));
        assertEquals(List.of("l1|r1", "l2a|r2b", "l2b|r2a", "l2b|r2b", "l4|", "l5|r5", "lnull|"),
            both("l left join r on l.k = r.k and l.v || r.w <> 'l2ar2a'"));
    }
}
