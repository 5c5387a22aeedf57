package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.ColumnDef;
import org.tuskdb.sql.internal.ast.Statement.RangeVar;
import org.tuskdb.sql.internal.ast.Statement.ResTarget;
import org.tuskdb.sql.internal.ast.TypeName;

/** Statements on tables: CREATE / DROP / TRUNCATE TABLE, INSERT, UPDATE, DELETE. */
final class TableParser {
    private final TokenStream in;
    private final ExpressionParser expressions;
    private final SelectParser selects;

    TableParser(TokenStream in, ExpressionParser expressions, SelectParser selects) {
        this.in = in;
        this.expressions = expressions;
        this.selects = selects;
    }

    // ---- DDL ------------------------------------------------------------------------------

    Statement parseCreate() {
        Token start = in.expectWord("create");
        Token t = in.peek();
        if (t.isWord("temp") || t.isWord("temporary") || t.isWord("unlogged") || t.isWord("local")
            || t.isWord("global")) {
            throw in.notSupported(t, t.text().toUpperCase(Locale.ROOT) + " tables");
        }
        if (!t.isWord("table")) {
            throw in.notSupported(t, "CREATE " + (t.kind() == Token.Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : ""));
        }
        in.next();
        boolean ifNotExists = false;
        if (in.peek().isWord("if")) {
            in.next();
            in.expectWord("not");
            in.expectWord("exists");
            ifNotExists = true;
        }
        RangeVar table = parseQualifiedName(false);
        if (in.peek().isWord("as")) {
            throw in.notSupported(in.peek(), "CREATE TABLE AS");
        }
        in.expectPunct('(');
        List<ColumnDef> columns = new ArrayList<>();
        if (!in.peek().isPunct(')')) {
            do {
                Token c = in.peek();
                if (c.isWord("primary") || c.isWord("unique") || c.isWord("check") || c.isWord("foreign")
                    || c.isWord("constraint") || c.isWord("exclude") || c.isWord("like")) {
                    throw in.notSupported(c, "table constraints");
                }
                columns.add(parseColumnDef());
            } while (in.acceptPunct(','));
        }
        in.expectPunct(')');
        List<String> options = new ArrayList<>();
        if (in.peek().isWord("with") && in.peek(1).isPunct('(')) {
            in.next();
            in.next();
            do {
                String name = in.expectLabel();
                String value = "true";
                if (in.acceptOp("=")) {
                    Token v = in.next();
                    if (v.kind() == Token.Kind.EOF) {
                        throw in.syntaxError(v);
                    }
                    value = v.text();
                }
                options.add(name + "=" + value);
            } while (in.acceptPunct(','));
            in.expectPunct(')');
        }
        Token rest = in.peek();
        if (rest.isWord("inherits") || rest.isWord("partition") || rest.isWord("using") || rest.isWord("tablespace")
            || rest.isWord("on") || rest.isWord("without")) {
            throw in.notSupported(rest, rest.text().toUpperCase(Locale.ROOT));
        }
        return new Statement.CreateTable(table, columns, ifNotExists, options, start.start());
    }

    private ColumnDef parseColumnDef() {
        Token nameTok = in.peek();
        String name = in.expectColId();
        TypeName type = expressions.parseTypeName();
        boolean notNull = false;
        Expr def = null;
        String defText = null;
        while (true) {
            Token t = in.peek();
            if (t.isWord("not") && in.peek(1).isWord("null")) {
                in.next();
                in.next();
                notNull = true;
            } else if (t.isWord("null")) {
                in.next();
                notNull = false;
            } else if (t.isWord("default")) {
                in.next();
                Token first = in.peek();
                def = expressions.parseExpression();
                defText = in.sql().substring(first.start(), in.peek().start()).strip();
            } else if (t.isWord("primary") || t.isWord("unique") || t.isWord("check") || t.isWord("references")
                || t.isWord("constraint") || t.isWord("generated") || t.isWord("collate")) {
                throw in.notSupported(t, "column constraint " + t.text().toUpperCase(Locale.ROOT));
            } else {
                break;
            }
        }
        return new ColumnDef(name, type, notNull, def, defText, nameTok.start());
    }

    Statement parseDrop() {
        Token start = in.expectWord("drop");
        Token t = in.peek();
        if (!t.isWord("table")) {
            throw in.notSupported(t, "DROP " + (t.kind() == Token.Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : ""));
        }
        in.next();
        boolean ifExists = false;
        if (in.peek().isWord("if")) {
            in.next();
            in.expectWord("exists");
            ifExists = true;
        }
        List<RangeVar> tables = new ArrayList<>();
        do {
            tables.add(parseQualifiedName(false));
        } while (in.acceptPunct(','));
        if (in.peek().isWord("cascade")) {
            throw in.notSupported(in.peek(), "DROP ... CASCADE");
        }
        in.acceptWord("restrict");
        return new Statement.DropTable(tables, ifExists, start.start());
    }

    Statement parseTruncate() {
        Token start = in.expectWord("truncate");
        in.acceptWord("table");
        in.acceptWord("only");
        List<RangeVar> tables = new ArrayList<>();
        do {
            tables.add(parseQualifiedName(false));
        } while (in.acceptPunct(','));
        Token t = in.peek();
        if (t.isWord("restart") || t.isWord("cascade")) {
            throw in.notSupported(t, "TRUNCATE ... " + t.text().toUpperCase(Locale.ROOT));
        }
        if (t.isWord("continue")) {
            in.next();
            in.expectWord("identity");
        }
        in.acceptWord("restrict");
        return new Statement.Truncate(tables, start.start());
    }

    // ---- DML ------------------------------------------------------------------------------

