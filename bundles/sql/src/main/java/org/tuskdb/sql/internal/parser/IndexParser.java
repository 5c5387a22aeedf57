package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.RangeVar;

/**
 * CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON [ONLY] table [USING btree] (column [ASC | DESC]
 * [NULLS FIRST | LAST], ...) and DROP INDEX [IF EXISTS] name, ... [CASCADE | RESTRICT] (gram.y's
 * IndexStmt and DropStmt for indexes); a column's operator class is accepted (see
 * skipOperatorClass). A key may be an expression: a function call ({@code lower(email)}) or any
 * expression in parentheses ({@code ((a + b))}), as gram.y's index_elem; WHERE makes a partial
 * index. INCLUDE, CONCURRENTLY and other access methods are 0A000.
 */
final class IndexParser {
    private final TokenStream in;
    private final ExpressionParser expressions;

    IndexParser(TokenStream in) {
        this.in = in;
        this.expressions = new ExpressionParser(in);
    }

    static boolean isCreateIndex(TokenStream in) {
        return in.peek(1).isWord("index") || in.peek(1).isWord("unique") && in.peek(2).isWord("index");
    }

    static boolean isDropIndex(TokenStream in) {
        return in.peek(1).isWord("index");
    }

    Statement parseCreateIndex() {
        Token start = in.expectWord("create");
        boolean unique = in.acceptWord("unique");
        in.expectWord("index");
        // CONCURRENTLY: built as a plain CREATE INDEX (one statement, its own transaction)
        boolean concurrently = in.acceptWord("concurrently");
        boolean ifNotExists = false;
        String name = null;
        if (in.peek().isWord("if") && in.peek(1).isWord("not")) {
            in.next();
            in.next();
            in.expectWord("exists");
            ifNotExists = true;
            name = in.expectColId();
        } else if (!in.peek().isWord("on")) {
            name = in.expectColId();
        }
        in.expectWord("on");
        in.acceptWord("only");
        RangeVar table = qualifiedName();
        if (in.acceptWord("using")) {
            Token m = in.peek();
            String method = in.expectColId();
            if (List.of("hash", "gist", "gin", "spgist", "brin").contains(method)) {
                // pg_am lists them (as PostgreSQL's catalogs do), but only btree is built.
                throw org.tuskdb.api.DatabaseException.error("0A000", "access method \"" + method + "\" is not supported");
            }
            if (!method.equals("btree")) {
                throw org.tuskdb.api.DatabaseException.error("42704", "access method \"" + method
                    + "\" does not exist");
            }
        }
        in.expectPunct('(');
        List<Statement.IndexElem> columns = new ArrayList<>();
        do {
            Token c = in.peek();
            String column = null;
            org.tuskdb.sql.internal.ast.Expr expression = null;
            if (c.isPunct('(')) {
                in.next();
                expression = expressions.parseExpression();
                in.expectPunct(')');
            } else if (in.peek(1).isPunct('(') || in.peek(1).isPunct('.')) {
                expression = expressions.parseExpression(); // func_expr_windowless
            } else {
                column = in.expectColId();
            }
            skipOperatorClass();
            boolean desc = false;
            if (in.acceptWord("desc")) {
                desc = true;
            } else {
                in.acceptWord("asc");
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
            columns.add(new Statement.IndexElem(column, expression, desc, nullsFirst, c.start()));
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        Token t = in.peek();
        if (t.isWord("include") || t.isWord("with") || t.isWord("tablespace")) {
            throw in.notSupported(t, "CREATE INDEX ... " + t.text().toUpperCase(java.util.Locale.ROOT));
        }
        org.tuskdb.sql.internal.ast.Expr predicate = null;
        if (in.acceptWord("where")) {
            predicate = expressions.parseExpression();
        }
        return new Statement.CreateIndex(name, table, unique, ifNotExists, columns, predicate, start.start(),
            concurrently);
    }

    /**
     * An index column's operator class ({@code title varchar_pattern_ops}, as Django writes for
     * LIKE lookups). Every text value compares in the "C" order here, which is what the
     * *_pattern_ops classes order by, so each class named is the column type's default one and
     * the index is the same; a class btree does not have is 42704.
     */
    private void skipOperatorClass() {
        Token t = in.peek();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED_IDENT || t.isWord("asc") || t.isWord("desc")
            || t.isWord("nulls") || t.isWord("collate")) {
            return;
        }
        String name = in.expectColId();
        if (name.equals("pg_catalog") && in.acceptPunct('.')) {
            name = in.expectColId();
        }
        if (!BtreeOperatorClasses.exists(name)) {
            throw org.tuskdb.api.DatabaseException.error("42704", "operator class \"" + name
                + "\" does not exist for access method \"btree\"");
        }
    }

    Statement parseDropIndex() {
        Token start = in.expectWord("drop");
        in.expectWord("index");
        boolean concurrently = in.acceptWord("concurrently");
        boolean ifExists = false;
        if (in.peek().isWord("if") && in.peek(1).isWord("exists")) {
            in.next();
            in.next();
            ifExists = true;
        }
        List<RangeVar> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (in.acceptPunct(','));
        boolean cascade = false;
        if (in.acceptWord("cascade")) {
            cascade = true;
        } else {
            in.acceptWord("restrict");
        }
        if (concurrently && names.size() > 1) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "DROP INDEX CONCURRENTLY does not support dropping multiple objects");
        }
        if (concurrently && cascade) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "DROP INDEX CONCURRENTLY does not support CASCADE");
        }
        return new Statement.DropIndex(names, ifExists, cascade, start.start(), concurrently);
    }

    /**
     * ALTER INDEX [IF EXISTS] name RENAME TO new | SET (option [= value], ...) | RESET (option,
     * ...) (gram.y's RenameStmt and AlterTableStmt for indexes), "alter" read, "index" next.
     */
    Statement parseAlterIndex(Token start) {
        in.expectWord("index");
        boolean ifExists = false;
        if (in.peek().isWord("if") && in.peek(1).isWord("exists")) {
            in.next();
            in.next();
            ifExists = true;
        }
        RangeVar name = qualifiedName();
        Token t = in.peek();
        if (in.acceptWord("rename")) {
            in.expectWord("to");
            return new Statement.AlterIndex(name, ifExists, in.expectColId(), null, null, start.start());
        }
        if (t.isWord("set") && in.peek(1).isPunct('(') || t.isWord("reset")) {
            in.next();
            boolean set = t.isWord("set");
            in.expectPunct('(');
            List<String> options = new ArrayList<>();
            do {
                String option = in.expectLabel();
                String value = "true";
                if (set && in.acceptOp("=")) {
                    Token v = in.next();
                    if (v.kind() == Token.Kind.EOF) {
                        throw in.syntaxError(v);
                    }
                    value = v.text();
                }
                options.add(set ? option + "=" + value : option);
            } while (in.acceptPunct(','));
            in.expectPunct(')');
            return new Statement.AlterIndex(name, ifExists, null, set ? options : null, set ? null : options,
                start.start());
        }
        throw in.notSupported(t, "this ALTER INDEX action");
    }

    private RangeVar qualifiedName() {
        Token t = in.peek();
        String first = in.expectColId();
        if (in.acceptPunct('.')) {
            return new RangeVar(first, in.expectLabel(), null, t.start());
        }
        return new RangeVar(null, first, null, t.start());
    }
}
