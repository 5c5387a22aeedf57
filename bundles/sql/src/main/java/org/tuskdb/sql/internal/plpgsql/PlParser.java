package org.tuskdb.sql.internal.plpgsql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.parser.Lexer;
import org.tuskdb.sql.internal.parser.Token;
import org.tuskdb.sql.internal.value.PgType;

/**
 * The block language's parser (pl_gram.y, by hand): statements are recognized by their first
 * word; what they embed (expressions, queries, SQL statements) is cut out as text up to the
 * word or punctuation that ends it at parenthesis depth 0, and read by the SQL parser when it
 * first runs, as plpgsql does. Names are bound to variable slots here (block scoping: an inner
 * declaration shadows an outer one). Only the syntax is checked: CREATE FUNCTION's validator.
 */
public final class PlParser {
    private final String body;
    private final List<Token> tokens;
    private int pos;
    private final List<PlFunction.Var> vars = new ArrayList<>();
    private final Deque<Map<String, Integer>> scopes = new ArrayDeque<>();
    private final Deque<String> labels = new ArrayDeque<>();
    private final String functionName;
    private TypeResolver types;
    private boolean retset;
    private boolean withOut;

    /** Reads a declared type's text (the session's catalog); null result: record. */
    public interface TypeResolver {
        PlFunction.Var resolve(String name, String typeText, boolean constant, boolean notNull);
    }

    private PlParser(String body, String functionName) {
        this.body = body;
        this.tokens = Lexer.tokenize(body);
        this.functionName = functionName;
    }

    /**
     * Compiles a body. {@code params} the function's parameters (names may be null: only $n),
     * {@code shownName} its name in CONTEXT lines, {@code simpleName} its name for qualified
     * references.
     */
    public static PlFunction compile(String body, String shownName, String simpleName, List<String> paramNames,
                                     List<PgType> paramTypes, PgType returnType, TypeResolver types) {
        return compile(body, shownName, simpleName, paramNames, paramTypes, returnType, false, null, null, null, types);
    }

    /**
     * Compiles a function's body: {@code modes} (null: only IN parameters) with every parameter's
     * name and type say which are OUT / INOUT / TABLE columns: those are variables too (after the
     * input parameters; an INOUT one is its input's slot), and a RETURN NEXT or RETURN without a
     * value returns their values. {@code retset}: RETURNS SETOF / TABLE.
     */
    public static PlFunction compile(String body, String shownName, String simpleName, List<String> paramNames,
                                     List<PgType> paramTypes, PgType returnType, boolean retset, String modes,
                                     List<String> allNames, List<PgType> allTypes, TypeResolver types) {
        PlParser p = new PlParser(body, simpleName);
        p.types = types;
        p.retset = retset;
        p.withOut = modes != null && modes.chars().anyMatch(m -> m == 'o' || m == 'b' || m == 't');
        Map<String, Integer> outer = new HashMap<>();
        for (int i = 0; i < paramTypes.size(); i++) {
            PgType t = paramTypes.get(i);
            p.vars.add(new PlFunction.Var(paramNames.size() > i ? paramNames.get(i) : null, t, -1, false, false,
                t.isComposite() ? Plpgsql.fields(t) : null));
            p.bindParam(outer, paramNames.size() > i ? paramNames.get(i) : null, i);
        }
        int[] outSlots = null;
        if (p.withOut) {
            List<Integer> outs = new ArrayList<>();
            int in = 0;
            for (int i = 0; i < modes.length(); i++) {
                char m = modes.charAt(i);
                if (m == 'i' || m == 'b' || m == 'v') {
                    if (m == 'b') {
                        outs.add(in);
                    }
                    in++;
                    continue;
                }
                int slot = p.vars.size();
                p.vars.add(new PlFunction.Var(allNames.get(i), allTypes.get(i), -1, false, false));
                p.bindParam(outer, allNames.get(i), slot);
                outs.add(slot);
            }
            outSlots = outs.stream().mapToInt(Integer::intValue).toArray();
        }
        int found = p.vars.size();
        p.vars.add(new PlFunction.Var("found", PgType.BOOL, -1, false, false));
        outer.put("found", found);
        p.scopes.push(outer);
        PlStmt.Block b = p.block(null);
        p.accept(";");
        if (p.peek().kind() != Token.Kind.EOF) {
            throw p.syntaxError(p.peek());
        }
        return new PlFunction(shownName, List.copyOf(p.vars), paramTypes.size(), found, b, returnType, retset,
            outSlots);
    }