    Statement parseInsert() {
        Token start = in.expectWord("insert");
        in.expectWord("into");
        RangeVar table = parseQualifiedName(true);
        List<String> columns = null;
        List<Integer> locations = null;
        if (in.peek().isPunct('(') && !isSelectStart(in.peek(1))) {
            in.next();
            columns = new ArrayList<>();
            locations = new ArrayList<>();
            do {
                locations.add(in.peek().start());
                columns.add(in.expectColId());
                if (in.peek().isPunct('.') || in.peek().isPunct('[')) {
                    throw in.notSupported(in.peek(), "assignment to a field or element");
                }
            } while (in.acceptPunct(','));
            in.expectPunct(')');
        }
        if (in.peek().isWord("overriding")) {
            throw in.notSupported(in.peek(), "OVERRIDING");
        }
        Statement.Select source;
        Token t = in.peek();
        if (t.isWord("default") && in.peek(1).isWord("values")) {
            in.next();
            in.next();
            source = null;
        } else if (t.isWord("values")) {
            source = parseInsertValues();
        } else {
            source = selects.parseSelectStatement();
        }
        if (in.peek().isWord("on") && in.peek(1).isWord("conflict")) {
            throw in.notSupported(in.peek(), "ON CONFLICT");
        }
        return new Statement.Insert(table, columns, locations, source, parseReturning(), start.start());
    }

    private static boolean isSelectStart(Token t) {
        return t.isWord("select") || t.isWord("values") || t.isWord("with") || t.isPunct('(');
    }

    /** VALUES lists whose items may be DEFAULT. */
    private Statement.Select parseInsertValues() {
        Token start = in.expectWord("values");
        List<List<Expr>> rows = new ArrayList<>();
        do {
            in.expectPunct('(');
            List<Expr> row = new ArrayList<>();
            do {
                Token t = in.peek();
                if (t.isWord("default")) {
                    in.next();
                    row.add(new Expr.SetToDefault(t.start()));
                } else {
                    row.add(expressions.parseExpression());
                }
            } while (in.acceptPunct(','));
            in.expectPunct(')');
            rows.add(row);
        } while (in.acceptPunct(','));
        Token t = in.peek();
        if (t.isWord("order") || t.isWord("limit") || t.isWord("offset")) {
            throw in.notSupported(t, "ORDER BY / LIMIT on INSERT's VALUES");
        }
        return new Statement.Select(false, List.of(), List.of(), null, List.of(), null, null, rows, start.start());
    }

    Statement parseUpdate() {
        Token start = in.expectWord("update");
        in.acceptWord("only");
        RangeVar table = parseQualifiedName(true);
        in.expectWord("set");
        List<Statement.SetClause> set = new ArrayList<>();
        do {
            Token c = in.peek();
            if (c.isPunct('(')) {
                throw in.notSupported(c, "multiple-column UPDATE");
            }
            String column = in.expectColId();
            if (in.peek().isPunct('.') || in.peek().isPunct('[')) {
                throw in.notSupported(in.peek(), "assignment to a field or element");
            }
            if (!in.acceptOp("=")) {
                throw in.syntaxError(in.peek());
            }
            Token v = in.peek();
            Expr value;
            if (v.isWord("default")) {
                in.next();
                value = new Expr.SetToDefault(v.start());
            } else {
                value = expressions.parseExpression();
            }
            set.add(new Statement.SetClause(column, value, c.start()));
        } while (in.acceptPunct(','));
        if (in.peek().isWord("from")) {
            throw in.notSupported(in.peek(), "UPDATE ... FROM");
        }
        Expr where = null;
        if (in.acceptWord("where")) {
            if (in.peek().isWord("current")) {
                throw in.notSupported(in.peek(), "WHERE CURRENT OF");
            }
            where = expressions.parseExpression();
        }
        return new Statement.Update(table, set, where, parseReturning(), start.start());
    }

    Statement parseDelete() {
        Token start = in.expectWord("delete");
        in.expectWord("from");
        in.acceptWord("only");
        RangeVar table = parseQualifiedName(true);
        if (in.peek().isWord("using")) {
            throw in.notSupported(in.peek(), "DELETE ... USING");
        }
        Expr where = null;
        if (in.acceptWord("where")) {
            if (in.peek().isWord("current")) {
                throw in.notSupported(in.peek(), "WHERE CURRENT OF");
            }
            where = expressions.parseExpression();
        }
        return new Statement.Delete(table, where, parseReturning(), start.start());
    }

    private List<ResTarget> parseReturning() {
        if (!in.acceptWord("returning")) {
            return List.of();
        }
        List<ResTarget> targets = new ArrayList<>();
        do {
            targets.add(selects.parseTarget());
        } while (in.acceptPunct(','));
        return targets;
    }

    /** [schema.]name, with an optional [AS] alias for DML targets. */
    private RangeVar parseQualifiedName(boolean allowAlias) {
        Token t = in.peek();
        String first = in.expectColId();
        String schema = null;
        String name = first;
        if (in.acceptPunct('.')) {
            schema = first;
            name = in.expectLabel();
        }
        String alias = null;
        if (allowAlias) {
            if (in.acceptWord("as")) {
                alias = in.expectColId();
            } else {
                Token a = in.peek();
                if (a.kind() == Token.Kind.QUOTED_IDENT || (a.kind() == Token.Kind.WORD && Keywords.canBeColumnName(a.text())
                    && !a.isWord("set") && !a.isWord("values") && !a.isWord("default") && !a.isWord("select")
                    && !a.isWord("where") && !a.isWord("returning") && !a.isWord("using") && !a.isWord("overriding"))) {
                    in.next();
                    alias = a.text();
                }
            }
        }
        return new RangeVar(schema, name, alias, t.start());
    }
}
