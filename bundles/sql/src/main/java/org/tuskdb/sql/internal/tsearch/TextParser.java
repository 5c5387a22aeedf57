package org.tuskdb.sql.internal.tsearch;

import java.util.Locale;

/**
 * The default text search parser ("default", prsd_*): splits a document into typed tokens —
 * words (ASCII, other letters, with digits), hyphenated words followed by their parts, numbers
 * (integers, decimals, versions, scientific), e-mail addresses, hosts, URLs and their paths,
 * file paths, XML tags and entities, and the blanks between them.
 *
 * <p>It is PostgreSQL's state machine, behaviour for behaviour: each state has an ordered list of
 * rules; the first whose character test passes decides. A rule may move on to the next character,
 * push the current position (to come back to the following rule of this state if the attempt
 * fails: POP), forget pushed positions (CLEAR one, CLRALL all), re-examine the same character in
 * another state (RERUN), or emit a token (BINGO) of the characters read since the token began.
 * Hosts and URL paths inside e-mail addresses and URLs are recognised by a second parser started
 * at the current character ({@link Test#HOST}, {@link Test#URL_PATH}).
 *
 * <p>Character classes are those of a database with the C locale and UTF-8 (how the reference
 * server is initialised): every non-ASCII character is a letter and nothing else; ASCII
 * characters are classified as C's ctype does.
 */
public final class TextParser {
    // ---- token types (ts_token_type's ids and aliases) --------------------------------------

    public static final int ASCIIWORD = 1;
    public static final int WORD = 2;
    public static final int NUMWORD = 3;
    public static final int EMAIL = 4;
    public static final int URL = 5;
    public static final int HOST = 6;
    public static final int SCIENTIFIC = 7;
    public static final int VERSION = 8;
    public static final int NUMPARTHWORD = 9;
    public static final int PARTHWORD = 10;
    public static final int ASCIIPARTHWORD = 11;
    public static final int SPACE = 12;
    public static final int TAG = 13;
    public static final int PROTOCOL = 14;
    public static final int NUMHWORD = 15;
    public static final int ASCIIHWORD = 16;
    public static final int HWORD = 17;
    public static final int URLPATH = 18;
    public static final int FILEPATH = 19;
    public static final int DECIMAL = 20;
    public static final int SIGNEDINT = 21;
    public static final int UNSIGNEDINT = 22;
    public static final int ENTITY = 23;
    public static final int LAST_TYPE = 23;

    /** Token type aliases by id (ts_token_type's alias column). */
    public static final String[] ALIASES = {"", "asciiword", "word", "numword", "email", "url", "host", "sfloat",
        "version", "hword_numpart", "hword_part", "hword_asciipart", "blank", "tag", "protocol", "numhword",
        "asciihword", "hword", "url_path", "file", "float", "int", "uint", "entity"};

    /** Token type descriptions by id (ts_token_type's description column). */
    public static final String[] DESCRIPTIONS = {"", "Word, all ASCII", "Word, all letters", "Word, letters and digits",
        "Email address", "URL", "Host", "Scientific notation", "Version number", "Hyphenated word part, letters and digits",
        "Hyphenated word part, all letters", "Hyphenated word part, all ASCII", "Space symbols", "XML tag",
        "Protocol head", "Hyphenated word, letters and digits", "Hyphenated word, all ASCII",
        "Hyphenated word, all letters", "URL path", "File or path name", "Decimal notation", "Signed integer",
        "Unsigned integer", "XML entity"};

    /** A token: its type and its text. */
    public record Token(int type, String text) {}

    // ---- the machine ---------------------------------------------------------------------------

    private enum Test { EOF, EQ, ASCLET, ALPHA, ALNUM, NOT_ALNUM, DIGIT, SPACE, XDIGIT, SPECIAL, IGNORE, STOP_HOST,
        HOST, URL_PATH, URL_CHAR, ANY }

    private enum Special { NONE, TAGS, FURL, HYPHEN, VER_VERSION }

    private static final int NEXT = 0;
    private static final int BINGO = 1;
    private static final int POP = 2;
    private static final int PUSH = 4;
    private static final int RERUN = 8;
    private static final int CLEAR = 16;
    private static final int MERGE = 32;
    private static final int CLRALL = 64;

    /** One rule: when the test passes (for EQ: the character is c), do flags, go to state to (-1: stay), emit type. */
    private record Rule(Test test, char c, int flags, int to, int type, Special special) {}

