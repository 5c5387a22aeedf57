package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.RangeVar;
import org.tuskdb.sql.internal.ast.Statement.ResTarget;
import org.tuskdb.sql.internal.ast.Statement.SortBy;
import org.tuskdb.sql.internal.ast.TypeName;

/**
 * SELECT and VALUES: WITH [RECURSIVE], set operations (INTERSECT binds tighter than UNION /
 * EXCEPT), DISTINCT [ON], FROM lists with joins and derived tables, GROUP BY, HAVING and the
 * ORDER BY / LIMIT / OFFSET / FETCH / FOR UPDATE tail. WINDOW and LATERAL
 * are refused with 0A000 at their token.
 */
final class SelectParser {
    private final TokenStream in;
    private final ExpressionParser expressions;

    SelectParser(TokenStream in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    /** INSERT / UPDATE / DELETE after WITH and inside a CTE (data-modifying CTEs). */
    private TableParser modifications;

    void setModificationParser(TableParser tables) {
        this.modifications = tables;
    }

    /**
     * A top-level statement starting with WITH: a SELECT (maybe SELECT ... INTO), or, when the
     * clause is followed by INSERT / UPDATE / DELETE, a {@link Statement.WithModify}.
     */
    Statement parseWithStatement() {
        if (!in.peek().isWord("with")) {
            return parseSelectOrInto();
        }
        selectInto = null;
        Token start = in.peek();
        Statement.WithClause with = parseWith();
        if (isModification(in.peek())) {
            return new Statement.WithModify(with, parseModification(), start.start());
        }
        if (in.peek().isWord("merge")) {
            // WITH ... MERGE (a CTE's body may not be one, so not among isModification's)
            return new Statement.WithModify(with, new MergeParser(in, expressions, this, modifications).parse(),
                start.start());
        }
        return into(selectAfter(with));
    }

    private static boolean isModification(Token t) {
        return t.isWord("insert") || t.isWord("update") || t.isWord("delete");
    }

    private Statement parseModification() {
        Token t = in.peek();
        return t.isWord("insert") ? modifications.parseInsert()
            : t.isWord("update") ? modifications.parseUpdate() : modifications.parseDelete();
    }

    /** SELECT ... INTO's target, seen while the current statement was parsed (see {@link #parseSelectOrInto}). */
    private Statement.CreateTableAs selectInto;

    /**
     * A top-level SELECT, which may be SELECT ... INTO (a CREATE TABLE AS); INTO anywhere but in
     * the top-level query's first SELECT is a syntax error, as in PostgreSQL.
     */
    Statement parseSelectOrInto() {
        selectInto = null;
        return into(parseSelectStatement());
    }

    /** The statement as SELECT ... INTO's CREATE TABLE AS when an INTO was seen. */
    private Statement into(Statement.Select s) {
        Statement.CreateTableAs into = selectInto;
        selectInto = null;
        if (into == null) {
            return s;
        }
        return new Statement.CreateTableAs(into.table(), null, s, false, into.temporary(), true, true, into.location());
    }

    Statement.Select parseSelectStatement() {
        Token first = in.peek();
        Statement.WithClause with = null;
        if (first.isWord("with")) {
            with = parseWith();
        }
        return selectAfter(with);
    }

    /** The SELECT after its WITH clause (null: none). */
    private Statement.Select selectAfter(Statement.WithClause with) {
        Statement.Select select = parseSetExpression();
        select = parseTail(select);
        if (with != null) {
            select = select.withTail(select.orderBy(), select.limit(), select.offset(), select.rowLock(), with);
        }
        return select;
    }

    private Statement.WithClause parseWith() {
        Token start = in.expectWord("with");
        boolean recursive = in.acceptWord("recursive");
        List<Statement.CommonTableExpr> ctes = new ArrayList<>();
        do {
            Token name = in.peek();
            String n = in.expectColId();
            List<String> cols = null;
            if (in.peek().isPunct('(')) {
                cols = parseNameList();
            }
            in.expectWord("as");
            if (in.peek().isWord("materialized") || in.peek().isWord("not")) {
                in.acceptWord("not");
                in.expectWord("materialized");
            }
            in.expectPunct('(');
            if (isModification(in.peek()) || in.peek().isWord("with") && startsModification()) {
                Statement m = in.peek().isWord("with") ? parseWithStatement() : parseModification();
                in.expectPunct(')');
                ctes.add(new Statement.CommonTableExpr(n, cols, null, name.start(), m));
                continue;
            }
            Statement.Select q = parseSelectStatement();
            in.expectPunct(')');
            ctes.add(new Statement.CommonTableExpr(n, cols, q, name.start()));
        } while (in.acceptPunct(','));
        return new Statement.WithClause(recursive, ctes, start.start());
    }

    /** At WITH: whether the statement it begins is an INSERT / UPDATE / DELETE (looks ahead, consumes nothing). */
    private boolean startsModification() {
        int mark = in.position();
        try {
            parseWith();
            return isModification(in.peek());
        } finally {
            in.reset(mark);
        }
    }

    /** (a, b, c) */
    private List<String> parseNameList() {
        in.expectPunct('(');
        List<String> names = new ArrayList<>();
        do {
            names.add(in.expectColId());
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        return names;
    }

    /** UNION / EXCEPT (left-associative) over INTERSECT terms, which bind tighter. */
    private Statement.Select parseSetExpression() {
        Statement.Select left = parseSetTerm();
        while (in.peek().isWord("union") || in.peek().isWord("except")) {
            Token op = in.next();
            boolean all = in.acceptWord("all");
            if (!all) {
                in.acceptWord("distinct");
            }
            Statement.Select right = parseSetTerm();
            left = setOp(op.isWord("union") ? Statement.SetOpKind.UNION : Statement.SetOpKind.EXCEPT, all, left, right, op);
        }
        return left;
    }

    private Statement.Select parseSetTerm() {
        Statement.Select left = parseSetPrimary();
        while (in.peek().isWord("intersect")) {
            Token op = in.next();
            boolean all = in.acceptWord("all");
            if (!all) {
                in.acceptWord("distinct");
            }
            left = setOp(Statement.SetOpKind.INTERSECT, all, left, parseSetPrimary(), op);
        }
        return left;
    }

    private static Statement.Select setOp(Statement.SetOpKind kind, boolean all, Statement.Select left,
                                          Statement.Select right, Token op) {
        return new Statement.Select(false, List.of(), List.of(), null, List.of(), null, null, null, null,
            left.location(), null, List.of(), null, new Statement.SetOp(kind, all, left, right, op.start()), null);
    }

    private Statement.Select parseSetPrimary() {
        Token first = in.peek();
        if (first.isPunct('(')) {
            in.next();
            Statement.Select inner = parseSelectStatement();
            in.expectPunct(')');
            return inner;
        }
        if (first.isWord("values")) {
            return parseValues();
        }
        if (first.isWord("table")) {
            return parseTable();
        }
        return parseSimpleSelect();
    }

    /** [schema.]name, without an alias. */
    private RangeVar parseRangeVar() {
        Token t = in.peek();
        String name = in.expectColId();
        String schema = null;
        if (in.acceptPunct('.')) {
            schema = name;
            name = in.expectLabel();
        }
        return new RangeVar(schema, name, null, t.start());
    }

    /** TABLE [ONLY] name [*]: SELECT * FROM name. */
    private Statement.Select parseTable() {
        Token start = in.expectWord("table");
        in.acceptWord("only");
        RangeVar rel = parseRangeVar();
        in.acceptOp("*");
        Statement.FromItem from = new Statement.FromTable(rel, null, rel.location());
        return new Statement.Select(false, List.of(new ResTarget(new Expr.Star(List.of(), start.start()), null,
            start.start())), List.of(from), null, List.of(), null, null, null, null, start.start(), null, List.of(), null,
            null, null);
    }

    private Statement.Select parseSimpleSelect() {
        Token start = in.expectWord("select");
        boolean distinct = false;
        List<Expr> distinctOn = null;
        if (in.acceptWord("distinct")) {
            if (in.acceptWord("on")) {
                in.expectPunct('(');
                distinctOn = expressions.parseExpressionList();
                in.expectPunct(')');
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
            Token into = in.next();
            if (selectInto != null) {
                throw in.syntaxError(into);
            }
            boolean temporary = in.acceptWord("temporary") || in.acceptWord("temp");
            if (!temporary && (in.acceptWord("unlogged") || in.acceptWord("local") || in.acceptWord("global"))) {
                temporary = in.acceptWord("temporary") || in.acceptWord("temp");
            }
            in.acceptWord("table");
            selectInto = new Statement.CreateTableAs(parseRangeVar(), null, null, false, temporary, true, true,
                into.start());
        }
        List<Statement.FromItem> from = List.of();
        if (in.acceptWord("from")) {
            from = parseFromList();
        }
        Expr where = null;
        if (in.acceptWord("where")) {
            where = expressions.parseExpression();
        }
        List<Expr> groupBy = List.of();
        if (in.peek().isWord("group")) {
            in.next();
            in.expectWord("by");
            in.acceptWord("all");
            groupBy = new GroupingSetParser(in, expressions).parseGroupByList();
        }
        Expr having = null;
        if (in.acceptWord("having")) {
            having = expressions.parseExpression();
        }
        List<Statement.WindowDef> windows = List.of();
        if (in.acceptWord("window")) {
            windows = new ArrayList<>();
            do {
                Token name = in.peek();
                String n = in.expectColId();
                in.expectWord("as");
                windows.add(new Statement.WindowDef(n, expressions.parseWindowSpec(), name.start()));
            } while (in.acceptPunct(','));
            windows = List.copyOf(windows);
        }
        return new Statement.Select(distinct, targets, from, where, List.of(), null, null, null, null, start.start(),
            distinctOn, groupBy, having, null, null, windows);
    }

    private static boolean isTargetListEnd(Token t) {
        return t.kind() == Token.Kind.EOF || t.isPunct(';') || t.isPunct(')') || t.isWord("from")
            || t.isWord("where") || t.isWord("order") || t.isWord("limit") || t.isWord("offset")
            || t.isWord("union") || t.isWord("intersect") || t.isWord("except") || t.isWord("group")
            || t.isWord("having");
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

    List<Statement.FromItem> parseFromList() {
        List<Statement.FromItem> items = new ArrayList<>();
        do {
            items.add(parseJoinedItem());
        } while (in.acceptPunct(','));
        return items;
    }

    /** A FROM item followed by any number of JOINs (left-associative). */
    Statement.FromItem parseJoinedItem() {
        Statement.FromItem left = parseFromPrimary();
        while (true) {
            Token t = in.peek();
            boolean natural = false;
            if (t.isWord("natural")) {
                in.next();
                natural = true;
            }
            Token k = in.peek();
            Statement.JoinKind kind;
            if (k.isWord("cross") && !natural) {
                in.next();
                kind = Statement.JoinKind.CROSS;
            } else if (k.isWord("inner")) {
                in.next();
                kind = Statement.JoinKind.INNER;
            } else if (k.isWord("left") || k.isWord("right") || k.isWord("full")) {
                in.next();
                in.acceptWord("outer");
                kind = k.isWord("left") ? Statement.JoinKind.LEFT
                    : k.isWord("right") ? Statement.JoinKind.RIGHT : Statement.JoinKind.FULL;
            } else if (k.isWord("join")) {
                kind = Statement.JoinKind.INNER;
            } else if (natural) {
                throw in.syntaxError(k);
            } else {
                return left;
            }
            in.expectWord("join");
            Statement.FromItem right = parseFromPrimary();
            Expr on = null;
            List<String> using = null;
            if (kind != Statement.JoinKind.CROSS && !natural) {
                if (in.acceptWord("on")) {
                    on = expressions.parseExpression();
                } else if (in.acceptWord("using")) {
                    using = parseNameList();
                } else {
                    throw in.syntaxError(in.peek());
                }
            }
            left = new Statement.FromJoin(kind, left, right, on, using, natural, null, null, t.start());
        }
    }

    private Statement.FromItem parseFromPrimary() {
        Token t = in.peek();
        if (t.isPunct('(')) {
            Token after = in.peek(1);
            if (after.isWord("select") || after.isWord("values") || after.isWord("with")) {
                in.next();
                Statement.Select q = parseSelectStatement();
                in.expectPunct(')');
                String alias = parseAlias();
                if (alias == null) {
                    throw org.tuskdb.api.DatabaseException.atPosition("42601", "subquery in FROM must have an alias",
                        in.characterPosition(t.start())).withHint("For example, FROM (SELECT ...) [AS] foo.");
                }
                List<String> cols = in.peek().isPunct('(') ? parseNameList() : null;
                return new Statement.FromSubquery(q, alias, cols, t.start());
            }
            in.next();
            Statement.FromItem inner = parseJoinedItem();
            in.expectPunct(')');
            String alias = parseAlias();
            if (alias != null) {
                List<String> cols = in.peek().isPunct('(') ? parseNameList() : null;
                if (inner instanceof Statement.FromJoin j) {
                    return new Statement.FromJoin(j.kind(), j.left(), j.right(), j.on(), j.using(), j.natural(), alias,
                        cols, j.location());
                }
                throw in.notSupported(t, "aliases on a parenthesized FROM item");
            }
            return inner;
        }
        if (t.isWord("lateral")) {
            in.next();
            Token next = in.peek();
            Statement.FromItem item = parseFromPrimary();
            if (!(item instanceof Statement.FromSubquery) && !(item instanceof Statement.FromFunction)) {
                throw in.syntaxError(item instanceof Statement.FromTable ? in.peek() : next);
            }
            return new Statement.FromLateral(item, t.start());
        }
        if (t.isWord("only")) {
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
            List<String> names = schema == null ? List.of(name) : List.of(schema, name);
            Expr.FuncCall call = (Expr.FuncCall) expressions.parseFunctionCall(names, t);
            boolean ordinality = false;
            if (in.peek().isWord("with") && in.peek(1).isWord("ordinality")) {
                in.next();
                in.next();
                ordinality = true;
            }
            String alias = null;
            if (!(in.peek().isWord("as") && in.peek(1).isPunct('('))) {
                alias = parseAlias();
            } else {
                in.next(); // AS (a int, ...): a column definition list without an alias
            }
            List<String> cols = null;
            Statement.ColumnDefinitions defs = null;
            if (in.peek().isPunct('(') && (alias != null || in.peek(-1).isWord("as"))) {
                int at = in.peek(1).start(); // errors point at the first column definition
                List<String> defNames = new ArrayList<>();
                List<TypeName> types = new ArrayList<>();
                in.expectPunct('(');
                do {
                    defNames.add(in.expectColId());
                    types.add(in.peek().isPunct(',') || in.peek().isPunct(')') ? null : expressions.parseTypeName());
                } while (in.acceptPunct(','));
                in.expectPunct(')');
                if (types.stream().allMatch(java.util.Objects::isNull)) {
                    cols = defNames;
                } else if (types.stream().anyMatch(java.util.Objects::isNull)) {
                    throw org.tuskdb.api.DatabaseException.atPosition(org.tuskdb.api.SqlState.SYNTAX_ERROR,
                        "syntax error at or near \"" + in.peek(-1).text() + "\"", in.characterPosition(in.peek(-1).start()));
                } else {
                    defs = new Statement.ColumnDefinitions(List.copyOf(defNames), List.copyOf(types), at);
                }
            }
            return new Statement.FromFunction(call, ordinality, alias, cols, defs, t.start());
        }
        String alias = parseAlias();
        List<String> cols = null;
        if (alias != null && in.peek().isPunct('(')) {
            cols = parseNameList();
        }
        return new Statement.FromTable(new RangeVar(schema, name, alias, t.start()), cols, t.start());
    }

    private String parseAlias() {
        if (in.acceptWord("as")) {
            return in.expectColId();
        }
        Token a = in.peek();
        if (a.kind() == Token.Kind.QUOTED_IDENT || (a.kind() == Token.Kind.WORD && Keywords.canBeColumnName(a.text())
            && !isClauseWord(a.text()))) {
            in.next();
            return a.text();
        }
        return null;
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
        org.tuskdb.sql.internal.ast.RowLock rowLock = s.rowLock();
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
        boolean withTies = s.withTies();
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
                if (in.acceptWord("with")) {
                    in.expectWord("ties");
                    withTies = true;
                } else {
                    in.expectWord("only");
                }
            } else if (t.isWord("for")) {
                in.next();
                org.tuskdb.sql.internal.ast.RowLock clause = parseLockingClause();
                rowLock = rowLock == null ? clause : rowLock.merge(clause);
            } else {
                break;
            }
        }
        if (withTies && orderBy.isEmpty()) {
            throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.SYNTAX_ERROR,
                "WITH TIES cannot be specified without ORDER BY clause");
        }
        if (withTies && rowLock != null && rowLock.waitPolicy() == org.tuskdb.sql.internal.ast.RowLock.WaitPolicy.SKIP) {
            throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.SYNTAX_ERROR,
                "SKIP LOCKED and WITH TIES options cannot be used together");
        }
        Statement.Select out = s.withTail(orderBy, limit, offset, rowLock, s.with());
        return withTies ? out.withTies(true) : out;
    }

