package org.tuskdb.sql.internal.tsearch;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;

/**
 * The built-in text search configurations and dictionaries (pg_ts_config, pg_ts_dict): 'simple'
 * and 'english', both over the default parser. A configuration maps each token type to a
 * dictionary; tokens of unmapped types (blanks, tags, protocol heads, entities) are not indexed
 * and take no position. The simple dictionary lower-cases; english_stem lower-cases, drops its
 * stop words (which still take a position) and stems.
 *
 * <p>Lower-casing is the C locale's: only A-Z change (the reference database is initialised with
 * the C locale, where PostgreSQL leaves other letters as they are).
 *
 * <p>The oids of english and english_stem are those initdb gives them in PostgreSQL 15 (it creates
 * them with the other snowball objects); simple's are fixed in PostgreSQL's catalogs.
 */
public final class TextSearchConfig {
    /** A dictionary (pg_ts_dict row). */
    public enum Dictionary {
        SIMPLE(3765, "simple", 3727, "simple dictionary: just lower case and check for stopword"),
        ENGLISH_STEM(13163, "english_stem", 13150, "snowball stemmer for english language");

        public final long oid;
        public final String dictName;
        public final long template;
        public final String description;

        Dictionary(long oid, String name, long template, String description) {
            this.oid = oid;
            this.dictName = name;
            this.template = template;
            this.description = description;
        }

        /** The dictionary's lexemes for a token: empty for a stop word (never null: both know every word). */
        public List<String> lexize(String token) {
            String lower = org.tuskdb.sql.internal.parser.Lexer.downcase(token); // A-Z only: the C locale's tolower
            if (lower.isEmpty()) {
                return List.of();
            }
            if (this == SIMPLE) {
                return List.of(lower);
            }
            if (EnglishStopWords.contains(lower)) {
                return List.of();
            }
            // Longer strings than this are no words of any language: PostgreSQL does not stem them.
            if (lower.length() > 1000) {
                return List.of(lower);
            }
            return List.of(EnglishStemmer.stem(lower));
        }
    }

    /** The token types both configurations index, in ts_token_type order. */
    private static final int[] INDEXED = {TextParser.ASCIIWORD, TextParser.WORD, TextParser.NUMWORD, TextParser.EMAIL,
        TextParser.URL, TextParser.HOST, TextParser.SCIENTIFIC, TextParser.VERSION, TextParser.NUMPARTHWORD,
        TextParser.PARTHWORD, TextParser.ASCIIPARTHWORD, TextParser.NUMHWORD, TextParser.ASCIIHWORD, TextParser.HWORD,
        TextParser.URLPATH, TextParser.FILEPATH, TextParser.DECIMAL, TextParser.SIGNEDINT, TextParser.UNSIGNEDINT};

    public static final long PARSER_OID = 3722;
    public static final long SIMPLE_TEMPLATE_OID = 3727;
    public static final long SNOWBALL_TEMPLATE_OID = 13150;

    /** The configurations: simple indexes every word type unchanged, english stems words. */
    public static final TextSearchConfig SIMPLE = new TextSearchConfig(3748, "simple", Dictionary.SIMPLE,
        Dictionary.SIMPLE, "simple configuration");
    public static final TextSearchConfig ENGLISH = new TextSearchConfig(13164, "english", Dictionary.ENGLISH_STEM,
        Dictionary.SIMPLE, "configuration for english language");

    public static final List<TextSearchConfig> ALL = List.of(SIMPLE, ENGLISH);

    public final long oid;
    public final String name;
    public final String description;
    /** Dictionary by token type, null where the type is not indexed. */
    private final Dictionary[] map = new Dictionary[TextParser.LAST_TYPE + 1];

    private TextSearchConfig(long oid, String name, Dictionary words, Dictionary others, String description) {
        this.oid = oid;
        this.name = name;
        this.description = description;
        for (int t : INDEXED) {
            boolean word = t == TextParser.ASCIIWORD || t == TextParser.WORD || t == TextParser.ASCIIHWORD
                || t == TextParser.HWORD || t == TextParser.ASCIIPARTHWORD || t == TextParser.PARTHWORD;
            map[t] = word ? words : others;
        }
    }

