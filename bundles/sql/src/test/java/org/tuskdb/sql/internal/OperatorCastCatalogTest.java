package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pg_operator and pg_cast: PostgreSQL 15's rows of the operators the registry has and the casts
 * Casts performs, their functions in pg_proc at PostgreSQL's oids; and EXPLAIN's YAML and XML
 * layouts. Expected values are PostgreSQL 15's for the same statements.
 */
class OperatorCastCatalogTest {
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(new FakeStorage()));

    @Test
    void integerPlusOperatorsHavePostgresOids() {
        // the cross-width integer operators (int42pl, int48pl) are PostgreSQL's rows too
        assertEquals(List.of("551|integer|integer|integer|int4pl", "553|integer|smallint|integer|int42pl",
            "692|integer|bigint|bigint|int48pl", "2555|integer|date|date|integer_pl_date"), db.rows("select oid, oprleft::regtype, oprright::regtype, "
            + "oprresult::regtype, oprcode from pg_operator where oprname = '+' and oprleft = 'int4'::regtype "
            + "order by oid"));
    }

    @Test
    void commutatorsNegatorsAndFunctionsResolve() {
        assertEquals("=|<>|int4eq|t", db.value("select c.oprname, n.oprname, p.proname, p.proleakproof "
            + "from pg_operator o join pg_operator c on c.oid = o.oprcom join pg_operator n on n.oid = o.oprnegate "
            + "join pg_proc p on p.oid = o.oprcode where o.oid = 96"));
        assertEquals("t|equal", db.value("select pg_operator_is_visible(96), obj_description(96, 'pg_operator')"));
    }

    @Test
    void castsComeWithPostgresContextsAndFunctions() {
        assertEquals(List.of("integer|bigint|i|f|int8", "integer|smallint|a|f|int2"), db.rows("select "
            + "castsource::regtype, casttarget::regtype, castcontext, castmethod, p.proname from pg_cast c "
            + "left join pg_proc p on p.oid = c.castfunc where castsource = 'int4'::regtype "
            + "and casttarget in ('int8'::regtype, 'int2'::regtype) order by 2"));
        assertTrue(db.rows("select 1 from pg_cast where castsource = 'uuid'::regtype").isEmpty());
    }

    @Test
    void explainYamlAndXml() {
        assertEquals("- Plan: \n    Node Type: \"Result\"\n    Parallel Aware: false\n    Async Capable: false",
            db.value("explain (format yaml, costs off) select 1"));
        assertEquals("<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n  <Query>\n    <Plan>\n"
            + "      <Node-Type>Result</Node-Type>\n      <Parallel-Aware>false</Parallel-Aware>\n"
            + "      <Async-Capable>false</Async-Capable>\n    </Plan>\n  </Query>\n</explain>",
            db.value("explain (format xml, costs off) select 1"));
    }
}
