package org.tuskdb.sql.internal.value;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.tuskdb.api.DatabaseException;

/**
 * tsquery: a tree of operands (a lexeme with a weight mask and a prefix flag) under the operators
 * ! (NOT), &amp; (AND), | (OR) and &lt;N&gt; (PHRASE with distance N). An empty query has no root.
 *
 * <p>PostgreSQL stores the tree in "polish" order (an operator, its right operand, its left one);
 * that order is what tsquerysend writes and what tsquery_cmp walks, so the tree keeps left and right
 * as the parser saw them and the binary and comparison code visit right before left.
 *
 * <p>The text form is tsqueryout's: operands quoted as tsvector lexemes, {@code :*} and weight
 * letters after them, operators spaced, and parentheses only where a lower-priority operator sits
 * under a higher one (or a phrase under the right side of a phrase).
 */
public final class TsQueryValue extends Value {
    public static final int VAL = 1;
    public static final int NOT = 1;
    public static final int AND = 2;
    public static final int OR = 3;
    public static final int PHRASE = 4;
    /** Largest phrase distance (MAXENTRYPOS). */
    public static final int MAX_DISTANCE = 16384;

    /**
     * One item: an operand (op 0) or an operator. A removed stop word (op -1) exists only while
     * to_tsquery builds the tree. NOT keeps its operand in right.
     */
    public static final class Node {
        public final int op;
        public final String word;
        /** Weight mask: A=8, B=4, C=2, D=1; 0 matches any weight. */
        public final int weight;
        public final boolean prefix;
        public final int distance;
        public final Node left;
        public final Node right;

        private Node(int op, String word, int weight, boolean prefix, int distance, Node left, Node right) {
            this.op = op;
            this.word = word;
            this.weight = weight;
            this.prefix = prefix;
            this.distance = distance;
            this.left = left;
            this.right = right;
        }

        public static Node operand(String word, int weight, boolean prefix) {
            return new Node(0, word, weight, prefix, 0, null, null);
        }

        public static Node stop() {
            return new Node(-1, null, 0, false, 0, null, null);
        }

        public static Node operator(int op, int distance, Node left, Node right) {
            return new Node(op, null, 0, false, distance, left, right);
        }

        public boolean isOperand() { return op == 0; }

        /** Items under and including this node (tsquery's size, numnode). */
        public int count() {
            return op <= 0 ? 1 : 1 + (left == null ? 0 : left.count()) + right.count();
        }
    }

    public static final TsQueryValue EMPTY = new TsQueryValue(null);

    private final Node root;

    public TsQueryValue(Node root) {
        this.root = root;
    }

    /** The root, or null for an empty query. */
    public Node root() { return root; }

    public int size() { return root == null ? 0 : root.count(); }

    /** Priority of an operator in tsqueryout's parenthesisation and the parser's operator stack. */
    static int priority(int op) {
        return switch (op) {
            case NOT -> 4;
            case PHRASE -> 3;
            case AND -> 2;
            default -> 1;
        };
    }

    // ---- text input (tsqueryin and the to_tsquery family) ------------------------------------

    /** Where the parser's operands go: tsqueryin pushes them as written, to_tsquery normalises them. */
    @FunctionalInterface
    public interface OperandSink {
        void push(Builder into, String word, int weight, boolean prefix);
    }

    /** The postfix stream of the parser (pushValue / pushStop / pushOperator) folded into a tree. */
    public static final class Builder {
        private final Deque<Node> stack = new ArrayDeque<>();

        public void value(String word, int weight, boolean prefix) {
            stack.push(Node.operand(word, weight, prefix));
        }

        public void stop() {
            stack.push(Node.stop());
        }

        public void operator(int op, int distance) {
            Node right = stack.pop();
            Node left = op == NOT ? null : stack.pop();
            stack.push(Node.operator(op, distance, left, right));
        }

        /** The tree, or null when nothing was pushed. */
        public Node build() {
            return stack.isEmpty() ? null : stack.peek();
        }
    }

    /** Parser modes: to_tsquery's operators, plainto's one operand, websearch's syntax. */
    public enum Mode { STANDARD, PLAIN, WEB }

