package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.TEXT;
import static org.tuskdb.sql.internal.value.PgType.TEXT_ARRAY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.Errors;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * POSIX regular expressions (~ ~* !~ !~*, regexp_replace, regexp_match, regexp_like,
 * regexp_count, regexp_split_to_array, substring(text from pattern)) and SIMILAR TO
 * (similar_to_escape). PostgreSQL's ARE syntax is mapped onto java.util.regex: bracket classes
 * [[:alpha:]] and the word boundaries \m \M \y are translated; what Java reads differently
 * (back-references in brackets, embedded options) is not. Compiled patterns are cached per
 * engine (bounded), as regexp.c caches them per backend.
 */
final class RegexFunctions {
    private static final int CACHE_LIMIT = 256;
    private final Map<String, Pattern> cache = new ConcurrentHashMap<>();

    RegexFunctions() {}

    static void register(FunctionRegistry r) {
        RegexFunctions f = new RegexFunctions();
        r.op("~", TEXT, TEXT, BOOL, (a, b) -> BoolValue.of(f.find(s(a), s(b), 0)));
        r.op("~*", TEXT, TEXT, BOOL, (a, b) -> BoolValue.of(f.find(s(a), s(b), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        r.op("!~", TEXT, TEXT, BOOL, (a, b) -> BoolValue.of(!f.find(s(a), s(b), 0)));
        r.op("!~*", TEXT, TEXT, BOOL, (a, b) -> BoolValue.of(!f.find(s(a), s(b), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        r.fn("regexp_replace", TEXT, List.of(TEXT, TEXT, TEXT), (a, c) -> f.replace(s(a[0]), s(a[1]), s(a[2]), ""));
        r.fn("regexp_replace", TEXT, List.of(TEXT, TEXT, TEXT, TEXT), (a, c) -> f.replace(s(a[0]), s(a[1]), s(a[2]), s(a[3])));
        r.fn("regexp_match", TEXT_ARRAY, List.of(TEXT, TEXT), (a, c) -> f.match(s(a[0]), s(a[1]), ""));
        r.fn("regexp_match", TEXT_ARRAY, List.of(TEXT, TEXT, TEXT), (a, c) -> f.match(s(a[0]), s(a[1]), s(a[2])));
        r.fn("regexp_like", BOOL, List.of(TEXT, TEXT), (a, c) -> BoolValue.of(f.find(s(a[0]), s(a[1]), 0)));
        r.fn("regexp_like", BOOL, List.of(TEXT, TEXT, TEXT),
            (a, c) -> BoolValue.of(f.find(s(a[0]), s(a[1]), flags(s(a[2]), false))));
        r.fn("regexp_count", INT4, List.of(TEXT, TEXT), (a, c) -> {
            Matcher m = f.pattern(s(a[1]), 0).matcher(s(a[0]));
            int n = 0;
            while (m.find()) {
                n++;
            }
            return IntegerValue.int4(n);
        });
        // regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]) and
        // regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]])
        List<PgType> substrArgs = List.of(TEXT, TEXT, INT4, INT4, TEXT, INT4);
        for (int n = 2; n <= substrArgs.size(); n++) {
            r.fn("regexp_substr", TEXT, substrArgs.subList(0, n), (a, c) -> {
                Matcher m = f.nth(a, a.length > 4 ? s(a[4]) : "");
                int sub = a.length > 5 ? subexpr(m, a[5]) : 0;
                return m == null || sub < 0 || m.group(sub) == null ? null : TextValue.text(m.group(sub));
            });
        }
        List<PgType> instrArgs = List.of(TEXT, TEXT, INT4, INT4, INT4, TEXT, INT4);
        for (int n = 2; n <= instrArgs.size(); n++) {
            r.fn("regexp_instr", INT4, instrArgs.subList(0, n), (a, c) -> {
                Matcher m = f.nth(a, a.length > 5 ? s(a[5]) : "");
                int sub = a.length > 6 ? subexpr(m, a[6]) : 0;
                boolean end = a.length > 4 && ((IntegerValue) a[4]).value() != 0;
                if (m == null || sub < 0 || m.group(sub) == null) {
                    return IntegerValue.int4(0);
                }
                String str = s(a[0]);
                int at = end ? m.end(sub) : m.start(sub);
                return IntegerValue.int4(str.codePointCount(0, at) + 1);
            });
        }
        r.fn("regexp_split_to_array", TEXT_ARRAY, List.of(TEXT, TEXT), (a, c) -> {
            String str = s(a[0]);
            Matcher m = f.pattern(s(a[1]), 0).matcher(str);
            List<Value> out = new ArrayList<>();
            int start = 0;
            while (m.find()) {
                if (m.end() == m.start() && (m.start() == 0 || m.start() >= str.length())) {
                    continue; // an empty match at either end splits nothing
                }
                out.add(TextValue.text(str.substring(start, m.start())));
                start = m.end();
            }
            out.add(TextValue.text(str.substring(start)));
            return new ArrayValue(TEXT_ARRAY, out.toArray(new Value[0]));
        });
        // substring(text from pattern): the first parenthesized group if there is one, else the match
        r.fn("substring", TEXT, List.of(TEXT, TEXT), (a, c) -> {
            Matcher m = f.pattern(s(a[1]), 0).matcher(s(a[0]));
            if (!m.find()) {
                return null;
            }
            if (m.groupCount() > 0) {
                return m.group(1) == null ? null : TextValue.text(m.group(1));
            }
            return TextValue.text(m.group());
        });
        r.fn("similar_to_escape", TEXT, List.of(TEXT), (a, c) -> TextValue.text(similarToRegex(s(a[0]), "\\")));
        r.addFunction(new FunctionDef("similar_to_escape", List.of(TEXT, TEXT), TEXT, false, false, 'i', (a, c) -> {
            if (a[0] == null) {
                return null;
            }
            return TextValue.text(similarToRegex(s(a[0]), a[1] == null ? null : s(a[1])));
        }));
    }

    /**
     * The N-th match (a[3], default 1) of a[1] in a[0] from character a[2] (default 1), or null;
     * PostgreSQL's 22023 for a start or N below 1.
     */
    private Matcher nth(Value[] a, String flagText) {
        String str = s(a[0]);
        long start = a.length > 2 ? ((IntegerValue) a[2]).value() : 1;
        long n = a.length > 3 ? ((IntegerValue) a[3]).value() : 1;
        if (start <= 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"start\": " + start);
        }
        if (n <= 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"n\": " + n);
        }
        int cps = str.codePointCount(0, str.length());
        if (start > cps + 1) {
            return null;
        }
        Matcher m = pattern(s(a[1]), flags(flagText, false)).matcher(str);
        int from = str.offsetByCodePoints(0, (int) start - 1);
        if (!m.find(from)) {
            return null;
        }
        for (long i = 1; i < n; i++) {
            if (!m.find()) {
                return null;
            }
        }
        return m;
    }

    /** The subexpression number: 0 the whole match, past the groups -1 (no value). */
    private static int subexpr(Matcher m, Value v) {
        long sub = ((IntegerValue) v).value();
        if (sub < 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"subexpr\": " + sub);
        }
        return m == null || sub > m.groupCount() ? -1 : (int) sub;
    }

    private static String s(Value v) {
        return ((TextValue) v).textValue();
    }

    private boolean find(String s, String re, int flags) {
        return pattern(re, flags).matcher(s).find();
    }

    Pattern pattern(String re, int flags) {
        String key = flags + ":" + re;
        Pattern p = cache.get(key);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile(translate(re), flags);
        } catch (PatternSyntaxException e) {
            throw Errors.invalidRegularExpression(e);
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, p);
        return p;
    }

    /** ARE constructs Java lacks: [[:class:]], \m \M \y word boundaries. */
    static String translate(String re) {
        if (re.indexOf("[:") < 0 && re.indexOf("\\m") < 0 && re.indexOf("\\M") < 0 && re.indexOf("\\y") < 0) {
            return re;
        }
        return re.replace("[:alpha:]", "\\p{Alpha}").replace("[:digit:]", "\\p{Digit}")
            .replace("[:alnum:]", "\\p{Alnum}").replace("[:upper:]", "\\p{Upper}").replace("[:lower:]", "\\p{Lower}")
            .replace("[:space:]", "\\s").replace("[:punct:]", "\\p{Punct}").replace("[:xdigit:]", "\\p{XDigit}")
            .replace("[:word:]", "\\w").replace("\\m", "\\b(?=\\w)").replace("\\M", "\\b(?<=\\w)").replace("\\y", "\\b");
    }

    /** regexp flags: g (all), i (case-insensitive), c (case-sensitive), n / s / x ...; others are 22023. */
    static int flags(String f, boolean allowGlobal) {
        int flags = 0;
        for (char c : f.toCharArray()) {
            switch (c) {
                case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'c' -> flags &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                case 'n', 'm' -> flags |= Pattern.MULTILINE;
                case 's' -> flags &= ~Pattern.MULTILINE;
                case 'x' -> flags |= Pattern.COMMENTS;
                case 'g' -> {
                    if (!allowGlobal) {
                        throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                            "regexp_match() does not support the \"global\" option")
                            .withHint("Use the regexp_matches function instead.");
                    }
                }
                default -> throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid regular expression option: \"" + c + "\"");
            }
        }
        return flags;
    }

