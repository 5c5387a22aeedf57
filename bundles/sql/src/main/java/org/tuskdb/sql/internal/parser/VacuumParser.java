package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * VACUUM and ANALYZE (PostgreSQL 15's grammar): the old keyword form
 * {@code VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table [(col, ...)], ...]} and
 * {@code ANALYZE [VERBOSE] [...]}, and the parenthesized option list with optional boolean
 * values. Options only PostgreSQL knows how to honour are accepted and have no effect here
 * (see the session's VacuumCommand); an unknown option is 42601 as in PostgreSQL.
 */
final class VacuumParser {
    private static final List<String> BOOLEAN_OPTIONS = List.of("full", "freeze", "verbose", "analyze",
        "disable_page_skipping", "skip_locked", "index_cleanup", "process_toast", "truncate");

    private final TokenStream in;
    private final TableParser tables;

    VacuumParser(TokenStream in, TableParser tables) {
        this.in = in;
        this.tables = tables;
    }

    Statement parse() {
        Token first = in.next();
        boolean vacuum = first.isWord("vacuum");
        boolean full = false;
        boolean analyze = !vacuum;
        if (in.peek().isPunct('(')) {
            in.next();
            do {
                Token opt = in.next();
                String name = opt.text().toLowerCase(Locale.ROOT);
                if (name.equals("analyse")) {
                    name = "analyze";
                }
                boolean known = BOOLEAN_OPTIONS.contains(name) && (vacuum || name.equals("verbose")
                    || name.equals("skip_locked"));
                boolean parallel = vacuum && name.equals("parallel");
                if (opt.kind() != Token.Kind.WORD || !known && !parallel) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "unrecognized " + (vacuum ? "VACUUM" : "ANALYZE")
                        + " option \"" + name + "\"", in.characterPosition(opt.start()));
                }
                boolean value = true;
                Token v = in.peek();
                if (parallel) {
                    in.next(); // PARALLEL n: the worker count
                } else if (!v.isPunct(',') && !v.isPunct(')')) {
                    value = booleanValue(in.next(), name);
                }
                if (name.equals("full")) {
                    full = value;
                } else if (name.equals("analyze")) {
                    analyze = value;
                }
            } while (in.acceptPunct(','));
            in.expectPunct(')');
        } else if (vacuum) {
            full = in.acceptWord("full");
            in.acceptWord("freeze");
            in.acceptWord("verbose");
            analyze = in.acceptWord("analyze") || in.acceptWord("analyse");
        } else {
            in.acceptWord("verbose");
        }
        List<Statement.VacuumTarget> targets = new ArrayList<>();
        if (!in.atEnd() && !in.peek().isPunct(';')) {
            do {
                Statement.RangeVar table = tables.parseQualifiedName(false);
                List<String> columns = new ArrayList<>();
                if (in.acceptPunct('(')) {
                    do {
                        columns.add(in.expectColId());
                    } while (in.acceptPunct(','));
                    in.expectPunct(')');
                }
                targets.add(new Statement.VacuumTarget(table, List.copyOf(columns)));
            } while (in.acceptPunct(','));
        }
        return new Statement.Vacuum(vacuum, full, analyze, List.copyOf(targets), first.start());
    }

    /** defGetBoolean: true/false/on/off/1/0 (a word, a string or a number); also REINDEX's options. */
    static boolean booleanValue(Token t, String option) {
        String s = t.text().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw DatabaseException.error(SqlState.SYNTAX_ERROR, option + " requires a Boolean value");
        };
    }
}