    /** tsqueryin: operands as written. Returns null for a query without lexemes (the caller notices). */
    public static TsQueryValue parse(String text) {
        Node n = parse(text, Mode.STANDARD, (b, w, wt, p) -> b.value(w, wt, p));
        return new TsQueryValue(n);
    }

    public static Node parse(String text, Mode mode, OperandSink sink) {
        Parser p = new Parser(text, mode, sink);
        p.makePolish();
        return p.out.build();
    }

    private static final int PT_END = 0;
    private static final int PT_ERR = 1;
    private static final int PT_VAL = 2;
    private static final int PT_OPR = 3;
    private static final int PT_OPEN = 4;
    private static final int PT_CLOSE = 5;

    /** gettoken_query_*: a shunting-yard over operands and operators, recursing at each parenthesis. */
    private static final class Parser {
        private final String src;
        private final Mode mode;
        private final OperandSink sink;
        final Builder out = new Builder();
        private int at;
        /** 0 wait-first-operand, 1 wait-operand, 2 wait-operator. */
        private int state;
        private int depth;
        private int tokOp;
        private int tokDistance;
        private String tokWord;
        private int tokWeight;
        private boolean tokPrefix;

        Parser(String src, Mode mode, OperandSink sink) {
            this.src = src;
            this.mode = mode;
            this.sink = sink;
        }

        private int ch() { return at < src.length() ? src.codePointAt(at) : -1; }

        private int chAt(int i) { return i < src.length() ? src.codePointAt(i) : -1; }

        private void advance() { at += Character.charCount(src.codePointAt(at)); }

        DatabaseException syntax() {
            return DatabaseException.error("42601", "syntax error in tsquery: \"" + src + "\"");
        }

        void makePolish() {
            int[] ops = new int[64];
            int[] dists = new int[64];
            int n = 0;
            int type;
            while ((type = token()) != PT_END) {
                switch (type) {
                    case PT_VAL -> sink.push(out, tokWord, tokWeight, tokPrefix);
                    case PT_OPR -> {
                        n = clean(ops, dists, n, tokOp);
                        if (n == ops.length) {
                            throw DatabaseException.error("54001", "tsquery stack too small");
                        }
                        ops[n] = tokOp;
                        dists[n++] = tokDistance;
                    }
                    case PT_OPEN -> makePolish();
                    case PT_CLOSE -> {
                        clean(ops, dists, n, OR);
                        return;
                    }
                    default -> throw syntax();
                }
            }
            clean(ops, dists, n, OR);
        }

        /** Pops operators of higher (NOT: not lower) priority; NOT is right associative. */
        private int clean(int[] ops, int[] dists, int n, int op) {
            int pri = priority(op);
            while (n > 0) {
                int top = priority(ops[n - 1]);
                if ((op != NOT && pri > top) || (op == NOT && pri >= top)) {
                    break;
                }
                n--;
                out.operator(ops[n], dists[n]);
            }
            return n;
        }

        private int token() {
            tokWeight = 0;
            tokPrefix = false;
            tokDistance = 0;
            if (mode == Mode.PLAIN) {
                if (at >= src.length()) {
                    return PT_END;
                }
                tokWord = src.substring(at);
                at = src.length();
                return PT_VAL;
            }
            return mode == Mode.WEB ? webToken() : standardToken();
        }

        private int standardToken() {
            while (true) {
                int c = ch();
                if (state != 2) {
                    if (c == '!') {
                        advance();
                        state = 1;
                        tokOp = NOT;
                        return PT_OPR;
                    } else if (c == '(') {
                        advance();
                        state = 1;
                        depth++;
                        return PT_OPEN;
                    } else if (c == ':') {
                        return PT_ERR;
                    } else if (c < 0 || !TsVectorValue.isSpace(c)) {
                        if (readWord(false)) {
                            modifiers();
                            state = 2;
                            return PT_VAL;
                        } else if (state == 0) {
                            return PT_END;
                        }
                        throw DatabaseException.error("42601", "no operand in tsquery: \"" + src + "\"");
                    }
                } else {
                    if (c == '|') {
                        advance();
                        state = 1;
                        tokOp = OR;
                        return PT_OPR;
                    } else if (c == '&') {
                        advance();
                        state = 1;
                        tokOp = AND;
                        return PT_OPR;
                    } else if (c == '<') {
                        state = 1;
                        tokOp = PHRASE;
                        return phraseOperator() ? PT_OPR : PT_ERR;
                    } else if (c == ')') {
                        advance();
                        depth--;
                        return depth < 0 ? PT_ERR : PT_CLOSE;
                    } else if (c < 0) {
                        return depth != 0 ? PT_ERR : PT_END;
                    } else if (!TsVectorValue.isSpace(c)) {
                        return PT_ERR;
                    }
                }
                advance();
            }
        }