    // States, in no particular order; the table below is indexed by them.
    private static final int BASE = 0, IN_NUM_WORD = 1, IN_ASCII_WORD = 2, IN_WORD = 3, IN_UNSIGNED_INT = 4,
        IN_SIGNED_INT_FIRST = 5, IN_SIGNED_INT = 6, IN_SPACE = 7, IN_UDECIMAL_FIRST = 8, IN_UDECIMAL = 9,
        IN_DECIMAL_FIRST = 10, IN_DECIMAL = 11, IN_VER_VERSION = 12, IN_SVER_VERSION = 13, IN_VERSION_FIRST = 14,
        IN_VERSION = 15, IN_MANTISSA_FIRST = 16, IN_MANTISSA_SIGN = 17, IN_MANTISSA = 18, IN_ENTITY_FIRST = 19,
        IN_ENTITY = 20, IN_ENTITY_NUM_FIRST = 21, IN_ENTITY_NUM = 22, IN_ENTITY_HEX_FIRST = 23, IN_ENTITY_HEX = 24,
        IN_ENTITY_END = 25, IN_TAG_FIRST = 26, IN_XML_BEGIN = 27, IN_TAG_CLOSE_FIRST = 28, IN_TAG_NAME = 29,
        IN_TAG_BEGIN_END = 30, IN_TAG = 31, IN_TAG_ESCAPE_K = 32, IN_TAG_ESCAPE_KK = 33, IN_TAG_BACKSLASHED = 34,
        IN_TAG_END = 35, IN_COMMENT_FIRST = 36, IN_COMMENT_LAST = 37, IN_COMMENT = 38, IN_CLOSE_COMMENT_FIRST = 39,
        IN_CLOSE_COMMENT_LAST = 40, IN_COMMENT_END = 41, IN_HOST_FIRST_DOMAIN = 42, IN_HOST_DOMAIN_SECOND = 43,
        IN_HOST_DOMAIN = 44, IN_PORT_FIRST = 45, IN_PORT = 46, IN_HOST_FIRST_AN = 47, IN_HOST = 48, IN_EMAIL = 49,
        IN_FILE_FIRST = 50, IN_FILE_TWIDDLE = 51, IN_PATH_FIRST = 52, IN_PATH_FIRST_FIRST = 53, IN_PATH_SECOND = 54,
        IN_FILE = 55, IN_FILE_NEXT = 56, IN_URL_PATH_FIRST = 57, IN_URL_PATH_START = 58, IN_URL_PATH = 59,
        IN_FURL = 60, IN_PROTOCOL_FIRST = 61, IN_PROTOCOL_SECOND = 62, IN_PROTOCOL_END = 63,
        IN_HYPHEN_ASCII_WORD_FIRST = 64, IN_HYPHEN_ASCII_WORD = 65, IN_HYPHEN_WORD_FIRST = 66, IN_HYPHEN_WORD = 67,
        IN_HYPHEN_NUM_WORD_FIRST = 68, IN_HYPHEN_NUM_WORD = 69, IN_HYPHEN_DIGIT_LOOKAHEAD = 70, IN_PARSE_HYPHEN = 71,
        IN_PARSE_HYPHEN_HYPHEN = 72, IN_HYPHEN_WORD_PART = 73, IN_HYPHEN_ASCII_WORD_PART = 74,
        IN_HYPHEN_NUM_WORD_PART = 75, IN_HYPHEN_UNSIGNED_INT = 76, STATES = 77;
    private static final int STAY = -1;

    private static final Rule[][] RULES = new Rule[STATES][];

    private static Rule r(Test t, int flags, int to) { return new Rule(t, (char) 0, flags, to, 0, Special.NONE); }

    private static Rule r(Test t, int flags, int to, int type) { return new Rule(t, (char) 0, flags, to, type, Special.NONE); }

    private static Rule r(Test t, int flags, int to, int type, Special s) { return new Rule(t, (char) 0, flags, to, type, s); }

    private static Rule eq(char c, int flags, int to) { return new Rule(Test.EQ, c, flags, to, 0, Special.NONE); }

    private static Rule eq(char c, int flags, int to, int type) { return new Rule(Test.EQ, c, flags, to, type, Special.NONE); }

    private static Rule eq(char c, int flags, int to, Special s) { return new Rule(Test.EQ, c, flags, to, 0, s); }

    private static Rule pop() { return r(Test.ANY, POP, STAY); }

    private static Rule popAtEof() { return r(Test.EOF, POP, STAY); }

    private static void state(int s, Rule... rules) {
        RULES[s] = rules;
    }

