package org.tuskdb.sql.internal.value;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tuskdb.api.DatabaseException;

/**
 * tsvector: a sorted list of distinct lexemes, each with an optional list of positions. A position
 * is packed as PostgreSQL's WordEntryPos: the weight (D=0, C=1, B=2, A=3) in the top two bits of a
 * 16-bit word, the position (1..16383) in the low fourteen; every position list is sorted by
 * position and unique. Lexemes are ordered by their UTF-8 bytes, shorter first on a common prefix
 * (tsCompareString), which is code point order.
 *
 * <p>Text form as tsvectorout: {@code 'lexeme':1A,3 'other'}, quotes and backslashes doubled
 * inside the quotes. Binary form as tsvectorsend: int32 count, then per lexeme its bytes and a zero
 * byte, uint16 count of positions and the packed positions. Ordering is tsvector_cmp's (sizes first).
 */
public final class TsVectorValue extends Value {
    /** Largest position (MAXENTRYPOS - 1); larger ones are clamped to it. */
    public static final int MAX_POS = 16383;
    /** At most this many positions per lexeme are kept (MAXNUMPOS). */
    public static final int MAX_NUMPOS = 256;

    private final String[] lexemes;
    /** Per lexeme its packed positions, or null when it has none (a stripped entry). */
    private final short[][] positions;

    /** An already sorted, unique vector (the caller guarantees it). */
    public TsVectorValue(String[] lexemes, short[][] positions) {
        this.lexemes = lexemes;
        this.positions = positions;
    }

    public static final TsVectorValue EMPTY = new TsVectorValue(new String[0], new short[0][]);

    public int size() { return lexemes.length; }
    public String lexeme(int i) { return lexemes[i]; }
    /** Packed positions of lexeme i, or null. */
    public short[] positions(int i) { return positions[i]; }

    public static int pos(short wep) { return wep & 0x3fff; }
    public static int weight(short wep) { return (wep >> 14) & 3; }
    public static short pack(int pos, int weight) { return (short) ((weight << 14) | Math.min(pos, MAX_POS)); }

    /** Lexeme order of tsvectors: code points, which is UTF-8 byte order. */
    public static int compareLexemes(String a, String b) {
        return TextValue.compareCodePoints(a, b);
    }

    /** The index of a lexeme, or -(insertion point) - 1. */
    public int find(String lexeme) {
        int lo = 0;
        int hi = lexemes.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareLexemes(lexemes[mid], lexeme);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    // ---- building --------------------------------------------------------------------------

    /** Collects (lexeme, positions) pairs in any order and makes the sorted, merged vector. */
    public static final class Builder {
        private final List<String> words = new ArrayList<>();
        private final List<short[]> pos = new ArrayList<>();

        /** A lexeme with packed positions (null or empty for none). */
        public Builder add(String lexeme, short[] packed) {
            words.add(lexeme);
            pos.add(packed == null || packed.length == 0 ? null : packed);
            return this;
        }

        public TsVectorValue build() {
            Integer[] order = new Integer[words.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> compareLexemes(words.get(a), words.get(b)));
            List<String> outWords = new ArrayList<>();
            List<short[]> outPos = new ArrayList<>();
            for (int k = 0; k < order.length; k++) {
                String w = words.get(order[k]);
                short[] p = pos.get(order[k]);
                if (!outWords.isEmpty() && outWords.get(outWords.size() - 1).equals(w)) {
                    outPos.set(outPos.size() - 1, mergePositions(outPos.get(outPos.size() - 1), p));
                } else {
                    outWords.add(w);
                    outPos.add(p == null ? null : uniquePositions(p));
                }
            }
            return new TsVectorValue(outWords.toArray(String[]::new), outPos.toArray(short[][]::new));
        }
    }

    /** Sorts by position, keeps one entry per position (the highest weight), at most MAX_NUMPOS (uniquePos). */
    public static short[] uniquePositions(short[] p) {
        if (p == null) {
            return null;
        }
        short[] s = p.clone();
        // sort by position only, stable on weight order is irrelevant: the highest weight wins
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Integer.compare(pos(s[a]), pos(s[b])));
        short[] out = new short[s.length];
        int n = 0;
        for (Integer i : idx) {
            short w = s[i];
            if (n > 0 && pos(out[n - 1]) == pos(w)) {
                if (weight(w) > weight(out[n - 1])) {
                    out[n - 1] = pack(pos(w), weight(w));
                }
            } else {
                out[n++] = w;
            }
        }
        return Arrays.copyOf(out, Math.min(n, MAX_NUMPOS));
    }

