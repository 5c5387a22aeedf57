package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pg_get_constraintdef / pg_get_expr / pg_get_indexdef print analyzed expressions as PostgreSQL's ruleutils, pretty or not. */
class RuleDeparseTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void table() {
        db.rows("create table t (id int, code varchar(10) default 'x', n numeric default 1.5, t text default 'a' || 'b',"
            + " d date default current_date, constraint t_chk check (n > 0 and code <> ''),"
            + " constraint t_chk2 check (t ~ '^a' and length(t) < 10))");
    }

    private String check(String name, boolean pretty) {
        return db.value("select pg_get_constraintdef(oid, " + pretty + ") from pg_constraint where conname = '" + name + "'");
    }

    private String defaultOf(String column, boolean pretty) {
        return db.value("select pg_get_expr(adbin, adrelid, " + pretty + ") from pg_attrdef join pg_attribute"
            + " on attrelid = adrelid and attnum = adnum where attname = '" + column + "'");
    }

    @Test
    void checkConstraintsShowImplicitCastsAndParenthesesAsRuleutils() {
        assertEquals("CHECK (((n > (0)::numeric) AND ((code)::text <> ''::text)))", check("t_chk", false));
        assertEquals("CHECK (n > 0::numeric AND code::text <> ''::text)", check("t_chk", true));
        assertEquals("CHECK (((t ~ '^a'::text) AND (length(t) < 10)))", check("t_chk2", false));
        assertEquals("CHECK (t ~ '^a'::text AND length(t) < 10)", check("t_chk2", true));
    }

    @Test
    void defaultsShowTheirConstantsTypedAndSqlValueFunctionsByKeyword() {
        assertEquals("'x'::character varying", defaultOf("code", true));
        assertEquals("1.5", defaultOf("n", false));
        assertEquals("('a'::text || 'b'::text)", defaultOf("t", false));
        assertEquals("'a'::text || 'b'::text", defaultOf("t", true));
        assertEquals("CURRENT_DATE", defaultOf("d", true));
    }

    @Test
    void prettyIndexDefinitionDropsTheParenthesesPrecedenceDoesNotNeed() {
        db.rows("create index t_lower on t (lower(code))");
        db.rows("create index t_arith on t ((n * 2 + 1)) where n > 0 and code is not null");
        assertEquals(List.of("CREATE INDEX t_lower ON public.t USING btree (lower((code)::text))",
            "CREATE INDEX t_arith ON public.t USING btree ((((n * (2)::numeric) + (1)::numeric)))"
                + " WHERE ((n > (0)::numeric) AND (code IS NOT NULL))"),
            db.rows("select pg_get_indexdef(oid) from pg_class where relname in ('t_lower', 't_arith') order by relname desc"));
        assertEquals(List.of("CREATE INDEX t_lower ON t USING btree (lower(code::text))",
            "CREATE INDEX t_arith ON t USING btree ((n * 2::numeric + 1::numeric)) WHERE n > 0::numeric AND code IS NOT NULL"),
            db.rows("select pg_get_indexdef(oid, 0, true) from pg_class where relname in ('t_lower', 't_arith')"
                + " order by relname desc"));
    }

    @Test
    void sortKeysOfComputedExpressionsAreParenthesizedAsTargetListReferences() {
        List<String> plan = db.rows("explain (costs off) select id from t order by lower(code), id");
        assertEquals("  Sort Key: (lower((code)::text)), id", plan.get(1));
        assertEquals("  Filter: (n = '2'::numeric)", db.rows("explain (costs off) select id from t where n = 2").get(1));
    }

    @Test
    void equalityQualsComeAfterTheOthersAsEquivalenceClassesReturnThem() {
        assertEquals("  Filter: ((n > 1.5) AND (n < '-1'::numeric) AND (n = '2'::numeric))",
            db.rows("explain (costs off) select id from t where n = 2 and n > 1.5 and n < -1").get(1));
        assertEquals("  Filter: ((t > 'a'::text) AND ((id)::numeric = n))",
            db.rows("explain (costs off) select id from t where id = n and t > 'a'").get(1));
    }
}
