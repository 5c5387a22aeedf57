package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.parser.Parser;

/** The raw parser alone: statements, precedence and lexical forms. */
class ParserTest {
    private static Expr firstTarget(String sql) {
        return ((Statement.Select) Parser.parse(sql).get(0).statement()).targets().get(0).expr();
    }

    @Test
    void splitsStatementsAndSkipsEmptyOnes() {
        List<Parser.Parsed> p = Parser.parse(";select 1;; show all ; begin;");
        assertEquals(3, p.size());
        assertEquals("show all", p.get(1).text());
        assertEquals(0, Parser.parse("  -- only a comment\n /* and /* nested */ one */ ").size());
    }

    @Test
    void unaryMinusBindsTighterThanPowerButLooserThanCast() {
        Expr e = firstTarget("select -2 ^ 2");
        assertInstanceOf(Expr.Operator.class, e);
        assertEquals("-2", ((Expr.Literal) ((Expr.Operator) e).left()).text());
        Expr cast = firstTarget("select -1::int8");
        assertInstanceOf(Expr.Operator.class, cast);
    }

    @Test
    void andBindsTighterThanOr() {
        Expr.Bool or = (Expr.Bool) firstTarget("select a or b and c");
        assertEquals(Expr.BoolOp.OR, or.op());
        assertEquals(Expr.BoolOp.AND, ((Expr.Bool) or.args().get(1)).op());
    }

    @Test
    void lexesStringsTheWayPostgreSQLDoes() {
        assertEquals("ab", ((Expr.Literal) firstTarget("select 'a'\n'b'")).text());
        assertEquals("a\tb", ((Expr.Literal) firstTarget("select E'a\\tb'")).text());
        assertEquals("a\\tb", ((Expr.Literal) firstTarget("select 'a\\tb'")).text());
        assertEquals("x'y", ((Expr.Literal) firstTarget("select $q$x'y$q$")).text());
        assertEquals("select", ((Statement.Select) Parser.parse("select 1 as select").get(0).statement())
            .targets().get(0).alias());
        assertEquals("Mixed", ((Statement.Select) Parser.parse("select 1 \"Mixed\"").get(0).statement())
            .targets().get(0).alias());
    }

    @Test
    void reservedWordCannotBeABareColumn() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> Parser.parse("select from"));
        assertEquals("42601", e.sqlState());
    }

    @Test
    void laterIssuesStatementsAreRefusedAsNotSupported() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> Parser.parse("cluster t"));
        assertEquals("0A000", e.sqlState());
        assertEquals(1, e.position());
    }
}
