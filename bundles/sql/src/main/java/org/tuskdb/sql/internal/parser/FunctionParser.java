package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.RangeVar;
import org.tuskdb.sql.internal.ast.TypeName;

/**
 * CREATE [OR REPLACE] FUNCTION and DROP FUNCTION (gram.y's CreateFunctionStmt and
 * RemoveFuncStmt): the parameter list, RETURNS, the options in any order, and the body as a
 * string constant, {@code RETURN expr} or {@code BEGIN ATOMIC ... END}. Only the text of the body
 * is kept; it is parsed and analyzed when the function is created and when it is called.
 */
final class FunctionParser {
    private final TokenStream in;
    private final ExpressionParser expressions;
    private final TableParser tables;

    FunctionParser(TokenStream in, ExpressionParser expressions, TableParser tables) {
        this.in = in;
        this.expressions = expressions;
        this.tables = tables;
    }

    /** After CREATE [OR REPLACE]: FUNCTION name (...) ... */
    Statement parseCreateFunction(Token start, boolean orReplace) {
        in.expectWord("function");
        RangeVar name = tables.parseQualifiedName(false);
        in.expectPunct('(');
        List<Statement.FunctionParam> params = new ArrayList<>();
        if (!in.peek().isPunct(')')) {
            do {
                params.add(parseParam());
            } while (in.acceptPunct(','));
        }
        in.expectPunct(')');
        TypeName returns = null;
        boolean setof = false;
        boolean table = false;
        if (in.acceptWord("returns")) {
            if (in.acceptWord("table")) {
                // RETURNS TABLE (name type, ...): the columns are parameters of mode t, the result a set
                in.expectPunct('(');
                do {
                    Token c = in.peek();
                    String column = in.expectColId();
                    params.add(new Statement.FunctionParam(column, expressions.parseTypeName(), null, null, c.start(),
                        't'));
                } while (in.acceptPunct(','));
                in.expectPunct(')');
                setof = true;
                table = true;
            } else {
                setof = in.acceptWord("setof");
                returns = expressions.parseTypeName();
            }
        }
        String language = null;
        Character volatility = null;
        Boolean strict = null;
        String body = null;
        int bodyOffset = -1;
        boolean sqlBody = false;
        boolean security = false, parallel = false, cost = false, rows = false, leakproof = false;
        while (true) {
            Token t = in.peek();
            if (t.kind() != Token.Kind.WORD) {
                break;
            }
            switch (t.text()) {
                case "language" -> {
                    once(language != null, t);
                    in.next();
                    Token l = in.next();
                    if (l.kind() != Token.Kind.WORD && l.kind() != Token.Kind.QUOTED_IDENT
                        && l.kind() != Token.Kind.STRING) {
                        throw in.syntaxError(l);
                    }
                    language = l.kind() == Token.Kind.STRING ? l.text().toLowerCase(Locale.ROOT) : l.text();
                }
                case "immutable", "stable", "volatile" -> {
                    once(volatility != null, t);
                    in.next();
                    volatility = t.text().charAt(0);
                }
                case "strict" -> {
                    once(strict != null, t);
                    in.next();
                    strict = true;
                }
                case "called" -> {
                    once(strict != null, t);
                    in.next();
                    in.expectWord("on");
                    in.expectWord("null");
                    in.expectWord("input");
                    strict = false;
                }
                case "returns" -> {
                    once(strict != null, t);
                    in.next();
                    in.expectWord("null");
                    in.expectWord("on");
                    in.expectWord("null");
                    in.expectWord("input");
                    strict = true;
                }
                case "external", "security" -> {
                    once(security, t);
                    in.next();
                    if (t.isWord("external")) {
                        in.expectWord("security");
                    }
                    // one role: SECURITY DEFINER runs as the same user as INVOKER
                    if (!in.acceptWord("invoker")) {
                        in.expectWord("definer");
                    }
                    security = true;
                }
                case "parallel" -> {
                    once(parallel, t);
                    in.next();
                    Token p = in.next();
                    if (!p.isWord("safe") && !p.isWord("restricted") && !p.isWord("unsafe")) {
                        throw DatabaseException.atPosition(SqlState.INVALID_PARAMETER_VALUE,
                            "parameter \"parallel\" must be SAFE, RESTRICTED, or UNSAFE", in.characterPosition(t.start()));
                    }
                    parallel = true;
                }
                case "cost", "rows" -> {
                    once(t.isWord("cost") ? cost : rows, t);
                    in.next();
                    Token n = in.next();
                    if (n.kind() != Token.Kind.INTEGER && n.kind() != Token.Kind.DECIMAL) {
                        throw in.syntaxError(n);
                    }
                    if (t.isWord("cost")) {
                        cost = true;
                    } else {
                        rows = true;
                    }
                }
                case "leakproof", "not" -> {
                    once(leakproof, t);
                    in.next();
                    if (t.isWord("not")) {
                        in.expectWord("leakproof");
                    }
                    leakproof = true;
                }
                case "window", "set", "support", "transform" -> throw in.notSupported(t,
                    t.text().toUpperCase(Locale.ROOT) + " in CREATE FUNCTION");
                case "as" -> {
                    once(body != null, t);
                    in.next();
                    Token b = in.next();
                    if (b.kind() != Token.Kind.STRING) {
                        throw in.syntaxError(b);
                    }
                    if (in.peek().isPunct(',')) {
                        throw in.notSupported(in.peek(), "AS 'obj_file', 'link_symbol'");
                    }
                    body = b.text();
                    bodyOffset = contentOffset(b);
                }
                default -> {
                    t = null;
                }
            }
            if (t == null) {
                break;
            }
        }
        Token b = in.peek();
        if (b.isWord("return") || b.isWord("begin") && in.peek(1).isWord("atomic")) {
            if (body != null) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "duplicate function body specified",
                    in.characterPosition(b.start()));
            }
            sqlBody = true;
            if (b.isWord("return")) {
                in.next();
                Token e = in.peek();
                Expr ignored = expressions.parseExpression();
                int end = in.peek().start();
                // RETURN expr runs as SELECT expr; the expression's offset stays right
                body = "SELECT " + in.sql().substring(e.start(), end);
                bodyOffset = e.start() - "SELECT ".length();
            } else {
                in.next();
                in.next();
                int from = in.peek().start();
                body = atomicBody();
                bodyOffset = from;
            }
        }
        if (body == null) {
            throw DatabaseException.error("42P13", "no function body specified");
        }
        if (language == null) {
            if (!sqlBody) {
                throw DatabaseException.error("42P13", "no language specified");
            }
            language = "sql";
        }
        return new Statement.CreateFunction(name, params, returns, setof, table, language, body, bodyOffset, sqlBody,
            volatility == null ? 'v' : volatility, strict != null && strict, orReplace, start.start());
    }

    /** The statements of BEGIN ATOMIC ... END, up to (not with) the END that closes them; consumes END. */
    private String atomicBody() {
        int from = in.peek().start();
        int caseDepth = 0;
        boolean statementStart = true;
        while (true) {
            Token t = in.peek();
            if (t.kind() == Token.Kind.EOF) {
                throw in.syntaxError(t);
            }
            if (t.isWord("end") && caseDepth == 0 && statementStart) {
                String text = in.sql().substring(from, t.start());
                in.next();
                return text;
            }
            if (t.isWord("case")) {
                caseDepth++;
            } else if (t.isWord("end") && caseDepth > 0) {
                caseDepth--;
            }
            statementStart = t.isPunct(';');
            in.next();
        }
    }

    /** Where a string constant's text starts in the query string, or -1 when it is not there as written. */
    private int contentOffset(Token b) {
        String raw = in.sql().substring(b.start(), b.end());
        if (raw.startsWith("$")) {
            return b.start() + raw.indexOf('$', 1) + 1;
        }
        if (raw.startsWith("'") && raw.length() >= 2 && raw.substring(1, raw.length() - 1).equals(b.text())) {
            return b.start() + 1;
        }
        return -1;
    }

    /** gram.y's "conflicting or redundant options" for an option given twice. */
    private void once(boolean seen, Token t) {
        if (seen) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                in.characterPosition(t.start()));
        }
    }

    /** [IN | OUT | INOUT | VARIADIC] [name] type [DEFAULT expr | = expr]. */
    private Statement.FunctionParam parseParam() {
        Token first = in.peek();
        char mode = 'i';
        if (first.isWord("variadic")) {
            mode = 'v';
            in.next();
        } else if ((first.isWord("in") || first.isWord("out") || first.isWord("inout")) && !isParamEnd(in.peek(1))) {
            mode = first.isWord("in") ? 'i' : first.isWord("out") ? 'o' : 'b';
            in.next();
            if (mode == 'i' && in.peek().isWord("out") && !isParamEnd(in.peek(1))) {
                mode = 'b'; // IN OUT
                in.next();
            }
        }
        String name = null;
        int mark = in.position();
        TypeName type = null;
        try {
            type = expressions.parseTypeName();
        } catch (DatabaseException e) {
            // a name, then the type
        }
        if (type == null || !isParamEnd(in.peek())) {
            in.reset(mark);
            name = in.expectColId();
            type = expressions.parseTypeName();
        }
        Expr def = null;
        String text = null;
        if (in.acceptWord("default") || in.acceptOp("=")) {
            Token d = in.peek();
            def = expressions.parseExpression();
            text = in.sql().substring(d.start(), in.peek().start()).strip();
        }
        return new Statement.FunctionParam(name, type, def, text, first.start(), mode);
    }

    private static boolean isParamEnd(Token t) {
        return t.isPunct(',') || t.isPunct(')') || t.isWord("default") || t.isOp("=");
    }

    /** After DROP: FUNCTION [IF EXISTS] name [(types)], ... [CASCADE | RESTRICT]. */
    /** A function named with its argument types, or without (DROP / ALTER FUNCTION). */
    Statement.FunctionRef parseFunctionRef() {
        Token t = in.peek();
        RangeVar name = tables.parseQualifiedName(false);
        List<TypeName> types = null;
        if (in.acceptPunct('(')) {
            types = new ArrayList<>();
            if (!in.peek().isPunct(')')) {
                do {
                    Statement.FunctionParam p = parseParam();
                    if (p.mode() != 'o') { // OUT parameters are not part of the signature
                        types.add(p.type());
                    }
                } while (in.acceptPunct(','));
            }
            in.expectPunct(')');
        }
        return new Statement.FunctionRef(name, types, t.start());
    }

    /** ALTER FUNCTION f [(types)] OWNER TO role (what pg_dump writes after each function; roles are one here). */
    Statement parseAlterFunction(Token start) {
        in.expectWord("function");
        Statement.FunctionRef ref = parseFunctionRef();
        Token t = in.peek();
        if (!t.isWord("owner")) {
            throw in.notSupported(t, "ALTER FUNCTION " + (t.kind() == Token.Kind.WORD
                ? t.text().toUpperCase(java.util.Locale.ROOT) : ""));
        }
        in.next();
        in.expectWord("to");
        return new Statement.AlterFunctionOwner(ref, tables.parseRoleSpec(), start.start());
    }

    Statement parseDropFunction(Token start) {
        in.expectWord("function");
        boolean ifExists = false;
        if (in.peek().isWord("if") && in.peek(1).isWord("exists")) {
            in.next();
            in.next();
            ifExists = true;
        }
        List<Statement.FunctionRef> refs = new ArrayList<>();
        do {
            refs.add(parseFunctionRef());
        } while (in.acceptPunct(','));
        boolean cascade = in.acceptWord("cascade");
        if (!cascade) {
            in.acceptWord("restrict");
        }
        return new Statement.DropFunction(refs, ifExists, cascade, start.start());
    }
}