    /** strength [OF name, ...] [NOWAIT | SKIP LOCKED], after FOR (for_locking_item). */
    private org.tuskdb.sql.internal.ast.RowLock parseLockingClause() {
        org.tuskdb.api.heap.RowLockMode strength = parseLockingStrength();
        List<org.tuskdb.sql.internal.ast.RowLock.OfName> of = new ArrayList<>();
        if (in.acceptWord("of")) {
            do {
                Token first = in.peek();
                String name = in.expectColId();
                boolean qualified = false;
                while (in.acceptPunct('.')) {
                    qualified = true;
                    name = in.expectColId();
                }
                of.add(new org.tuskdb.sql.internal.ast.RowLock.OfName(name, qualified, strength, first.start()));
            } while (in.acceptPunct(','));
        }
        org.tuskdb.sql.internal.ast.RowLock.WaitPolicy wait = org.tuskdb.sql.internal.ast.RowLock.WaitPolicy.BLOCK;
        if (in.acceptWord("nowait")) {
            wait = org.tuskdb.sql.internal.ast.RowLock.WaitPolicy.ERROR;
        } else if (in.acceptWord("skip")) {
            in.expectWord("locked");
            wait = org.tuskdb.sql.internal.ast.RowLock.WaitPolicy.SKIP;
        }
        return new org.tuskdb.sql.internal.ast.RowLock(strength, wait, List.copyOf(of));
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

    /** a [ASC|DESC] [NULLS FIRST|LAST], ... (ORDER BY's list, also inside aggregates and OVER). */
    List<SortBy> parseSortList() {
        List<SortBy> list = new ArrayList<>();
        do {
            list.add(parseSortBy());
        } while (in.acceptPunct(','));
        return list;
    }

    private SortBy parseSortBy() {
        Token t = in.peek();
        Expr e = expressions.parseExpression();
        if (in.peek().isWord("collate")) {
            // values compare by code point, which is what "C" / "POSIX" (and the default here) order by
            Token c = in.next();
            Token name = in.peek();
            String collation = in.expectColId();
            if (!collation.equals("C") && !collation.equals("POSIX") && !collation.equals("default")) {
                throw org.tuskdb.api.DatabaseException.atPosition("42704",
                    "collation \"" + collation + "\" for encoding \"UTF8\" does not exist",
                    in.characterPosition(name.start()));
            }
        }
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
