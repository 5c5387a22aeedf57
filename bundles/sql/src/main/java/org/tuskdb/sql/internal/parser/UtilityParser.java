package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.SetArg;
import org.tuskdb.sql.internal.ast.Statement.SetKind;
import org.tuskdb.sql.internal.ast.Statement.TransactionKind;
import org.tuskdb.sql.internal.ast.Statement.TransactionOption;

/** Utility statements: SET / SHOW / RESET, transaction control, DISCARD. */
final class UtilityParser {
    private final TokenStream in;

    UtilityParser(TokenStream in) {
        this.in = in;
    }

    Statement parseSet() {
        Token start = in.expectWord("set");
        boolean local = false;
        if (in.acceptWord("local")) {
            local = true;
        } else if (in.peek().isWord("session") && !in.peek(1).isWord("characteristics")
            && !in.peek(1).isWord("authorization") && !isSetOperator(in.peek(1))) {
            in.next();
        }
        Token t = in.peek();
        if (t.isWord("constraints") && !isSetOperator(in.peek(1))) {
            in.next();
            List<String> names = new ArrayList<>();
            if (!in.acceptWord("all")) {
                do {
                    String n = in.expectColId();
                    if (in.acceptPunct('.')) {
                        n = in.expectColId(); // schema-qualified: the name is what pg_constraint holds
                    }
                    names.add(n);
                } while (in.acceptPunct(','));
            }
            boolean deferred;
            if (in.acceptWord("deferred")) {
                deferred = true;
            } else {
                in.expectWord("immediate");
                deferred = false;
            }
            return new Statement.SetConstraints(List.copyOf(names), deferred, start.start());
        }
        if (t.isWord("session") && in.peek(1).isWord("characteristics")) {
            in.next();
            in.next();
            in.expectWord("as");
            in.expectWord("transaction");
            return new Statement.VariableSet(SetKind.SESSION_CHARACTERISTICS, null, List.of(), false,
                parseTransactionModes(), start.start());
        }
        if (t.isWord("transaction") && !isSetOperator(in.peek(1))) {
            in.next();
            if (in.peek().isWord("snapshot")) {
                throw in.notSupported(in.peek(), "SET TRANSACTION SNAPSHOT");
            }
            return new Statement.VariableSet(SetKind.TRANSACTION, null, List.of(), local, parseTransactionModes(),
                start.start());
        }
        if (t.isWord("time") && in.peek(1).isWord("zone")) {
            in.next();
            in.next();
            return parseTimeZoneValue(local, start);
        }
        if (t.isWord("names") && !isSetOperator(in.peek(1))) {
            in.next();
            return setValue("client_encoding", local, start);
        }
        if (t.isWord("schema") && !isSetOperator(in.peek(1))) {
            in.next();
            Token s = in.next();
            if (s.kind() != Token.Kind.STRING) {
                throw in.syntaxError(s);
            }
            return new Statement.VariableSet(SetKind.VALUE, "search_path", List.of(new SetArg(s.text(), true, false)),
                local, List.of(), start.start());
        }
        if (t.isWord("role") && !isSetOperator(in.peek(1))) {
            // SET ROLE name | 'name' | NONE: the "role" setting (Flyway restores it after each migration)
            in.next();
            Token r = in.next();
            if (r.kind() != Token.Kind.STRING && r.kind() != Token.Kind.WORD && r.kind() != Token.Kind.QUOTED_IDENT) {
                throw in.syntaxError(r);
            }
            return new Statement.VariableSet(SetKind.VALUE, "role", List.of(new SetArg(r.text(),
                r.kind() == Token.Kind.STRING, false)), local, List.of(), start.start());
        }
        if (t.isWord("session") && in.peek(1).isWord("authorization")) {
            // SET SESSION AUTHORIZATION {name | 'name' | DEFAULT}: the session_authorization setting
            in.next();
            in.next();
            if (in.acceptWord("default")) {
                return new Statement.VariableSet(SetKind.DEFAULT, "session_authorization", List.of(), local, List.of(),
                    start.start());
            }
            Token r = in.next();
            if (r.kind() != Token.Kind.STRING && r.kind() != Token.Kind.WORD && r.kind() != Token.Kind.QUOTED_IDENT) {
                throw in.syntaxError(r);
            }
            return new Statement.VariableSet(SetKind.VALUE, "session_authorization", List.of(new SetArg(r.text(),
                r.kind() == Token.Kind.STRING, false)), local, List.of(), start.start());
        }
        if (t.isWord("session") && !isSetOperator(in.peek(1))) {
            throw in.notSupported(t, "SET SESSION");
        }
        String name = parseVariableName();
        if (in.peek().isWord("from") && in.peek(1).isWord("current")) {
            in.next();
            in.next();
            return new Statement.VariableSet(SetKind.CURRENT, name, List.of(), local, List.of(), start.start());
        }
        Token op = in.next();
        if (!op.isWord("to") && !op.isOp("=")) {
            throw in.syntaxError(op);
        }
        if (in.peek().isWord("default") && isStatementEnd(in.peek(1))) {
            in.next();
            return new Statement.VariableSet(SetKind.DEFAULT, name, List.of(), local, List.of(), start.start());
        }
        return new Statement.VariableSet(SetKind.VALUE, name, parseValueList(), local, List.of(), start.start());
    }