        private int webToken() {
            while (true) {
                int c = ch();
                if (state != 2) {
                    if (c == '-') {
                        advance();
                        state = 1;
                        tokOp = NOT;
                        return PT_OPR;
                    } else if (c == '"') {
                        advance();
                        int start = at;
                        while (ch() >= 0 && ch() != '"') {
                            advance();
                        }
                        tokWord = src.substring(start, at);
                        if (ch() >= 0) {
                            advance();
                        }
                        state = 2;
                        return PT_VAL;
                    } else if (c >= 0 && TsVectorValue.Reader.isOperator(c)) {
                        advance();
                        state = 1;
                        continue;
                    } else if (c < 0 || !TsVectorValue.isSpace(c)) {
                        if (readWord(true)) {
                            state = 2;
                            return PT_VAL;
                        } else if (state == 0) {
                            return PT_END;
                        }
                        out.stop();
                        return PT_END;
                    }
                } else {
                    if (c == '"') {
                        state = 1;
                        tokOp = AND;
                        return PT_OPR;
                    } else if (orLiteral()) {
                        state = 1;
                        tokOp = OR;
                        return PT_OPR;
                    } else if (c < 0) {
                        return PT_END;
                    } else if (!TsVectorValue.isSpace(c)) {
                        state = 1;
                        tokOp = AND;
                        return PT_OPR;
                    }
                }
                advance();
            }
        }

        /** websearch's OR: the letters "or" not inside a word and followed, after blanks, by something. */
        private boolean orLiteral() {
            if (at + 2 > src.length() || !src.regionMatches(true, at, "or", 0, 2)) {
                return false;
            }
            int i = at + 2;
            int c = chAt(i);
            if (c < 0 || c == '-' || c == '_' || Character.isLetter(c) || Character.isDigit(c)) {
                return false;
            }
            while (true) {
                i += Character.charCount(c);
                c = chAt(i);
                if (c < 0) {
                    return false;
                }
                if (!TsVectorValue.isSpace(c)) {
                    break;
                }
            }
            at += 2;
            return true;
        }

        /**
         * An operand as the tsvector tokenizer reads it in a query: quoted or bare (not in
         * websearch, where quotes and backslashes are plain), ended by a blank, an operator
         * character or ':' (or '"' in websearch). False at the end of the input.
         */
        private boolean readWord(boolean web) {
            if (!web) {
                TsVectorValue.Reader r = new TsVectorValue.Reader(src, true);
                r.at = at;
                boolean found = r.next();
                at = r.at;
                tokWord = r.word.toString();
                return found;
            }
            while (ch() >= 0 && TsVectorValue.isSpace(ch())) {
                advance();
            }
            if (ch() < 0) {
                return false;
            }
            if (TsVectorValue.Reader.isOperator(ch()) || ch() == '"') {
                throw syntax();
            }
            int start = at;
            while (ch() >= 0 && !TsVectorValue.isSpace(ch()) && !TsVectorValue.Reader.isOperator(ch()) && ch() != ':'
                && ch() != '"') {
                advance();
            }
            tokWord = src.substring(start, at);
            return true;
        }

        /** get_modifiers: ':' then weight letters and '*' in any order. */
        private void modifiers() {
            if (ch() != ':') {
                return;
            }
            advance();
            while (true) {
                switch (ch()) {
                    case 'a', 'A' -> tokWeight |= 8;
                    case 'b', 'B' -> tokWeight |= 4;
                    case 'c', 'C' -> tokWeight |= 2;
                    case 'd', 'D' -> tokWeight |= 1;
                    case '*' -> tokPrefix = true;
                    default -> {
                        return;
                    }
                }
                advance();
            }
        }