    static {
        state(BASE, r(Test.EOF, NEXT, STAY), eq('<', PUSH, IN_TAG_FIRST), r(Test.IGNORE, NEXT, IN_SPACE),
            r(Test.ASCLET, NEXT, IN_ASCII_WORD), r(Test.ALPHA, NEXT, IN_WORD), r(Test.DIGIT, NEXT, IN_UNSIGNED_INT),
            eq('-', PUSH, IN_SIGNED_INT_FIRST), eq('+', PUSH, IN_SIGNED_INT_FIRST), eq('&', PUSH, IN_ENTITY_FIRST),
            eq('~', PUSH, IN_FILE_TWIDDLE), eq('/', PUSH, IN_FILE_FIRST), eq('.', PUSH, IN_PATH_FIRST_FIRST),
            r(Test.ANY, NEXT, IN_SPACE));
        state(IN_NUM_WORD, r(Test.EOF, BINGO, BASE, NUMWORD), r(Test.ALNUM, NEXT, IN_NUM_WORD),
            r(Test.SPECIAL, NEXT, IN_NUM_WORD), eq('@', PUSH, IN_EMAIL), eq('/', PUSH, IN_FILE_FIRST),
            eq('.', PUSH, IN_FILE_NEXT), eq('-', PUSH, IN_HYPHEN_NUM_WORD_FIRST), r(Test.ANY, BINGO, BASE, NUMWORD));
        state(IN_ASCII_WORD, r(Test.EOF, BINGO, BASE, ASCIIWORD), r(Test.ASCLET, NEXT, STAY),
            eq('.', PUSH, IN_HOST_FIRST_DOMAIN), eq('.', PUSH, IN_FILE_NEXT), eq('-', PUSH, IN_HOST_FIRST_AN),
            eq('-', PUSH, IN_HYPHEN_ASCII_WORD_FIRST), eq('_', PUSH, IN_HOST_FIRST_AN), eq('@', PUSH, IN_EMAIL),
            eq(':', PUSH, IN_PROTOCOL_FIRST), eq('/', PUSH, IN_FILE_FIRST), r(Test.DIGIT, PUSH, IN_HOST),
            r(Test.DIGIT, NEXT, IN_NUM_WORD), r(Test.ALPHA, NEXT, IN_WORD), r(Test.SPECIAL, NEXT, IN_WORD),
            r(Test.ANY, BINGO, BASE, ASCIIWORD));
        state(IN_WORD, r(Test.EOF, BINGO, BASE, WORD), r(Test.ALPHA, NEXT, STAY), r(Test.SPECIAL, NEXT, STAY),
            r(Test.DIGIT, NEXT, IN_NUM_WORD), eq('-', PUSH, IN_HYPHEN_WORD_FIRST), r(Test.ANY, BINGO, BASE, WORD));
        state(IN_UNSIGNED_INT, r(Test.EOF, BINGO, BASE, UNSIGNEDINT), r(Test.DIGIT, NEXT, STAY),
            eq('.', PUSH, IN_HOST_FIRST_DOMAIN), eq('.', PUSH, IN_UDECIMAL_FIRST), eq('e', PUSH, IN_MANTISSA_FIRST),
            eq('E', PUSH, IN_MANTISSA_FIRST), eq('-', PUSH, IN_HOST_FIRST_AN), eq('_', PUSH, IN_HOST_FIRST_AN),
            eq('@', PUSH, IN_EMAIL), r(Test.ASCLET, PUSH, IN_HOST), r(Test.ALPHA, NEXT, IN_NUM_WORD),
            r(Test.SPECIAL, NEXT, IN_NUM_WORD), eq('/', PUSH, IN_FILE_FIRST), r(Test.ANY, BINGO, BASE, UNSIGNEDINT));
        state(IN_SIGNED_INT_FIRST, popAtEof(), r(Test.DIGIT, CLEAR, IN_SIGNED_INT), pop());
        state(IN_SIGNED_INT, r(Test.EOF, BINGO, BASE, SIGNEDINT), r(Test.DIGIT, NEXT, STAY),
            eq('.', PUSH, IN_DECIMAL_FIRST), eq('e', PUSH, IN_MANTISSA_FIRST), eq('E', PUSH, IN_MANTISSA_FIRST),
            r(Test.ANY, BINGO, BASE, SIGNEDINT));
        state(IN_SPACE, r(Test.EOF, BINGO, BASE, SPACE), eq('<', BINGO, BASE, SPACE), r(Test.IGNORE, NEXT, STAY),
            eq('-', BINGO, BASE, SPACE), eq('+', BINGO, BASE, SPACE), eq('&', BINGO, BASE, SPACE),
            eq('/', BINGO, BASE, SPACE), r(Test.NOT_ALNUM, NEXT, IN_SPACE), r(Test.ANY, BINGO, BASE, SPACE));
        state(IN_UDECIMAL_FIRST, popAtEof(), r(Test.DIGIT, CLEAR, IN_UDECIMAL), pop());
        state(IN_UDECIMAL, r(Test.EOF, BINGO, BASE, DECIMAL), r(Test.DIGIT, NEXT, IN_UDECIMAL),
            eq('.', PUSH, IN_VERSION_FIRST), eq('e', PUSH, IN_MANTISSA_FIRST), eq('E', PUSH, IN_MANTISSA_FIRST),
            r(Test.ANY, BINGO, BASE, DECIMAL));
        state(IN_DECIMAL_FIRST, popAtEof(), r(Test.DIGIT, CLEAR, IN_DECIMAL), pop());
        state(IN_DECIMAL, r(Test.EOF, BINGO, BASE, DECIMAL), r(Test.DIGIT, NEXT, IN_DECIMAL),
            eq('.', PUSH, IN_VER_VERSION), eq('e', PUSH, IN_MANTISSA_FIRST), eq('E', PUSH, IN_MANTISSA_FIRST),
            r(Test.ANY, BINGO, BASE, DECIMAL));
        state(IN_VER_VERSION, popAtEof(), r(Test.DIGIT, RERUN, IN_SVER_VERSION, 0, Special.VER_VERSION), pop());
        state(IN_SVER_VERSION, popAtEof(), r(Test.DIGIT, BINGO | CLRALL, IN_UNSIGNED_INT, SPACE),
            r(Test.ANY, NEXT, STAY));
        state(IN_VERSION_FIRST, popAtEof(), r(Test.DIGIT, CLEAR, IN_VERSION), pop());
        state(IN_VERSION, r(Test.EOF, BINGO, BASE, VERSION), r(Test.DIGIT, NEXT, IN_VERSION),
            eq('.', PUSH, IN_VERSION_FIRST), r(Test.ANY, BINGO, BASE, VERSION));
        state(IN_MANTISSA_FIRST, popAtEof(), r(Test.DIGIT, CLEAR, IN_MANTISSA), eq('+', NEXT, IN_MANTISSA_SIGN),
            eq('-', NEXT, IN_MANTISSA_SIGN), pop());
        state(IN_MANTISSA_SIGN, popAtEof(), r(Test.DIGIT, CLEAR, IN_MANTISSA), pop());
        state(IN_MANTISSA, r(Test.EOF, BINGO, BASE, SCIENTIFIC), r(Test.DIGIT, NEXT, IN_MANTISSA),
            r(Test.ANY, BINGO, BASE, SCIENTIFIC));
        state(IN_ENTITY_FIRST, popAtEof(), eq('#', NEXT, IN_ENTITY_NUM_FIRST), r(Test.ASCLET, NEXT, IN_ENTITY),
            eq(':', NEXT, IN_ENTITY), eq('_', NEXT, IN_ENTITY), pop());
        state(IN_ENTITY, popAtEof(), r(Test.ALNUM, NEXT, IN_ENTITY), eq(':', NEXT, IN_ENTITY), eq('_', NEXT, IN_ENTITY),
            eq('.', NEXT, IN_ENTITY), eq('-', NEXT, IN_ENTITY), eq(';', NEXT, IN_ENTITY_END), pop());
        state(IN_ENTITY_NUM_FIRST, popAtEof(), eq('x', NEXT, IN_ENTITY_HEX_FIRST), eq('X', NEXT, IN_ENTITY_HEX_FIRST),
            r(Test.DIGIT, NEXT, IN_ENTITY_NUM), pop());
        state(IN_ENTITY_HEX_FIRST, popAtEof(), r(Test.XDIGIT, NEXT, IN_ENTITY_HEX), pop());
        state(IN_ENTITY_NUM, popAtEof(), r(Test.DIGIT, NEXT, IN_ENTITY_NUM), eq(';', NEXT, IN_ENTITY_END), pop());
        state(IN_ENTITY_HEX, popAtEof(), r(Test.XDIGIT, NEXT, IN_ENTITY_HEX), eq(';', NEXT, IN_ENTITY_END), pop());
        state(IN_ENTITY_END, r(Test.ANY, BINGO | CLEAR, BASE, ENTITY));
        state(IN_TAG_FIRST, popAtEof(), eq('/', PUSH, IN_TAG_CLOSE_FIRST), eq('!', PUSH, IN_COMMENT_FIRST),
            eq('?', PUSH, IN_XML_BEGIN), r(Test.ASCLET, PUSH, IN_TAG_NAME), eq(':', PUSH, IN_TAG_NAME),
            eq('_', PUSH, IN_TAG_NAME), pop());
        state(IN_XML_BEGIN, popAtEof(), eq('x', NEXT, IN_TAG), pop());
        state(IN_TAG_CLOSE_FIRST, popAtEof(), r(Test.ASCLET, NEXT, IN_TAG_NAME), pop());
        state(IN_TAG_NAME, popAtEof(), eq('/', NEXT, IN_TAG_BEGIN_END), eq('>', NEXT, IN_TAG_END, Special.TAGS),
            r(Test.SPACE, NEXT, IN_TAG, 0, Special.TAGS), r(Test.ALNUM, NEXT, STAY), eq(':', NEXT, STAY),
            eq('_', NEXT, STAY), eq('.', NEXT, STAY), eq('-', NEXT, STAY), pop());
        state(IN_TAG_BEGIN_END, popAtEof(), eq('>', NEXT, IN_TAG_END), pop());
        state(IN_TAG, popAtEof(), eq('>', NEXT, IN_TAG_END, Special.TAGS), eq('\'', NEXT, IN_TAG_ESCAPE_K),
            eq('"', NEXT, IN_TAG_ESCAPE_KK), r(Test.ASCLET, NEXT, STAY), r(Test.DIGIT, NEXT, STAY), eq('=', NEXT, STAY),
            eq('-', NEXT, STAY), eq('_', NEXT, STAY), eq('#', NEXT, STAY), eq('/', NEXT, STAY), eq(':', NEXT, STAY),
            eq('.', NEXT, STAY), eq('&', NEXT, STAY), eq('?', NEXT, STAY), eq('%', NEXT, STAY), eq('~', NEXT, STAY),
            r(Test.SPACE, NEXT, STAY, 0, Special.TAGS), pop());
        state(IN_TAG_ESCAPE_K, popAtEof(), eq('\\', PUSH, IN_TAG_BACKSLASHED), eq('\'', NEXT, IN_TAG),
            r(Test.ANY, NEXT, IN_TAG_ESCAPE_K));
        state(IN_TAG_ESCAPE_KK, popAtEof(), eq('\\', PUSH, IN_TAG_BACKSLASHED), eq('"', NEXT, IN_TAG),
            r(Test.ANY, NEXT, IN_TAG_ESCAPE_KK));
        state(IN_TAG_BACKSLASHED, popAtEof(), r(Test.ANY, MERGE, STAY));
        state(IN_TAG_END, r(Test.ANY, BINGO | CLRALL, BASE, TAG));
        state(IN_COMMENT_FIRST, popAtEof(), eq('-', NEXT, IN_COMMENT_LAST), eq('D', NEXT, IN_TAG), eq('d', NEXT, IN_TAG),
            pop());
        state(IN_COMMENT_LAST, popAtEof(), eq('-', NEXT, IN_COMMENT), pop());
        state(IN_COMMENT, popAtEof(), eq('-', NEXT, IN_CLOSE_COMMENT_FIRST), r(Test.ANY, NEXT, STAY));
        state(IN_CLOSE_COMMENT_FIRST, popAtEof(), eq('-', NEXT, IN_CLOSE_COMMENT_LAST), r(Test.ANY, NEXT, IN_COMMENT));
        state(IN_CLOSE_COMMENT_LAST, popAtEof(), eq('-', NEXT, STAY), eq('>', NEXT, IN_COMMENT_END),
            r(Test.ANY, NEXT, IN_COMMENT));
        state(IN_COMMENT_END, r(Test.ANY, BINGO | CLRALL, BASE, TAG));
        state(IN_HOST_FIRST_DOMAIN, popAtEof(), r(Test.ASCLET, NEXT, IN_HOST_DOMAIN_SECOND), r(Test.DIGIT, NEXT, IN_HOST),
            pop());
        state(IN_HOST_DOMAIN_SECOND, popAtEof(), r(Test.ASCLET, NEXT, IN_HOST_DOMAIN), r(Test.DIGIT, PUSH, IN_HOST),
            eq('-', PUSH, IN_HOST_FIRST_AN), eq('_', PUSH, IN_HOST_FIRST_AN), eq('.', PUSH, IN_HOST_FIRST_DOMAIN),
            eq('@', PUSH, IN_EMAIL), pop());
        state(IN_HOST_DOMAIN, r(Test.EOF, BINGO | CLRALL, BASE, HOST), r(Test.ASCLET, NEXT, IN_HOST_DOMAIN),
            r(Test.DIGIT, PUSH, IN_HOST), eq(':', PUSH, IN_PORT_FIRST), eq('-', PUSH, IN_HOST_FIRST_AN),
            eq('_', PUSH, IN_HOST_FIRST_AN), eq('.', PUSH, IN_HOST_FIRST_DOMAIN), eq('@', PUSH, IN_EMAIL),
            r(Test.DIGIT, POP, STAY), r(Test.STOP_HOST, BINGO | CLRALL, IN_URL_PATH_START, HOST),
            eq('/', PUSH, IN_FURL), r(Test.ANY, BINGO | CLRALL, BASE, HOST));
        state(IN_PORT_FIRST, popAtEof(), r(Test.DIGIT, NEXT, IN_PORT), pop());
        state(IN_PORT, r(Test.EOF, BINGO | CLRALL, BASE, HOST), r(Test.DIGIT, NEXT, IN_PORT),
            r(Test.STOP_HOST, BINGO | CLRALL, IN_URL_PATH_START, HOST), eq('/', PUSH, IN_FURL),
            r(Test.ANY, BINGO | CLRALL, BASE, HOST));
        state(IN_HOST_FIRST_AN, popAtEof(), r(Test.DIGIT, NEXT, IN_HOST), r(Test.ASCLET, NEXT, IN_HOST), pop());
        state(IN_HOST, popAtEof(), r(Test.DIGIT, NEXT, IN_HOST), r(Test.ASCLET, NEXT, IN_HOST), eq('@', PUSH, IN_EMAIL),
            eq('.', PUSH, IN_HOST_FIRST_DOMAIN), eq('-', PUSH, IN_HOST_FIRST_AN), eq('_', PUSH, IN_HOST_FIRST_AN), pop());
        state(IN_EMAIL, r(Test.STOP_HOST, POP, STAY), r(Test.HOST, BINGO | CLRALL, BASE, EMAIL), pop());
        state(IN_FILE_FIRST, popAtEof(), r(Test.ASCLET, NEXT, IN_FILE), r(Test.DIGIT, NEXT, IN_FILE),
            eq('.', NEXT, IN_PATH_FIRST), eq('_', NEXT, IN_FILE), eq('~', PUSH, IN_FILE_TWIDDLE), pop());
        state(IN_FILE_TWIDDLE, popAtEof(), r(Test.ASCLET, NEXT, IN_FILE), r(Test.DIGIT, NEXT, IN_FILE),
            eq('_', NEXT, IN_FILE), eq('/', NEXT, IN_FILE_FIRST), pop());
        state(IN_PATH_FIRST, popAtEof(), r(Test.ASCLET, NEXT, IN_FILE), r(Test.DIGIT, NEXT, IN_FILE),
            eq('_', NEXT, IN_FILE), eq('.', NEXT, IN_PATH_SECOND), eq('/', NEXT, IN_FILE_FIRST), pop());
        state(IN_PATH_FIRST_FIRST, popAtEof(), eq('.', NEXT, IN_PATH_SECOND), eq('/', NEXT, IN_FILE_FIRST), pop());
        state(IN_PATH_SECOND, r(Test.EOF, BINGO | CLEAR, BASE, FILEPATH), eq('/', PUSH, IN_FILE_FIRST),
            eq('/', BINGO | CLEAR, BASE, FILEPATH), r(Test.SPACE, BINGO | CLEAR, BASE, FILEPATH), pop());
        state(IN_FILE, r(Test.EOF, BINGO, BASE, FILEPATH), r(Test.ASCLET, NEXT, IN_FILE), r(Test.DIGIT, NEXT, IN_FILE),
            eq('.', PUSH, IN_FILE_NEXT), eq('_', NEXT, IN_FILE), eq('-', NEXT, IN_FILE), eq('/', PUSH, IN_FILE_FIRST),
            r(Test.ANY, BINGO, BASE, FILEPATH));
        state(IN_FILE_NEXT, popAtEof(), r(Test.ASCLET, CLEAR, IN_FILE), r(Test.DIGIT, CLEAR, IN_FILE),
            eq('_', CLEAR, IN_FILE), pop());
        state(IN_URL_PATH_FIRST, popAtEof(), r(Test.URL_CHAR, NEXT, IN_URL_PATH), pop());
        state(IN_URL_PATH_START, r(Test.ANY, NEXT, IN_URL_PATH));
        state(IN_URL_PATH, r(Test.EOF, BINGO, BASE, URLPATH), r(Test.URL_CHAR, NEXT, IN_URL_PATH),
            r(Test.ANY, BINGO, BASE, URLPATH));
        state(IN_FURL, popAtEof(), r(Test.URL_PATH, BINGO | CLRALL, BASE, URL, Special.FURL), pop());
        state(IN_PROTOCOL_FIRST, popAtEof(), eq('/', NEXT, IN_PROTOCOL_SECOND), pop());
        state(IN_PROTOCOL_SECOND, popAtEof(), eq('/', NEXT, IN_PROTOCOL_END), pop());
        state(IN_PROTOCOL_END, r(Test.ANY, BINGO | CLRALL, BASE, PROTOCOL));
        state(IN_HYPHEN_ASCII_WORD_FIRST, popAtEof(), r(Test.ASCLET, NEXT, IN_HYPHEN_ASCII_WORD),
            r(Test.ALPHA, NEXT, IN_HYPHEN_WORD), r(Test.DIGIT, NEXT, IN_HYPHEN_DIGIT_LOOKAHEAD), pop());
        state(IN_HYPHEN_ASCII_WORD, r(Test.EOF, BINGO | CLRALL, IN_PARSE_HYPHEN, ASCIIHWORD, Special.HYPHEN),
            r(Test.ASCLET, NEXT, IN_HYPHEN_ASCII_WORD), r(Test.ALPHA, NEXT, IN_HYPHEN_WORD),
            r(Test.SPECIAL, NEXT, IN_HYPHEN_WORD), r(Test.DIGIT, NEXT, IN_HYPHEN_NUM_WORD),
            eq('-', PUSH, IN_HYPHEN_ASCII_WORD_FIRST),
            r(Test.ANY, BINGO | CLRALL, IN_PARSE_HYPHEN, ASCIIHWORD, Special.HYPHEN));
        state(IN_HYPHEN_WORD_FIRST, popAtEof(), r(Test.ALPHA, NEXT, IN_HYPHEN_WORD),
            r(Test.DIGIT, NEXT, IN_HYPHEN_DIGIT_LOOKAHEAD), pop());
        state(IN_HYPHEN_WORD, r(Test.EOF, BINGO | CLRALL, IN_PARSE_HYPHEN, HWORD, Special.HYPHEN),
            r(Test.ALPHA, NEXT, IN_HYPHEN_WORD), r(Test.SPECIAL, NEXT, IN_HYPHEN_WORD),
            r(Test.DIGIT, NEXT, IN_HYPHEN_NUM_WORD), eq('-', PUSH, IN_HYPHEN_WORD_FIRST),
            r(Test.ANY, BINGO | CLRALL, IN_PARSE_HYPHEN, HWORD, Special.HYPHEN));
        state(IN_HYPHEN_NUM_WORD_FIRST, popAtEof(), r(Test.ALPHA, NEXT, IN_HYPHEN_NUM_WORD),
            r(Test.DIGIT, NEXT, IN_HYPHEN_DIGIT_LOOKAHEAD), pop());
        state(IN_HYPHEN_NUM_WORD, r(Test.EOF, BINGO | CLRALL, IN_PARSE_HYPHEN, NUMHWORD, Special.HYPHEN),
            r(Test.ALNUM, NEXT, IN_HYPHEN_NUM_WORD), r(Test.SPECIAL, NEXT, IN_HYPHEN_NUM_WORD),
            eq('-', PUSH, IN_HYPHEN_NUM_WORD_FIRST),
            r(Test.ANY, BINGO | CLRALL, IN_PARSE_HYPHEN, NUMHWORD, Special.HYPHEN));
        state(IN_HYPHEN_DIGIT_LOOKAHEAD, popAtEof(), r(Test.DIGIT, NEXT, IN_HYPHEN_DIGIT_LOOKAHEAD),
            r(Test.ALPHA, NEXT, IN_HYPHEN_NUM_WORD), r(Test.SPECIAL, NEXT, IN_HYPHEN_NUM_WORD), pop());
        state(IN_PARSE_HYPHEN, r(Test.EOF, RERUN, BASE), r(Test.ASCLET, NEXT, IN_HYPHEN_ASCII_WORD_PART),
            r(Test.ALPHA, NEXT, IN_HYPHEN_WORD_PART), r(Test.DIGIT, PUSH, IN_HYPHEN_UNSIGNED_INT),
            eq('-', PUSH, IN_PARSE_HYPHEN_HYPHEN), r(Test.ANY, RERUN, BASE));
        state(IN_PARSE_HYPHEN_HYPHEN, popAtEof(), r(Test.ALNUM, BINGO | CLEAR, IN_PARSE_HYPHEN, SPACE),
            r(Test.SPECIAL, BINGO | CLEAR, IN_PARSE_HYPHEN, SPACE), pop());
        state(IN_HYPHEN_WORD_PART, r(Test.EOF, BINGO, BASE, PARTHWORD), r(Test.ALPHA, NEXT, IN_HYPHEN_WORD_PART),
            r(Test.SPECIAL, NEXT, IN_HYPHEN_WORD_PART), r(Test.DIGIT, NEXT, IN_HYPHEN_NUM_WORD_PART),
            r(Test.ANY, BINGO, IN_PARSE_HYPHEN, PARTHWORD));
        state(IN_HYPHEN_ASCII_WORD_PART, r(Test.EOF, BINGO, BASE, ASCIIPARTHWORD),
            r(Test.ASCLET, NEXT, IN_HYPHEN_ASCII_WORD_PART), r(Test.ALPHA, NEXT, IN_HYPHEN_WORD_PART),
            r(Test.SPECIAL, NEXT, IN_HYPHEN_WORD_PART), r(Test.DIGIT, NEXT, IN_HYPHEN_NUM_WORD_PART),
            r(Test.ANY, BINGO, IN_PARSE_HYPHEN, ASCIIPARTHWORD));
        state(IN_HYPHEN_NUM_WORD_PART, r(Test.EOF, BINGO, BASE, NUMPARTHWORD), r(Test.ALNUM, NEXT, IN_HYPHEN_NUM_WORD_PART),
            r(Test.SPECIAL, NEXT, IN_HYPHEN_NUM_WORD_PART), r(Test.ANY, BINGO, IN_PARSE_HYPHEN, NUMPARTHWORD));
        state(IN_HYPHEN_UNSIGNED_INT, popAtEof(), r(Test.DIGIT, NEXT, STAY), r(Test.ALPHA, CLEAR, IN_HYPHEN_NUM_WORD_PART),
            r(Test.SPECIAL, CLEAR, IN_HYPHEN_NUM_WORD_PART), pop());
        for (int s = 0; s < STATES; s++) {
            if (RULES[s] == null) {
                throw new IllegalStateException("text parser state " + s + " has no rules");
            }
        }
    }

