package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** Window frames, the frame-reading window functions and named windows; expected results are PostgreSQL 15's. */
class WindowFramesTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void table() {
        db.rows("create table t (g int, x int, v int)");
        db.rows("insert into t values (1, 1, 10), (1, 2, 20), (1, 2, 30), (1, 3, 40), (1, 5, 50), (2, 1, 5), (2, 1, 6), (2, 4, 7)");
    }

    @Test
    void rowsFramesCountRows() {
        assertEquals(List.of("10|30|10", "20|60|30", "30|90|60", "40|120|100", "50|90|150"),
            db.rows("select v, sum(v) over (partition by g order by x, v rows between 1 preceding and 1 following),"
                + " sum(v) over (partition by g order by x, v rows unbounded preceding) from t where g = 1 order by v"));
    }

    @Test
    void groupsAndRangeFramesFollowPeers() {
        assertEquals(List.of("10|10|150", "20|60|140", "30|60|140", "40|90|90", "50|90|50"),
            db.rows("select v, sum(v) over (partition by g order by x groups between 1 preceding and current row),"
                + " sum(v) over (partition by g order by x range between current row and unbounded following)"
                + " from t where g = 1 order by v"));
    }

    @Test
    void excludeLeavesOutTheRowItsPeersOrTies() {
        String all = "partition by g order by x rows between unbounded preceding and unbounded following";
        assertEquals(List.of("10|140|140|150", "20|130|100|120", "30|120|100|130"),
            db.rows("select v, sum(v) over (" + all + " exclude current row), sum(v) over (" + all + " exclude group),"
                + " sum(v) over (" + all + " exclude ties) from t where g = 1 order by v limit 3"));
    }

    @Test
    void valueAndDistributionFunctions() {
        assertEquals(List.of("5|7|6|1|0|0.6666666666666666", "6|7|6|1|0|0.6666666666666666", "7|7|6|2|1|1"),
            db.rows("select v, last_value(v) over w, nth_value(v, 2) over w, ntile(2) over (partition by g order by x, v),"
                + " percent_rank() over (partition by g order by x), cume_dist() over (partition by g order by x)"
                + " from t where g = 2 window w as (partition by g order by x, v rows between unbounded preceding"
                + " and unbounded following) order by v"));
        assertEquals(List.of("10|10|", "20|10|20", "30|10|20"), db.rows("select v, first_value(v) over (order by x, v),"
            + " nth_value(v, 2) over (order by x, v) from t where g = 1 order by v limit 3"));
    }

    @Test
    void frameErrorsAreThoseOfPostgres() {
        DatabaseException e = db.error("select sum(x) over (rows between unbounded following and current row) from t");
        assertEquals("42P20", e.sqlState());
        assertEquals("frame start cannot be UNBOUNDED FOLLOWING", e.getMessage());
        assertEquals("frame starting from following row cannot end with current row",
            db.error("select sum(x) over (rows 1 following) from t").getMessage());
        assertEquals("GROUPS mode requires an ORDER BY clause", db.error("select sum(x) over (groups 1 preceding) from t").getMessage());
        assertEquals("22013", db.error("select sum(x) over (order by x rows -1 preceding) from t").sqlState());
        assertEquals("22016", db.error("select nth_value(x, 0) over () from t").sqlState());
        assertEquals("window \"w\" does not exist", db.error("select sum(x) over w from t").getMessage());
        assertEquals("cannot override ORDER BY clause of window \"w\"",
            db.error("select sum(x) over (w order by v) from t window w as (order by x)").getMessage());
    }
}