    private Statement setValue(String name, boolean local, Token start) {
        if (in.peek().isWord("default")) {
            in.next();
            return new Statement.VariableSet(SetKind.DEFAULT, name, List.of(), local, List.of(), start.start());
        }
        return new Statement.VariableSet(SetKind.VALUE, name, parseValueList(), local, List.of(), start.start());
    }

    private Statement parseTimeZoneValue(boolean local, Token start) {
        Token t = in.peek();
        if (t.isWord("local") || t.isWord("default")) {
            in.next();
            return new Statement.VariableSet(SetKind.DEFAULT, "timezone", List.of(), local, List.of(), start.start());
        }
        if (t.isWord("interval")) {
            in.next();
            Token s = in.next();
            if (s.kind() != Token.Kind.STRING) {
                throw in.syntaxError(s);
            }
            // INTERVAL '+05:00' HOUR TO MINUTE: hand the text over as an interval-valued zone
            while (in.peek().kind() == Token.Kind.WORD && !isStatementEnd(in.peek())) {
                in.next();
            }
            return new Statement.VariableSet(SetKind.VALUE, "timezone", List.of(new SetArg("@interval " + s.text(), true,
                false)), local, List.of(), start.start());
        }
        SetArg arg = parseValue();
        return new Statement.VariableSet(SetKind.VALUE, "timezone", List.of(arg), local, List.of(), start.start());
    }

    private static boolean isSetOperator(Token t) {
        return t.isWord("to") || t.isOp("=");
    }

    private static boolean isStatementEnd(Token t) {
        return t.kind() == Token.Kind.EOF || t.isPunct(';');
    }

    /** name or name.name (custom option classes like myapp.setting). */
    private String parseVariableName() {
        StringBuilder sb = new StringBuilder(in.expectLabel());
        while (in.acceptPunct('.')) {
            sb.append('.').append(in.expectLabel());
        }
        return sb.toString();
    }

    private List<SetArg> parseValueList() {
        List<SetArg> args = new ArrayList<>();
        do {
            args.add(parseValue());
        } while (in.acceptPunct(','));
        return args;
    }

    /** var_value: a string, a word (ON, true, an identifier) or a signed number. */
    private SetArg parseValue() {
        Token t = in.next();
        switch (t.kind()) {
            case STRING:
                return new SetArg(t.text(), true, false);
            case WORD:
            case QUOTED_IDENT:
                return new SetArg(t.text(), false, false);
            case INTEGER:
            case DECIMAL:
                return new SetArg(t.text(), false, true);
            case OP:
                if (t.isOp("-") || t.isOp("+")) {
                    Token n = in.next();
                    if (n.kind() == Token.Kind.INTEGER || n.kind() == Token.Kind.DECIMAL) {
                        return new SetArg((t.isOp("-") ? "-" : "") + n.text(), false, true);
                    }
                    throw in.syntaxError(n);
                }
                throw in.syntaxError(t);
            default:
                throw in.syntaxError(t);
        }
    }

    Statement parseShow() {
        Token start = in.expectWord("show");
        Token t = in.peek();
        if (t.isWord("all")) {
            in.next();
            return new Statement.VariableShow("all", start.start());
        }
        if (t.isWord("time") && in.peek(1).isWord("zone")) {
            in.next();
            in.next();
            return new Statement.VariableShow("timezone", start.start());
        }
        if (t.isWord("transaction") && in.peek(1).isWord("isolation")) {
            in.next();
            in.next();
            in.expectWord("level");
            return new Statement.VariableShow("transaction_isolation", start.start());
        }
        if (t.isWord("session") && in.peek(1).isWord("authorization")) {
            in.next();
            in.next();
            return new Statement.VariableShow("session_authorization", start.start());
        }
        return new Statement.VariableShow(parseVariableName(), start.start());
    }

    Statement parseReset() {
        Token start = in.expectWord("reset");
        Token t = in.peek();
        if (t.isWord("all")) {
            in.next();
            return new Statement.VariableSet(SetKind.RESET_ALL, null, List.of(), false, List.of(), start.start());
        }
        String name;
        if (t.isWord("time") && in.peek(1).isWord("zone")) {
            in.next();
            in.next();
            name = "timezone";
        } else if (t.isWord("transaction") && in.peek(1).isWord("isolation")) {
            in.next();
            in.next();
            in.expectWord("level");
            name = "transaction_isolation";
        } else if (t.isWord("session") && in.peek(1).isWord("authorization")) {
            in.next();
            in.next();
            name = "session_authorization";
        } else {
            name = parseVariableName();
        }
        return new Statement.VariableSet(SetKind.RESET, name, List.of(), false, List.of(), start.start());
    }

