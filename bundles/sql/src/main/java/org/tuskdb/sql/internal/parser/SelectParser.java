package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.RangeVar;
import org.tuskdb.sql.internal.ast.Statement.ResTarget;
import org.tuskdb.sql.internal.ast.Statement.SortBy;

/**
 * SELECT and VALUES. Clauses that later issues implement (GROUP BY, joins, set operations,
 * subqueries, WITH) are recognized and refused with 0A000 at their token, so the grammar's shape
 * is already the final one.
 */
final class SelectParser {
    private final TokenStream in;
    private final ExpressionParser expressions;

    SelectParser(TokenStream in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    Statement.Select parseSelectStatement() {
        Token first = in.peek();
        Statement.Select select;
        if (first.isPunct('(')) {
            in.next();
            select = parseSelectStatement();
            in.expectPunct(')');
        } else if (first.isWord("values")) {
            select = parseValues();
        } else if (first.isWord("with")) {
            throw in.notSupported(first, "WITH");
        } else {
            select = parseSimpleSelect();
        }
        Token t = in.peek();
        if (t.isWord("union") || t.isWord("intersect") || t.isWord("except")) {
            throw in.notSupported(t, t.text().toUpperCase(java.util.Locale.ROOT));
        }
        return parseTail(select);
    }

    private Statement.Select parseSimpleSelect() {
        Token start = in.expectWord("select");
        boolean distinct = false;
        if (in.acceptWord("distinct")) {
            if (in.peek().isWord("on")) {
                throw in.notSupported(in.peek(), "DISTINCT ON");
            }
            distinct = true;
        } else {
            in.acceptWord("all");
        }
        List<ResTarget> targets = new ArrayList<>();
        if (!isTargetListEnd(in.peek())) {
            do {
                targets.add(parseTarget());
            } while (in.acceptPunct(','));
        }
        if (in.peek().isWord("into")) {
            throw in.notSupported(in.peek(), "SELECT INTO");
        }
        List<RangeVar> from = List.of();
        if (in.acceptWord("from")) {
            from = parseFromList();
        }
        Expr where = null;
        if (in.acceptWord("where")) {
            where = expressions.parseExpression();
        }
        Token t = in.peek();
        if (t.isWord("group") || t.isWord("having") || t.isWord("window")) {
            throw in.notSupported(t, t.text().toUpperCase(java.util.Locale.ROOT));
        }
        return new Statement.Select(distinct, targets, from, where, List.of(), null, null, null, start.start());
    }

    private static boolean isTargetListEnd(Token t) {
        return t.kind() == Token.Kind.EOF || t.isPunct(';') || t.isPunct(')') || t.isWord("from")
            || t.isWord("where") || t.isWord("order") || t.isWord("limit") || t.isWord("offset")
            || t.isWord("union") || t.isWord("group");
    }

    ResTarget parseTarget() {
        Token t = in.peek();
        if (t.isOp("*")) {
            in.next();
            return new ResTarget(new Expr.Star(List.of(), t.start()), null, t.start());
        }
        Expr e = expressions.parseExpression();
        String alias = null;
        if (in.acceptWord("as")) {
            alias = in.expectLabel();
        } else {
            Token a = in.peek();
            if (a.kind() == Token.Kind.QUOTED_IDENT
                || (a.kind() == Token.Kind.WORD && !Keywords.isReserved(a.text())
                    && !Keywords.NOT_BARE_LABEL.contains(a.text()))) {
                in.next();
                alias = a.text();
            }
        }
        return new ResTarget(e, alias, t.start());
    }

    private List<RangeVar> parseFromList() {
        List<RangeVar> items = new ArrayList<>();
        do {
            items.add(parseFromItem());
            Token t = in.peek();
            if (t.isWord("join") || t.isWord("inner") || t.isWord("left") || t.isWord("right") || t.isWord("full")
                || t.isWord("cross") || t.isWord("natural")) {
                throw in.notSupported(t, "JOIN");
            }
        } while (in.acceptPunct(','));
        return items;
    }

    private RangeVar parseFromItem() {
        Token t = in.peek();
        if (t.isPunct('(')) {
            throw in.notSupported(t, "subqueries in FROM");
        }
        if (t.isWord("lateral") || t.isWord("only")) {
            throw in.notSupported(t, t.text().toUpperCase(java.util.Locale.ROOT));
        }
        String first = in.expectColId();
        String schema = null;
        String name = first;
        if (in.acceptPunct('.')) {
            schema = first;
            name = in.expectLabel();
            if (in.acceptPunct('.')) {
                // catalog.schema.name: the catalog must be the current database; checked by the analyzer
                schema = name;
                name = in.expectLabel();
            }
        }
        if (in.peek().isPunct('(')) {
            throw in.notSupported(in.peek(), "functions in FROM");
        }
        String alias = null;
        if (in.acceptWord("as")) {
            alias = in.expectColId();
        } else {
            Token a = in.peek();
            if (a.kind() == Token.Kind.QUOTED_IDENT || (a.kind() == Token.Kind.WORD && Keywords.canBeColumnName(a.text())
                && !isClauseWord(a.text()))) {
                in.next();
                alias = a.text();
            }
        }
        if (alias != null && in.peek().isPunct('(')) {
            throw in.notSupported(in.peek(), "column aliases in FROM");
        }
        return new RangeVar(schema, name, alias, t.start());
    }

    private static boolean isClauseWord(String w) {
        return switch (w) {
            case "where", "group", "having", "window", "order", "limit", "offset", "fetch", "for", "union",
                 "intersect", "except", "join", "inner", "left", "right", "full", "cross", "natural", "on",
                 "using", "tablesample" -> true;
            default -> false;
        };
    }

    private Statement.Select parseValues() {
        Token start = in.expectWord("values");
        List<List<Expr>> rows = new ArrayList<>();
        do {
            in.expectPunct('(');
            rows.add(expressions.parseExpressionList());
            in.expectPunct(')');
        } while (in.acceptPunct(','));
        return new Statement.Select(false, List.of(), List.of(), null, List.of(), null, null, rows, start.start());
    }

    /** ORDER BY, LIMIT, OFFSET, FETCH FIRST, in any of the orders PostgreSQL accepts. */
    private Statement.Select parseTail(Statement.Select s) {
        List<SortBy> orderBy = s.orderBy();
        Expr limit = s.limit();
        Expr offset = s.offset();
        org.tuskdb.api.heap.RowLockMode rowLock = s.rowLock();
        if (in.peek().isWord("order")) {
            in.next();
            in.expectWord("by");
            orderBy = new ArrayList<>();
            do {
                orderBy.add(parseSortBy());
            } while (in.acceptPunct(','));
        }
        boolean sawLimit = false;
        boolean sawOffset = false;
        while (true) {
            Token t = in.peek();
            if (t.isWord("limit") && !sawLimit) {
                in.next();
                sawLimit = true;
                limit = in.acceptWord("all") ? new Expr.Literal(Expr.LiteralKind.NULL, "null", t.start())
                    : expressions.parseExpression();
                if (in.peek().isPunct(',')) {
                    throw org.tuskdb.api.DatabaseException.atPosition("0A000",
                        "LIMIT #,# syntax is not supported", in.characterPosition(t.start()))
                        .withHint("Use separate LIMIT and OFFSET clauses.");
                }
            } else if (t.isWord("offset") && !sawOffset) {
                in.next();
                sawOffset = true;
                offset = expressions.parseExpression();
                if (!in.acceptWord("row")) {
                    in.acceptWord("rows");
                }
            } else if (t.isWord("fetch") && !sawLimit) {
                in.next();
                sawLimit = true;
                if (!in.acceptWord("first")) {
                    in.expectWord("next");
                }
                if (in.peek().isWord("row") || in.peek().isWord("rows")) {
                    limit = new Expr.Literal(Expr.LiteralKind.INTEGER, "1", t.start());
                } else {
                    limit = expressions.parseExpression();
                }
                if (!in.acceptWord("row")) {
                    in.expectWord("rows");
                }
                if (in.peek().isWord("with")) {
                    throw in.notSupported(in.peek(), "FETCH FIRST ... WITH TIES");
                }
                in.expectWord("only");
            } else if (t.isWord("for") && rowLock == null) {
                in.next();
                rowLock = parseLockingStrength();
                if (in.peek().isWord("of")) {
                    throw in.notSupported(in.peek(), "FOR UPDATE OF");
                }
                if (in.peek().isWord("nowait") || in.peek().isWord("skip")) {
                    throw in.notSupported(in.peek(), in.peek().text().toUpperCase(java.util.Locale.ROOT));
                }
            } else {
                break;
            }
        }
        return new Statement.Select(s.distinct(), s.targets(), s.from(), s.where(), orderBy, limit, offset,
            s.valuesLists(), rowLock, s.location());
    }

    /** UPDATE | NO KEY UPDATE | SHARE | KEY SHARE, after FOR. */
    private org.tuskdb.api.heap.RowLockMode parseLockingStrength() {
        if (in.acceptWord("update")) {
            return org.tuskdb.api.heap.RowLockMode.UPDATE;
        }
        if (in.acceptWord("no")) {
            in.expectWord("key");
            in.expectWord("update");
            return org.tuskdb.api.heap.RowLockMode.NO_KEY_UPDATE;
        }
        if (in.acceptWord("share")) {
            return org.tuskdb.api.heap.RowLockMode.SHARE;
        }
        in.expectWord("key");
        in.expectWord("share");
        return org.tuskdb.api.heap.RowLockMode.KEY_SHARE;
    }

    private SortBy parseSortBy() {
        Token t = in.peek();
        Expr e = expressions.parseExpression();
        boolean desc = false;
        if (in.acceptWord("desc")) {
            desc = true;
        } else if (!in.acceptWord("asc") && in.peek().isWord("using")) {
            throw in.notSupported(in.peek(), "ORDER BY USING");
        }
        Boolean nullsFirst = null;
        if (in.acceptWord("nulls")) {
            if (in.acceptWord("first")) {
                nullsFirst = true;
            } else {
                in.expectWord("last");
                nullsFirst = false;
            }
        }
        return new SortBy(e, desc, nullsFirst, t.start());
    }
}
