package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.PartitionSpecs;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.ColumnDef;
import org.tuskdb.sql.internal.ast.Statement.RangeVar;
import org.tuskdb.sql.internal.ast.Statement.ResTarget;
import org.tuskdb.sql.internal.ast.TypeName;

/**
 * Statements on tables and other schema objects: CREATE / DROP / ALTER / TRUNCATE TABLE, CREATE /
 * DROP SEQUENCE, SCHEMA, VIEW, COMMENT ON, INSERT, UPDATE, DELETE.
 */
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
        boolean orReplace = false;
        if (in.peek().isWord("or") && in.peek(1).isWord("replace")) {
            in.next();
            in.next();
            orReplace = true;
        }
        if (in.peek().isWord("function")) {
            return new FunctionParser(in, expressions, this).parseCreateFunction(start, orReplace);
        }
        if (in.peek().isWord("trigger") || in.peek().isWord("constraint") && in.peek(1).isWord("trigger")) {
            return new TriggerParser(in, expressions, this).parseCreateTrigger(start, orReplace);
        }
        if (in.peek().isWord("type") && !orReplace) {
            return new TypeParser(in, expressions, this).parseCreateType(start);
        }
        if (in.peek().isWord("domain") && !orReplace) {
            return new TypeParser(in, expressions, this).parseCreateDomain(start);
        }
        boolean temporary = false;
        Token t = in.peek();
        if (t.isWord("local") || t.isWord("global")) {
            in.next();
            t = in.peek();
            if (!t.isWord("temp") && !t.isWord("temporary")) {
                throw in.syntaxError(t);
            }
        }
        if (t.isWord("temp") || t.isWord("temporary")) {
            in.next();
            temporary = true;
            t = in.peek();
        }
        boolean unlogged = false;
        if (t.isWord("unlogged")) {
            if (temporary) {
                throw in.syntaxError(t);
            }
            if (in.peek(1).isWord("view")) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "views cannot be unlogged because they do not have storage");
            }
            if (in.peek(1).isWord("table")) {
                in.next();
                unlogged = true;
                t = in.peek();
            }
        }
        if (t.isWord("view")) {
            return parseCreateView(start, orReplace, temporary);
        }
        if (t.isWord("materialized") && !temporary && !orReplace) {
            return new MatviewParser(in, selects, this).parseCreate(start);
        }
        if (orReplace) {
            throw in.syntaxError(t);
        }
        if (t.isWord("sequence")) {
            return parseCreateSequence(start, temporary);
        }
        if (t.isWord("schema") && !temporary) {
            in.next();
            boolean ifNotExists = parseIfNotExists();
            Token nameTok = in.peek();
            String name = in.peek().isWord("authorization") ? null : in.expectColId();
            String authorization = null;
            if (in.acceptWord("authorization")) {
                Token r = in.peek();
                authorization = r.isWord("current_user") || r.isWord("current_role") || r.isWord("session_user")
                    ? r.text() : null;
                if (authorization != null) {
                    in.next();
                } else {
                    authorization = in.expectColId();
                }
            }
            return new Statement.CreateSchema(name, ifNotExists, authorization, nameTok.start());
        }
        if (!t.isWord("table")) {
            throw in.notSupported(t, "CREATE " + (t.kind() == Token.Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : ""));
        }
        in.next();
        boolean ifNotExists = parseIfNotExists();
        RangeVar table = parseQualifiedName(false);
        columnTable = table.name();
        if (in.peek().isWord("partition") && in.peek(1).isWord("of")) {
            return parseCreatePartitionOf(start, table, ifNotExists, temporary, unlogged);
        }
        boolean nameList = in.peek().isPunct('(') && (in.peek(2).isPunct(',') || in.peek(2).isPunct(')'))
            && (in.peek(1).kind() == Token.Kind.WORD || in.peek(1).kind() == Token.Kind.QUOTED_IDENT);
        if (in.peek().isWord("as") || nameList || in.peek().isWord("on") && in.peek(1).isWord("commit")) {
            return parseCreateTableAs(start, table, ifNotExists, temporary);
        }
        in.expectPunct('(');
        List<ColumnDef> columns = new ArrayList<>();
        List<Statement.ConstraintDef> constraints = new ArrayList<>();
        List<Statement.TableLike> likes = new ArrayList<>();
        if (!in.peek().isPunct(')')) {
            do {
                Token c = in.peek();
                if (c.isWord("primary") || c.isWord("unique") || c.isWord("check") || c.isWord("foreign")
                    || c.isWord("constraint")) {
                    constraints.add(parseTableConstraint());
                } else if (c.isWord("like")) {
                    likes.add(parseTableLike(columns.size()));
                } else if (c.isWord("exclude")) {
                    throw in.notSupported(c, c.text().toUpperCase(Locale.ROOT) + " in CREATE TABLE");
                } else {
                    columns.add(parseColumnDef());
                }
            } while (in.acceptPunct(','));
        }
        in.expectPunct(')');
        PartitionSpecs.PartitionBy partitionBy = PartitionParser.atPartitionBy(in)
            ? new PartitionParser(in, expressions).parsePartitionBy() : null;
        List<String> options = parseWithOptions();
        Statement.OnCommit onCommit = parseOnCommit();
        Token rest = in.peek();
        if (rest.isWord("inherits") || rest.isWord("partition") || rest.isWord("using") || rest.isWord("tablespace")
            || rest.isWord("on") || rest.isWord("without")) {
            throw in.notSupported(rest, rest.text().toUpperCase(Locale.ROOT));
        }
        return new Statement.CreateTable(table, columns, ifNotExists, options, start.start(), constraints, temporary,
            likes, unlogged, onCommit, partitionBy, null);
    }

    /**
     * CREATE TABLE name PARTITION OF parent [(constraints)] FOR VALUES ... [PARTITION BY ...]
     * [WITH (...)] [ON COMMIT ...], "PARTITION" next: the columns come from the parent.
     */
    private Statement parseCreatePartitionOf(Token start, RangeVar table, boolean ifNotExists, boolean temporary,
                                             boolean unlogged) {
        in.expectWord("partition");
        in.expectWord("of");
        RangeVar parent = parseQualifiedName(false);
        List<Statement.ConstraintDef> constraints = new ArrayList<>();
        if (in.acceptPunct('(')) {
            do {
                Token c = in.peek();
                if (c.isWord("primary") || c.isWord("unique") || c.isWord("check") || c.isWord("foreign")
                    || c.isWord("constraint")) {
                    constraints.add(parseTableConstraint());
                } else {
                    throw in.notSupported(c, "a column definition in CREATE TABLE ... PARTITION OF");
                }
            } while (in.acceptPunct(','));
            in.expectPunct(')');
        }
        PartitionParser partitions = new PartitionParser(in, expressions);
        PartitionSpecs.Bound bound = partitions.parseBound();
        PartitionSpecs.PartitionBy partitionBy = PartitionParser.atPartitionBy(in) ? partitions.parsePartitionBy() : null;
        List<String> options = parseWithOptions();
        Statement.OnCommit onCommit = parseOnCommit();
        return new Statement.CreateTable(table, List.of(), ifNotExists, options, start.start(), constraints, temporary,
            List.of(), unlogged, onCommit, partitionBy, new PartitionSpecs.PartitionOf(parent, bound));
    }

    /** [WITH (name [= value], ...)] of CREATE TABLE: "name=value" texts. */
    private List<String> parseWithOptions() {
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
        return options;
    }

    /** [ON COMMIT {PRESERVE ROWS | DELETE ROWS | DROP}]: the action, null without the clause. */
    private Statement.OnCommit parseOnCommit() {
        if (!in.peek().isWord("on") || !in.peek(1).isWord("commit")) {
            return null;
        }
        in.next();
        in.next();
        Token t = in.next();
        if (t.isWord("drop")) {
            return Statement.OnCommit.DROP;
        }
        if (!t.isWord("preserve") && !t.isWord("delete")) {
            throw in.syntaxError(t);
        }
        in.expectWord("rows");
        return t.isWord("delete") ? Statement.OnCommit.DELETE_ROWS : Statement.OnCommit.PRESERVE_ROWS;
    }

    /** TableLikeClause: LIKE qualified_name {INCLUDING | EXCLUDING} {COMMENTS | ... | ALL} ... */
    private Statement.TableLike parseTableLike(int position) {
        in.expectWord("like");
        Token at = in.peek();
        RangeVar source = parseQualifiedName(false);
        int options = 0;
        while (in.peek().isWord("including") || in.peek().isWord("excluding")) {
            boolean including = in.next().isWord("including");
            Token o = in.next();
            int bit = switch (o.kind() == Token.Kind.WORD ? o.text().toLowerCase(Locale.ROOT) : "") {
                case "comments" -> Statement.TableLike.LIKE_COMMENTS;
                case "compression" -> Statement.TableLike.LIKE_COMPRESSION;
                case "constraints" -> Statement.TableLike.LIKE_CONSTRAINTS;
                case "defaults" -> Statement.TableLike.LIKE_DEFAULTS;
                case "generated" -> Statement.TableLike.LIKE_GENERATED;
                case "identity" -> Statement.TableLike.LIKE_IDENTITY;
                case "indexes" -> Statement.TableLike.LIKE_INDEXES;
                case "statistics" -> Statement.TableLike.LIKE_STATISTICS;
                case "storage" -> Statement.TableLike.LIKE_STORAGE;
                case "all" -> Statement.TableLike.LIKE_ALL;
                default -> throw in.syntaxError(o);
            };
            options = including ? options | bit : options & ~bit;
        }
        return new Statement.TableLike(source, options, position, at.start());
    }

    boolean parseIfNotExists() {
        if (in.peek().isWord("if")) {
            in.next();
            in.expectWord("not");
            in.expectWord("exists");
            return true;
        }
        return false;
    }

    boolean parseIfExists() {
        if (in.peek().isWord("if")) {
            in.next();
            in.expectWord("exists");
            return true;
        }
        return false;
    }

    private Statement parseCreateView(Token start, boolean orReplace, boolean temporary) {
        in.expectWord("view");
        RangeVar name = parseQualifiedName(false);
        List<String> columns = optionalNameList();
        List<String[]> options = new ArrayList<>();
        if (in.acceptWord("with")) {
            options.addAll(parseRelOptions(false));
        }
        in.expectWord("as");
        Token q = in.peek();
        Statement.Select query = selects.parseSelectStatement();
        String text = in.sql().substring(q.start(), in.peek().start()).strip();
        if (in.peek().isWord("with")) {
            // WITH [CASCADED | LOCAL] CHECK OPTION: reloptions' check_option, as gram.y makes it
            in.next();
            String check = in.acceptWord("local") ? "local" : "cascaded";
            in.acceptWord("cascaded");
            in.expectWord("check");
            in.expectWord("option");
            options.removeIf(o -> o[0].equals("check_option"));
            options.add(new String[] {"check_option", check});
        }
        return new Statement.CreateView(name, columns, query, text, orReplace, temporary, start.start(),
            List.copyOf(options));
    }

    /** An optional parenthesized list of column names (CREATE VIEW / TABLE AS / MATERIALIZED VIEW), or null. */
    List<String> optionalNameList() {
        if (!in.acceptPunct('(')) {
            return null;
        }
        List<String> names = new ArrayList<>();
        do {
            names.add(in.expectColId());
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        return names;
    }

    /** [WITH [NO] DATA] after CREATE TABLE AS / MATERIALIZED VIEW and REFRESH: whether to fill the relation. */
    boolean parseWithData() {
        if (in.peek().isWord("with") && (in.peek(1).isWord("data") || in.peek(1).isWord("no"))) {
            in.next();
            boolean data = !in.acceptWord("no");
            in.expectWord("data");
            return data;
        }
        return true;
    }

    private Statement parseCreateSequence(Token start, boolean temporary) {
        in.expectWord("sequence");
        boolean ifNotExists = parseIfNotExists();
        RangeVar name = parseQualifiedName(false);
        return new Statement.CreateSequence(name, ifNotExists, parseSequenceOptions(false), temporary, start.start());
    }

    /** SeqOptList: AS type, INCREMENT [BY], [NO] MINVALUE/MAXVALUE, START [WITH], CACHE, [NO] CYCLE, OWNED BY. */
    Statement.SequenceOptions parseSequenceOptions(boolean parenthesized) {
        TypeName as = null;
        Long increment = null, min = null, max = null, startValue = null, cache = null;
        boolean noMin = false, noMax = false;
        Boolean cycle = null;
        List<String> ownedBy = null;
        boolean restart = false;
        Long restartWith = null;
        Statement.RangeVar sequenceName = null;
        while (true) {
            Token t = in.peek();
            if (t.isWord("sequence") && parenthesized && in.peek(1).isWord("name")) {
                in.next();
                in.next();
                sequenceName = parseQualifiedName(false);
            } else if (t.isWord("restart") && !parenthesized) {
                in.next();
                restart = true;
                Token w = in.peek();
                if (w.isWord("with")) {
                    in.next();
                    restartWith = signedLong();
                } else if (w.kind() == Token.Kind.INTEGER || w.isOp("-") || w.isOp("+")) {
                    restartWith = signedLong();
                }
            } else if (t.isWord("as")) {
                in.next();
                as = expressions.parseTypeName();
            } else if (t.isWord("increment")) {
                in.next();
                in.acceptWord("by");
                increment = signedLong();
            } else if (t.isWord("minvalue")) {
                in.next();
                min = signedLong();
            } else if (t.isWord("maxvalue")) {
                in.next();
                max = signedLong();
            } else if (t.isWord("start")) {
                in.next();
                in.acceptWord("with");
                startValue = signedLong();
            } else if (t.isWord("cache")) {
                in.next();
                cache = signedLong();
            } else if (t.isWord("cycle")) {
                in.next();
                cycle = true;
            } else if (t.isWord("no")) {
                in.next();
                Token w = in.next();
                if (w.isWord("minvalue")) {
                    noMin = true;
                } else if (w.isWord("maxvalue")) {
                    noMax = true;
                } else if (w.isWord("cycle")) {
                    cycle = false;
                } else {
                    throw in.syntaxError(w);
                }
            } else if (t.isWord("owned")) {
                in.next();
                in.expectWord("by");
                if (in.acceptWord("none")) {
                    ownedBy = List.of();
                } else {
                    List<String> parts = new ArrayList<>();
                    parts.add(in.expectColId());
                    while (in.acceptPunct('.')) {
                        parts.add(in.expectLabel());
                    }
                    ownedBy = parts;
                }
            } else {
                break;
            }
        }
        return new Statement.SequenceOptions(as, increment, min, noMin, max, noMax, startValue, cache, cycle, ownedBy,
            restart, restartWith, sequenceName);
    }

    private long signedLong() {
        boolean negative = false;
        if (in.acceptOp("-")) {
            negative = true;
        } else {
            in.acceptOp("+");
        }
        Token t = in.next();
        if (t.kind() != Token.Kind.INTEGER) {
            throw in.syntaxError(t);
        }
        try {
            return Long.parseLong(negative ? "-" + t.text() : t.text());
        } catch (NumberFormatException e) {
            throw in.syntaxError(t);
        }
    }

    /** [CONSTRAINT name] CHECK (...) | UNIQUE (...) | PRIMARY KEY (...) | FOREIGN KEY (...) REFERENCES ... */
    Statement.ConstraintDef parseTableConstraint() {
        Token start = in.peek();
        String name = null;
        if (in.acceptWord("constraint")) {
            name = in.expectColId();
        }
        Token t = in.peek();
        if (t.isWord("check")) {
            in.next();
            return parseCheck(name, start);
        }
        if (t.isWord("unique") || t.isWord("primary")) {
            in.next();
            Statement.ConstraintKind kind = Statement.ConstraintKind.UNIQUE;
            if (t.isWord("primary")) {
                in.expectWord("key");
                kind = Statement.ConstraintKind.PRIMARY_KEY;
            }
            List<String> cols = parseColumnList();
            skipIndexOptions();
            return new Statement.ConstraintDef(name, kind, null, null, cols, null, List.of(), null, null, start.start());
        }
        if (t.isWord("foreign")) {
            in.next();
            in.expectWord("key");
            List<String> cols = parseColumnList();
            return parseReferences(name, cols, start);
        }
        if (t.isWord("exclude")) {
            // exclusion constraints need a GiST (or other non-btree) index: refused, not half done
            throw in.notSupported(t, "EXCLUDE constraints");
        }
        throw in.syntaxError(t);
    }

    private Statement.ConstraintDef parseCheck(String name, Token start) {
        in.expectPunct('(');
        Token first = in.peek();
        int leftmost = first.start();
        for (int k = 0; in.peek(k).isPunct('('); k++) {
            leftmost = in.peek(k + 1).start();
        }
        Expr e = expressions.parseExpression();
        String text = in.sql().substring(first.start(), in.peek().start()).strip();
        in.expectPunct(')');
        if (in.peek().isWord("no") && in.peek(1).isWord("inherit")) {
            in.next();
            in.next();
        }
        return new Statement.ConstraintDef(name, Statement.ConstraintKind.CHECK, e, text, List.of(), null, List.of(),
            null, null, start.start(), leftmost);
    }

    private void skipIndexOptions() {
        Token t = in.peek();
        if (t.isWord("include") || t.isWord("with") || t.isWord("using")) {
            throw in.notSupported(t, t.text().toUpperCase(Locale.ROOT) + " in a constraint");
        }
    }

    /** (a, b, c): also GRANT's column privileges (RoleParser). */
    List<String> parseColumnList() {
        in.expectPunct('(');
        List<String> cols = new ArrayList<>();
        do {
            cols.add(in.expectColId());
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        return cols;
    }

    private Statement.ConstraintDef parseReferences(String name, List<String> cols, Token start) {
        in.expectWord("references");
        RangeVar ref = parseQualifiedName(false);
        List<String> refCols = in.peek().isPunct('(') ? parseColumnList() : List.of();
        String onDelete = "a";
        String onUpdate = "a";
        boolean deferrable = false;
        boolean initiallyDeferred = false;
        boolean matchFull = false;
        while (true) {
            if (in.peek().isWord("deferrable")) {
                in.next();
                deferrable = true;
            } else if (in.peek().isWord("not") && in.peek(1).isWord("deferrable")) {
                in.next();
                in.next();
                deferrable = false;
            } else if (in.peek().isWord("initially")) {
                in.next();
                Token w = in.next();
                if (w.isWord("deferred")) {
                    initiallyDeferred = true;
                } else if (w.isWord("immediate")) {
                    initiallyDeferred = false;
                } else {
                    throw in.syntaxError(w);
                }
            } else if (in.peek().isWord("match")) {
                in.next();
                Token m = in.next();
                if (!m.isWord("simple") && !m.isWord("full")) {
                    throw in.notSupported(m, "MATCH " + m.text().toUpperCase(Locale.ROOT));
                }
                matchFull = m.isWord("full");
            } else if (in.peek().isWord("on") && (in.peek(1).isWord("delete") || in.peek(1).isWord("update"))) {
                in.next();
                boolean delete = in.next().isWord("delete");
                String action = parseFkAction();
                if (delete) {
                    onDelete = action;
                } else {
                    onUpdate = action;
                }
            } else {
                break;
            }
        }
        if (initiallyDeferred && !deferrable) {
            // INITIALLY DEFERRED implies DEFERRABLE (gram.y); NOT DEFERRABLE with it is 42601 there
            deferrable = true;
        }
        return new Statement.ConstraintDef(name, Statement.ConstraintKind.FOREIGN_KEY, null, null, cols, ref, refCols,
            onDelete, onUpdate, start.start()).withDeferral(deferrable, initiallyDeferred, matchFull);
    }

    private String parseFkAction() {
        Token t = in.next();
        if (t.isWord("cascade")) {
            return "c";
        }
        if (t.isWord("restrict")) {
            return "r";
        }
        if (t.isWord("no")) {
            in.expectWord("action");
            return "a";
        }
        if (t.isWord("set")) {
            Token w = in.next();
            if (w.isWord("null")) {
                return "n";
            }
            if (w.isWord("default")) {
                return "d";
            }
            throw in.syntaxError(w);
        }
        throw in.syntaxError(t);
    }

    ColumnDef parseColumnDef() {
        Token nameTok = in.peek();
        String name = in.expectColId();
        TypeName type = expressions.parseTypeName();
        boolean notNull = false;
        boolean explicitNull = false;
        Expr def = null;
        String defText = null;
        String identity = null;
        Statement.SequenceOptions identityOptions = null;
        Token defaultTok = null;
        boolean generated = false;
        List<Statement.ConstraintDef> constraints = new ArrayList<>();
        while (true) {
            Token t = in.peek();
            String cname = null;
            if (t.isWord("constraint")) {
                in.next();
                cname = in.expectColId();
                t = in.peek();
            }
            if (t.isWord("not") && in.peek(1).isWord("null")) {
                in.next();
                in.next();
                notNull = true;
            } else if (t.isWord("null")) {
                in.next();
                notNull = false;
                explicitNull = true;
            } else if (t.isWord("default")) {
                defaultTok = in.next();
                if (generated) {
                    throw bothSpecified("default and generation expression", name, t);
                }
                Token first = in.peek();
                def = expressions.parseExpression();
                defText = in.sql().substring(first.start(), in.peek().start()).strip();
            } else if (t.isWord("check")) {
                in.next();
                constraints.add(parseCheck(cname, t));
            } else if (t.isWord("unique") || t.isWord("primary")) {
                in.next();
                Statement.ConstraintKind kind = Statement.ConstraintKind.UNIQUE;
                if (t.isWord("primary")) {
                    in.expectWord("key");
                    kind = Statement.ConstraintKind.PRIMARY_KEY;
                }
                skipIndexOptions();
                constraints.add(new Statement.ConstraintDef(cname, kind, null, null, List.of(name), null, List.of(),
                    null, null, t.start()));
            } else if (t.isWord("references")) {
                constraints.add(parseReferences(cname, List.of(name), t));
            } else if (t.isWord("generated")) {
                in.next();
                Token when = in.peek();
                String kind = generatedKind();
                if (in.peek().isPunct('(')) {
                    // GENERATED ALWAYS AS (expr) STORED: a stored generated column (gram.y's 42601s)
                    if (kind.equals("d")) {
                        throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                            "for a generated column, GENERATED ALWAYS must be specified",
                            in.characterPosition(when.start()));
                    }
                    in.next();
                    Token first = in.peek();
                    Expr e = expressions.parseExpression();
                    String text = in.sql().substring(first.start(), in.peek().start()).strip();
                    in.expectPunct(')');
                    in.expectWord("stored");
                    if (generated) {
                        throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "multiple generation clauses "
                            + "specified for column \"" + name + "\" of table \"" + columnTable + "\"",
                            in.characterPosition(t.start()));
                    }
                    if (def != null) {
                        throw bothSpecified("default and generation expression", name, t);
                    }
                    if (identity != null) {
                        throw bothSpecified("identity and generation expression", name, t);
                    }
                    generated = true;
                    def = e;
                    defText = text;
                    continue;
                }
                if (generated) {
                    throw bothSpecified("identity and generation expression", name, t);
                }
                identity = kind;
                in.expectWord("identity");
                if (in.acceptPunct('(')) {
                    identityOptions = parseSequenceOptions(true);
                    in.expectPunct(')');
                }
            } else if (t.isWord("collate")) {
                throw in.notSupported(t, "COLLATE");
            } else if (cname != null) {
                throw in.syntaxError(t);
            } else {
                break;
            }
        }
        if (identity != null && def != null) {
            throw org.tuskdb.api.DatabaseException.atPosition("42601", "both default and identity specified for column \""
                + name + "\" of table \"" + columnTable + "\"", in.characterPosition(defaultTok.start()));
        }
        return new ColumnDef(name, type, notNull, def, defText, nameTok.start(), constraints, identity, explicitNull,
            identityOptions, generated);
    }

    /** transformColumnDefinition's "both ... specified for column" (42601, at the second clause). */
    private DatabaseException bothSpecified(String what, String column, Token at) {
        return DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "both " + what + " specified for column \""
            + column + "\" of table \"" + columnTable + "\"", in.characterPosition(at.start()));
    }

    /** The table whose columns are being parsed (for messages). */
    private String columnTable = "";

    Statement parseDrop() {
        Token start = in.expectWord("drop");
        Token t = in.peek();
        if (t.isWord("function")) {
            return new FunctionParser(in, expressions, this).parseDropFunction(start);
        }
        if (t.isWord("trigger")) {
            return new TriggerParser(in, expressions, this).parseDropTrigger(start);
        }
        if (t.isWord("type") || t.isWord("domain")) {
            return new TypeParser(in, expressions, this).parseDropType(start);
        }
        String kind;
        if (t.isWord("table") || t.isWord("sequence") || t.isWord("view") || t.isWord("schema")) {
            kind = t.text().toUpperCase(Locale.ROOT);
        } else if (t.isWord("materialized") && in.peek(1).isWord("view")) {
            in.next();
            kind = "MATERIALIZED VIEW";
        } else {
            throw in.notSupported(t, "DROP " + (t.kind() == Token.Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : ""));
        }
        in.next();
        boolean ifExists = parseIfExists();
        List<RangeVar> names = new ArrayList<>();
        do {
            names.add(kind.equals("SCHEMA") ? new RangeVar(null, in.expectColId(), null, in.peek().start())
                : parseQualifiedName(false));
        } while (in.acceptPunct(','));
        boolean cascade = in.acceptWord("cascade");
        if (!cascade) {
            in.acceptWord("restrict");
        }
        if (kind.equals("TABLE")) {
            return new Statement.DropTable(names, ifExists, start.start(), cascade);
        }
        return new Statement.DropObjects(kind, names, ifExists, cascade, start.start());
    }

    // ---- ALTER TABLE, COMMENT ON ----------------------------------------------------------

    Statement parseAlter() {
        Token start = in.expectWord("alter");
        Token t = in.peek();
        if (t.isWord("view")) {
            return parseAlterView(start);
        }
        if (t.isWord("sequence")) {
            in.next();
            boolean ifExists = parseIfExists();
            RangeVar name = parseQualifiedName(false);
            Token owner = in.peek();
            if (owner.isWord("owner")) {
                // ALTER SEQUENCE ... OWNER TO: ALTER TABLE's (it works on sequences)
                in.next();
                in.expectWord("to");
                return new Statement.AlterTable(name, ifExists, List.of(new Statement.OwnerTo(parseRoleSpec(),
                    owner.start())), start.start());
            }
            return new Statement.AlterSequence(name, ifExists, parseSequenceOptions(false), start.start());
        }
        if (t.isWord("schema") && in.peek(2).isWord("owner")) {
            in.next();
            String schema = in.expectColId();
            in.expectWord("owner");
            in.expectWord("to");
            return new Statement.AlterSchemaOwner(schema, parseRoleSpec(), start.start());
        }
        if (t.isWord("index")) {
            return new IndexParser(in).parseAlterIndex(start);
        }
        if (t.isWord("materialized")) {
            return new MatviewParser(in, selects, this).parseAlter(start);
        }
        if (t.isWord("trigger")) {
            return new TriggerParser(in, expressions, this).parseAlterTrigger(start);
        }
        if (t.isWord("function")) {
            return new FunctionParser(in, expressions, this).parseAlterFunction(start);
        }
        if (t.isWord("type")) {
            return new TypeParser(in, expressions, this).parseAlterType(start);
        }
        if (t.isWord("domain")) {
            return new TypeParser(in, expressions, this).parseAlterDomain(start);
        }
        if (!t.isWord("table")) {
            throw in.notSupported(t, "ALTER " + (t.kind() == Token.Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : ""));
        }
        in.next();
        boolean ifExists = parseIfExists();
        in.acceptWord("only");
        RangeVar table = parseQualifiedName(false);
        columnTable = table.name();
        Token attach = in.peek();
        if ((attach.isWord("attach") || attach.isWord("detach")) && in.peek(1).isWord("partition")) {
            // partition_cmd: alone, never in a list of actions
            in.next();
            in.next();
            RangeVar partition = parseQualifiedName(false);
            Statement.AlterCmd cmd;
            if (attach.isWord("attach")) {
                cmd = new Statement.AttachPartition(partition, new PartitionParser(in, expressions).parseBound(),
                    attach.start());
            } else {
                boolean concurrently = in.acceptWord("concurrently");
                boolean finalize = !concurrently && in.acceptWord("finalize");
                cmd = new Statement.DetachPartition(partition, concurrently, finalize, attach.start());
            }
            return new Statement.AlterTable(table, ifExists, List.of(cmd), start.start());
        }
        List<Statement.AlterCmd> cmds = new ArrayList<>();
        do {
            cmds.add(parseAlterCmd());
        } while (in.acceptPunct(','));
        return new Statement.AlterTable(table, ifExists, cmds, start.start());
    }

    /**
     * ALTER VIEW [IF EXISTS] name action, ...: ALTER TABLE's actions (the executor takes those a
     * view has: renames, column defaults, OWNER TO) plus SET SCHEMA and SET / RESET (options).
     */
    private Statement parseAlterView(Token start) {
        in.expectWord("view");
        boolean ifExists = parseIfExists();
        RangeVar view = parseQualifiedName(false);
        columnTable = view.name();
        List<Statement.AlterCmd> cmds = new ArrayList<>();
        do {
            Token t = in.peek();
            if (t.isWord("set") && in.peek(1).isWord("schema")) {
                in.next();
                in.next();
                cmds.add(new Statement.SetSchema(in.expectColId(), t.start()));
            } else if ((t.isWord("set") || t.isWord("reset")) && in.peek(1).isPunct('(')) {
                in.next();
                cmds.add(new Statement.SetOptions(parseRelOptions(t.isWord("reset")), t.isWord("reset"), t.start()));
            } else {
                cmds.add(parseAlterCmd());
            }
        } while (in.acceptPunct(','));
        return new Statement.AlterView(new Statement.AlterTable(view, ifExists, cmds, start.start()));
    }

    /**
     * {@code (name [= value], ...)} of WITH / SET / RESET: names lower case, values as written
     * (a word, number or string; null without one, and always without for RESET).
     */
    List<String[]> parseRelOptions(boolean namesOnly) {
        in.expectPunct('(');
        List<String[]> options = new ArrayList<>();
        do {
            String name = in.expectLabel();
            String value = null;
            if (!namesOnly && in.acceptOp("=")) {
                Token v = in.next();
                value = v.text();
            }
            options.add(new String[] {name, value});
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        return options;
    }

    private Statement.AlterCmd parseAlterCmd() {
        Token t = in.peek();
        if (TriggerParser.isEnableTrigger(in)) {
            return new TriggerParser(in, expressions, this).parseEnableTrigger();
        }
        if (t.isWord("add")) {
            in.next();
            Token c = in.peek();
            Statement.AlterCmd usingIndex = parseUsingIndex();
            if (usingIndex != null) {
                return usingIndex;
            }
            if (c.isWord("constraint") || c.isWord("check") || c.isWord("unique") || c.isWord("primary")
                || c.isWord("foreign") || c.isWord("exclude")) {
                Statement.ConstraintDef def = parseTableConstraint();
                boolean notValid = false;
                if (in.peek().isWord("not") && in.peek(1).isWord("valid")) {
                    in.next();
                    in.next();
                    if (def.kind() != Statement.ConstraintKind.CHECK && def.kind() != Statement.ConstraintKind.FOREIGN_KEY) {
                        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, (def.kind() // no position, as PostgreSQL
                            == Statement.ConstraintKind.UNIQUE ? "UNIQUE" : "PRIMARY KEY")
                            + " constraints cannot be marked NOT VALID");
                    }
                    notValid = true;
                }
                return new Statement.AddConstraint(def, t.start(), notValid);
            }
            in.acceptWord("column");
            boolean ifNotExists = parseIfNotExists();
            return new Statement.AddColumn(parseColumnDef(), ifNotExists, t.start());
        }
        if (t.isWord("drop")) {
            in.next();
            if (in.acceptWord("constraint")) {
                boolean ifExists = parseIfExists();
                String name = in.expectColId();
                boolean cascade = false;
                if (!in.acceptWord("restrict")) {
                    cascade = in.acceptWord("cascade");
                }
                return new Statement.DropConstraint(name, ifExists, t.start(), cascade);
            }
            in.acceptWord("column");
            boolean ifExists = parseIfExists();
            String col = in.expectColId();
            boolean cascade = in.acceptWord("cascade");
            if (!cascade) {
                in.acceptWord("restrict");
            }
            return new Statement.DropColumn(col, ifExists, cascade, t.start());
        }
        if (t.isWord("rename")) {
            in.next();
            if (in.acceptWord("to")) {
                return new Statement.RenameTable(in.expectColId(), t.start());
            }
            if (in.acceptWord("constraint")) {
                String from = in.expectColId();
                in.expectWord("to");
                return new Statement.RenameConstraint(from, in.expectColId(), t.start());
            }
            in.acceptWord("column");
            String col = in.expectColId();
            in.expectWord("to");
            return new Statement.RenameColumn(col, in.expectColId(), t.start());
        }
        if (t.isWord("alter")) {
            in.next();
            in.acceptWord("column");
            String col = in.expectColId();
            Token a = in.peek();
            if (a.isWord("set") && in.peek(1).isWord("default")) {
                in.next();
                in.next();
                Token first = in.peek();
                Expr e = expressions.parseExpression();
                String text = in.sql().substring(first.start(), in.peek().start()).strip();
                return new Statement.ColumnDefault(col, e, text, t.start());
            }
            if (a.isWord("drop") && in.peek(1).isWord("expression")) {
                in.next();
                in.next();
                return new Statement.DropExpression(col, parseIfExists(), t.start());
            }
            if (a.isWord("drop") && in.peek(1).isWord("default")) {
                in.next();
                in.next();
                return new Statement.ColumnDefault(col, null, null, t.start());
            }
            if ((a.isWord("set") || a.isWord("drop")) && in.peek(1).isWord("not")) {
                in.next();
                in.next();
                in.expectWord("null");
                return new Statement.ColumnNotNull(col, a.isWord("set"), t.start());
            }
            if (a.isWord("type") || (a.isWord("set") && in.peek(1).isWord("data"))) {
                if (a.isWord("set")) {
                    in.next();
                    in.next();
                }
                in.expectWord("type");
                TypeName type = expressions.parseTypeName();
                if (in.peek().isWord("collate")) {
                    throw in.notSupported(in.peek(), "COLLATE");
                }
                Expr using = null;
                if (in.acceptWord("using")) {
                    using = expressions.parseExpression();
                }
                return new Statement.ColumnType(col, type, using, t.start());
            }
            if (a.isWord("add") && in.peek(1).isWord("generated")) {
                in.next();
                in.next();
                String identity = generatedKind();
                in.expectWord("identity");
                Statement.SequenceOptions options = Statement.SequenceOptions.NONE;
                if (in.acceptPunct('(')) {
                    options = parseSequenceOptions(true);
                    in.expectPunct(')');
                }
                return new Statement.AddIdentity(col, identity, options, t.start());
            }
            throw in.notSupported(a, "this ALTER COLUMN action");
        }
        if (t.isWord("validate")) {
            in.next();
            in.expectWord("constraint");
            return new Statement.ValidateConstraint(in.expectColId(), t.start());
        }
        if (t.isWord("owner")) {
            in.next();
            in.expectWord("to");
            return new Statement.OwnerTo(parseRoleSpec(), t.start());
        }
        if (t.isWord("set") && (in.peek(1).isWord("logged") || in.peek(1).isWord("unlogged"))) {
            in.next();
            return new Statement.SetLogged(in.next().isWord("logged"), t.start());
        }
        if (t.isWord("set") || t.isWord("reset") || t.isWord("enable") || t.isWord("disable")) {
            throw in.notSupported(t, "ALTER TABLE " + t.text().toUpperCase(Locale.ROOT));
        }
        throw in.syntaxError(t);
    }

    /**
     * ADD [CONSTRAINT name] {UNIQUE | PRIMARY KEY} USING INDEX index (gram.y's ExistingIndex), or
     * null (nothing read) when what follows ADD is another form. Its location is CONSTRAINT's, or
     * the keyword's without a name (as PostgreSQL's errors point).
     */
    private Statement.AlterCmd parseUsingIndex() {
        int j = in.peek().isWord("constraint") ? 2 : 0;
        Token k = in.peek(j);
        int after = k.isWord("unique") ? j + 1 : k.isWord("primary") && in.peek(j + 1).isWord("key") ? j + 2 : -1;
        if (after < 0 || !in.peek(after).isWord("using") || !in.peek(after + 1).isWord("index")
            || in.peek(after + 2).isWord("tablespace")) {
            return null;
        }
        Token start = in.peek();
        String name = null;
        if (in.acceptWord("constraint")) {
            name = in.expectColId();
        }
        boolean primary = in.next().isWord("primary");
        if (primary) {
            in.next();
        }
        in.next();
        in.next();
        String index = in.expectColId();
        boolean deferrable = false;
        while (true) {
            if (in.acceptWord("deferrable")) {
                deferrable = true;
            } else if (in.peek().isWord("not") && in.peek(1).isWord("deferrable")) {
                in.next();
                in.next();
            } else if (in.acceptWord("initially")) {
                deferrable |= in.next().isWord("deferred");
            } else {
                break;
            }
        }
        return new Statement.AddConstraintUsingIndex(name, primary, index, deferrable, start.start());
    }

    /** After GENERATED: ALWAYS AS (a) or BY DEFAULT AS (d). */
    private String generatedKind() {
        String kind = "a";
        if (!in.acceptWord("always")) {
            in.expectWord("by");
            in.expectWord("default");
            kind = "d";
        }
        in.expectWord("as");
        return kind;
    }

    /** RoleSpec: a role name, or CURRENT_USER / SESSION_USER / CURRENT_ROLE as that word (Session.roleNamed). */
    String parseRoleSpec() {
        Token r = in.peek();
        if (r.isWord("current_user") || r.isWord("session_user") || r.isWord("current_role")) {
            in.next();
            return r.text();
        }
        return in.expectColId();
    }

    Statement parseComment() {
        Token start = in.expectWord("comment");
        in.expectWord("on");
        Token k = in.next();
        String kind;
        if (k.isWord("table") || k.isWord("column") || k.isWord("sequence") || k.isWord("view") || k.isWord("schema")
                || k.isWord("extension") || k.isWord("index")) {
            kind = k.text().toUpperCase(Locale.ROOT);
        } else if (k.isWord("materialized") && in.peek().isWord("view")) {
            in.next();
            kind = "MATERIALIZED VIEW";
        } else if (k.isWord("function") || k.isWord("procedure") || k.isWord("routine")) {
            Statement.FunctionRef ref = new FunctionParser(in, expressions, this).parseFunctionRef();
            return new Statement.CommentOn(k.text().toUpperCase(Locale.ROOT), List.of(), commentText(), start.start(),
                ref, null, null, false);
        } else if (k.isWord("type") || k.isWord("domain")) {
            TypeName type = expressions.parseTypeName();
            return new Statement.CommentOn(k.text().toUpperCase(Locale.ROOT), List.of(), commentText(), start.start(),
                null, type, null, false);
        } else if (k.isWord("trigger") || k.isWord("constraint")) {
            String name = in.expectColId();
            in.expectWord("on");
            boolean domain = k.isWord("constraint") && in.acceptWord("domain");
            RangeVar on = parseQualifiedName(false);
            return new Statement.CommentOn(k.text().toUpperCase(Locale.ROOT), List.of(name), commentText(),
                start.start(), null, null, on, domain);
        } else {
            throw in.notSupported(k, "COMMENT ON " + k.text().toUpperCase(Locale.ROOT));
        }
        List<String> names = new ArrayList<>();
        names.add(in.expectColId());
        while (in.acceptPunct('.')) {
            names.add(in.expectLabel());
        }
        return new Statement.CommentOn(kind, names, commentText(), start.start());
    }

    /** IS 'text' | NULL. */
    private String commentText() {
        in.expectWord("is");
        Token c = in.next();
        if (c.isWord("null")) {
            return null;
        }
        if (c.kind() == Token.Kind.STRING) {
            return c.text();
        }
        throw in.syntaxError(c);
    }

    /** CREATE TABLE t [(names)] AS query [WITH [NO] DATA]; the table name is read. */
    private Statement parseCreateTableAs(Token start, RangeVar table, boolean ifNotExists, boolean temporary) {
        List<String> names = optionalNameList();
        Statement.OnCommit onCommit = parseOnCommit();
        in.expectWord("as");
        Token q = in.peek();
        if (q.isWord("execute")) {
            throw in.notSupported(q, "CREATE TABLE AS " + q.text().toUpperCase(Locale.ROOT));
        }
        Statement.Select query = selects.parseSelectStatement();
        boolean withData = parseWithData();
        return new Statement.CreateTableAs(table, names, query, ifNotExists, temporary, withData, false, start.start(),
            onCommit);
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
        boolean restart = false;
        if (t.isWord("restart")) {
            in.next();
            in.expectWord("identity");
            restart = true;
        } else if (t.isWord("continue")) {
            in.next();
            in.expectWord("identity");
        }
        boolean cascade = in.acceptWord("cascade");
        if (!cascade) {
            in.acceptWord("restrict");
        }
        return new Statement.Truncate(tables, start.start(), restart, cascade);
    }

    // ---- DML ------------------------------------------------------------------------------

    Statement parseInsert() {
        Token start = in.expectWord("insert");
        in.expectWord("into");
        RangeVar table = parseQualifiedName(true);
        List<String> columns = null;
        List<Integer> locations = null;
        if (in.peek().isPunct('(') && !isSelectStart(in.peek(1))) {
            locations = new ArrayList<>();
            columns = parseInsertColumns(locations);
        }
        String overriding = parseOverriding();
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
        Statement.OnConflict onConflict = in.peek().isWord("on") && in.peek(1).isWord("conflict")
            ? new OnConflictParser(in, expressions).parse() : null;
        return new Statement.Insert(table, columns, locations, source, parseReturning(), start.start(), overriding,
            onConflict);
    }

    /** INSERT's {@code (column, ...)} (also MERGE's), each column's offset added to {@code locations}. */
    List<String> parseInsertColumns(List<Integer> locations) {
        in.expectPunct('(');
        List<String> columns = new ArrayList<>();
        do {
            locations.add(in.peek().start());
            columns.add(in.expectColId());
            if (in.peek().isPunct('.') || in.peek().isPunct('[')) {
                throw in.notSupported(in.peek(), "assignment to a field or element");
            }
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        return columns;
    }

    /** OVERRIDING {SYSTEM | USER} VALUE: its word, or null when absent. */
    String parseOverriding() {
        if (!in.acceptWord("overriding")) {
            return null;
        }
        Token o = in.next();
        if (!o.isWord("system") && !o.isWord("user")) {
            throw in.syntaxError(o);
        }
        in.expectWord("value");
        return o.text();
    }

    private static boolean isSelectStart(Token t) {
        return t.isWord("select") || t.isWord("values") || t.isWord("with") || t.isPunct('(');
    }

    /** VALUES lists whose items may be DEFAULT. */
    private Statement.Select parseInsertValues() {
        Token start = in.expectWord("values");
        List<List<Expr>> rows = new ArrayList<>();
        do {
            rows.add(parseValuesRow());
        } while (in.acceptPunct(','));
        Token t = in.peek();
        if (t.isWord("order") || t.isWord("limit") || t.isWord("offset")) {
            throw in.notSupported(t, "ORDER BY / LIMIT on INSERT's VALUES");
        }
        return new Statement.Select(false, List.of(), List.of(), null, List.of(), null, null, rows, start.start());
    }

    /** One {@code (expr | DEFAULT, ...)} of INSERT's VALUES (also MERGE's INSERT's). */
    List<Expr> parseValuesRow() {
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
        return row;
    }

    /** UPDATE's (and ON CONFLICT DO UPDATE's) {@code col = expr | DEFAULT [, ...]} after SET. */
    static List<Statement.SetClause> parseSetList(TokenStream in, ExpressionParser expressions) {
        List<Statement.SetClause> set = new ArrayList<>();
        do {
            Token c = in.peek();
            if (c.isPunct('(')) {
                set.addAll(parseMultipleSet(in, expressions));
                continue;
            }
            String column = in.expectColId();
            List<String> fields = new ArrayList<>();
            while (in.acceptPunct('.')) {
                fields.add(in.expectLabel()); // SET p.f = ...: a field of a composite column
            }
            if (in.peek().isPunct('[')) {
                throw in.notSupported(in.peek(), "assignment to an element");
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
            set.add(new Statement.SetClause(column, value, c.start(), List.copyOf(fields)));
        } while (in.acceptPunct(','));
        return set;
    }

    /**
     * {@code (a, b) = (x, DEFAULT)} or {@code = ROW(...)}: one assignment per column, as gram.y's
     * multiple-column set clause with a row source becomes (a sub-SELECT source is 0A000).
     */
    private static List<Statement.SetClause> parseMultipleSet(TokenStream in, ExpressionParser expressions) {
        in.expectPunct('(');
        List<String> columns = new ArrayList<>();
        List<Integer> locations = new ArrayList<>();
        do {
            locations.add(in.peek().start());
            columns.add(in.expectColId());
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        if (!in.acceptOp("=")) {
            throw in.syntaxError(in.peek());
        }
        Token source = in.peek();
        boolean row = source.isWord("row") && in.peek(1).isPunct('(');
        if (source.isPunct('(') && (in.peek(1).isWord("select") || in.peek(1).isWord("values")
            || in.peek(1).isWord("with"))) {
            throw in.notSupported(source, "multiple-column UPDATE from a sub-SELECT");
        }
        if (!row && !source.isPunct('(')) {
            throw multipleSetSource(in, source.start());
        }
        if (row) {
            in.next();
        }
        in.expectPunct('(');
        List<Expr> values = new ArrayList<>();
        do {
            Token v = in.peek();
            if (v.isWord("default")) {
                in.next();
                values.add(new Expr.SetToDefault(v.start()));
            } else {
                values.add(expressions.parseExpression());
            }
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        if (!row && values.size() == 1) {
            throw multipleSetSource(in, values.get(0).location());
        }
        if (values.size() != columns.size()) {
            throw org.tuskdb.api.DatabaseException.atPosition(org.tuskdb.api.SqlState.SYNTAX_ERROR,
                "number of columns does not match number of values", in.characterPosition(source.start()));
        }
        List<Statement.SetClause> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            out.add(new Statement.SetClause(columns.get(i), values.get(i), locations.get(i)));
        }
        return out;
    }

    private static org.tuskdb.api.DatabaseException multipleSetSource(TokenStream in, int at) {
        return org.tuskdb.api.DatabaseException.atPosition(org.tuskdb.api.SqlState.FEATURE_NOT_SUPPORTED,
            "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression",
            in.characterPosition(at));
    }

    Statement parseUpdate() {
        Token start = in.expectWord("update");
        in.acceptWord("only");
        RangeVar table = parseQualifiedName(true);
        in.expectWord("set");
        List<Statement.SetClause> set = parseSetList(in, expressions);
        List<Statement.FromItem> from = in.acceptWord("from") ? selects.parseFromList() : List.of();
        Expr where = null;
        if (in.acceptWord("where")) {
            if (in.peek().isWord("current")) {
                throw in.notSupported(in.peek(), "WHERE CURRENT OF");
            }
            where = expressions.parseExpression();
        }
        return new Statement.Update(table, set, from, where, parseReturning(), start.start());
    }

    Statement parseDelete() {
        Token start = in.expectWord("delete");
        in.expectWord("from");
        in.acceptWord("only");
        RangeVar table = parseQualifiedName(true);
        List<Statement.FromItem> using = in.acceptWord("using") ? selects.parseFromList() : List.of();
        Expr where = null;
        if (in.acceptWord("where")) {
            if (in.peek().isWord("current")) {
                throw in.notSupported(in.peek(), "WHERE CURRENT OF");
            }
            where = expressions.parseExpression();
        }
        return new Statement.Delete(table, using, where, parseReturning(), start.start());
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
    RangeVar parseQualifiedName(boolean allowAlias) {
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
