package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.DatabaseStatements;
import org.tuskdb.sql.internal.ast.DatabaseStatements.Option;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * CREATE / ALTER / DROP DATABASE as gram.y reads them (CreatedbStmt with createdb_opt_list,
 * DropdbStmt with its FORCE option, AlterDatabaseStmt, RenameStmt, AlterOwnerStmt). Which option
 * names mean something is the command's business (dbcommands.c checks them there too).
 */
final class DatabaseParser {
    private final TokenStream in;

    DatabaseParser(TokenStream in) {
        this.in = in;
    }

    /** Whether the CREATE / ALTER / DROP at the cursor is about a database. */
    static boolean isDatabase(TokenStream in) {
        return in.peek(1).isWord("database");
    }

    Statement parse() {
        Token start = in.next();
        in.expectWord("database");
        return switch (start.text()) {
            case "create" -> new DatabaseStatements.CreateDatabase(in.expectColId(), options(), start.start());
            case "drop" -> parseDrop(start);
            case "alter" -> parseAlter(start);
            default -> throw in.syntaxError(start);
        };
    }

    private Statement parseDrop(Token start) {
        boolean ifExists = false;
        if (in.peek().isWord("if") && in.peek(1).isWord("exists")) {
            in.next();
            in.next();
            ifExists = true;
        }
        String name = in.expectColId();
        boolean force = false;
        if (in.peek().isWord("with") || in.peek().isPunct('(')) {
            in.acceptWord("with");
            in.expectPunct('(');
            do {
                in.expectWord("force");
                force = true;
            } while (in.acceptPunct(','));
            in.expectPunct(')');
        }
        return new DatabaseStatements.DropDatabase(name, ifExists, force, start.start());
    }

    private Statement parseAlter(Token start) {
        String name = in.expectColId();
        if (in.acceptWord("rename")) {
            in.expectWord("to");
            return new DatabaseStatements.RenameDatabase(name, in.expectColId(), start.start());
        }
        if (in.acceptWord("owner")) {
            in.expectWord("to");
            return new DatabaseStatements.AlterDatabaseOwner(name, new RoleParser(in, null, null).roleSpec(),
                start.start());
        }
        Token t = in.peek();
        if ((t.isWord("set") && !in.peek(1).isWord("tablespace")) || t.isWord("reset")) {
            UtilityParser utilities = new UtilityParser(in);
            Statement set = t.isWord("set") ? utilities.parseSet() : utilities.parseReset();
            if (!(set instanceof Statement.VariableSet vs)
                || vs.name() == null && vs.kind() != Statement.SetKind.RESET_ALL) {
                throw in.syntaxError(in.peek());
            }
            return new DatabaseStatements.AlterDatabaseSet(name, vs, start.start());
        }
        if (t.isWord("set") || t.isWord("refresh")) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "ALTER DATABASE " + t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported",
                in.characterPosition(t.start()));
        }
        return new DatabaseStatements.AlterDatabase(name, options(), start.start());
    }

    /** [WITH] createdb_opt_item ...: name [=] value | name [=] DEFAULT. */
    private List<Option> options() {
        in.acceptWord("with");
        List<Option> out = new ArrayList<>();
        while (true) {
            Token t = in.peek();
            if (t.kind() != Token.Kind.WORD) {
                return out;
            }
            String name;
            if (t.isWord("connection")) {
                in.next();
                in.expectWord("limit");
                name = "connection_limit";
            } else {
                in.next();
                name = t.text();
            }
            in.acceptOp("=");
            out.add(new Option(name, value(), t.start()));
        }
    }

    /** NumericOnly, TRUE / FALSE, a word or a string; null for DEFAULT. */
    private Object value() {
        boolean minus = in.acceptOp("-");
        Token v = in.next();
        switch (v.kind()) {
            case INTEGER -> {
                long n = Long.parseLong(v.text());
                return (int) (minus ? -n : n);
            }
            case STRING, QUOTED_IDENT -> {
                if (!minus) {
                    return v.text();
                }
            }
            case WORD -> {
                if (!minus) {
                    return switch (v.text()) {
                        case "default" -> null;
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        default -> v.text();
                    };
                }
            }
            default -> { }
        }
        throw in.syntaxError(v);
    }
}