    private void bindParam(Map<String, Integer> outer, String n, int slot) {
        if (n != null) {
            outer.put(n, slot);
            if (functionName != null) {
                outer.put(functionName + "." + n, slot);
            }
        }
    }

    // ---- tokens ------------------------------------------------------------------------------

    private Token peek() { return tokens.get(pos); }
    private Token peek(int n) { return tokens.get(Math.min(pos + n, tokens.size() - 1)); }
    private Token next() { return tokens.get(pos++); }

    private boolean isWord(Token t, String w) {
        return t.kind() == Token.Kind.WORD && t.text().equals(w);
    }

    private boolean accept(String w) {
        Token t = peek();
        if (isWord(t, w) || (t.kind() == Token.Kind.PUNCT || t.kind() == Token.Kind.OP) && t.text().equals(w)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String w) {
        if (!accept(w)) {
            throw syntaxError(peek());
        }
    }

    private String identifier() {
        Token t = next();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED_IDENT) {
            throw syntaxError(t);
        }
        return t.text();
    }

    int line(Token t) {
        int n = 1;
        for (int i = 0; i < t.start() && i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    DatabaseException syntaxError(Token t) {
        String near = t.kind() == Token.Kind.EOF ? "syntax error at end of input"
            : "syntax error at or near \"" + body.substring(t.start(), t.end()) + "\"";
        return DatabaseException.error(SqlState.SYNTAX_ERROR, near)
            .withContext("compilation of PL/pgSQL function \"" + functionName + "\" near line " + line(t));
    }

    /** Tokens up to (not including) one of the end words at depth 0; their text. */
    private String until(String... ends) {
        int depth = 0;
        int start = pos;
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.EOF) {
                throw syntaxError(t);
            }
            if (depth == 0 && pos > start) {
                for (String e : ends) {
                    if (isWord(t, e) || t.kind() == Token.Kind.PUNCT && t.text().equals(e)) {
                        return body.substring(tokens.get(start).start(), tokens.get(pos - 1).end());
                    }
                }
            } else if (depth == 0 && (t.kind() == Token.Kind.PUNCT && t.text().equals(";"))) {
                throw syntaxError(t);
            }
            if (t.kind() == Token.Kind.PUNCT && (t.text().equals("(") || t.text().equals("["))) {
                depth++;
            } else if (t.kind() == Token.Kind.PUNCT && (t.text().equals(")") || t.text().equals("]"))) {
                depth--;
            }
            pos++;
        }
    }

    // ---- names -------------------------------------------------------------------------------

    private Map<String, Integer> visible() {
        Map<String, Integer> all = new HashMap<>();
        List<Map<String, Integer>> list = new ArrayList<>(scopes);
        for (int i = list.size() - 1; i >= 0; i--) {
            all.putAll(list.get(i));
        }
        return all;
    }

    private int declare(String name, PlFunction.Var v) {
        int slot = vars.size();
        vars.add(v);
        scopes.peek().put(name, slot);
        if (!labels.isEmpty() && labels.peek() != null) {
            scopes.peek().put(labels.peek() + "." + name, slot);
        }
        return slot;
    }

