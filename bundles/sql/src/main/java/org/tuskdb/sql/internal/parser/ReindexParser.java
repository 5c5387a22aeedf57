package org.tuskdb.sql.internal.parser;

import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * REINDEX (PostgreSQL 15's grammar): {@code REINDEX [(option [value], ...)] {INDEX | TABLE | SCHEMA
 * | DATABASE | SYSTEM} [CONCURRENTLY] name}, options VERBOSE, CONCURRENTLY (booleans) and
 * TABLESPACE name (accepted; there are no tablespaces). An unknown option is 42601 at its position.
 */
final class ReindexParser {
    private final TokenStream in;
    private final TableParser tables;

    ReindexParser(TokenStream in, TableParser tables) {
        this.in = in;
        this.tables = tables;
    }

    Statement parse() {
        Token first = in.expectWord("reindex");
        boolean verbose = false;
        boolean concurrently = false;
        if (in.acceptPunct('(')) {
            do {
                Token opt = in.next();
                String name = opt.text().toLowerCase(Locale.ROOT);
                if (opt.kind() != Token.Kind.WORD || !name.equals("verbose") && !name.equals("concurrently")
                    && !name.equals("tablespace")) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "unrecognized REINDEX option \"" + name
                        + "\"", in.characterPosition(opt.start()));
                }
                if (name.equals("tablespace")) {
                    in.expectColId();
                    continue;
                }
                boolean value = true;
                if (!in.peek().isPunct(',') && !in.peek().isPunct(')')) {
                    value = VacuumParser.booleanValue(in.next(), name);
                }
                if (name.equals("verbose")) {
                    verbose = value;
                } else {
                    concurrently = value;
                }
            } while (in.acceptPunct(','));
            in.expectPunct(')');
        }
        Token kind = in.next();
        String what = kind.kind() == Token.Kind.WORD ? kind.text().toUpperCase(Locale.ROOT) : "";
        if (!what.equals("INDEX") && !what.equals("TABLE") && !what.equals("SCHEMA") && !what.equals("DATABASE")
            && !what.equals("SYSTEM")) {
            throw in.syntaxError(kind);
        }
        concurrently |= in.acceptWord("concurrently");
        Statement.RangeVar name = what.equals("INDEX") || what.equals("TABLE") ? tables.parseQualifiedName(false)
            : new Statement.RangeVar(null, in.expectColId(), null, in.peek().start());
        return new Statement.Reindex(what, name, concurrently, verbose, first.start());
    }
}
