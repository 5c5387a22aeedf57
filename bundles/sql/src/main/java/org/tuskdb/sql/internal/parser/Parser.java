package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * Entry point of the raw parser: a query string to its statements, each with its own text.
 * The whole string is parsed before anything runs, so a syntax error in the third statement of
 * a simple Query means none of them run — PostgreSQL's behaviour. Dispatches on the first word
 * to the family parsers (SELECT/VALUES, utility statements); expressions have their own.
 */
public final class Parser {
    private Parser() {}

    /** Statements later issues add: recognized, refused with 0A000 rather than a syntax error. */
    private static final Set<String> NOT_YET = Set.of(
        "listen", "notify", "unlisten", "call", "fetch", "move",
        "close", "declare", "cluster", "load", "security", "import", "refresh");

    /** One parsed statement and the slice of the query string it came from. */
    public record Parsed(Statement statement, String text) {}

    /** One expression on its own (a stored DEFAULT); offsets are into {@code sql}. */
    public static org.tuskdb.sql.internal.ast.Expr parseExpression(String sql) {
        TokenStream in = new TokenStream(sql, Lexer.tokenize(sql));
        org.tuskdb.sql.internal.ast.Expr e = new ExpressionParser(in).parseExpression();
        if (!in.atEnd()) {
            throw in.syntaxError(in.peek());
        }
        return e;
    }

    /** A comma-separated list of expressions on its own (pg_index.indexprs as stored). */
    public static List<org.tuskdb.sql.internal.ast.Expr> parseExpressionList(String sql) {
        TokenStream in = new TokenStream(sql, Lexer.tokenize(sql));
        List<org.tuskdb.sql.internal.ast.Expr> list = new ExpressionParser(in).parseExpressionList();
        if (!in.atEnd()) {
            throw in.syntaxError(in.peek());
        }
        return list;
    }

    public static List<Parsed> parse(String sql) {
        return parse(sql, null);
    }

    /** ... sending the scanner's NOTICEs (identifiers truncated to 63 bytes) to {@code notices}. */
    public static List<Parsed> parse(String sql, java.util.function.Consumer<DatabaseException> notices) {
        return parseTokens(sql, Lexer.tokenize(sql, notices));
    }

    /** ... from the tokens {@link Lexer#tokenize} made of {@code sql} (the simple Query path lexes once). */
    public static List<Parsed> parseTokens(String sql, List<Token> tokens) {
        TokenStream in = new TokenStream(sql, tokens);
        ExpressionParser expressions = new ExpressionParser(in);
        SelectParser selects = new SelectParser(in, expressions);
        expressions.setSubqueryParser(selects);
        UtilityParser utilities = new UtilityParser(in);
        TableParser tables = new TableParser(in, expressions, selects);
        selects.setModificationParser(tables);
        List<Parsed> out = new ArrayList<>();
        while (true) {
            while (in.acceptPunct(';')) {
                // empty statements are skipped
            }
            if (in.atEnd()) {
                return out;
            }
            Token first = in.peek();
            Statement s = parseOne(in, first, expressions, selects, utilities, tables);
            Token end = in.peek();
            if (!end.isPunct(';') && end.kind() != Token.Kind.EOF) {
                throw in.syntaxError(end);
            }
            out.add(new Parsed(s, sql.substring(first.start(), end.start()).strip()));
        }
    }