    /** The dictionary a token type goes to, or null when this configuration does not index it. */
    public Dictionary dictionaryFor(int type) {
        return type > 0 && type < map.length ? map[type] : null;
    }

    // ---- names (regconfig / regdictionary input and output) -------------------------------------

    public static TextSearchConfig byOid(long oid) {
        for (TextSearchConfig c : ALL) {
            if (c.oid == oid) {
                return c;
            }
        }
        return null;
    }

    public static Dictionary dictionaryByOid(long oid) {
        for (Dictionary d : Dictionary.values()) {
            if (d.oid == oid) {
                return d;
            }
        }
        return null;
    }

    /** regconfigout / regdictionaryout: the name of an oid, or null when there is none. */
    public static String nameOf(boolean config, long oid) {
        if (config) {
            TextSearchConfig c = byOid(oid);
            return c == null ? null : c.name;
        }
        Dictionary d = dictionaryByOid(oid);
        return d == null ? null : d.dictName;
    }

    /** regconfigin: a number is an oid as it is; a name (optionally pg_catalog-qualified) must exist (42704). */
    public static long configOid(String text) {
        if (isNumber(text)) {
            return Long.parseLong(text.trim());
        }
        String name = objectName(text, "configuration");
        for (TextSearchConfig c : ALL) {
            if (c.name.equals(name)) {
                return c.oid;
            }
        }
        throw DatabaseException.error("42704", "text search configuration \"" + qualifiedText(text) + "\" does not exist");
    }

    /** regdictionaryin. */
    public static long dictionaryOid(String text) {
        if (isNumber(text)) {
            return Long.parseLong(text.trim());
        }
        String name = objectName(text, "dictionary");
        for (Dictionary d : Dictionary.values()) {
            if (d.dictName.equals(name)) {
                return d.oid;
            }
        }
        throw DatabaseException.error("42704", "text search dictionary \"" + qualifiedText(text) + "\" does not exist");
    }

    /** The configuration a default_text_search_config value names, or null. */
    public static TextSearchConfig bySettingValue(String value) {
        try {
            return byOid(configOid(value));
        } catch (DatabaseException e) {
            return null;
        }
    }

    private static boolean isNumber(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 10) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The object's name when its schema is pg_catalog or absent; another schema finds nothing. */
    private static String objectName(String text, String what) {
        List<String> parts = nameParts(text);
        if (parts.size() == 2) {
            if (!parts.get(0).equals("pg_catalog") && !parts.get(0).equals("public")) {
                throw DatabaseException.error("3F000", "schema \"" + parts.get(0) + "\" does not exist");
            }
            return parts.get(0).equals("pg_catalog") ? parts.get(1) : "\u0000";
        }
        if (parts.size() != 1) {
            throw DatabaseException.error("42601", "invalid name syntax");
        }
        return parts.get(0);
    }

    private static String qualifiedText(String text) {
        return String.join(".", nameParts(text));
    }

    /** A dotted name as identifiers are read: unquoted parts lower-cased, quoted ones as written. */
    private static List<String> nameParts(String text) {
        return List.of(org.tuskdb.sql.internal.catalog.QualifiedNames.split(text));
    }


    // ---- parsing a document into positioned lexemes (parsetext) --------------------------------

    /** A lexeme of a parsed text with its position (1-based, clamped to 16383). */
    public record Word(String lexeme, int position) {}

    /**
     * The lexemes of a text in order: each indexed token takes the next position, a stop word's
     * position stays empty, unindexed tokens take none.
     */
    public List<Word> parse(String text) {
        List<Word> out = new ArrayList<>();
        TextParser p = new TextParser(text);
        int pos = 0;
        for (TextParser.Token t = p.next(); t != null; t = p.next()) {
            Dictionary d = dictionaryFor(t.type());
            if (d == null) {
                continue;
            }
            if (t.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 2047) {
                continue;
            }
            pos++;
            for (String lexeme : d.lexize(t.text())) {
                out.add(new Word(lexeme, Math.min(pos, 16383)));
            }
        }
        return out;
    }
}
