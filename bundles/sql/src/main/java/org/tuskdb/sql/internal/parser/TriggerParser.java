package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * CREATE [OR REPLACE] TRIGGER, DROP TRIGGER, ALTER TRIGGER ... RENAME and ALTER TABLE's {ENABLE |
 * DISABLE} TRIGGER (gram.y's CreateTrigStmt, DropStmt for triggers, RenameStmt, AlterTableCmd).
 * The event bits are pg_trigger.tgtype's (TRIGGER_TYPE_INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32).
 */
final class TriggerParser {
    static final int INSERT = 4, DELETE = 8, UPDATE = 16, TRUNCATE = 32;

    private final TokenStream in;
    private final ExpressionParser expressions;
    private final TableParser tables;

    TriggerParser(TokenStream in, ExpressionParser expressions, TableParser tables) {
        this.in = in;
        this.expressions = expressions;
        this.tables = tables;
    }

    /** After CREATE [OR REPLACE]: [CONSTRAINT] TRIGGER ... */
    Statement parseCreateTrigger(Token start, boolean orReplace) {
        if (in.peek().isWord("constraint")) {
            throw in.notSupported(in.peek(), "CREATE CONSTRAINT TRIGGER");
        }
        in.expectWord("trigger");
        String name = in.expectColId();
        char timing;
        if (in.acceptWord("before")) {
            timing = 'B';
        } else if (in.acceptWord("after")) {
            timing = 'A';
        } else if (in.peek().isWord("instead")) {
            in.next();
            in.expectWord("of");
            timing = 'I';
        } else {
            throw in.syntaxError(in.peek());
        }
        int events = 0;
        List<String> columns = new ArrayList<>();
        do {
            Token e = in.next();
            int bit = switch (e.kind() == Token.Kind.WORD ? e.text() : "") {
                case "insert" -> INSERT;
                case "delete" -> DELETE;
                case "update" -> UPDATE;
                case "truncate" -> TRUNCATE;
                default -> throw in.syntaxError(e);
            };
            if (bit == UPDATE && in.acceptWord("of")) {
                do {
                    columns.add(in.expectColId());
                } while (in.acceptPunct(','));
            }
            if ((events & bit) != 0) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "duplicate trigger events specified at or near \""
                    + in.sql().substring(e.start(), e.end()) + "\"", in.characterPosition(e.start()));
            }
            events |= bit;
        } while (in.acceptWord("or"));
        in.expectWord("on");
        Statement.RangeVar table = tables.parseQualifiedName(false);
        if (in.peek().isWord("referencing")) {
            throw in.notSupported(in.peek(), "REFERENCING (transition tables)");
        }
        boolean row = false;
        if (in.acceptWord("for")) {
            in.acceptWord("each");
            if (in.acceptWord("row")) {
                row = true;
            } else {
                in.expectWord("statement");
            }
        }
        Expr when = null;
        String whenText = null;
        if (in.acceptWord("when")) {
            in.expectPunct('(');
            int from = in.peek().start();
            when = expressions.parseExpression();
            whenText = in.sql().substring(from, in.peek().start()).strip();
            in.expectPunct(')');
        }
        in.expectWord("execute");
        if (!in.acceptWord("function")) {
            in.expectWord("procedure");
        }
        Statement.RangeVar function = tables.parseQualifiedName(false);
        in.expectPunct('(');
        List<String> args = new ArrayList<>();
        if (!in.peek().isPunct(')')) {
            do {
                Token a = in.next();
                switch (a.kind()) {
                    case STRING, INTEGER, DECIMAL, WORD, QUOTED_IDENT -> args.add(a.text());
                    default -> throw in.syntaxError(a);
                }
            } while (in.acceptPunct(','));
        }
        in.expectPunct(')');
        return new Statement.CreateTrigger(name, orReplace, timing, events, List.copyOf(columns), table, row, when,
            whenText, function, List.copyOf(args), start.start());
    }

    /** After DROP: TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]. */
    Statement parseDropTrigger(Token start) {
        in.expectWord("trigger");
        boolean ifExists = tables.parseIfExists();
        String name = in.expectColId();
        in.expectWord("on");
        Statement.RangeVar table = tables.parseQualifiedName(false);
        boolean cascade = in.acceptWord("cascade");
        if (!cascade) {
            in.acceptWord("restrict");
        }
        return new Statement.DropTrigger(name, table, ifExists, cascade, start.start());
    }

    /** After ALTER: TRIGGER name ON table RENAME TO newName. */
    Statement parseAlterTrigger(Token start) {
        in.expectWord("trigger");
        String name = in.expectColId();
        in.expectWord("on");
        Statement.RangeVar table = tables.parseQualifiedName(false);
        Token t = in.peek();
        if (!t.isWord("rename")) {
            throw in.notSupported(t, "ALTER TRIGGER " + (t.kind() == Token.Kind.WORD
                ? t.text().toUpperCase(java.util.Locale.ROOT) : ""));
        }
        in.next();
        in.expectWord("to");
        return new Statement.RenameTrigger(name, table, in.expectColId(), start.start());
    }

    /** ALTER TABLE's {ENABLE [REPLICA | ALWAYS] | DISABLE} TRIGGER {name | ALL | USER}, at ENABLE / DISABLE. */
    Statement.AlterCmd parseEnableTrigger() {
        Token t = in.next();
        char enabled = 'D';
        if (t.isWord("enable")) {
            enabled = in.acceptWord("replica") ? 'R' : in.acceptWord("always") ? 'A' : 'O';
        }
        in.expectWord("trigger");
        String name = in.peek().isWord("all") || in.peek().isWord("user") ? null : in.expectColId();
        if (name == null) {
            in.next();
        }
        return new Statement.SetTriggerEnabled(name, enabled, t.start());
    }

    /** Whether ALTER TABLE's next command is {ENABLE [REPLICA | ALWAYS] | DISABLE} TRIGGER. */
    static boolean isEnableTrigger(TokenStream in) {
        Token t = in.peek();
        if (!t.isWord("enable") && !t.isWord("disable")) {
            return false;
        }
        Token n = in.peek(1);
        return n.isWord("trigger") || (n.isWord("replica") || n.isWord("always")) && in.peek(2).isWord("trigger");
    }
}