    private int variable(Token t) {
        Integer slot = visible().get(t.text());
        if (slot == null) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "\"" + t.text() + "\" is not a known variable")
                .withContext("compilation of PL/pgSQL function \"" + functionName + "\" near line " + line(t));
        }
        return slot;
    }

    private PlQuery expression(String text) {
        return new PlQuery("SELECT " + text, text, true, visible());
    }

    private PlQuery statement(String text) {
        return new PlQuery(text, text, false, visible());
    }

    // ---- blocks and statements ---------------------------------------------------------------

    private String label() {
        if (peek().kind() == Token.Kind.OP && peek().text().equals("<<")) {
            next();
            String l = identifier();
            expect(">>");
            return l;
        }
        return null;
    }

    private PlStmt.Block block(String label) {
        if (label == null) {
            label = label();
        }
        Token first = peek();
        scopes.push(new LinkedHashMap<>());
        labels.push(label == null ? "" : label);
        List<PlStmt.Declare> declares = new ArrayList<>();
        try {
            if (accept("declare")) {
                while (!isWord(peek(), "begin")) {
                    declares.add(declaration());
                }
            }
            expect("begin");
            List<PlStmt> body = statements("end", "exception");
            List<PlStmt.Handler> handlers = new ArrayList<>();
            if (accept("exception")) {
                while (accept("when")) {
                    handlers.add(handler());
                }
            }
            expect("end");
            if (label != null && peek().kind() == Token.Kind.WORD && peek().text().equals(label)) {
                next();
            }
            return new PlStmt.Block(line(first), label, declares, body, handlers);
        } finally {
            scopes.pop();
            labels.pop();
        }
    }

    private PlStmt.Handler handler() {
        List<String> conditions = new ArrayList<>();
        do {
            if (accept("sqlstate")) {
                Token s = next();
                conditions.add(s.text());
            } else {
                Token t = next();
                String code = Conditions.sqlstate(t.text());
                if (code == null) {
                    throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \""
                        + t.text() + "\"").withContext("compilation of PL/pgSQL function \"" + functionName
                        + "\" near line " + line(t));
                }
                conditions.add(code);
            }
        } while (accept("or"));
        expect("then");
        scopes.push(new LinkedHashMap<>());
        try {
            int state = declare("sqlstate", new PlFunction.Var("sqlstate", PgType.TEXT, -1, false, false));
            int errm = declare("sqlerrm", new PlFunction.Var("sqlerrm", PgType.TEXT, -1, false, false));
            List<PlStmt> body = statements("when", "end");
            return new PlStmt.Handler(conditions, state, errm, body);
        } finally {
            scopes.pop();
        }
    }

    private PlStmt.Declare declaration() {
        Token nameToken = next();
        String name = nameToken.text();
        boolean constant = accept("constant");
        int typeStart = peek().start();
        int typeEnd = typeStart;
        while (!(peek().kind() == Token.Kind.PUNCT && peek().text().equals(";")) && !isWord(peek(), "default")
            && !(peek().kind() == Token.Kind.OP && (peek().text().equals(":=") || peek().text().equals("=")))
            && !(isWord(peek(), "not") && isWord(peek(1), "null")) && !isWord(peek(), "collate")) {
            if (peek().kind() == Token.Kind.EOF) {
                throw syntaxError(peek());
            }
            typeEnd = next().end();
        }
        if (typeEnd == typeStart) {
            throw syntaxError(peek());
        }
        if (accept("collate")) {
            next();
        }
        boolean notNull = false;
        if (accept("not")) {
            expect("null");
            notNull = true;
        }
        PlQuery init = null;
        if (accept("default") || accept(":=") || accept("=")) {
            init = expression(until(";"));
        } else if (notNull) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                "variable \"" + name + "\" must have a default value, since it's declared NOT NULL")
                .withContext("compilation of PL/pgSQL function \"" + functionName + "\" near line " + line(nameToken));
        }
        expect(";");
        String typeText = body.substring(typeStart, typeEnd);
        PlFunction.Var v = resolveType(name, typeText, constant, notNull);
        int slot = declare(name, v);
        return new PlStmt.Declare(slot, init);
    }

    private PlFunction.Var resolveType(String name, String typeText, boolean constant, boolean notNull) {
        String t = typeText.strip().toLowerCase(Locale.ROOT);
        if (t.equals("record")) {
            return new PlFunction.Var(name, null, -1, constant, notNull);
        }
        if (t.endsWith("%type")) {
            Integer slot = visible().get(t.substring(0, t.length() - 5).strip());
            if (slot != null) {
                PlFunction.Var of = vars.get(slot);
                return new PlFunction.Var(name, of.type(), of.typmod(), constant, notNull);
            }
        }
        return types.resolve(name, typeText, constant, notNull);
    }

    /** Statements until one of the end words (not consumed). */
    private List<PlStmt> statements(String... ends) {
        List<PlStmt> out = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.EOF) {
                throw syntaxError(t);
            }
            for (String e : ends) {
                if (isWord(t, e)) {
                    return out;
                }
            }
            out.add(statement());
        }
    }

    private PlStmt statement() {
        String label = label();
        Token t = peek();
        int line = line(t);
        String w = t.kind() == Token.Kind.WORD ? t.text() : "";
        if (label != null && !w.equals("loop") && !w.equals("while") && !w.equals("for") && !w.equals("foreach") && !w.equals("declare")
            && !w.equals("begin")) {
            throw syntaxError(t);
        }
        switch (w) {
            case "declare", "begin" -> {
                PlStmt.Block b = block(label);
                expect(";");
                return b;
            }
            case "if" -> {
                next();
                return ifStatement(line);
            }
            case "case" -> {
                next();
                return caseStatement(line);
            }
            case "loop" -> {
                next();
                List<PlStmt> body = loopBody(label);
                return new PlStmt.Loop(line, label, body);
            }
            case "while" -> {
                next();
                PlQuery cond = expression(until("loop"));
                expect("loop");
                return new PlStmt.While(line, label, cond, loopBody(label));
            }
            case "for" -> {
                next();
                return forStatement(line, label);
            }
            case "foreach" -> {
                next();
                return foreachStatement(line, label);
            }
            case "exit", "continue" -> {
                next();
                String target = null;
                if (peek().kind() == Token.Kind.WORD && !isWord(peek(), "when")) {
                    target = next().text();
                }
                PlQuery when = null;
                if (accept("when")) {
                    when = expression(until(";"));
                }
                expect(";");
                return new PlStmt.Exit(line, w.equals("continue"), target, when);
            }
            case "return" -> {
                next();
                if (isWord(peek(), "next") || isWord(peek(), "query")) {
                    boolean query = isWord(peek(), "query");
                    if (!retset) {
                        throw compileError(SqlState.DATATYPE_MISMATCH, "cannot use RETURN " + (query ? "QUERY" : "NEXT")
                            + " in a non-SETOF function", peek());
                    }
                    next();
                    if (query) {
                        if (accept("execute")) {
                            DynamicSql d = dynamicSql(false);
                            return new PlStmt.ReturnQuery(line, null, d.query(), d.using());
                        }
                        PlQuery q = statement(until(";"));
                        expect(";");
                        return new PlStmt.ReturnQuery(line, q, null, List.of());
                    }
                    PlQuery v = null;
                    if (withOut && !isPunct(peek(), ";")) {
                        throw compileError(SqlState.DATATYPE_MISMATCH,
                            "RETURN NEXT cannot have a parameter in function with OUT parameters", peek());
                    }
                    if (!withOut) {
                        if (isPunct(peek(), ";")) {
                            throw compileError(SqlState.SYNTAX_ERROR, "RETURN NEXT must have a parameter", peek());
                        }
                        v = expression(until(";"));
                    }
                    expect(";");
                    return new PlStmt.ReturnNext(line, v);
                }
                PlQuery v = null;
                if (!accept(";")) {
                    if (retset) {
                        throw compileError(SqlState.DATATYPE_MISMATCH,
                            "RETURN cannot have a parameter in function returning set", peek())
                            .withHint("Use RETURN NEXT or RETURN QUERY.");
                    }
                    if (withOut) {
                        throw compileError(SqlState.DATATYPE_MISMATCH,
                            "RETURN cannot have a parameter in function with OUT parameters", peek());
                    }
                    v = expression(until(";"));
                    expect(";");
                }
                return new PlStmt.Return(line, v);
            }
            case "execute" -> {
                next();
                DynamicSql d = dynamicSql(true);
                return new PlStmt.Execute(line, d.query(), d.into(), d.strict(), d.using());
            }
            case "raise" -> {
                next();
                return raise(line);
            }
            case "perform" -> {
                next();
                String q = until(";");
                expect(";");
                return new PlStmt.Perform(line, statement("SELECT " + q));
            }
            case "get" -> {
                if (isWord(peek(1), "diagnostics") || isWord(peek(1), "current")) {
                    next();
                    accept("current");
                    expect("diagnostics");
                    List<Integer> slots = new ArrayList<>();
                    List<String> items = new ArrayList<>();
                    do {
                        slots.add(variable(next()));
                        if (!accept("=")) {
                            expect(":=");
                        }
                        items.add(identifier());
                    } while (accept(","));
                    expect(";");
                    return new PlStmt.GetDiagnostics(line, slots.stream().mapToInt(Integer::intValue).toArray(), items);
                }
            }
            case "null" -> {
                if (peek(1).kind() == Token.Kind.PUNCT && peek(1).text().equals(";")) {
                    next();
                    next();
                    return new PlStmt.Null(line);
                }
            }
            default -> { }
        }
        Token after = peek(1);
        if ((t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) && isPunct(after, ".")
            && (peek(2).kind() == Token.Kind.WORD || peek(2).kind() == Token.Kind.QUOTED_IDENT)
            && peek(3).kind() == Token.Kind.OP && (peek(3).text().equals(":=") || peek(3).text().equals("="))
            && visible().containsKey(t.text()) && vars.get(visible().get(t.text())).isRecord()) {
            int slot = variable(t);
            next();
            next();
            String field = next().text();
            next();
            PlQuery value = expression(until(";"));
            String shown = body.substring(t.start(), tokens.get(pos - 1).end());
            expect(";");
            return new PlStmt.AssignField(line, slot, field, value, shown);
        }
        if ((t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) && after.kind() == Token.Kind.OP
            && (after.text().equals(":=") || after.text().equals("="))) {
            int slot = variable(t);
            if (vars.get(slot).constant()) {
                throw DatabaseException.error("22005", "variable \"" + t.text() + "\" is declared CONSTANT");
            }
            next();
            next();
            PlQuery value = expression(until(";"));
            expect(";");
            return new PlStmt.Assign(line, slot, value);
        }
        return sqlStatement(line);
    }

    private List<PlStmt> loopBody(String label) {
        List<PlStmt> body = statements("end");
        expect("end");
        expect("loop");
        if (label != null && peek().kind() == Token.Kind.WORD && peek().text().equals(label)) {
            next();
        }
        expect(";");
        return body;
    }

    private PlStmt ifStatement(int line) {
        List<PlQuery> conds = new ArrayList<>();
        List<List<PlStmt>> branches = new ArrayList<>();
        List<PlStmt> orElse = null;
        conds.add(expression(until("then")));
        expect("then");
        branches.add(statements("elsif", "elseif", "else", "end"));
        while (true) {
            if (accept("elsif") || accept("elseif")) {
                conds.add(expression(until("then")));
                expect("then");
                branches.add(statements("elsif", "elseif", "else", "end"));
            } else if (accept("else")) {
                orElse = statements("end");
            } else {
                break;
            }
        }
        expect("end");
        expect("if");
        expect(";");
        return new PlStmt.If(line, conds, branches, orElse);
    }

    private PlStmt caseStatement(int line) {
        String subject = null;
        if (!isWord(peek(), "when")) {
            subject = until("when");
        }
        List<PlQuery> whens = new ArrayList<>();
        List<List<PlStmt>> branches = new ArrayList<>();
        List<PlStmt> orElse = null;
        while (accept("when")) {
            String values = until("then");
            whens.add(expression(subject == null ? values : "(" + subject + ") IN (" + values + ")"));
            expect("then");
            branches.add(statements("when", "else", "end"));
        }
        if (accept("else")) {
            orElse = statements("end");
        }
        expect("end");
        expect("case");
        expect(";");
        return new PlStmt.Case(line, whens, branches, orElse);
    }

    private PlStmt forStatement(int line, String label) {
        List<Token> targets = new ArrayList<>();
        do {
            targets.add(next());
        } while (accept(","));
        expect("in");
        boolean reverse = accept("reverse");
        int start = pos;
        // an integer range: a '..' at depth 0 before LOOP
        int depth = 0;
        int dots = -1;
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.EOF || depth == 0 && isWord(t, "loop")) {
                break;
            }
            if (t.kind() == Token.Kind.PUNCT && t.text().equals("(")) {
                depth++;
            } else if (t.kind() == Token.Kind.PUNCT && t.text().equals(")")) {
                depth--;
            } else if (depth == 0 && t.kind() == Token.Kind.PUNCT && t.text().equals(".")
                && t.end() < body.length() && body.charAt(t.end()) == '.') {
                dots = i;
                break;
            }
        }
        if (dots >= 0 && targets.size() == 1) {
            String from = body.substring(tokens.get(start).start(), tokens.get(dots).start());
            int toStart = tokens.get(dots).end() + 1;
            // the upper bound runs to BY or LOOP
            pos = dots + 1;
            while (peek().end() <= toStart) {
                pos++;
            }
            int boundStart = pos;
            String rest = until("by", "loop");
            String to = body.substring(toStart, tokens.get(pos - 1).end());
            if (boundStart == pos) {
                throw syntaxError(peek());
            }
            PlQuery by = null;
            if (accept("by")) {
                by = expression(until("loop"));
            }
            expect("loop");
            PlQuery fromQ = expression(from);
            PlQuery toQ = expression(to.isBlank() ? rest : to);
            scopes.push(new HashMap<>());
            labels.push(label == null ? "" : label);
            try {
                int slot = declare(targets.get(0).text(),
                    new PlFunction.Var(targets.get(0).text(), PgType.INT4, -1, false, false));
                return new PlStmt.ForInt(line, label, slot, reverse, fromQ, toQ, by, loopBody(label));
            } finally {
                scopes.pop();
                labels.pop();
            }
        }
        PlQuery q = statement(until("loop"));
        expect("loop");
        int[] into = new int[targets.size()];
        for (int i = 0; i < into.length; i++) {
            into[i] = variable(targets.get(i));
        }
        return new PlStmt.ForQuery(line, label, into, q, loopBody(label));
    }

    /** FOREACH target [, ...] [SLICE n] IN ARRAY expression LOOP ... END LOOP [label]; */
    private PlStmt foreachStatement(int line, String label) {
        List<Token> targets = new ArrayList<>();
        do {
            targets.add(next());
        } while (accept(","));
        int slice = 0;
        if (accept("slice")) {
            Token n = next();
            if (n.kind() != Token.Kind.INTEGER) {
                throw syntaxError(n);
            }
            slice = Integer.parseInt(n.text());
        }
        expect("in");
        expect("array");
        PlQuery array = expression(until("loop"));
        expect("loop");
        int[] into = new int[targets.size()];
        for (int i = 0; i < into.length; i++) {
            into[i] = variable(targets.get(i));
        }
        return new PlStmt.ForEach(line, label, into, slice, array, loopBody(label));
    }

    private PlStmt raise(int line) {
        String level = "exception";
        Token t = peek();
        if (t.kind() == Token.Kind.WORD && List.of("debug", "log", "info", "notice", "warning", "exception")
            .contains(t.text())) {
            level = next().text();
        }
        if (accept(";")) {
            return new PlStmt.Raise(line, level, null, null, List.of(), List.of(), true);
        }
        String condition = null;
        String format = null;
        List<PlQuery> args = new ArrayList<>();
        if (peek().kind() == Token.Kind.STRING) {
            format = next().text();
            while (accept(",")) {
                args.add(expression(until(",", ";", "using")));
            }
            int placeholders = 0;
            for (int i = 0; i < format.length(); i++) {
                if (format.charAt(i) == '%') {
                    if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                        i++;
                    } else {
                        placeholders++;
                    }
                }
            }
            if (placeholders != args.size()) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, placeholders > args.size()
                    ? "too few parameters specified for RAISE" : "too many parameters specified for RAISE")
                    .withContext("compilation of PL/pgSQL function \"" + functionName + "\" near line " + line);
            }
        } else if (accept("sqlstate")) {
            condition = next().text();
            format = condition;
        } else if (peek().kind() == Token.Kind.WORD && !isWord(peek(), "using")) {
            Token c = next();
            condition = Conditions.sqlstate(c.text());
            if (condition == null) {
                throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \""
                    + c.text() + "\"");
            }
            format = c.text();
        }
        List<PlStmt.RaiseOption> options = new ArrayList<>();
        if (accept("using")) {
            do {
                String opt = identifier().toLowerCase(Locale.ROOT);
                if (!accept("=")) {
                    expect(":=");
                }
                options.add(new PlStmt.RaiseOption(opt, expression(until(",", ";"))));
            } while (accept(","));
        }
        expect(";");
        return new PlStmt.Raise(line, level, condition, format, args, options, false);
    }

    private static boolean isPunct(Token t, String p) {
        return t.kind() == Token.Kind.PUNCT && t.text().equals(p);
    }

    private DatabaseException compileError(String sqlstate, String message, Token at) {
        return DatabaseException.error(sqlstate, message)
            .withContext("compilation of PL/pgSQL function \"" + functionName + "\" near line " + line(at));
    }

    /** EXECUTE's parts: the query string's expression, INTO [STRICT] targets (null: none), USING values. */
    private record DynamicSql(PlQuery query, int[] into, boolean strict, List<PlQuery> using) {}

    /** After EXECUTE: expr [INTO [STRICT] target, ...] [USING expr, ...] ; (INTO only where allowed). */
    private DynamicSql dynamicSql(boolean intoAllowed) {
        PlQuery query = expression(intoAllowed ? until("into", "using", ";") : until("using", ";"));
        int[] into = null;
        boolean strict = false;
        List<PlQuery> using = new ArrayList<>();
        while (true) {
            if (intoAllowed && into == null && accept("into")) {
                strict = accept("strict");
                List<Integer> targets = new ArrayList<>();
                do {
                    targets.add(variable(next()));
                } while (accept(","));
                into = targets.stream().mapToInt(Integer::intValue).toArray();
            } else if (using.isEmpty() && accept("using")) {
                do {
                    using.add(expression(intoAllowed ? until(",", "into", ";") : until(",", ";")));
                } while (accept(","));
            } else {
                break;
            }
        }
        expect(";");
        return new DynamicSql(query, into, strict, List.copyOf(using));
    }

    /** A SQL statement; a SELECT's (or RETURNING's) INTO [STRICT] targets are taken out of its text. */
    private PlStmt sqlStatement(int line) {
        int start = pos;
        int depth = 0;
        int intoAt = -1;
        int intoEnd = -1;
        boolean strict = false;
        List<Integer> into = new ArrayList<>();
        String first = peek().text().toLowerCase(Locale.ROOT);
        boolean insert = first.equals("insert");
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.EOF) {
                throw syntaxError(t);
            }
            if (depth == 0 && t.kind() == Token.Kind.PUNCT && t.text().equals(";")) {
                break;
            }
            if (t.kind() == Token.Kind.PUNCT && t.text().equals("(")) {
                depth++;
            } else if (t.kind() == Token.Kind.PUNCT && t.text().equals(")")) {
                depth--;
            }
            if (depth == 0 && intoAt < 0 && isWord(t, "into") && !(insert && pos == start + 1)
                && !first.equals("merge")) {
                intoAt = t.start();
                pos++;
                strict = accept("strict");
                do {
                    into.add(variable(next()));
                } while (accept(","));
                intoEnd = peek().start();
                continue;
            }
            pos++;
        }
        int end = tokens.get(pos - 1).end();
        String text = body.substring(tokens.get(start).start(), end);
        if (intoAt >= 0) {
            int s = tokens.get(start).start();
            text = body.substring(s, intoAt) + " ".repeat(intoEnd - intoAt) + body.substring(intoEnd, end);
            text = text.strip();
        }
        expect(";");
        return new PlStmt.Sql(line, statement(text), intoAt < 0 ? null
            : into.stream().mapToInt(Integer::intValue).toArray(), strict);
    }
}
