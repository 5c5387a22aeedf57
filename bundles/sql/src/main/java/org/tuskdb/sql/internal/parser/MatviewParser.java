package org.tuskdb.sql.internal.parser;

import java.util.List;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * CREATE MATERIALIZED VIEW, REFRESH MATERIALIZED VIEW and ALTER MATERIALIZED VIEW ... RENAME
 * (gram.y's CreateMatViewStmt, RefreshMatViewStmt and the RenameStmt forms); DROP MATERIALIZED
 * VIEW is TableParser.parseDrop's.
 */
final class MatviewParser {
    private final TokenStream in;
    private final SelectParser selects;
    private final TableParser tables;

    MatviewParser(TokenStream in, SelectParser selects, TableParser tables) {
        this.in = in;
        this.selects = selects;
        this.tables = tables;
    }

    /** After CREATE: MATERIALIZED VIEW [IF NOT EXISTS] name [(columns)] AS query [WITH [NO] DATA]. */
    Statement parseCreate(Token start) {
        in.expectWord("materialized");
        in.expectWord("view");
        boolean ifNotExists = tables.parseIfNotExists();
        Statement.RangeVar name = tables.parseQualifiedName(false);
        List<String> columns = tables.optionalNameList();
        in.expectWord("as");
        Token q = in.peek();
        Statement.Select query = selects.parseSelectStatement();
        String text = in.sql().substring(q.start(), in.peek().start()).strip();
        return new Statement.CreateMatview(name, columns, query, text, ifNotExists, tables.parseWithData(), start.start());
    }

    /** REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]. */
    Statement parseRefresh() {
        Token start = in.expectWord("refresh");
        in.expectWord("materialized");
        in.expectWord("view");
        boolean concurrently = in.acceptWord("concurrently");
        Statement.RangeVar name = tables.parseQualifiedName(false);
        return new Statement.RefreshMatview(name, concurrently, tables.parseWithData(), start.start());
    }

    /** After ALTER: MATERIALIZED VIEW [IF EXISTS] name RENAME [COLUMN] a TO b | RENAME TO n. */
    Statement parseAlter(Token start) {
        in.expectWord("materialized");
        in.expectWord("view");
        boolean ifExists = tables.parseIfExists();
        Statement.RangeVar name = tables.parseQualifiedName(false);
        Token t = in.peek();
        if (!t.isWord("rename")) {
            throw in.notSupported(t, "this ALTER MATERIALIZED VIEW action");
        }
        in.next();
        Statement.AlterCmd cmd;
        if (in.acceptWord("to")) {
            cmd = new Statement.RenameTable(in.expectColId(), t.start());
        } else {
            in.acceptWord("column");
            String column = in.expectColId();
            in.expectWord("to");
            cmd = new Statement.RenameColumn(column, in.expectColId(), t.start());
        }
        return new Statement.AlterMatview(new Statement.AlterTable(name, ifExists, List.of(cmd), start.start()));
    }
}