    private Value replace(String s, String re, String replacement, String flagText) {
        int flags = flags(flagText, true);
        boolean global = flagText.indexOf('g') >= 0;
        Matcher m = pattern(re, flags).matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start());
            appendReplacement(out, m, replacement);
            last = m.end();
            if (!global) {
                break;
            }
        }
        out.append(s, last, s.length());
        return TextValue.text(out.toString());
    }

    /** \1..\9 are groups, \& the whole match, \\ a backslash (PostgreSQL's replacement syntax). */
    private static void appendReplacement(StringBuilder out, Matcher m, String r) {
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length()) {
                char d = r.charAt(i + 1);
                if (d >= '1' && d <= '9') {
                    int g = d - '0';
                    if (g <= m.groupCount() && m.group(g) != null) {
                        out.append(m.group(g));
                    }
                    i++;
                    continue;
                }
                if (d == '&') {
                    out.append(m.group());
                    i++;
                    continue;
                }
                if (d == '\\') {
                    out.append('\\');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
    }

    private Value match(String s, String re, String flagText) {
        Matcher m = pattern(re, flags(flagText, false)).matcher(s);
        if (!m.find()) {
            return null;
        }
        Value[] out;
        if (m.groupCount() == 0) {
            out = new Value[] {TextValue.text(m.group())};
        } else {
            out = new Value[m.groupCount()];
            for (int g = 1; g <= m.groupCount(); g++) {
                out[g - 1] = m.group(g) == null ? null : TextValue.text(m.group(g));
            }
        }
        return new ArrayValue(TEXT_ARRAY, out);
    }

    /** similar_to_escape: SQL's SIMILAR TO pattern as an anchored POSIX regex (% → .*, _ → ., escape char). */
    static String similarToRegex(String pattern, String escape) {
        if (escape != null && escape.codePointCount(0, escape.length()) > 1) {
            throw DatabaseException.error("2200C", "invalid escape string")
                .withHint("Escape string must be empty or one character.");
        }
        char esc = escape == null || escape.isEmpty() ? 0 : escape.charAt(0);
        StringBuilder sb = new StringBuilder("^(?:");
        boolean afterEscape = false;
        int bracketDepth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (afterEscape) {
                sb.append('\\').append(c);
                afterEscape = false;
            } else if (esc != 0 && c == esc) {
                afterEscape = true;
            } else if (bracketDepth > 0) {
                if (c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
                if (c == ']') {
                    bracketDepth = 0;
                }
            } else if (c == '[') {
                bracketDepth = 1;
                sb.append(c);
            } else if (c == '%') {
                sb.append(".*");
            } else if (c == '_') {
                sb.append('.');
            } else if (c == '(') {
                sb.append("(?:");
            } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.append(")$").toString();
    }
}