    /** A position of the machine; PUSH stacks a copy, POP returns to it. */
    private static final class Position {
        int pos;
        int charlen;
        int lenToken;
        int state;
        /** The rule this position pushed at (a POP resumes at the next one), or -1. */
        int pushedAt = -1;
        Position prev;

        Position() {}

        Position(Position from) {
            pos = from.pos;
            charlen = from.charlen;
            lenToken = from.lenToken;
            state = from.state;
            prev = from;
        }
    }

    private final int[] cps;
    private final int len;
    private Position st;
    /** Inside script and style elements everything but tags is blank. */
    private boolean ignore;
    /** Set while a host is being read as part of an e-mail address or URL: it ends the host early. */
    private boolean wantHost;
    private int tokenStart;
    private int tokenLen;
    private int type;

    private TextParser(int[] cps, int start) {
        this.cps = cps;
        this.len = cps.length;
        st = new Position();
        st.pos = start;
        st.state = BASE;
    }

    /** A parser over a document. */
    public TextParser(String text) {
        this(text.codePoints().toArray(), 0);
    }

    /** The next token, or null at the end. */
    public Token next() {
        if (!advance()) {
            return null;
        }
        return new Token(type, new String(cps, tokenStart, tokenLen));
    }

    /** Every token of a document, in order. */
    public static java.util.List<Token> tokens(String text) {
        TextParser p = new TextParser(text);
        java.util.List<Token> out = new java.util.ArrayList<>();
        for (Token t = p.next(); t != null; t = p.next()) {
            out.add(t);
        }
        return out;
    }

