package org.tuskdb.sql.internal.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * A parsed SQL/JSON path (the jsonpath type): its mode and its expression as a tree of
 * {@link Node}s, each item followed by the accessor chain in {@code next}. Parsing follows
 * PostgreSQL 15's jsonpath grammar (keywords case-insensitive, predicates only where the grammar
 * allows them, {@code @} only inside filters, {@code last} only inside subscripts, like_regex
 * patterns checked when the path is read); {@link #toString} prints the normalized form that
 * jsonpath_out prints: keys quoted, operators spaced, parentheses where priorities need them.
 * Evaluation is {@code function.JsonPathExecutor}'s.
 */
public final class JsonPath {
    /** The item kinds; the order of the binary ones does not matter, {@link #priority} does. */
    public enum Kind {
        NULL, STRING, NUMERIC, BOOL, ROOT, CURRENT, VARIABLE, LAST,
        KEY, ANY_KEY, ANY_ARRAY, INDEX_ARRAY, ANY, FILTER, METHOD, DATETIME,
        AND, OR, NOT, IS_UNKNOWN, EXISTS, EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL,
        STARTS_WITH, LIKE_REGEX, ADD, SUB, MUL, DIV, MOD, PLUS, MINUS
    }

    /** "last" as a .** level bound (PostgreSQL's PG_UINT32_MAX). */
    public static final long LAST_LEVEL = 0xFFFFFFFFL;

    /** like_regex flags, in the order jsonpath_out prints them. */
    public static final int FLAG_I = 1, FLAG_S = 2, FLAG_M = 4, FLAG_X = 8, FLAG_Q = 16;

    /**
     * One path item. {@code text}: key, variable name, string literal, method name or regex
     * pattern; {@code number}: numeric literal; {@code left}/{@code right}: operands (a filter's,
     * NOT's, EXISTS', unary's and DATETIME's single argument is {@code left}); {@code subscripts}:
     * pairs from/to (to null for a single index); {@code first}/{@code last}: .** levels.
     */
    public static final class Node {
        public final Kind kind;
        public String text;
        public BigDecimal number;
        public boolean bool;
        public Node left;
        public Node right;
        public List<Node[]> subscripts;
        public long first;
        public long last;
        public int flags;
        public Pattern pattern;
        public Node next;
        /** A predicate (boolean item), for the grammar's checks. */
        final boolean predicate;

        Node(Kind kind) {
            this.kind = kind;
            this.predicate = switch (kind) {
                case AND, OR, NOT, IS_UNKNOWN, EXISTS, EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL,
                     GREATER_OR_EQUAL, STARTS_WITH, LIKE_REGEX -> true;
                default -> false;
            };
        }
    }

    private final boolean lax;
    private final Node root;
    private String printed;

    private JsonPath(boolean lax, Node root) {
        this.lax = lax;
        this.root = root;
    }

    public boolean lax() {
        return lax;
    }

    public Node root() {
        return root;
    }

    /** Parses jsonpath input; errors are PostgreSQL's (42601 for syntax, 22P02 for empty input, 2201B for a bad regex). */
    public static JsonPath parse(String text) {
        Parser p = new Parser(text);
        JsonPath path = p.path();
        check(path.root, 0, false);
        return path;
    }

    /** The checks PostgreSQL makes while flattening the parsed path. */
    private static void check(Node n, int nesting, boolean inSubscript) {
        for (Node item = n; item != null; item = item.next) {
            switch (item.kind) {
                case CURRENT -> {
                    if (nesting <= 0) {
                        throw DatabaseException.error(SqlState.SYNTAX_ERROR, "@ is not allowed in root expressions");
                    }
                }
                case LAST -> {
                    if (!inSubscript) {
                        throw DatabaseException.error(SqlState.SYNTAX_ERROR, "LAST is allowed only in array subscripts");
                    }
                }
                case INDEX_ARRAY -> {
                    for (Node[] s : item.subscripts) {
                        check(s[0], nesting, true);
                        if (s[1] != null) {
                            check(s[1], nesting, true);
                        }
                    }
                }
                case FILTER -> check(item.left, nesting + 1, inSubscript);
                default -> {
                    if (item.left != null) {
                        check(item.left, nesting, inSubscript);
                    }
                    if (item.right != null) {
                        check(item.right, nesting, inSubscript);
                    }
                }
            }
        }
    }

    // ---- output -------------------------------------------------------------------------------

    @Override
    public String toString() {
        String s = printed;
        if (s == null) {
            StringBuilder sb = new StringBuilder();
            if (!lax) {
                sb.append("strict ");
            }
            print(sb, root, false, true);
            s = sb.toString();
            printed = s;
        }
        return s;
    }

    private static int priority(Kind k) {
        return switch (k) {
            case OR -> 0;
            case AND -> 1;
            case EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL, STARTS_WITH -> 2;
            case ADD, SUB -> 3;
            case MUL, DIV, MOD -> 4;
            case PLUS, MINUS -> 5;
            default -> 6;
        };
    }

    public static String operatorName(Kind k) {
        return switch (k) {
            case AND -> "&&";
            case OR -> "||";
            case EQUAL -> "==";
            case NOT_EQUAL -> "!=";
            case LESS -> "<";
            case GREATER -> ">";
            case LESS_OR_EQUAL -> "<=";
            case GREATER_OR_EQUAL -> ">=";
            case ADD, PLUS -> "+";
            case SUB, MINUS -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case MOD -> "%";
            case STARTS_WITH -> "starts with";
            default -> k.name().toLowerCase(Locale.ROOT);
        };
    }

    private static void print(StringBuilder sb, Node v, boolean inKey, boolean brackets) {
        switch (v.kind) {
            case NULL -> sb.append("null");
            case STRING -> Json.quote(sb, v.text);
            case NUMERIC -> {
                if (v.next != null) {
                    sb.append('(');
                }
                sb.append(v.number.toPlainString());
                if (v.next != null) {
                    sb.append(')');
                }
            }
            case BOOL -> sb.append(v.bool ? "true" : "false");
            case AND, OR, EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL, ADD, SUB, MUL, DIV, MOD,
                 STARTS_WITH -> {
                if (brackets) {
                    sb.append('(');
                }
                print(sb, v.left, false, priority(v.left.kind) <= priority(v.kind));
                sb.append(' ').append(operatorName(v.kind)).append(' ');
                print(sb, v.right, false, priority(v.right.kind) <= priority(v.kind));
                if (brackets) {
                    sb.append(')');
                }
            }
            case NOT -> {
                sb.append("!(");
                print(sb, v.left, false, false);
                sb.append(')');
            }
            case IS_UNKNOWN -> {
                sb.append('(');
                print(sb, v.left, false, false);
                sb.append(") is unknown");
            }
            case PLUS, MINUS -> {
                if (brackets) {
                    sb.append('(');
                }
                sb.append(v.kind == Kind.PLUS ? '+' : '-');
                print(sb, v.left, false, priority(v.left.kind) <= priority(v.kind));
                if (brackets) {
                    sb.append(')');
                }
            }
            case ANY_ARRAY -> sb.append("[*]");
            case ANY_KEY -> {
                if (inKey) {
                    sb.append('.');
                }
                sb.append('*');
            }
            case INDEX_ARRAY -> {
                sb.append('[');
                for (int i = 0; i < v.subscripts.size(); i++) {
                    Node[] s = v.subscripts.get(i);
                    if (i > 0) {
                        sb.append(',');
                    }
                    print(sb, s[0], false, false);
                    if (s[1] != null) {
                        sb.append(" to ");
                        print(sb, s[1], false, false);
                    }
                }
                sb.append(']');
            }
            case ANY -> {
                if (inKey) {
                    sb.append('.');
                }
                if (v.first == 0 && v.last == LAST_LEVEL) {
                    sb.append("**");
                } else if (v.first == v.last) {
                    sb.append(v.first == LAST_LEVEL ? "**{last}" : "**{" + v.first + "}");
                } else if (v.first == LAST_LEVEL) {
                    sb.append("**{last to ").append(v.last).append('}');
                } else if (v.last == LAST_LEVEL) {
                    sb.append("**{").append(v.first).append(" to last}");
                } else {
                    sb.append("**{").append(v.first).append(" to ").append(v.last).append('}');
                }
            }
            case KEY -> {
                if (inKey) {
                    sb.append('.');
                }
                Json.quote(sb, v.text);
            }
            case CURRENT -> sb.append('@');
            case ROOT -> sb.append('$');
            case LAST -> sb.append("last");
            case VARIABLE -> {
                sb.append('$');
                Json.quote(sb, v.text);
            }
            case FILTER -> {
                sb.append("?(");
                print(sb, v.left, false, false);
                sb.append(')');
            }
            case EXISTS -> {
                sb.append("exists (");
                print(sb, v.left, false, false);
                sb.append(')');
            }
            case METHOD -> sb.append('.').append(v.text).append("()");
            case DATETIME -> {
                sb.append(".datetime(");
                if (v.left != null) {
                    print(sb, v.left, false, false);
                }
                sb.append(')');
            }
            case LIKE_REGEX -> {
                if (brackets) {
                    sb.append('(');
                }
                print(sb, v.left, false, priority(v.left.kind) <= priority(v.kind));
                sb.append(" like_regex ");
                Json.quote(sb, v.text);
                if (v.flags != 0) {
                    sb.append(" flag \"");
                    if ((v.flags & FLAG_I) != 0) {
                        sb.append('i');
                    }
                    if ((v.flags & FLAG_S) != 0) {
                        sb.append('s');
                    }
                    if ((v.flags & FLAG_M) != 0) {
                        sb.append('m');
                    }
                    if ((v.flags & FLAG_X) != 0) {
                        sb.append('x');
                    }
                    if ((v.flags & FLAG_Q) != 0) {
                        sb.append('q');
                    }
                    sb.append('"');
                }
                if (brackets) {
                    sb.append(')');
                }
            }
        }
        if (v.next != null) {
            print(sb, v.next, true, true);
        }
    }

    // ---- input --------------------------------------------------------------------------------

    private enum T { EOF, IDENT, STRING, NUMBER, VARIABLE, OP }

    /** Lexer and recursive-descent parser over PostgreSQL's jsonpath grammar. */
    private static final class Parser {
        private static final String SPECIAL = "?%$.[]{}()|&!=<>@#,*:-+/\\\"";
        private final String s;
        private int pos;
        // the current token
        private T type;
        private String tok;      // identifier / operator text, string value, variable name
        private String raw;      // the token as written, for error messages
        private BigDecimal num;

        Parser(String s) {
            this.s = s;
            advance();
        }

        JsonPath path() {
            boolean lax = true;
            if (type == T.EOF) {
                throw DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type jsonpath: \"" + s + "\"");
            }
            if (isKeyword("strict") || isKeyword("lax")) {
                lax = isKeyword("lax");
                advance();
            }
            Node n = or();
            if (type != T.EOF) {
                throw syntax();
            }
            return new JsonPath(lax, n);
        }

        private DatabaseException syntax() {
            if (type == T.EOF) {
                return DatabaseException.error(SqlState.SYNTAX_ERROR, "syntax error at end of jsonpath input");
            }
            return DatabaseException.error(SqlState.SYNTAX_ERROR,
                "syntax error at or near \"" + raw + "\" of jsonpath input");
        }

        private boolean isOp(String op) {
            return type == T.OP && tok.equals(op);
        }

        private boolean isKeyword(String kw) {
            return type == T.IDENT && tok.equalsIgnoreCase(kw);
        }

        private void expect(String op) {
            if (!isOp(op)) {
                throw syntax();
            }
            advance();
        }

        private Node requirePredicate(Node n) {
            if (!n.predicate) {
                throw syntax();
            }
            return n;
        }

        private static Node binary(Kind k, Node l, Node r) {
            Node n = new Node(k);
            n.left = l;
            n.right = r;
            return n;
        }

        Node or() {
            return predicateChain(this::and, "||", Kind.OR);
        }

        Node and() {
            return predicateChain(this::not, "&&", Kind.AND);
        }

        /** operand (op operand)*, left-associative, every operand a predicate. */
        private Node predicateChain(java.util.function.Supplier<Node> operand, String op, Kind kind) {
            Node l = operand.get();
            while (isOp(op)) {
                requirePredicate(l);
                advance();
                l = binary(kind, l, requirePredicate(operand.get()));
            }
            return l;
        }

        Node not() {
            if (isOp("!")) {
                advance();
                // NOT takes a delimited predicate: (predicate) or exists (...)
                if (!isOp("(") && !isKeyword("exists")) {
                    throw syntax();
                }
                Node arg = unary();
                if (!arg.predicate) {
                    throw syntax();
                }
                Node n = new Node(Kind.NOT);
                n.left = arg;
                return n;
            }
            return comparison();
        }

        Node comparison() {
            Node l = additive();
            Kind k = comparisonKind();
            if (k != null) {
                if (l.predicate) {
                    throw syntax();
                }
                advance();
                Node r = additive();
                if (r.predicate) {
                    throw syntax();
                }
                return binary(k, l, r);
            }
            if (isKeyword("starts")) {
                if (l.predicate) {
                    throw syntax();
                }
                advance();
                if (!isKeyword("with")) {
                    throw syntax();
                }
                advance();
                Node r;
                if (type == T.STRING) {
                    r = new Node(Kind.STRING);
                    r.text = tok;
                } else if (type == T.VARIABLE) {
                    r = new Node(Kind.VARIABLE);
                    r.text = tok;
                } else {
                    throw syntax();
                }
                advance();
                return binary(Kind.STARTS_WITH, l, r);
            }
            if (isKeyword("like_regex")) {
                if (l.predicate) {
                    throw syntax();
                }
                advance();
                if (type != T.STRING) {
                    throw syntax();
                }
                Node n = new Node(Kind.LIKE_REGEX);
                n.left = l;
                n.text = tok;
                advance();
                if (isKeyword("flag")) {
                    advance();
                    if (type != T.STRING) {
                        throw syntax();
                    }
                    n.flags = regexFlags(tok);
                    advance();
                }
                n.pattern = compile(n.text, n.flags);
                return n;
            }
            if (isKeyword("is")) {
                if (!l.predicate) {
                    throw syntax();
                }
                advance();
                if (!isKeyword("unknown")) {
                    throw syntax();
                }
                advance();
                Node n = new Node(Kind.IS_UNKNOWN);
                n.left = l;
                return n;
            }
            return l;
        }

        private Kind comparisonKind() {
            if (type != T.OP) {
                return null;
            }
            return switch (tok) {
                case "==" -> Kind.EQUAL;
                case "!=", "<>" -> Kind.NOT_EQUAL;
                case "<" -> Kind.LESS;
                case ">" -> Kind.GREATER;
                case "<=" -> Kind.LESS_OR_EQUAL;
                case ">=" -> Kind.GREATER_OR_EQUAL;
                default -> null;
            };
        }

        Node additive() {
            return arithmeticChain(this::multiplicative, () -> isOp("+") ? Kind.ADD : isOp("-") ? Kind.SUB : null);
        }

        Node multiplicative() {
            return arithmeticChain(this::unary,
                () -> isOp("*") ? Kind.MUL : isOp("/") ? Kind.DIV : isOp("%") ? Kind.MOD : null);
        }

        /** operand (op operand)*, left-associative, no operand a predicate; operator() names the current token's. */
        private Node arithmeticChain(java.util.function.Supplier<Node> operand, java.util.function.Supplier<Kind> operator) {
            Node l = operand.get();
            for (Kind k = operator.get(); k != null; k = operator.get()) {
                if (l.predicate) {
                    throw syntax();
                }
                advance();
                Node r = operand.get();
                if (r.predicate) {
                    throw syntax();
                }
                l = binary(k, l, r);
            }
            return l;
        }

        Node unary() {
            if (isOp("+") || isOp("-")) {
                boolean minus = isOp("-");
                advance();
                Node a = unary();
                if (a.predicate) {
                    throw syntax();
                }
                // a sign on a bare number folds into the literal, as PostgreSQL's parser does
                if (a.kind == Kind.NUMERIC && a.next == null) {
                    if (minus) {
                        a.number = a.number.negate();
                    }
                    return a;
                }
                Node n = new Node(minus ? Kind.MINUS : Kind.PLUS);
                n.left = a;
                return n;
            }
            return accessorExpr();
        }

        Node accessorExpr() {
            Node head;
            if (isOp("(")) {
                advance();
                head = or();
                expect(")");
                if (!startsAccessor()) {
                    return head; // a parenthesized expression or predicate, as it is
                }
            } else if (isKeyword("exists")) {
                advance();
                expect("(");
                Node arg = or();
                if (arg.predicate) {
                    throw syntax();
                }
                expect(")");
                Node n = new Node(Kind.EXISTS);
                n.left = arg;
                return n;
            } else {
                head = primary();
            }
            Node tail = head;
            while (tail.next != null) {
                tail = tail.next;
            }
            while (startsAccessor()) {
                Node a = accessor();
                tail.next = a;
                tail = a;
            }
            return head;
        }

        private boolean startsAccessor() {
            return isOp(".") || isOp("[") || isOp("?");
        }

        Node primary() {
            Node n;
            switch (type) {
                case STRING -> {
                    n = new Node(Kind.STRING);
                    n.text = tok;
                }
                case NUMBER -> {
                    n = new Node(Kind.NUMERIC);
                    n.number = num;
                }
                case VARIABLE -> {
                    n = new Node(Kind.VARIABLE);
                    n.text = tok;
                }
                case OP -> {
                    if (tok.equals("$")) {
                        n = new Node(Kind.ROOT);
                    } else if (tok.equals("@")) {
                        n = new Node(Kind.CURRENT);
                    } else {
                        throw syntax();
                    }
                }
                case IDENT -> {
                    String k = tok.toLowerCase(Locale.ROOT);
                    switch (k) {
                        case "null" -> n = new Node(Kind.NULL);
                        case "true", "false" -> {
                            n = new Node(Kind.BOOL);
                            n.bool = k.equals("true");
                        }
                        case "last" -> n = new Node(Kind.LAST);
                        default -> throw syntax();
                    }
                }
                default -> throw syntax();
            }
            advance();
            return n;
        }

        private static final List<String> METHODS = List.of("type", "size", "abs", "floor", "ceiling", "double",
            "keyvalue");

        Node accessor() {
            if (isOp("?")) {
                advance();
                expect("(");
                Node pred = requirePredicate(or());
                expect(")");
                Node n = new Node(Kind.FILTER);
                n.left = pred;
                return n;
            }
            if (isOp("[")) {
                advance();
                if (isOp("*")) {
                    advance();
                    expect("]");
                    return new Node(Kind.ANY_ARRAY);
                }
                Node n = new Node(Kind.INDEX_ARRAY);
                n.subscripts = new ArrayList<>();
                while (true) {
                    Node from = additive();
                    if (from.predicate) {
                        throw syntax();
                    }
                    Node to = null;
                    if (isKeyword("to")) {
                        advance();
                        to = additive();
                        if (to.predicate) {
                            throw syntax();
                        }
                    }
                    n.subscripts.add(new Node[] {from, to});
                    if (isOp(",")) {
                        advance();
                        continue;
                    }
                    expect("]");
                    return n;
                }
            }
            expect(".");
            if (isOp("*")) {
                advance();
                return new Node(Kind.ANY_KEY);
            }
            if (isOp("**")) {
                advance();
                Node n = new Node(Kind.ANY);
                n.first = 0;
                n.last = LAST_LEVEL;
                if (isOp("{")) {
                    advance();
                    n.first = level();
                    n.last = n.first;
                    if (isKeyword("to")) {
                        advance();
                        n.last = level();
                    }
                    expect("}");
                }
                return n;
            }
            if (type == T.STRING) {
                Node n = new Node(Kind.KEY);
                n.text = tok;
                advance();
                return n;
            }
            if (type != T.IDENT) {
                throw syntax();
            }
            String name = tok;
            String lower = name.toLowerCase(Locale.ROOT);
            advance();
            if (isOp("(") && (METHODS.contains(lower) || lower.equals("datetime"))) {
                advance();
                Node n = new Node(lower.equals("datetime") ? Kind.DATETIME : Kind.METHOD);
                n.text = lower;
                if (n.kind == Kind.DATETIME && type == T.STRING) {
                    Node template = new Node(Kind.STRING);
                    template.text = tok;
                    n.left = template;
                    advance();
                }
                expect(")");
                return n;
            }
            Node n = new Node(Kind.KEY);
            n.text = name;
            return n;
        }

        private long level() {
            if (isKeyword("last")) {
                advance();
                return LAST_LEVEL;
            }
            if (type != T.NUMBER || num.scale() > 0 || num.signum() < 0) {
                throw syntax();
            }
            long v = num.longValue();
            advance();
            return v;
        }

        private static int regexFlags(String f) {
            int flags = 0;
            for (int i = 0; i < f.length(); i++) {
                switch (f.charAt(i)) {
                    case 'i' -> flags |= FLAG_I;
                    case 's' -> flags |= FLAG_S;
                    case 'm' -> flags |= FLAG_M;
                    case 'x' -> flags |= FLAG_X;
                    case 'q' -> flags |= FLAG_Q;
                    default -> throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                        "invalid input syntax for type jsonpath")
                        .withDetail("Unrecognized flag character \"" + f.charAt(i) + "\" in LIKE_REGEX predicate.");
                }
            }
            return flags;
        }

        private static Pattern compile(String re, int flags) {
            int jf = 0;
            if ((flags & FLAG_I) != 0) {
                jf |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            }
            if ((flags & FLAG_S) != 0) {
                jf |= Pattern.DOTALL;
            }
            if ((flags & FLAG_M) != 0) {
                jf |= Pattern.MULTILINE;
            }
            if ((flags & FLAG_X) != 0) {
                jf |= Pattern.COMMENTS;
            }
            if ((flags & FLAG_Q) != 0) {
                jf |= Pattern.LITERAL;
            }
            try {
                return Pattern.compile(re, jf);
            } catch (PatternSyntaxException e) {
                throw Errors.invalidRegularExpression(e);
            }
        }

        // ---- lexer ----

        private void advance() {
            while (pos < s.length() && isSpace(s.charAt(pos))) {
                pos++;
            }
            if (pos >= s.length()) {
                type = T.EOF;
                tok = raw = "";
                return;
            }
            int start = pos;
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                tok = string();
                type = T.STRING;
                raw = "\"";
                return;
            }
            if (c == '$') {
                pos++;
                if (pos < s.length() && s.charAt(pos) == '"') {
                    pos++;
                    tok = string();
                    type = T.VARIABLE;
                    raw = s.substring(start, pos);
                    return;
                }
                int b = pos;
                while (pos < s.length() && isOther(s.charAt(pos))) {
                    pos++;
                }
                if (pos > b) {
                    tok = s.substring(b, pos);
                    type = T.VARIABLE;
                    raw = s.substring(start, pos);
                    return;
                }
                type = T.OP;
                tok = raw = "$";
                return;
            }
            if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))
                && !afterAccessorDot())) {
                number();
                return;
            }
            if (SPECIAL.indexOf(c) >= 0) {
                String two = pos + 1 < s.length() ? s.substring(pos, pos + 2) : "";
                switch (two) {
                    case "==", "!=", "<>", "<=", ">=", "&&", "||", "**" -> {
                        pos += 2;
                        type = T.OP;
                        tok = raw = two;
                        return;
                    }
                    default -> { }
                }
                pos++;
                type = T.OP;
                tok = raw = String.valueOf(c);
                return;
            }
            while (pos < s.length() && isOther(s.charAt(pos))) {
                pos++;
            }
            type = T.IDENT;
            tok = raw = s.substring(start, pos);
        }

        /** A '.' right after an item is an accessor, not the start of a number like .5. */
        private boolean afterAccessorDot() {
            int i = pos - 1;
            while (i >= 0 && isSpace(s.charAt(i))) {
                i--;
            }
            if (i < 0) {
                return false;
            }
            char p = s.charAt(i);
            return p == '$' || p == '@' || p == ')' || p == ']' || p == '"' || isOther(p);
        }

        private void number() {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String whole = s.substring(start, pos);
            String fraction = "";
            if (pos < s.length() && s.charAt(pos) == '.') {
                int dot = pos++;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                fraction = s.substring(dot + 1, pos);
            }
            String exponent = "";
            if (pos < s.length() && isExponent(pos)) {
                int e = pos++;
                if (s.charAt(pos) == '+' || s.charAt(pos) == '-') {
                    pos++;
                }
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                exponent = s.substring(e, pos);
            }
            if (pos < s.length() && isOther(s.charAt(pos))) {
                int end = pos;
                while (end < s.length() && isOther(s.charAt(end))) {
                    end++;
                }
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "trailing junk after numeric literal at or near \""
                    + s.substring(start, end) + "\" of jsonpath input");
            }
            // numeric_in's scale: the digits written after the point, less the exponent, never below 0
            BigDecimal v = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction)
                + exponent);
            num = v.scale() < 0 ? v.setScale(0) : v;
            type = T.NUMBER;
            tok = raw = s.substring(start, pos);
        }

        private boolean isExponent(int i) {
            char e = s.charAt(i);
            if (e != 'e' && e != 'E') {
                return false;
            }
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            return j < s.length() && Character.isDigit(s.charAt(j));
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                        "unexpected end of quoted string at end of jsonpath input");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                        "unexpected end after backslash at end of jsonpath input");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'v' -> sb.append('\u000B');
                    case 'x' -> sb.append((char) hex(2, 2));
                    case 'u' -> {
                        int cp;
                        if (pos < s.length() && s.charAt(pos) == '{') {
                            pos++;
                            cp = hex(1, 6);
                            if (pos >= s.length() || s.charAt(pos) != '}') {
                                throw badEscape();
                            }
                            pos++;
                        } else {
                            cp = hex(4, 4);
                        }
                        if (cp == 0) {
                            throw DatabaseException.error("22P05", "unsupported Unicode escape sequence")
                                .withDetail("\\u0000 cannot be converted to text.");
                        }
                        sb.appendCodePoint(cp);
                    }
                    default -> sb.append(e);
                }
            }
        }

        private int hex(int min, int max) {
            int v = 0;
            int n = 0;
            while (n < max && pos < s.length() && Character.digit(s.charAt(pos), 16) >= 0) {
                v = v * 16 + Character.digit(s.charAt(pos), 16);
                pos++;
                n++;
            }
            if (n < min) {
                throw badEscape();
            }
            return v;
        }

        private DatabaseException badEscape() {
            return DatabaseException.error(SqlState.SYNTAX_ERROR,
                "invalid Unicode escape sequence at or near \"" + s.substring(Math.max(0, pos - 2),
                    Math.min(s.length(), pos + 1)) + "\" of jsonpath input");
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        }

        private static boolean isOther(char c) {
            return !isSpace(c) && SPECIAL.indexOf(c) < 0;
        }
    }
}