        /** {@code <->} or {@code <N>}; false on anything else (a syntax error). */
        private boolean phraseOperator() {
            int i = at + 1;
            long dist = 1;
            int c = chAt(i);
            if (c == '-') {
                i++;
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (chAt(i) >= '0' && chAt(i) <= '9') {
                    i++;
                }
                String digits = src.substring(start, i);
                dist = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
                if (dist > MAX_DISTANCE) {
                    throw DatabaseException.error("22023",
                        "distance in phrase operator must be an integer value between zero and " + MAX_DISTANCE + " inclusive");
                }
            } else {
                return false;
            }
            if (chAt(i) != '>' || chAt(i + 1) < 0) {
                return false;
            }
            at = i + 1;
            tokDistance = (int) dist;
            return true;
        }
    }

    // ---- output (tsqueryout) -------------------------------------------------------------------

    @Override public PgType type() { return PgType.TSQUERY; }

    @Override
    public String toText(SessionStyle style) {
        if (root == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        infix(sb, root, -1, false);
        return sb.toString();
    }

    /** The text of a tree (querytree's output too). */
    public static String infix(Node n) {
        StringBuilder sb = new StringBuilder();
        infix(sb, n, -1, false);
        return sb.toString();
    }

    private static void infix(StringBuilder sb, Node n, int parentPriority, boolean rightOfPhrase) {
        if (n.isOperand()) {
            TsVectorValue.appendQuoted(sb, n.word);
            if (n.weight != 0 || n.prefix) {
                sb.append(':');
                if (n.prefix) {
                    sb.append('*');
                }
                if ((n.weight & 8) != 0) {
                    sb.append('A');
                }
                if ((n.weight & 4) != 0) {
                    sb.append('B');
                }
                if ((n.weight & 2) != 0) {
                    sb.append('C');
                }
                if ((n.weight & 1) != 0) {
                    sb.append('D');
                }
            }
            return;
        }
        int pri = priority(n.op);
        if (n.op == NOT) {
            boolean paren = pri < parentPriority;
            sb.append(paren ? "( !" : "!");
            infix(sb, n.right, pri, false);
            if (paren) {
                sb.append(" )");
            }
            return;
        }
        boolean paren = pri < parentPriority || (n.op == PHRASE && rightOfPhrase);
        if (paren) {
            sb.append("( ");
        }
        infix(sb, n.left, pri, false);
        switch (n.op) {
            case AND -> sb.append(" & ");
            case OR -> sb.append(" | ");
            default -> sb.append(n.distance == 1 ? " <-> " : " <" + n.distance + "> ");
        }
        infix(sb, n.right, pri, n.op == PHRASE);
        if (paren) {
            sb.append(" )");
        }
    }

    // ---- binary (tsquerysend / tsqueryrecv) ------------------------------------------------------

    @Override
    public byte[] toBinary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(int4Bytes(size()));
        if (root != null) {
            send(out, root);
        }
        return out.toByteArray();
    }

