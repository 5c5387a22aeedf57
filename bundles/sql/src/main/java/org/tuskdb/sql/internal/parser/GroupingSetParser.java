package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.Expr;

/**
 * GROUP BY's list when it has grouping sets (gram.y's group_by_list): plain expressions,
 * {@code ()}, {@code ROLLUP (...)}, {@code CUBE (...)} and {@code GROUPING SETS (...)}, which
 * nests all of these. A parenthesized list inside ROLLUP / CUBE / GROUPING SETS is one unit.
 */
final class GroupingSetParser {
    private final TokenStream in;
    private final ExpressionParser expressions;

    GroupingSetParser(TokenStream in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    /** Whether the GROUP BY list at the current token uses grouping-set syntax anywhere at its top. */
    static boolean startsGroupingSet(TokenStream in) {
        Token t = in.peek();
        return (t.isWord("rollup") || t.isWord("cube")) && in.peek(1).isPunct('(')
            || t.isWord("grouping") && in.peek(1).isWord("sets")
            || t.isPunct('(') && in.peek(1).isPunct(')');
    }

    List<Expr> parseGroupByList() {
        List<Expr> list = new ArrayList<>();
        do {
            list.add(parseElement());
        } while (in.acceptPunct(','));
        return list;
    }

    private Expr parseElement() {
        Token t = in.peek();
        if (t.isPunct('(') && in.peek(1).isPunct(')')) {
            in.next();
            in.next();
            return new Expr.GroupingSet(Expr.GroupingSetKind.EMPTY, List.of(), t.start());
        }
        if ((t.isWord("rollup") || t.isWord("cube")) && in.peek(1).isPunct('(')) {
            in.next();
            in.expectPunct('(');
            List<Expr> items = expressions.parseExpressionList();
            in.expectPunct(')');
            return new Expr.GroupingSet(t.isWord("rollup") ? Expr.GroupingSetKind.ROLLUP : Expr.GroupingSetKind.CUBE,
                items, t.start());
        }
        if (t.isWord("grouping") && in.peek(1).isWord("sets")) {
            in.next();
            in.next();
            in.expectPunct('(');
            List<Expr> items = parseGroupByList();
            in.expectPunct(')');
            return new Expr.GroupingSet(Expr.GroupingSetKind.SETS, items, t.start());
        }
        return expressions.parseExpression();
    }
}