    private boolean advance() {
        if (st.pos >= len) {
            return false;
        }
        tokenStart = st.pos;
        st.pushedAt = -1;
        Rule item = null;
        while (st.pos <= len) {
            st.charlen = st.pos == len ? 0 : 1;
            Rule[] rules = RULES[st.state];
            int i = st.pushedAt >= 0 ? st.pushedAt + 1 : 0;
            st.pushedAt = -1;
            while (!passes(rules[i])) {
                i++;
            }
            item = rules[i];
            special(item.special());
            int flags = item.flags();
            if ((flags & BINGO) != 0) {
                tokenLen = st.lenToken;
                st.lenToken = 0;
                type = item.type();
            }
            if ((flags & POP) != 0) {
                st = st.prev;
            } else if ((flags & PUSH) != 0) {
                st.pushedAt = i;
                st = new Position(st);
            } else if ((flags & CLEAR) != 0) {
                st.prev = st.prev.prev;
            } else if ((flags & CLRALL) != 0) {
                st.prev = null;
            } else if ((flags & MERGE) != 0) {
                Position p = st;
                st = st.prev;
                st.pos = p.pos;
                st.charlen = p.charlen;
                st.lenToken = p.lenToken;
            }
            if (item.to() != STAY) {
                st.state = item.to();
            }
            if ((flags & BINGO) != 0 || (st.pos >= len && (flags & RERUN) == 0)) {
                break;
            }
            if ((flags & (RERUN | POP)) != 0) {
                continue;
            }
            if (st.charlen != 0) {
                st.pos++;
                st.lenToken++;
            }
        }
        return item != null && (item.flags() & BINGO) != 0;
    }

