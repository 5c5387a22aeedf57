package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * INSERT's ON CONFLICT clause (gram.y's opt_on_conflict): ON CONFLICT [( column, ... ) | ON
 * CONSTRAINT name] DO NOTHING | DO UPDATE SET column = expr, ... [WHERE condition]. Index
 * expressions are 0A000; the inference WHERE is accepted (see parse).
 */
final class OnConflictParser {
    private final TokenStream in;
    private final ExpressionParser expressions;

    OnConflictParser(TokenStream in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    Statement.OnConflict parse() {
        Token start = in.expectWord("on");
        in.expectWord("conflict");
        List<String> columns = null;
        List<Integer> locations = null;
        String constraint = null;
        List<Expr> inferExprs = new ArrayList<>();
        Expr inferWhere = null;
        if (in.peek().isPunct('(')) {
            Token open = in.next();
            columns = new ArrayList<>();
            locations = new ArrayList<>();
            do {
                Token c = in.peek();
                if (c.isPunct('(')) {
                    in.next();
                    inferExprs.add(expressions.parseExpression());
                    in.expectPunct(')');
                    continue;
                }
                if (in.peek(1).isPunct('(')) {
                    inferExprs.add(expressions.parseExpression()); // a function call: an index expression
                    continue;
                }
                locations.add(open.start()); // PostgreSQL reports the inference clause's position
                columns.add(in.expectColId());
            } while (in.acceptPunct(','));
            in.expectPunct(')');
            if (in.acceptWord("where")) {
                // the inference predicate selects among partial unique indexes (OnConflictAnalyzer)
                inferWhere = expressions.parseExpression();
            }
        } else if (in.peek().isWord("on")) {
            in.next();
            in.expectWord("constraint");
            constraint = in.expectColId();
        }
        in.expectWord("do");
        if (in.acceptWord("nothing")) {
            return new Statement.OnConflict(columns, locations, constraint, false, List.of(), null, start.start(),
                inferExprs, inferWhere);
        }
        in.expectWord("update");
        in.expectWord("set");
        List<Statement.SetClause> set = TableParser.parseSetList(in, expressions);
        Expr where = null;
        if (in.acceptWord("where")) {
            where = expressions.parseExpression();
        }
        return new Statement.OnConflict(columns, locations, constraint, true, set, where, start.start(), inferExprs,
            inferWhere);
    }
}
