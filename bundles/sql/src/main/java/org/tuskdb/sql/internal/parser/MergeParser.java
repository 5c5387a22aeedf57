package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * MERGE (gram.y's MergeStmt as of PostgreSQL 15): MERGE INTO target [[AS] alias] USING table_ref
 * ON condition, then one or more WHEN MATCHED [AND cond] THEN {UPDATE SET ... | DELETE | DO
 * NOTHING} and WHEN NOT MATCHED [AND cond] THEN {INSERT [(cols)] [OVERRIDING ...] {VALUES (...) |
 * DEFAULT VALUES} | DO NOTHING}. An action of the other kind (INSERT after MATCHED) and anything
 * after the last clause (RETURNING, which 15 has not) are syntax errors at that word, as there.
 */
final class MergeParser {
    private final TokenStream in;
    private final ExpressionParser expressions;
    private final SelectParser selects;
    private final TableParser tables;

    MergeParser(TokenStream in, ExpressionParser expressions, SelectParser selects, TableParser tables) {
        this.in = in;
        this.expressions = expressions;
        this.selects = selects;
        this.tables = tables;
    }

    Statement parse() {
        Token start = in.expectWord("merge");
        in.expectWord("into");
        Statement.RangeVar target = tables.parseQualifiedName(true);
        in.expectWord("using");
        Statement.FromItem source = selects.parseJoinedItem();
        in.expectWord("on");
        Expr on = expressions.parseExpression();
        List<Statement.MergeWhen> whens = new ArrayList<>();
        do {
            whens.add(parseWhen(target.name()));
        } while (in.peek().isWord("when"));
        return new Statement.Merge(target, source, on, List.copyOf(whens), start.start());
    }

    private Statement.MergeWhen parseWhen(String targetName) {
        Token when = in.expectWord("when");
        boolean matched = !in.acceptWord("not");
        in.expectWord("matched");
        Expr condition = in.acceptWord("and") ? expressions.parseExpression() : null;
        in.expectWord("then");
        Token a = in.peek();
        if (a.isWord("do")) {
            in.next();
            in.expectWord("nothing");
            return new Statement.MergeWhen(matched, condition, Statement.MergeAction.NOTHING, null, null, null, null,
                null, when.start());
        }
        if (matched && a.isWord("delete")) {
            in.next();
            return new Statement.MergeWhen(true, condition, Statement.MergeAction.DELETE, null, null, null, null, null,
                when.start());
        }
        if (matched && a.isWord("update")) {
            in.next();
            in.expectWord("set");
            Token c = in.peek();
            if (c.kind() != Token.Kind.EOF && !c.isPunct('(') && in.peek(1).isPunct('.')) {
                // gram.y reads "t.col" as a field of column t, which the target has not
                throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + c.text()
                    + "\" of relation \"" + targetName + "\" does not exist", in.characterPosition(c.start()));
            }
            List<Statement.SetClause> set = TableParser.parseSetList(in, expressions);
            return new Statement.MergeWhen(true, condition, Statement.MergeAction.UPDATE, set, null, null, null, null,
                when.start());
        }
        if (!matched && a.isWord("insert")) {
            in.next();
            return parseInsert(condition, when);
        }
        throw in.syntaxError(a);
    }

    private Statement.MergeWhen parseInsert(Expr condition, Token when) {
        List<String> columns = null;
        List<Integer> locations = null;
        if (in.peek().isPunct('(')) {
            locations = new ArrayList<>();
            columns = tables.parseInsertColumns(locations);
        }
        String overriding = tables.parseOverriding();
        List<Expr> values = null;
        if (in.acceptWord("default")) {
            in.expectWord("values");
        } else {
            in.expectWord("values");
            values = tables.parseValuesRow();
        }
        return new Statement.MergeWhen(false, condition, Statement.MergeAction.INSERT, null, columns, locations, values,
            overriding, when.start());
    }
}