    private int cp() { return st.pos < len ? cps[st.pos] : 0; }

    private boolean passes(Rule rule) {
        int c = cp();
        boolean eof = st.pos >= len;
        return switch (rule.test()) {
            case ANY -> true;
            case EOF -> eof || st.charlen == 0;
            case EQ -> !eof && c == rule.c();
            case ASCLET -> !eof && c < 128 && isAsciiLetter(c);
            case ALPHA -> !eof && (c > 0x7f || isAsciiLetter(c));
            case ALNUM -> !eof && (c > 0x7f || isAsciiLetter(c) || isDigit(c));
            case NOT_ALNUM -> eof || !(c > 0x7f || isAsciiLetter(c) || isDigit(c));
            case DIGIT -> !eof && isDigit(c);
            case SPACE -> !eof && (c == ' ' || (c >= '\t' && c <= '\r'));
            case XDIGIT -> !eof && (isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
            // Characters of no display width: among what a C-locale UTF-8 database sees, only
            // the non-ASCII ones have none, and those are letters (tested first everywhere).
            case SPECIAL -> false;
            case IGNORE -> ignore;
            case STOP_HOST -> {
                if (wantHost) {
                    wantHost = false;
                    yield true;
                }
                yield false;
            }
            case HOST -> host();
            case URL_PATH -> urlPath();
            case URL_CHAR -> !eof && c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0;
        };
    }

    private static boolean isAsciiLetter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    private static boolean isDigit(int c) { return c >= '0' && c <= '9'; }

    /** A host read by a second parser from here (the part of an e-mail address after the @). */
    private boolean host() {
        TextParser sub = new TextParser(cps, st.pos);
        sub.wantHost = true;
        return take(sub, HOST);
    }

    /** A URL path read by a second parser from here (the part of a URL after its host). */
    private boolean urlPath() {
        TextParser sub = new TextParser(cps, st.pos);
        Position p = new Position(sub.st);
        p.state = IN_URL_PATH_FIRST;
        sub.st = p;
        return take(sub, URLPATH);
    }

    private boolean take(TextParser sub, int wanted) {
        if (sub.advance() && sub.type == wanted) {
            st.pos += sub.tokenLen;
            st.lenToken += sub.tokenLen;
            st.charlen = sub.st.charlen;
            return true;
        }
        return false;
    }

    private void special(Special s) {
        switch (s) {
            case NONE -> { }
            case TAGS -> {
                String tag = new String(cps, tokenStart, Math.min(st.lenToken, len - tokenStart)).toLowerCase(Locale.ROOT);
                switch (st.lenToken) {
                    case 8 -> {
                        if (tag.equals("</script")) {
                            ignore = false;
                        }
                    }
                    case 7 -> {
                        if (tag.equals("</style")) {
                            ignore = false;
                        } else if (tag.equals("<script")) {
                            ignore = true;
                        }
                    }
                    case 6 -> {
                        if (tag.equals("<style")) {
                            ignore = true;
                        }
                    }
                    default -> { }
                }
            }
            case FURL -> {
                wantHost = true;
                st.pos -= st.lenToken;
            }
            case HYPHEN -> st.pos -= st.lenToken;
            case VER_VERSION -> {
                st.pos -= st.lenToken;
                st.lenToken = 0;
            }
        }
    }
}
