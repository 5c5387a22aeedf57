package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.ast.Statement;

/** LOCK [TABLE] [ONLY] name [*] [, ...] [IN lockmode MODE] [NOWAIT]. */
final class LockParser {
    private final TokenStream in;
    private final TableParser tables;

    LockParser(TokenStream in, TableParser tables) {
        this.in = in;
        this.tables = tables;
    }

    Statement parseLock() {
        Token start = in.expectWord("lock");
        in.acceptWord("table");
        List<Statement.RangeVar> names = new ArrayList<>();
        do {
            in.acceptWord("only");
            names.add(tables.parseQualifiedName(false));
            in.acceptOp("*");
        } while (in.acceptPunct(','));
        LockMode mode = LockMode.ACCESS_EXCLUSIVE;
        if (in.acceptWord("in")) {
            mode = parseMode();
            in.expectWord("mode");
        }
        boolean nowait = in.acceptWord("nowait");
        return new Statement.LockTable(names, mode, nowait, start.start());
    }

    private LockMode parseMode() {
        Token t = in.next();
        if (t.isWord("access")) {
            Token u = in.next();
            if (u.isWord("share")) {
                return LockMode.ACCESS_SHARE;
            }
            if (u.isWord("exclusive")) {
                return LockMode.ACCESS_EXCLUSIVE;
            }
            throw in.syntaxError(u);
        }
        if (t.isWord("row")) {
            Token u = in.next();
            if (u.isWord("share")) {
                return LockMode.ROW_SHARE;
            }
            if (u.isWord("exclusive")) {
                return LockMode.ROW_EXCLUSIVE;
            }
            throw in.syntaxError(u);
        }
        if (t.isWord("share")) {
            if (in.acceptWord("update")) {
                in.expectWord("exclusive");
                return LockMode.SHARE_UPDATE_EXCLUSIVE;
            }
            if (in.acceptWord("row")) {
                in.expectWord("exclusive");
                return LockMode.SHARE_ROW_EXCLUSIVE;
            }
            return LockMode.SHARE;
        }
        if (t.isWord("exclusive")) {
            return LockMode.EXCLUSIVE;
        }
        throw in.syntaxError(t);
    }
}