    /** One statement starting at {@code first}; the caller checks what follows it. */
    private static Statement parseOne(TokenStream in, Token first, ExpressionParser expressions, SelectParser selects,
                                      UtilityParser utilities, TableParser tables) {
        return switch (first.kind() == Token.Kind.WORD ? first.text() : first.isPunct('(') ? "(" : "") {
                case "select", "values", "(", "table" -> selects.parseSelectOrInto();
                case "with" -> selects.parseWithStatement();
                case "set" -> utilities.parseSet();
                case "show" -> utilities.parseShow();
                case "reset" -> utilities.parseReset();
                case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release" ->
                    utilities.parseTransaction();
                case "discard" -> utilities.parseDiscard();
                case "create" -> DatabaseParser.isDatabase(in) ? new DatabaseParser(in).parse()
                    : IndexParser.isCreateIndex(in) ? new IndexParser(in).parseCreateIndex()
                    : ExtensionParser.isExtension(in) ? new ExtensionParser(in).parse()
                    : RoleParser.isRole(in) ? new RoleParser(in, expressions, tables).parse()
                    : tables.parseCreate();
                case "drop" -> DatabaseParser.isDatabase(in) ? new DatabaseParser(in).parse()
                    : IndexParser.isDropIndex(in) ? new IndexParser(in).parseDropIndex()
                    : ExtensionParser.isExtension(in) ? new ExtensionParser(in).parse()
                    : RoleParser.isRole(in) ? new RoleParser(in, expressions, tables).parse() : tables.parseDrop();
                case "grant", "revoke", "reassign" -> new RoleParser(in, expressions, tables).parse();
                case "truncate" -> tables.parseTruncate();
                case "reindex" -> new ReindexParser(in, tables).parse();
                case "refresh" -> new MatviewParser(in, selects, tables).parseRefresh();
                case "copy" -> new CopyParser(in, selects, tables).parseCopy();
                case "lock" -> new LockParser(in, tables).parseLock();
                case "alter" -> DatabaseParser.isDatabase(in) ? new DatabaseParser(in).parse()
                    : ExtensionParser.isExtension(in) ? new ExtensionParser(in).parse()
                    : RoleParser.isRole(in) ? new RoleParser(in, expressions, tables).parse() : tables.parseAlter();
                case "comment" -> tables.parseComment();
                case "insert" -> tables.parseInsert();
                case "update" -> tables.parseUpdate();
                case "delete" -> tables.parseDelete();
                case "merge" -> new MergeParser(in, expressions, selects, tables).parse();
                case "do" -> parseDo(in);
                case "checkpoint" -> new Statement.Checkpoint(in.next().start());
                case "listen", "unlisten", "notify" -> utilities.parseListenNotify();
                case "vacuum", "analyze", "analyse" -> new VacuumParser(in, tables).parse();
                case "explain" -> parseExplain(in, expressions, selects, utilities, tables);
                case "prepare" -> in.peek(1).isWord("transaction") && in.peek(2).kind() == Token.Kind.STRING
                    ? prepareTransaction(in, utilities) : parsePrepare(in, expressions, selects, utilities, tables);
                case "execute" -> {
                    in.next();
                    String name = in.expectColId();
                    List<org.tuskdb.sql.internal.ast.Expr> args = List.of();
                    if (in.acceptPunct('(')) {
                        args = expressions.parseExpressionList();
                        in.expectPunct(')');
                    }
                    yield new Statement.Execute(name, args, first.start());
                }
                case "deallocate" -> {
                    in.next();
                    in.acceptWord("prepare");
                    yield new Statement.Deallocate(in.acceptWord("all") ? null : in.expectColId(), first.start());
                }
                default -> {
                    if (first.kind() == Token.Kind.WORD && NOT_YET.contains(first.text())) {
                        throw in.notSupported(first, first.text().toUpperCase(java.util.Locale.ROOT));
                    }
                    throw in.syntaxError(first);
                }
            };
    }

    /** DO [LANGUAGE lang] 'code' [LANGUAGE lang]. */
    private static Statement parseDo(TokenStream in) {
        int start = in.next().start();
        String language = null;
        String body = null;
        while (in.peek().kind() != Token.Kind.EOF && !in.peek().isPunct(';')) {
            Token t = in.next();
            if (t.isWord("language") && language == null) {
                Token l = in.next();
                language = l.kind() == Token.Kind.STRING ? l.text().toLowerCase(java.util.Locale.ROOT) : l.text();
            } else if (t.kind() == Token.Kind.STRING && body == null) {
                body = t.text();
            } else {
                throw in.syntaxError(t);
            }
        }
        if (body == null) {
            throw DatabaseException.error(org.tuskdb.api.SqlState.SYNTAX_ERROR, "no inline code specified");
        }
        return new Statement.Do(language == null ? "plpgsql" : language, body, start);
    }