    Statement parseTransaction() {
        Token start = in.next();
        switch (start.text()) {
            case "begin": {
                acceptWorkOrTransaction();
                return new Statement.Transaction(TransactionKind.BEGIN, parseTransactionModes(), null, false,
                    start.start());
            }
            case "start": {
                in.expectWord("transaction");
                return new Statement.Transaction(TransactionKind.START, parseTransactionModes(), null, false,
                    start.start());
            }
            case "commit", "end": {
                if (start.isWord("commit") && in.acceptWord("prepared")) {
                    return new Statement.Transaction(TransactionKind.COMMIT_PREPARED, List.of(), gid(), false,
                        start.start());
                }
                acceptWorkOrTransaction();
                return new Statement.Transaction(TransactionKind.COMMIT, List.of(), null, parseChain(), start.start());
            }
            case "rollback", "abort": {
                if (start.isWord("rollback") && in.acceptWord("prepared")) {
                    return new Statement.Transaction(TransactionKind.ROLLBACK_PREPARED, List.of(), gid(), false,
                        start.start());
                }
                acceptWorkOrTransaction();
                if (start.isWord("rollback") && in.acceptWord("to")) {
                    in.acceptWord("savepoint");
                    return new Statement.Transaction(TransactionKind.ROLLBACK_TO, List.of(), in.expectColId(), false,
                        start.start());
                }
                return new Statement.Transaction(TransactionKind.ROLLBACK, List.of(), null, parseChain(), start.start());
            }
            case "savepoint":
                return new Statement.Transaction(TransactionKind.SAVEPOINT, List.of(), in.expectColId(), false,
                    start.start());
            case "release": {
                in.acceptWord("savepoint");
                return new Statement.Transaction(TransactionKind.RELEASE, List.of(), in.expectColId(), false,
                    start.start());
            }
            default:
                throw in.syntaxError(start);
        }
    }

    /** A two-phase transaction's identifier: a string constant. */
    String gid() {
        Token t = in.next();
        if (t.kind() != Token.Kind.STRING) {
            throw in.syntaxError(t);
        }
        return t.text();
    }

    private void acceptWorkOrTransaction() {
        if (!in.acceptWord("work")) {
            in.acceptWord("transaction");
        }
    }

    private boolean parseChain() {
        if (in.acceptWord("and")) {
            boolean no = in.acceptWord("no");
            in.expectWord("chain");
            return !no;
        }
        return false;
    }

    private List<TransactionOption> parseTransactionModes() {
        List<TransactionOption> options = new ArrayList<>();
        while (true) {
            Token t = in.peek();
            if (t.isWord("isolation")) {
                in.next();
                in.expectWord("level");
                String level;
                if (in.acceptWord("serializable")) {
                    level = "serializable";
                } else if (in.acceptWord("repeatable")) {
                    in.expectWord("read");
                    level = "repeatable read";
                } else {
                    in.expectWord("read");
                    if (in.acceptWord("committed")) {
                        level = "read committed";
                    } else {
                        in.expectWord("uncommitted");
                        level = "read uncommitted";
                    }
                }
                options.add(new TransactionOption("transaction_isolation", level));
            } else if (t.isWord("read")) {
                in.next();
                if (in.acceptWord("only")) {
                    options.add(new TransactionOption("transaction_read_only", "on"));
                } else {
                    in.expectWord("write");
                    options.add(new TransactionOption("transaction_read_only", "off"));
                }
            } else if (t.isWord("deferrable")) {
                in.next();
                options.add(new TransactionOption("transaction_deferrable", "on"));
            } else if (t.isWord("not") && in.peek(1).isWord("deferrable")) {
                in.next();
                in.next();
                options.add(new TransactionOption("transaction_deferrable", "off"));
            } else {
                return options;
            }
            in.acceptPunct(',');
        }
    }

    Statement parseDiscard() {
        Token start = in.expectWord("discard");
        Token t = in.next();
        String target = switch (t.text()) {
            case "all", "plans", "sequences", "temp" -> t.text();
            case "temporary" -> "temp";
            default -> throw in.syntaxError(t);
        };
        if (t.kind() != Token.Kind.WORD) {
            throw in.syntaxError(t);
        }
        return new Statement.Discard(target.toUpperCase(Locale.ROOT), start.start());
    }

    /** LISTEN ColId | UNLISTEN {ColId | *} | NOTIFY ColId [, Sconst] (gram.y's ListenStmt, UnlistenStmt, NotifyStmt). */
    Statement parseListenNotify() {
        Token start = in.next();
        switch (start.text()) {
            case "listen" -> {
                return new Statement.Listen(in.expectColId(), start.start());
            }
            case "unlisten" -> {
                if (in.acceptOp("*")) {
                    return new Statement.Unlisten(null, start.start());
                }
                return new Statement.Unlisten(in.expectColId(), start.start());
            }
            default -> {
                String channel = in.expectColId();
                String payload = null;
                if (in.acceptPunct(',')) {
                    Token p = in.next();
                    if (p.kind() != Token.Kind.STRING) {
                        throw in.syntaxError(p);
                    }
                    payload = p.text();
                }
                return new Statement.Notify(channel, payload, start.start());
            }
        }
    }
}
