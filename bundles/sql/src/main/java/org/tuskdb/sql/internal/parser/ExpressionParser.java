package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Expr.LiteralKind;
import org.tuskdb.sql.internal.ast.TypeName;
import org.tuskdb.sql.internal.ast.WindowFrame;

/**
 * Expressions by precedence climbing, one method per level of PostgreSQL's grammar (gram.y's
 * precedence table), lowest first: OR, AND, NOT, IS, comparison (non-associative), BETWEEN / IN
 * / LIKE, other operators (||, ...), + -, * / %, ^, AT TIME ZONE, unary minus, :: casts.
 * Also type names, because casts need them.
 */
final class ExpressionParser {
    private static final Set<String> COMPARISON = Set.of("<", ">", "=", "<=", ">=", "<>");
    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "^");

    private final TokenStream in;

    /** Parses subqueries in expressions; null where none can appear (column defaults). */
    private SelectParser subqueries;

    ExpressionParser(TokenStream in) {
        this.in = in;
    }

    void setSubqueryParser(SelectParser selects) {
        this.subqueries = selects;
    }

    private boolean atSubquery(int ahead) {
        Token t = in.peek(ahead);
        return subqueries != null && (t.isWord("select") || t.isWord("values") || t.isWord("with"));
    }

    /** ( SELECT ... ), the opening parenthesis next. */
    private Statement.Select parseSubquery() {
        in.expectPunct('(');
        Statement.Select q = subqueries.parseSelectStatement();
        in.expectPunct(')');
        return q;
    }

    Expr parseExpression() {
        return parseOr();
    }

    List<Expr> parseExpressionList() {
        List<Expr> list = new ArrayList<>();
        do {
            list.add(parseExpression());
        } while (in.acceptPunct(','));
        return list;
    }

    private Expr parseOr() {
        Expr left = parseAnd();
        if (!in.peek().isWord("or")) {
            return left;
        }
        List<Expr> args = new ArrayList<>();
        args.add(left);
        int location = in.peek().start();
        while (in.acceptWord("or")) {
            args.add(parseAnd());
        }
        return new Expr.Bool(Expr.BoolOp.OR, args, location);
    }

    private Expr parseAnd() {
        Expr left = parseNot();
        if (!in.peek().isWord("and")) {
            return left;
        }
        List<Expr> args = new ArrayList<>();
        args.add(left);
        int location = in.peek().start();
        while (in.acceptWord("and")) {
            args.add(parseNot());
        }
        return new Expr.Bool(Expr.BoolOp.AND, args, location);
    }

    private Expr parseNot() {
        Token t = in.peek();
        if (t.isWord("not")) {
            in.next();
            return new Expr.Bool(Expr.BoolOp.NOT, List.of(parseNot()), t.start());
        }
        return parseIs();
    }

    private Expr parseIs() {
        Expr e = parseComparison();
        while (true) {
            Token t = in.peek();
            if (t.isWord("isnull")) {
                in.next();
                e = new Expr.NullTest(e, false, t.start());
            } else if (t.isWord("notnull")) {
                in.next();
                e = new Expr.NullTest(e, true, t.start());
            } else if (t.isWord("is")) {
                in.next();
                boolean negated = in.acceptWord("not");
                Token what = in.next();
                if (what.isWord("null")) {
                    e = new Expr.NullTest(e, negated, t.start());
                } else if (what.isWord("true")) {
                    e = new Expr.BooleanTest(e, Expr.TruthValue.TRUE, negated, t.start());
                } else if (what.isWord("false")) {
                    e = new Expr.BooleanTest(e, Expr.TruthValue.FALSE, negated, t.start());
                } else if (what.isWord("unknown")) {
                    e = new Expr.BooleanTest(e, Expr.TruthValue.UNKNOWN, negated, t.start());
                } else if (what.isWord("distinct")) {
                    in.expectWord("from");
                    e = new Expr.DistinctFrom(e, parseComparison(), negated, t.start());
                } else {
                    throw in.syntaxError(what);
                }
            } else {
                return e;
            }
        }
    }

    private Expr parseComparison() {
        Expr left = parseLikeBetweenIn();
        Token t = in.peek();
        if (t.kind() == Token.Kind.OP && COMPARISON.contains(t.text())) {
            in.next();
            Token quantifier = in.peek();
            if ((quantifier.isWord("any") || quantifier.isWord("some") || quantifier.isWord("all"))
                && in.peek(1).isPunct('(')) {
                if (atSubquery(2)) {
                    in.next();
                    Statement.Select sub = parseSubquery();
                    return new Expr.SubLink(quantifier.isWord("all") ? Expr.SubLinkKind.ALL : Expr.SubLinkKind.ANY,
                        left, t.text(), sub, t.start());
                }
                // op ANY (array): PostgreSQL's ScalarArrayOpExpr
                in.next();
                in.next();
                Expr array = parseExpression();
                in.expectPunct(')');
                return new Expr.ArrayCompare(t.text(), left, array, quantifier.isWord("all"), t.start());
            }
            Expr right = parseLikeBetweenIn();
            Token again = in.peek();
            if (again.kind() == Token.Kind.OP && COMPARISON.contains(again.text())) {
                throw in.syntaxError(again); // non-associative, as in PostgreSQL
            }
            return new Expr.Operator(t.text(), left, right, t.start());
        }
        return left;
    }

    private Expr parseLikeBetweenIn() {
        Expr left = parseOtherOp();
        Token t = in.peek();
        boolean negated = false;
        if (t.isWord("not") && isPredicateWord(in.peek(1))) {
            in.next();
            negated = true;
        }
        Token op = in.peek();
        if (op.isWord("between")) {
            in.next();
            boolean symmetric = in.acceptWord("symmetric");
            if (!symmetric) {
                in.acceptWord("asymmetric");
            }
            Expr low = parseOtherOp();
            in.expectWord("and");
            Expr high = parseOtherOp();
            return new Expr.Between(left, low, high, negated, symmetric, op.start());
        }
        if (op.isWord("in")) {
            in.next();
            if (atSubquery(1)) {
                Expr sub = new Expr.SubLink(Expr.SubLinkKind.ANY, left, "=", parseSubquery(), op.start());
                return negated ? new Expr.Bool(Expr.BoolOp.NOT, List.of(sub), op.start()) : sub;
            }
            Token open = in.expectPunct('(');
            List<Expr> list = parseExpressionList();
            in.expectPunct(')');
            return new Expr.InList(left, list, negated, op.start());
        }
        if (op.isWord("like") || op.isWord("ilike")) {
            in.next();
            Token quantifier = in.peek();
            if ((quantifier.isWord("any") || quantifier.isWord("some") || quantifier.isWord("all"))
                && in.peek(1).isPunct('(')) {
                // x [NOT] LIKE ANY (array | subquery): the operator ~~ (~~*, !~~, !~~*) applied to each element
                String likeOp = (negated ? "!" : "") + (op.isWord("ilike") ? "~~*" : "~~");
                boolean all = quantifier.isWord("all");
                if (atSubquery(2)) {
                    in.next();
                    Statement.Select sub = parseSubquery();
                    return new Expr.SubLink(all ? Expr.SubLinkKind.ALL : Expr.SubLinkKind.ANY, left, likeOp, sub,
                        op.start());
                }
                in.next();
                in.next();
                Expr array = parseExpression();
                in.expectPunct(')');
                return new Expr.ArrayCompare(likeOp, left, array, all, op.start());
            }
            Expr pattern = parseOtherOp();
            Expr escape = null;
            if (in.acceptWord("escape")) {
                escape = parseOtherOp();
            }
            return new Expr.Like(left, pattern, escape, op.isWord("ilike"), negated, op.start());
        }
        if (op.isWord("similar")) {
            // a SIMILAR TO p [ESCAPE e] is a ~ similar_to_escape(p [, e]), as gram.y rewrites it
            in.next();
            in.expectWord("to");
            Expr pattern = parseOtherOp();
            List<Expr> args = new ArrayList<>(List.of(pattern));
            if (in.acceptWord("escape")) {
                args.add(parseOtherOp());
            }
            return new Expr.Operator(negated ? "!~" : "~", left,
                new Expr.FuncCall(List.of("pg_catalog", "similar_to_escape"), args, false, false, op.start()), op.start());
        }
        if (negated) {
            throw in.syntaxError(op);
        }
        return left;
    }

    private static boolean isPredicateWord(Token t) {
        return t.isWord("between") || t.isWord("in") || t.isWord("like") || t.isWord("ilike") || t.isWord("similar");
    }

    /** Operators outside the arithmetic and comparison set: ||, ~~, and user-style operators. */
    private Expr parseOtherOp() {
        Expr left = parseAdditive();
        while (true) {
            Token t = in.peek();
            String qualified = qualifiedOperator();
            if (qualified != null) {
                left = new Expr.Operator(qualified, left, parseAdditive(), t.start());
                continue;
            }
            if (t.kind() != Token.Kind.OP || COMPARISON.contains(t.text()) || ARITHMETIC.contains(t.text())) {
                return left;
            }
            in.next();
            left = new Expr.Operator(t.text(), left, parseAdditive(), t.start());
        }
    }

    /**
     * OPERATOR(pg_catalog.~) or OPERATOR(~): consumes it and returns the operator symbol (the schema
     * must be pg_catalog, where every operator lives), else null. Binds like any other operator.
     */
    private String qualifiedOperator() {
        if (!in.peek().isWord("operator") || !in.peek(1).isPunct('(')) {
            return null;
        }
        int n = 2;
        if (in.peek(2).kind() == Token.Kind.WORD && in.peek(3).isPunct('.')) {
            n = 4;
        }
        if (in.peek(n).kind() != Token.Kind.OP || !in.peek(n + 1).isPunct(')')) {
            return null;
        }
        Token schema = n == 4 ? in.peek(2) : null;
        if (schema != null && !schema.text().equals("pg_catalog")) {
            throw DatabaseException.atPosition(SqlState.UNDEFINED_FUNCTION, "schema \"" + schema.text()
                + "\" does not exist", in.characterPosition(schema.start()));
        }
        String op = in.peek(n).text();
        for (int i = 0; i <= n + 1; i++) {
            in.next();
        }
        return op;
    }

    private Expr parseAdditive() {
        Expr left = parseMultiplicative();
        while (true) {
            Token t = in.peek();
            if (!t.isOp("+") && !t.isOp("-")) {
                return left;
            }
            in.next();
            left = new Expr.Operator(t.text(), left, parseMultiplicative(), t.start());
        }
    }

    private Expr parseMultiplicative() {
        Expr left = parseExponent();
        while (true) {
            Token t = in.peek();
            if (!t.isOp("*") && !t.isOp("/") && !t.isOp("%")) {
                return left;
            }
            in.next();
            left = new Expr.Operator(t.text(), left, parseExponent(), t.start());
        }
    }

    private Expr parseExponent() {
        Expr left = parseAtTimeZone();
        while (in.peek().isOp("^")) {
            Token t = in.next();
            left = new Expr.Operator("^", left, parseAtTimeZone(), t.start());
        }
        return left;
    }

    private Expr parseAtTimeZone() {
        Expr e = parseUnary();
        while (in.peek().isWord("at") && in.peek(1).isWord("time")) {
            Token at = in.next();
            in.next();
            in.expectWord("zone");
            e = new Expr.AtTimeZone(e, parseUnary(), at.start());
        }
        return e;
    }

    private Expr parseUnary() {
        Token t = in.peek();
        if (t.isOp("-") || t.isOp("+")) {
            in.next();
            Expr operand = parseUnary();
            if (t.isOp("-") && operand instanceof Expr.Literal lit
                && (lit.kind() == LiteralKind.INTEGER || lit.kind() == LiteralKind.DECIMAL)
                && !lit.text().startsWith("-")) {
                return new Expr.Literal(lit.kind(), "-" + lit.text(), t.start());
            }
            return new Expr.Operator(t.text(), null, operand, t.start());
        }
        if (t.kind() == Token.Kind.OP && !COMPARISON.contains(t.text()) && !ARITHMETIC.contains(t.text())) {
            // other prefix operators: @ (absolute value), ~ (bitwise not), |/ (square root)
            in.next();
            return new Expr.Operator(t.text(), null, parseUnary(), t.start());
        }
        return parsePostfix();
    }

    private Expr parsePostfix() {
        Expr e = parsePrimary();
        if (e instanceof Expr.Row left && in.peek().isWord("overlaps")) {
            return parseOverlaps(left);
        }
        while (true) {
            Token t = in.peek();
            if (t.isWord("collate")) {
                in.next();
                String coll = in.expectColId();
                if (in.acceptPunct('.')) {
                    if (!coll.equals("pg_catalog")) {
                        throw DatabaseException.atPosition(SqlState.UNDEFINED_OBJECT, "schema \"" + coll
                            + "\" does not exist", in.characterPosition(t.start()));
                    }
                    coll = in.expectLabel();
                }
                // every text value is in the "C" order: the collations that mean it are accepted
                if (!coll.equals("default") && !coll.equals("C") && !coll.equals("POSIX") && !coll.equals("ucs_basic")) {
                    throw DatabaseException.atPosition(SqlState.UNDEFINED_OBJECT, "collation \"" + coll
                        + "\" for encoding \"UTF8\" does not exist", in.characterPosition(t.start()));
                }
            } else if (t.isPunct('.') && in.peek(1).isOp("*")) {
                // (expr).*: every field, expanded where a target list is (else an error there)
                in.next();
                in.next();
                e = new Expr.FieldSelect(e, "*", t.start());
            } else if (t.isPunct('.') && (in.peek(1).kind() == Token.Kind.WORD
                || in.peek(1).kind() == Token.Kind.QUOTED_IDENT)) {
                // (expr).field: names and function calls took their own dots already
                in.next();
                e = new Expr.FieldSelect(e, in.expectLabel(), t.start());
            } else if (t.kind() == Token.Kind.TYPECAST) {
                in.next();
                e = new Expr.TypeCast(e, parseTypeName(), t.start());
            } else if (t.isPunct('[')) {
                in.next();
                Expr lower = null;
                Expr upper = null;
                boolean slice = false;
                if (!in.peek().isPunct(':')) {
                    lower = parseExpression();
                }
                if (in.acceptPunct(':')) {
                    slice = true;
                    if (!in.peek().isPunct(']')) {
                        upper = parseExpression();
                    }
                }
                in.expectPunct(']');
                e = new Expr.Subscript(e, lower, upper, slice, t.start());
            } else {
                return e;
            }
        }
    }

    /** row OVERLAPS row: the function overlaps(s1, e1, s2, e2), as gram.y builds it. */
    private Expr parseOverlaps(Expr.Row left) {
        Token kw = in.next();
        Token at = in.peek();
        Expr right = at.isWord("row") || at.isPunct('(') ? parsePrimary() : null;
        if (!(right instanceof Expr.Row r)) {
            throw in.syntaxError(at);
        }
        if (left.args().size() != 2) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "wrong number of parameters on left side of OVERLAPS expression", in.characterPosition(left.location()));
        }
        if (r.args().size() != 2) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "wrong number of parameters on right side of OVERLAPS expression", in.characterPosition(r.location()));
        }
        List<Expr> args = new ArrayList<>(left.args());
        args.addAll(r.args());
        return new Expr.FuncCall(List.of("pg_catalog", "overlaps"), args, false, false, kw.start());
    }

    private Expr parsePrimary() {
        Token t = in.peek();
        switch (t.kind()) {
            case INTEGER -> {
                in.next();
                return new Expr.Literal(LiteralKind.INTEGER, t.text(), t.start());
            }
            case DECIMAL -> {
                in.next();
                return new Expr.Literal(LiteralKind.DECIMAL, t.text(), t.start());
            }
            case STRING -> {
                in.next();
                return new Expr.Literal(LiteralKind.STRING, t.text(), t.start());
            }
            case PARAM -> {
                in.next();
                int n;
                try {
                    n = Integer.parseInt(t.text());
                } catch (NumberFormatException e) {
                    n = Integer.MAX_VALUE;
                }
                return new Expr.Param(n, t.start());
            }
            case PUNCT -> {
                if (t.isPunct('(')) {
                    return parseParenthesized();
                }
                throw in.syntaxError(t);
            }
            case WORD -> {
                return parseWordExpression(t);
            }
            case QUOTED_IDENT -> {
                return parseNameExpression();
            }
            default -> throw in.syntaxError(t);
        }
    }

    private Expr parseParenthesized() {
        if (atSubquery(1)) {
            Token open = in.peek();
            return new Expr.SubLink(Expr.SubLinkKind.EXPR, null, null, parseSubquery(), open.start());
        }
        Token open = in.next();
        Expr e = parseExpression();
        if (in.peek().isPunct(',')) {
            List<Expr> args = new ArrayList<>();
            args.add(e);
            while (in.acceptPunct(',')) {
                args.add(parseExpression());
            }
            in.expectPunct(')');
            return new Expr.Row(args, open.start());
        }
        in.expectPunct(')');
        return e;
    }

    private Expr parseWordExpression(Token t) {
        String w = t.text();
        switch (w) {
            case "true", "false" -> {
                in.next();
                return new Expr.Literal(LiteralKind.BOOLEAN, w, t.start());
            }
            case "null" -> {
                in.next();
                return new Expr.Literal(LiteralKind.NULL, "null", t.start());
            }
            case "case" -> {
                return parseCase();
            }
            case "cast" -> {
                in.next();
                in.expectPunct('(');
                Expr arg = parseExpression();
                in.expectWord("as");
                TypeName type = parseTypeName();
                in.expectPunct(')');
                return new Expr.TypeCast(arg, type, t.start());
            }
            case "coalesce", "greatest", "least", "nullif" -> {
                if (in.peek(1).isPunct('(')) {
                    in.next();
                    in.next();
                    List<Expr> args = parseExpressionList();
                    in.expectPunct(')');
                    return new Expr.SpecialForm(w, args, t.start());
                }
            }
            case "current_date", "current_timestamp", "current_time", "localtimestamp", "localtime", "current_user",
                 "current_role",
                 "session_user", "user", "current_catalog" -> {
                in.next();
                if ((w.equals("current_timestamp") || w.equals("localtimestamp") || w.equals("localtime")
                    || w.equals("current_time")) && in.peek().isPunct('(')) {
                    in.next();
                    Token p = in.next();
                    if (p.kind() != Token.Kind.INTEGER) {
                        throw in.syntaxError(p);
                    }
                    in.expectPunct(')');
                    return new Expr.TypeCast(new Expr.SqlValueFunction(w, t.start()),
                        new TypeName(List.of(w.equals("localtimestamp") ? "timestamp" : w.equals("localtime") ? "time"
                            : w.equals("current_time") ? "timetz" : "timestamptz"),
                            List.of(Integer.parseInt(p.text())), null, t.start()), t.start());
                }
                return new Expr.SqlValueFunction(w, t.start());
            }
            case "current_schema" -> {
                if (!in.peek(1).isPunct('(')) {
                    in.next();
                    return new Expr.SqlValueFunction(w, t.start());
                }
            }
            case "exists" -> {
                if (in.peek(1).isPunct('(') && atSubquery(2)) {
                    in.next();
                    return new Expr.SubLink(Expr.SubLinkKind.EXISTS, null, null, parseSubquery(), t.start());
                }
                throw in.syntaxError(in.peek(1));
            }
            case "array" -> {
                if (in.peek(1).isPunct('(') && atSubquery(2)) {
                    in.next();
                    return new Expr.SubLink(Expr.SubLinkKind.ARRAY, null, null, parseSubquery(), t.start());
                }
                if (!in.peek(1).isPunct('[')) {
                    throw in.notSupported(t, "ARRAY");
                }
                in.next();
                in.next();
                List<Expr> elements = in.peek().isPunct(']') ? List.of() : parseExpressionList();
                in.expectPunct(']');
                return new Expr.ArrayConstructor(elements, t.start());
            }
            case "row" -> {
                if (in.peek(1).isPunct('(')) {
                    in.next();
                    in.next();
                    List<Expr> args = in.peek().isPunct(')') ? List.of() : parseExpressionList();
                    in.expectPunct(')');
                    return new Expr.Row(args, t.start());
                }
            }
            case "position" -> {
                if (in.peek(1).isPunct('(')) {
                    return parsePosition(t);
                }
            }
            case "substring" -> {
                if (in.peek(1).isPunct('(')) {
                    return parseSubstring(t);
                }
            }
            case "overlay" -> {
                if (in.peek(1).isPunct('(')) {
                    // overlay(a PLACING b FROM n [FOR m]) is overlay(a, b, n [, m])
                    in.next();
                    in.expectPunct('(');
                    List<Expr> args = new ArrayList<>();
                    args.add(parseExpression());
                    if (in.acceptWord("placing")) {
                        args.add(parseExpression());
                        in.expectWord("from");
                        args.add(parseExpression());
                        if (in.acceptWord("for")) {
                            args.add(parseExpression());
                        }
                    } else {
                        while (in.acceptPunct(',')) {
                            args.add(parseExpression());
                        }
                    }
                    in.expectPunct(')');
                    return new Expr.FuncCall(List.of("overlay"), args, false, false, t.start());
                }
            }
            case "trim" -> {
                if (in.peek(1).isPunct('(')) {
                    return parseTrim(t);
                }
            }
            case "extract" -> {
                if (in.peek(1).isPunct('(')) {
                    return parseExtract(t);
                }
            }
            default -> {
                // fall through to the generic forms below
            }
        }
        Expr typed = tryTypedLiteral();
        if (typed != null) {
            return typed;
        }
        if (Keywords.isReserved(w)) {
            throw in.syntaxError(t);
        }
        return parseNameExpression();
    }

    /** type 'string': interval '1 day', date '2020-01-01', int4 '1', double precision '1.5'. */
    private Expr tryTypedLiteral() {
        int save = in.position();
        Token start = in.peek();
        if (Keywords.isReserved(start.text()) || in.peek(1).isPunct('(') && !isSqlTypeKeyword(start.text())) {
            return null;
        }
        try {
            TypeName type = parseTypeName();
            Token s = in.peek();
            if (s.kind() == Token.Kind.STRING) {
                in.next();
                String field = type.intervalField();
                if (type.name().equals("interval")) {
                    field = parseIntervalQualifier();
                    type = new TypeName(type.names(), type.modifiers(), field, type.location());
                }
                return new Expr.TypeCast(new Expr.Literal(LiteralKind.STRING, s.text(), s.start()), type, start.start());
            }
        } catch (org.tuskdb.api.DatabaseException e) {
            // not a type name: an ordinary identifier
        }
        in.reset(save);
        return null;
    }

    private static boolean isSqlTypeKeyword(String w) {
        return switch (w) {
            case "char", "character", "varchar", "numeric", "decimal", "dec", "float", "timestamp", "time", "interval",
                 "bit", "national", "nchar" -> true;
            default -> false;
        };
    }

    /** Optional YEAR / MONTH / DAY / HOUR / MINUTE / SECOND [TO ...] after an interval literal. */
    private String parseIntervalQualifier() {
        String field = null;
        Token t = in.peek();
        if (isIntervalField(t)) {
            in.next();
            field = t.text();
            if (field.equals("second") && in.acceptPunct('(')) {
                in.next();
                in.expectPunct(')');
            }
            if (in.acceptWord("to")) {
                Token last = in.next();
                if (!isIntervalField(last)) {
                    throw in.syntaxError(last);
                }
                field = last.text();
                if (field.equals("second") && in.acceptPunct('(')) {
                    in.next();
                    in.expectPunct(')');
                }
            }
        }
        return field;
    }

    private static boolean isIntervalField(Token t) {
        return t.kind() == Token.Kind.WORD && switch (t.text()) {
            case "year", "month", "day", "hour", "minute", "second" -> true;
            default -> false;
        };
    }

    /** Column reference, qualified name, or function call. */
    private Expr parseNameExpression() {
        Token first = in.peek();
        List<String> names = new ArrayList<>();
        names.add(in.expectLabel());
        while (in.peek().isPunct('.')) {
            in.next();
            Token t = in.peek();
            if (t.isOp("*")) {
                in.next();
                return new Expr.Star(names, first.start());
            }
            names.add(in.expectLabel());
        }
        if (in.peek().isPunct('(')) {
            return parseFunctionCall(names, first);
        }
        if (names.size() == 1 && first.kind() == Token.Kind.WORD && !Keywords.canBeColumnName(first.text())) {
            throw in.syntaxError(first);
        }
        return new Expr.ColumnRef(names, first.start());
    }

    /** func_arg_list: positional arguments, then any in named notation (name => value, name := value). */
    private List<Expr> parseFunctionArguments() {
        List<Expr> list = new ArrayList<>();
        do {
            Token t = in.peek();
            Token arrow = in.peek(1);
            if ((t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) && arrow.kind() == Token.Kind.OP
                && (arrow.text().equals("=>") || arrow.text().equals(":="))) {
                String name = in.expectColId();
                in.next();
                list.add(new Expr.NamedArg(name, parseExpression(), t.start()));
            } else if (t.isWord("variadic")) {
                in.next();
                list.add(new Expr.VariadicArg(parseExpression(), t.start()));
                if (in.peek().isPunct(',')) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \",\"",
                        in.characterPosition(in.peek().start()));
                }
            } else {
                list.add(parseExpression());
            }
        } while (in.acceptPunct(','));
        return list;
    }

    /** A call's parenthesized part and what follows it (FILTER, OVER); the names are read. */
    Expr parseFunctionCall(List<String> names, Token first) {
        in.expectPunct('(');
        boolean star = false;
        boolean distinct = false;
        List<Expr> args = List.of();
        List<Statement.SortBy> order = List.of();
        if (in.peek().isOp("*")) {
            in.next();
            star = true;
        } else if (!in.peek().isPunct(')')) {
            distinct = in.acceptWord("distinct");
            if (!distinct) {
                in.acceptWord("all");
            }
            args = parseFunctionArguments();
            if (in.peek().isWord("order")) {
                if (subqueries == null) {
                    throw in.notSupported(in.peek(), "ORDER BY in function arguments");
                }
                in.next();
                in.expectWord("by");
                order = subqueries.parseSortList();
            }
        }
        in.expectPunct(')');
        boolean withinGroup = false;
        if (in.peek().isWord("within") && in.peek(1).isWord("group")) {
            Token w = in.next();
            if (star || distinct || !order.isEmpty() || subqueries == null) {
                throw in.syntaxError(w);
            }
            in.next();
            in.expectPunct('(');
            in.expectWord("order");
            in.expectWord("by");
            order = subqueries.parseSortList();
            in.expectPunct(')');
            withinGroup = true;
        }
        Expr filter = null;
        if (in.peek().isWord("filter") && in.peek(1).isPunct('(')) {
            in.next();
            in.next();
            in.expectWord("where");
            filter = parseExpression();
            in.expectPunct(')');
        }
        Expr.WindowSpec over = null;
        if (in.peek().isWord("over")) {
            Token o = in.next();
            if (subqueries == null) {
                throw in.notSupported(o, "OVER");
            }
            if (!in.peek().isPunct('(')) {
                Token name = in.peek();
                over = new Expr.WindowSpec(in.expectColId(), List.of(), List.of(), null, name.start());
            } else {
                over = parseWindowSpec();
            }
        }
        return new Expr.FuncCall(names, args, star, distinct, order, filter, over, first.start(), withinGroup);
    }

    /** ( [existing window] [PARTITION BY ...] [ORDER BY ...] [frame] ), the parenthesis next. */
    Expr.WindowSpec parseWindowSpec() {
        {
            Token open = in.expectPunct('(');
            String ref = null;
            Token t = in.peek();
            if ((t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) && !t.isWord("partition")
                && !t.isWord("order") && !t.isWord("rows") && !t.isWord("range") && !t.isWord("groups")) {
                ref = in.expectColId();
            }
            List<Expr> partition = List.of();
            List<Statement.SortBy> worder = List.of();
            if (in.acceptWord("partition")) {
                in.expectWord("by");
                partition = parseExpressionList();
            }
            if (in.peek().isWord("order")) {
                in.next();
                in.expectWord("by");
                worder = subqueries.parseSortList();
            }
            WindowFrame<Expr> frame = null;
            if (in.peek().isWord("rows") || in.peek().isWord("range") || in.peek().isWord("groups")) {
                frame = parseFrame();
            }
            in.expectPunct(')');
            return new Expr.WindowSpec(ref, partition, worder, frame, open.start());
        }
    }

    /** opt_frame_clause: mode, one bound or BETWEEN two, EXCLUDE; the grammar's checks of the bounds (42P20). */
    private WindowFrame<Expr> parseFrame() {
        WindowFrame.Mode mode = WindowFrame.Mode.valueOf(in.next().text().toUpperCase(java.util.Locale.ROOT));
        WindowFrame.Bound<Expr> start;
        WindowFrame.Bound<Expr> end;
        if (in.acceptWord("between")) {
            start = parseFrameBound();
            in.expectWord("and");
            end = parseFrameBound();
        } else {
            start = parseFrameBound();
            end = new WindowFrame.Bound<>(WindowFrame.BoundKind.CURRENT_ROW, null, start.location());
            if (start.kind() == WindowFrame.BoundKind.FOLLOWING) {
                throw frameError("frame starting from following row cannot end with current row", start);
            }
        }
        if (start.kind() == WindowFrame.BoundKind.UNBOUNDED_FOLLOWING) {
            throw frameError("frame start cannot be UNBOUNDED FOLLOWING", start);
        }
        if (end.kind() == WindowFrame.BoundKind.UNBOUNDED_PRECEDING) {
            throw frameError("frame end cannot be UNBOUNDED PRECEDING", end);
        }
        if (start.kind() == WindowFrame.BoundKind.CURRENT_ROW && end.kind() == WindowFrame.BoundKind.PRECEDING) {
            throw frameError("frame starting from current row cannot have preceding rows", end);
        }
        if (start.kind() == WindowFrame.BoundKind.FOLLOWING && (end.kind() == WindowFrame.BoundKind.PRECEDING
            || end.kind() == WindowFrame.BoundKind.CURRENT_ROW)) {
            throw frameError("frame starting from following row cannot have preceding rows", end);
        }
        WindowFrame.Exclusion exclusion = WindowFrame.Exclusion.NO_OTHERS;
        if (in.acceptWord("exclude")) {
            if (in.acceptWord("current")) {
                in.expectWord("row");
                exclusion = WindowFrame.Exclusion.CURRENT_ROW;
            } else if (in.acceptWord("group")) {
                exclusion = WindowFrame.Exclusion.GROUP;
            } else if (in.acceptWord("ties")) {
                exclusion = WindowFrame.Exclusion.TIES;
            } else {
                in.expectWord("no");
                in.expectWord("others");
            }
        }
        return new WindowFrame<>(mode, start, end, exclusion);
    }

    private DatabaseException frameError(String message, WindowFrame.Bound<Expr> at) {
        return DatabaseException.atPosition("42P20", message, in.characterPosition(at.location()));
    }

    private WindowFrame.Bound<Expr> parseFrameBound() {
        Token t = in.peek();
        if (in.acceptWord("unbounded")) {
            if (in.acceptWord("preceding")) {
                return new WindowFrame.Bound<>(WindowFrame.BoundKind.UNBOUNDED_PRECEDING, null, t.start());
            }
            in.expectWord("following");
            return new WindowFrame.Bound<>(WindowFrame.BoundKind.UNBOUNDED_FOLLOWING, null, t.start());
        }
        if (in.acceptWord("current")) {
            in.expectWord("row");
            return new WindowFrame.Bound<>(WindowFrame.BoundKind.CURRENT_ROW, null, t.start());
        }
        Expr offset = parseExpression();
        if (in.acceptWord("preceding")) {
            return new WindowFrame.Bound<>(WindowFrame.BoundKind.PRECEDING, offset, t.start());
        }
        in.expectWord("following");
        return new WindowFrame.Bound<>(WindowFrame.BoundKind.FOLLOWING, offset, t.start());
    }

    private Expr parseCase() {
        Token start = in.next();
        Expr arg = null;
        if (!in.peek().isWord("when")) {
            arg = parseExpression();
        }
        List<Expr.When> whens = new ArrayList<>();
        while (in.peek().isWord("when")) {
            Token w = in.next();
            Expr condition = parseExpression();
            in.expectWord("then");
            whens.add(new Expr.When(condition, parseExpression(), w.start()));
        }
        if (whens.isEmpty()) {
            throw in.syntaxError(in.peek());
        }
        Expr otherwise = null;
        if (in.acceptWord("else")) {
            otherwise = parseExpression();
        }
        in.expectWord("end");
        return new Expr.Case(arg, whens, otherwise, start.start());
    }

    private Expr parsePosition(Token t) {
        in.next();
        in.expectPunct('(');
        Expr needle = parseOtherOp();
        in.expectWord("in");
        Expr haystack = parseOtherOp();
        in.expectPunct(')');
        return new Expr.FuncCall(List.of("position"), List.of(haystack, needle), false, false, t.start());
    }

    private Expr parseSubstring(Token t) {
        in.next();
        in.expectPunct('(');
        Expr s = parseExpression();
        List<Expr> args = new ArrayList<>();
        args.add(s);
        if (in.acceptPunct(',')) {
            args.addAll(parseExpressionList());
        } else if (in.acceptWord("from")) {
            args.add(parseExpression());
            if (in.acceptWord("for")) {
                args.add(parseExpression());
            }
        } else if (in.acceptWord("for")) {
            args.add(new Expr.Literal(LiteralKind.INTEGER, "1", -1));
            args.add(parseExpression());
        }
        in.expectPunct(')');
        return new Expr.FuncCall(List.of("substring"), args, false, false, t.start());
    }

    private Expr parseTrim(Token t) {
        in.next();
        in.expectPunct('(');
        String fn = "btrim";
        if (in.acceptWord("leading")) {
            fn = "ltrim";
        } else if (in.acceptWord("trailing")) {
            fn = "rtrim";
        } else {
            in.acceptWord("both");
        }
        Expr chars = null;
        Expr source;
        if (in.acceptWord("from")) {
            source = parseExpression();
        } else {
            Expr first = parseExpression();
            if (in.acceptWord("from")) {
                chars = first;
                source = parseExpression();
            } else if (in.acceptPunct(',')) {
                source = first;
                chars = parseExpression();
            } else {
                source = first;
            }
        }
        in.expectPunct(')');
        List<Expr> args = chars == null ? List.of(source) : List.of(source, chars);
        return new Expr.FuncCall(List.of(fn), args, false, false, t.start());
    }

    private Expr parseExtract(Token t) {
        in.next();
        in.expectPunct('(');
        Token field = in.next();
        String name;
        if (field.kind() == Token.Kind.WORD || field.kind() == Token.Kind.QUOTED_IDENT || field.kind() == Token.Kind.STRING) {
            name = field.text();
        } else {
            throw in.syntaxError(field);
        }
        in.expectWord("from");
        Expr source = parseExpression();
        in.expectPunct(')');
        return new Expr.FuncCall(List.of("extract"),
            List.of(new Expr.Literal(LiteralKind.STRING, name, field.start()), source), false, false, t.start());
    }

    // ---- type names -------------------------------------------------------------------------

    /** A type name with PostgreSQL's grammar renaming (SystemTypeName). */
    /** A part of a type's name; quoted "char" is the single-byte type, not SQL's char (bpchar). */
    private String typeNamePart() {
        Token p = in.peek();
        if (p.kind() == Token.Kind.QUOTED_IDENT && p.text().equals("char")) {
            in.next();
            return "\"char\"";
        }
        return in.expectLabel();
    }

    TypeName parseTypeName() {
        Token t = in.peek();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED_IDENT) {
            throw in.syntaxError(t);
        }
        TypeName type = t.kind() == Token.Kind.WORD ? parseSqlTypeName(t) : null;
        if (type == null) {
            List<String> names = new ArrayList<>();
            names.add(typeNamePart());
            while (in.peek().isPunct('.')) {
                in.next();
                names.add(typeNamePart());
            }
            type = new TypeName(names, parseModifiers(), null, t.start());
        }
        if (in.peek().isPunct('[')) {
            // int[], int[3], int[][]: all one array type, as in PostgreSQL
            while (in.acceptPunct('[')) {
                if (in.peek().kind() == Token.Kind.INTEGER) {
                    in.next();
                }
                in.expectPunct(']');
            }
            List<String> names = new ArrayList<>(type.names());
            names.set(names.size() - 1, names.get(names.size() - 1) + "[]");
            type = new TypeName(names, type.modifiers(), type.intervalField(), type.location());
        }
        return type;
    }

    private TypeName parseSqlTypeName(Token t) {
        String w = t.text();
        String name;
        List<Integer> mods = List.of();
        switch (w) {
            case "double" -> {
                if (!in.peek(1).isWord("precision")) {
                    return null;
                }
                in.next();
                in.next();
                name = "float8";
            }
            case "character", "char", "nchar" -> {
                in.next();
                boolean varying = in.acceptWord("varying");
                name = varying ? "varchar" : "bpchar";
                mods = parseModifiers();
                if (!varying && mods.isEmpty()) {
                    mods = List.of(1); // CHARACTER means CHARACTER(1)
                }
            }
            case "national" -> {
                in.next();
                in.expectWord("character");
                boolean varying = in.acceptWord("varying");
                name = varying ? "varchar" : "bpchar";
                mods = parseModifiers();
            }
            case "varchar" -> {
                in.next();
                name = "varchar";
                mods = parseModifiers();
            }
            case "int", "integer" -> {
                in.next();
                name = "int4";
            }
            case "smallint" -> {
                in.next();
                name = "int2";
            }
            case "bigint" -> {
                in.next();
                name = "int8";
            }
            case "real" -> {
                in.next();
                name = "float4";
            }
            case "float" -> {
                in.next();
                mods = parseModifiers();
                name = !mods.isEmpty() && mods.get(0) <= 24 ? "float4" : "float8";
                mods = List.of();
            }
            case "boolean" -> {
                in.next();
                name = "bool";
            }
            case "decimal", "dec", "numeric" -> {
                in.next();
                name = "numeric";
                mods = parseModifiers();
            }
            case "timestamp" -> {
                in.next();
                mods = parseModifiers();
                name = "timestamp";
                if (in.peek().isWord("with") && in.peek(1).isWord("time")) {
                    in.next();
                    in.next();
                    in.expectWord("zone");
                    name = "timestamptz";
                } else if (in.peek().isWord("without") && in.peek(1).isWord("time")) {
                    in.next();
                    in.next();
                    in.expectWord("zone");
                }
            }
            case "time" -> {
                in.next();
                mods = parseModifiers();
                name = "time";
                if (in.peek().isWord("with") && in.peek(1).isWord("time")) {
                    in.next();
                    in.next();
                    in.expectWord("zone");
                    name = "timetz";
                } else if (in.peek().isWord("without") && in.peek(1).isWord("time")) {
                    in.next();
                    in.next();
                    in.expectWord("zone");
                }
            }
            case "interval" -> {
                in.next();
                name = "interval";
                mods = parseModifiers();
                String field = in.peek(0).kind() == Token.Kind.STRING ? null : parseIntervalQualifier();
                return new TypeName(List.of(name), mods, field, t.start());
            }
            default -> {
                return null;
            }
        }
        return new TypeName(List.of(name), mods, null, t.start());
    }

    private List<Integer> parseModifiers() {
        if (!in.peek().isPunct('(')) {
            return List.of();
        }
        in.next();
        List<Integer> mods = new ArrayList<>();
        do {
            Token n = in.next();
            if (n.kind() != Token.Kind.INTEGER) {
                throw in.syntaxError(n);
            }
            mods.add(Integer.parseInt(n.text()));
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        return mods;
    }
}