    private static void send(ByteArrayOutputStream out, Node n) {
        if (n.isOperand()) {
            out.write(VAL);
            out.write(n.weight);
            out.write(n.prefix ? 1 : 0);
            out.writeBytes(n.word.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            return;
        }
        out.write(2);
        out.write(n.op);
        if (n.op == PHRASE) {
            out.write(n.distance >> 8);
            out.write(n.distance);
        }
        send(out, n.right);
        if (n.left != null) {
            send(out, n.left);
        }
    }

    public static TsQueryValue fromBinary(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (buf.remaining() < 4) {
            throw Errors.insufficientData();
        }
        int size = buf.getInt();
        if (size < 0 || size > 100_000_000) {
            throw Errors.badBinary("invalid size of tsquery");
        }
        if (size == 0) {
            return EMPTY;
        }
        int[] left = {size};
        Node n = receive(buf, b, left);
        if (left[0] != 0 || buf.hasRemaining()) {
            throw DatabaseException.error("XX000", "malformed tsquery: extra nodes");
        }
        return new TsQueryValue(n);
    }

    private static Node receive(ByteBuffer buf, byte[] b, int[] left) {
        if (left[0]-- <= 0) {
            throw DatabaseException.error("XX000", "malformed tsquery: operand not found");
        }
        if (!buf.hasRemaining()) {
            throw Errors.insufficientData();
        }
        int type = buf.get();
        if (type == VAL) {
            if (buf.remaining() < 2) {
                throw Errors.insufficientData();
            }
            int weight = buf.get() & 0xff;
            boolean prefix = buf.get() != 0;
            if (weight > 0xF) {
                throw DatabaseException.error("XX000", "invalid tsquery: invalid weight bitmap");
            }
            int start = buf.position();
            while (buf.hasRemaining() && buf.get() != 0) {
                // to the terminator
            }
            int end = buf.position() - 1;
            if (end < start || b[end] != 0) {
                throw Errors.insufficientData();
            }
            return Node.operand(TypeInput.utf8(java.util.Arrays.copyOfRange(b, start, end)), weight, prefix);
        }
        if (type != 2) {
            throw DatabaseException.error("XX000", "unrecognized tsquery node type: " + type);
        }
        if (!buf.hasRemaining()) {
            throw Errors.insufficientData();
        }
        int op = buf.get();
        if (op < NOT || op > PHRASE) {
            throw DatabaseException.error("XX000", "invalid tsquery: unrecognized operator type " + op);
        }
        int distance = 0;
        if (op == PHRASE) {
            if (buf.remaining() < 2) {
                throw Errors.insufficientData();
            }
            distance = buf.getShort();
        }
        Node right = receive(buf, b, left);
        Node l = op == NOT ? null : receive(buf, b, left);
        return Node.operator(op, distance, l, right);
    }

    // ---- ordering (tsquery_cmp) ----------------------------------------------------------------

    /** The varlena size of PostgreSQL's form: header, 12 bytes per item, operands with terminators. */
    private int storedSize() {
        return 8 + 12 * size() + operandBytes(root);
    }

    private static int operandBytes(Node n) {
        if (n == null) {
            return 0;
        }
        if (n.isOperand()) {
            return n.word.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return operandBytes(n.left) + operandBytes(n.right);
    }

    @Override
    public int compareTo(Value other) {
        TsQueryValue b = (TsQueryValue) other;
        int sa = size();
        int sb = b.size();
        if (sa != sb) {
            return sa < sb ? -1 : 1;
        }
        int va = storedSize();
        int vb = b.storedSize();
        if (va != vb) {
            return va < vb ? -1 : 1;
        }
        return sa == 0 ? 0 : compareNodes(root, b.root);
    }

    /** QTNodeCompare: operators before operands, then operator codes descending, children right first. */
    private static int compareNodes(Node a, Node b) {
        if (a.isOperand() != b.isOperand()) {
            return a.isOperand() ? 1 : -1;
        }
        if (!a.isOperand()) {
            if (a.op != b.op) {
                return a.op > b.op ? -1 : 1;
            }
            int c = compareNodes(a.right, b.right);
            if (c == 0 && a.op != NOT) {
                c = compareNodes(a.left, b.left);
            }
            if (c != 0) {
                return c;
            }
            if (a.op == PHRASE && a.distance != b.distance) {
                return a.distance > b.distance ? -1 : 1;
            }
            return 0;
        }
        int ca = legacyCrc32(a.word);
        int cb = legacyCrc32(b.word);
        if (ca != cb) {
            return ca > cb ? -1 : 1;
        }
        int c = TsVectorValue.compareLexemes(a.word, b.word);
        return Integer.signum(c);
    }

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            CRC_TABLE[n] = c;
        }
    }

    /**
     * The operand checksum tsquery keeps (PostgreSQL's "legacy" CRC-32: the reflected table
     * applied most significant byte first), compared as a signed number.
     */
    static int legacyCrc32(String word) {
        int crc = 0xFFFFFFFF;
        for (byte x : word.getBytes(StandardCharsets.UTF_8)) {
            int idx = ((crc >>> 24) ^ (x & 0xff)) & 0xff;
            crc = CRC_TABLE[idx] ^ (crc << 8);
        }
        return ~crc;
    }

    @Override
    public int hashCode() {
        return toText(SessionStyle.utc()).hashCode();
    }
}
