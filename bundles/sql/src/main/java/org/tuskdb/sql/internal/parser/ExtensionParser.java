package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE], DROP EXTENSION
 * [IF EXISTS] name, ... [CASCADE | RESTRICT], ALTER EXTENSION name {UPDATE [TO v] | SET SCHEMA s}
 * (gram.y's CreateExtensionStmt, DropStmt, AlterExtensionStmt, AlterObjectSchemaStmt). A name or
 * version is an identifier or a string.
 */
final class ExtensionParser {
    private final TokenStream in;

    ExtensionParser(TokenStream in) {
        this.in = in;
    }

    /** Whether the statement (CREATE / DROP / ALTER at the cursor) is about an extension. */
    static boolean isExtension(TokenStream in) {
        return in.peek(1).isWord("extension");
    }

    Statement parse() {
        Token start = in.next();
        in.expectWord("extension");
        return switch (start.text()) {
            case "create" -> parseCreate(start);
            case "drop" -> parseDrop(start);
            default -> parseAlter(start);
        };
    }

    private Statement parseCreate(Token start) {
        boolean ifNotExists = false;
        if (in.peek().isWord("if") && in.peek(1).isWord("not") && in.peek(2).isWord("exists")) {
            in.next();
            in.next();
            in.next();
            ifNotExists = true;
        }
        int nameAt = in.peek().start();
        String name = in.expectColId();
        in.acceptWord("with");
        String schema = null;
        String version = null;
        boolean cascade = false;
        while (true) {
            if (in.acceptWord("schema")) {
                schema = in.expectColId();
            } else if (in.acceptWord("version")) {
                version = nameOrString();
            } else if (in.acceptWord("cascade")) {
                cascade = true;
            } else {
                break;
            }
        }
        return new Statement.CreateExtension(name, ifNotExists, schema, version, cascade, nameAt, start.start());
    }

    private Statement parseDrop(Token start) {
        boolean ifExists = false;
        if (in.peek().isWord("if") && in.peek(1).isWord("exists")) {
            in.next();
            in.next();
            ifExists = true;
        }
        List<String> names = new ArrayList<>();
        do {
            names.add(in.expectColId());
        } while (in.acceptPunct(','));
        boolean cascade = in.acceptWord("cascade");
        if (!cascade) {
            in.acceptWord("restrict");
        }
        return new Statement.DropExtension(names, ifExists, cascade, start.start());
    }

    private Statement parseAlter(Token start) {
        String name = in.expectColId();
        if (in.acceptWord("update")) {
            String version = in.acceptWord("to") ? nameOrString() : null;
            return new Statement.AlterExtension(name, version, null, start.start());
        }
        in.expectWord("set");
        in.expectWord("schema");
        return new Statement.AlterExtension(name, null, in.expectColId(), start.start());
    }

    private String nameOrString() {
        Token t = in.peek();
        if (t.kind() == Token.Kind.STRING) {
            in.next();
            return t.text();
        }
        return in.expectColId();
    }
}