    /**
     * EXPLAIN [ANALYZE] [VERBOSE] stmt, or EXPLAIN (option [value], ...) stmt with PostgreSQL's
     * options (ANALYZE, VERBOSE, COSTS, TIMING, SUMMARY, BUFFERS, SETTINGS, WAL take a boolean;
     * FORMAT TEXT, JSON, YAML or XML). Unknown options are 42601 "unrecognized EXPLAIN option".
     */
    private static Statement parseExplain(TokenStream in, ExpressionParser expressions, SelectParser selects,
                                          UtilityParser utilities, TableParser tables) {
        Token explain = in.next();
        boolean analyze = false;
        boolean verbose = false;
        boolean costs = true;
        boolean timing = true;
        Boolean summary = null;
        boolean buffers = false;
        var format = org.tuskdb.sql.internal.plan.explain.ExplainOptions.Format.TEXT;
        Boolean timingSet = null;
        if (in.peek().isPunct('(')) {
            in.next();
            do {
                Token opt = in.next();
                String name = opt.text().toLowerCase(java.util.Locale.ROOT);
                String value = null;
                Token v = in.peek();
                if (!v.isPunct(',') && !v.isPunct(')')) {
                    value = in.next().text().toLowerCase(java.util.Locale.ROOT);
                }
                switch (name) {
                    case "format" -> format = switch (value == null ? "" : value) {
                        case "text" -> org.tuskdb.sql.internal.plan.explain.ExplainOptions.Format.TEXT;
                        case "json" -> org.tuskdb.sql.internal.plan.explain.ExplainOptions.Format.JSON;
                        case "yaml" -> org.tuskdb.sql.internal.plan.explain.ExplainOptions.Format.YAML;
                        case "xml" -> org.tuskdb.sql.internal.plan.explain.ExplainOptions.Format.XML;
                        default -> throw org.tuskdb.api.DatabaseException.error(
                            org.tuskdb.api.SqlState.INVALID_PARAMETER_VALUE,
                            "unrecognized value for EXPLAIN option \"format\": \"" + value + "\"")
                            .withPosition(opt.start() + 1);
                    };
                    case "analyze" -> analyze = bool(name, value);
                    case "verbose" -> verbose = bool(name, value);
                    case "costs" -> costs = bool(name, value);
                    case "timing" -> timingSet = bool(name, value);
                    case "summary" -> summary = bool(name, value);
                    case "buffers" -> buffers = bool(name, value);
                    case "settings", "wal" -> bool(name, value);
                    default -> throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.SYNTAX_ERROR,
                        "unrecognized EXPLAIN option \"" + name + "\"").withPosition(opt.start() + 1);
                }
            } while (in.acceptPunct(','));
            in.expectPunct(')');
            if (timingSet != null) {
                if (timingSet && !analyze) {
                    throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.INVALID_PARAMETER_VALUE,
                        "EXPLAIN option TIMING requires ANALYZE");
                }
                timing = timingSet;
            }
        } else {
            analyze = in.acceptWord("analyze") || in.acceptWord("analyse");
            verbose = in.acceptWord("verbose");
        }
        Token first = in.peek();
        boolean explainable = first.isPunct('(') || first.kind() == Token.Kind.WORD && switch (first.text()) {
            case "select", "values", "with", "insert", "update", "delete", "merge", "execute" -> true;
            default -> false;
        };
        if (!explainable) {
            throw in.syntaxError(first);
        }
        Statement inner = parseOne(in, first, expressions, selects, utilities, tables);
        return new Statement.Explain(new org.tuskdb.sql.internal.plan.explain.ExplainOptions(analyze, verbose, costs,
            timing, summary, buffers, format), inner, explain.start());
    }

    /** An EXPLAIN option's boolean value (absent: true), as defGetBoolean: on/off, true/false, 1/0. */
    private static boolean bool(String name, String value) {
        if (value == null) {
            return true;
        }
        return switch (value) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.SYNTAX_ERROR,
                name + " requires a Boolean value");
        };
    }

        /** PREPARE TRANSACTION 'gid'. */
    private static Statement prepareTransaction(TokenStream in, UtilityParser utilities) {
        Token start = in.next();
        in.expectWord("transaction");
        return new Statement.Transaction(Statement.TransactionKind.PREPARE, List.of(), utilities.gid(), false,
            start.start());
    }

    /** PREPARE name [(type, ...)] AS {SELECT | VALUES | INSERT | UPDATE | DELETE | MERGE | WITH} ... */
    private static Statement parsePrepare(TokenStream in, ExpressionParser expressions, SelectParser selects,
                                          UtilityParser utilities, TableParser tables) {
        Token prepare = in.next();
        String name = in.expectColId();
        List<org.tuskdb.sql.internal.ast.TypeName> types = new ArrayList<>();
        if (in.acceptPunct('(')) {
            do {
                types.add(expressions.parseTypeName());
            } while (in.acceptPunct(','));
            in.expectPunct(')');
        }
        in.expectWord("as");
        Token first = in.peek();
        boolean preparable = first.isPunct('(') || first.kind() == Token.Kind.WORD && switch (first.text()) {
            case "select", "values", "with", "insert", "update", "delete", "merge" -> true;
            default -> false;
        };
        if (!preparable) {
            throw in.syntaxError(first);
        }
        Statement inner = parseOne(in, first, expressions, selects, utilities, tables);
        String text = in.sql().substring(first.start(), in.peek().start()).strip();
        return new Statement.Prepare(name, List.copyOf(types), inner, text, prepare.start());
    }
}