    private static short[] mergePositions(short[] a, short[] b) {
        if (a == null) {
            return b == null ? null : uniquePositions(b);
        }
        if (b == null) {
            return a;
        }
        short[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return uniquePositions(all);
    }

    // ---- text input (tsvectorin) -----------------------------------------------------------

    public static TsVectorValue parse(String text) {
        Builder b = new Builder();
        Reader r = new Reader(text, false);
        while (r.next()) {
            b.add(r.word.toString(), r.positions());
        }
        return b.build();
    }

    /**
     * The tokenizer of tsvector input (and of tsquery operands, where the operator characters end
     * a word and no positions follow): a word is quoted ('...' with '' or a backslash escaping) or
     * bare (backslash escapes), then optionally ':' and positions like 3A,5.
     */
    public static final class Reader {
        private final String src;
        private final boolean inQuery;
        public int at;
        public final StringBuilder word = new StringBuilder();
        private final List<Short> pos = new ArrayList<>();

        public Reader(String src, boolean inQuery) {
            this.src = src;
            this.inQuery = inQuery;
        }

        public short[] positions() {
            if (pos.isEmpty()) {
                return null;
            }
            short[] out = new short[pos.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = pos.get(i);
            }
            return out;
        }

        private DatabaseException syntax() {
            return DatabaseException.error("42601", (inQuery ? "syntax error in tsquery: \"" : "syntax error in tsvector: \"")
                + src + "\"");
        }

        private int ch() { return at < src.length() ? src.codePointAt(at) : -1; }

        private void advance() { at += Character.charCount(src.codePointAt(at)); }

        public static boolean isOperator(int c) {
            return c == '!' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<';
        }

        /** A backslash and the character it escapes, which joins the word whatever it is. */
        private void escaped() {
            advance();
            if (ch() < 0) {
                throw DatabaseException.error("42601", "there is no escaped character: \"" + src + "\"");
            }
            word.appendCodePoint(ch());
            advance();
        }

        /** Reads the next word; false at the end of the input. */
        public boolean next() {
            word.setLength(0);
            pos.clear();
            // skip blanks
            while (ch() >= 0 && isSpace(ch())) {
                advance();
            }
            if (ch() < 0) {
                return false;
            }
            if (ch() == '\'') {
                advance();
                while (true) {
                    int c = ch();
                    if (c < 0) {
                        throw syntax();
                    }
                    if (c == '\\') {
                        escaped();
                    } else if (c == '\'') {
                        advance();
                        if (ch() == '\'') {
                            word.append('\'');
                            advance();
                        } else {
                            break;
                        }
                    } else {
                        word.appendCodePoint(c);
                        advance();
                    }
                }
                if (word.isEmpty()) {
                    throw syntax();
                }
                if (inQuery) {
                    return true;
                }
                if (ch() == ':') {
                    advance();
                    readPositions();
                }
                return true;
            }
            while (true) {
                int c = ch();
                if (c == '\\') {
                    escaped();
                } else if (c < 0 || isSpace(c) || (inQuery && isOperator(c))) {
                    if (word.isEmpty()) {
                        throw syntax();
                    }
                    return true;
                } else if (c == ':') {
                    if (word.isEmpty()) {
                        throw syntax();
                    }
                    if (inQuery) {
                        return true;
                    }
                    advance();
                    readPositions();
                    return true;
                } else {
                    word.appendCodePoint(c);
                    advance();
                }
            }
        }

        /** INPOSINFO / WAITPOSDELIM: a number, then weight letters (one only) or ignored digits, then ',' or the end. */
        private void readPositions() {
            while (true) {
                int c = ch();
                if (c < '0' || c > '9') {
                    throw syntax();
                }
                long v = 0;
                while (ch() >= '0' && ch() <= '9') {
                    v = Math.min(v * 10 + (ch() - '0'), 1_000_000_000L);
                    advance();
                }
                if (v == 0) {
                    throw DatabaseException.error("42601", "wrong position info in tsvector: \"" + src + "\"");
                }
                int p = (int) Math.min(v, MAX_POS);
                int w = 0;
                while (true) {
                    c = ch();
                    int nw = switch (c) {
                        case 'a', 'A', '*' -> 3;
                        case 'b', 'B' -> 2;
                        case 'c', 'C' -> 1;
                        case 'd', 'D' -> 0;
                        default -> -1;
                    };
                    if (nw >= 0) {
                        if (w != 0) {
                            throw syntax();
                        }
                        w = nw;
                    } else if (c < '0' || c > '9') {
                        break;
                    }
                    advance();
                }
                pos.add(pack(p, w));
                if (c == ',') {
                    advance();
                    continue;
                }
                if (c < 0 || isSpace(c)) {
                    return;
                }
                throw syntax();
            }
        }
    }

    /** isspace of the C locale for ASCII; other characters are not blanks. */
    public static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    // ---- output --------------------------------------------------------------------------

    @Override public PgType type() { return PgType.TSVECTOR; }

    @Override
    public String toText(SessionStyle style) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lexemes.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            appendQuoted(sb, lexemes[i]);
            short[] p = positions[i];
            if (p != null) {
                sb.append(':');
                for (int j = 0; j < p.length; j++) {
                    if (j > 0) {
                        sb.append(',');
                    }
                    sb.append(pos(p[j]));
                    switch (weight(p[j])) {
                        case 3 -> sb.append('A');
                        case 2 -> sb.append('B');
                        case 1 -> sb.append('C');
                        default -> { }
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A lexeme in quotes, with quotes and backslashes doubled (tsvectorout, tsqueryout). */
    public static void appendQuoted(StringBuilder sb, String lexeme) {
        sb.append('\'');
        for (int i = 0; i < lexeme.length(); i++) {
            char c = lexeme.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        sb.append('\'');
    }

    @Override
    public byte[] toBinary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(int4Bytes(lexemes.length));
        for (int i = 0; i < lexemes.length; i++) {
            out.writeBytes(lexemes[i].getBytes(StandardCharsets.UTF_8));
            out.write(0);
            short[] p = positions[i];
            int n = p == null ? 0 : p.length;
            out.write(n >> 8);
            out.write(n);
            for (int j = 0; j < n; j++) {
                out.write(p[j] >> 8);
                out.write(p[j]);
            }
        }
        return out.toByteArray();
    }

    /** tsvectorrecv: lexemes in any order are sorted; positions must be ascending. */
    public static TsVectorValue fromBinary(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (buf.remaining() < 4) {
            throw Errors.insufficientData();
        }
        int n = buf.getInt();
        if (n < 0 || n > (Integer.MAX_VALUE / 8)) {
            throw Errors.badBinary("invalid size of tsvector");
        }
        Builder builder = new Builder();
        for (int i = 0; i < n; i++) {
            int start = buf.position();
            while (buf.hasRemaining() && buf.get() != 0) {
                // scan to the terminator
            }
            int end = buf.position() - 1;
            if (end < start || b[end] != 0) {
                throw Errors.insufficientData();
            }
            String lexeme = TypeInput.utf8(Arrays.copyOfRange(b, start, end));
            if (buf.remaining() < 2) {
                throw Errors.insufficientData();
            }
            int npos = buf.getShort() & 0xffff;
            if (npos > MAX_NUMPOS) {
                throw Errors.badBinary("unexpected number of tsvector positions");
            }
            short[] p = null;
            if (npos > 0) {
                p = new short[npos];
                for (int j = 0; j < npos; j++) {
                    if (buf.remaining() < 2) {
                        throw Errors.insufficientData();
                    }
                    p[j] = buf.getShort();
                    if (j > 0 && pos(p[j]) <= pos(p[j - 1])) {
                        throw Errors.badBinary("position information is misordered");
                    }
                }
            }
            builder.add(lexeme, p);
        }
        return builder.build();
    }

    // ---- ordering (tsvector_cmp) ---------------------------------------------------------

    /** The varlena size PostgreSQL's tsvector of these entries has: what tsvector_cmp compares first. */
    public int storedSize() {
        int off = 0;
        for (int i = 0; i < lexemes.length; i++) {
            off += lexemes[i].getBytes(StandardCharsets.UTF_8).length;
            if (positions[i] != null) {
                off = (off + 1) & ~1;
                off += 2 + 2 * positions[i].length;
            }
        }
        return 8 + 4 * lexemes.length + off;
    }

    @Override
    public int compareTo(Value other) {
        TsVectorValue b = (TsVectorValue) other;
        int sa = storedSize();
        int sb = b.storedSize();
        if (sa != sb) {
            return sa < sb ? -1 : 1;
        }
        if (lexemes.length != b.lexemes.length) {
            return lexemes.length < b.lexemes.length ? -1 : 1;
        }
        for (int i = 0; i < lexemes.length; i++) {
            boolean ha = positions[i] != null;
            boolean hb = b.positions[i] != null;
            if (ha != hb) {
                return ha ? -1 : 1;
            }
            int c = compareLexemes(lexemes[i], b.lexemes[i]);
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
            if (ha) {
                short[] pa = positions[i];
                short[] pb = b.positions[i];
                if (pa.length != pb.length) {
                    return pa.length > pb.length ? -1 : 1;
                }
                for (int j = 0; j < pa.length; j++) {
                    if (pos(pa[j]) != pos(pb[j])) {
                        return pos(pa[j]) > pos(pb[j]) ? -1 : 1;
                    }
                    if (weight(pa[j]) != weight(pb[j])) {
                        return weight(pa[j]) > weight(pb[j]) ? -1 : 1;
                    }
                }
            }
        }
        return 0;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(lexemes);
        for (short[] p : positions) {
            h = h * 31 + Arrays.hashCode(p);
        }
        return h;
    }
}
