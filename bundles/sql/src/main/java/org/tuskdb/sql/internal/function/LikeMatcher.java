package org.tuskdb.sql.internal.function;

import org.tuskdb.api.DatabaseException;

/**
 * LIKE pattern matching: % any run, _ one character, backslash escapes the next character.
 * Iterative with backtracking to the last %, so it is linear for typical patterns.
 */
final class LikeMatcher {
    private LikeMatcher() {}

    static boolean matches(String s, String pattern, boolean ignoreCase) {
        if (ignoreCase) {
            s = s.toLowerCase(java.util.Locale.ROOT);
            pattern = pattern.toLowerCase(java.util.Locale.ROOT);
        }
        int si = 0;
        int pi = 0;
        int starP = -1;
        int starS = -1;
        while (si < s.length()) {
            if (pi < pattern.length()) {
                char p = pattern.charAt(pi);
                if (p == '%') {
                    starP = ++pi;
                    starS = si;
                    continue;
                }
                if (p == '\\') {
                    if (pi + 1 >= pattern.length()) {
                        throw DatabaseException.error("22025", "LIKE pattern must not end with escape character");
                    }
                    if (pattern.charAt(pi + 1) == s.charAt(si)) {
                        pi += 2;
                        si++;
                        continue;
                    }
                } else if (p == '_' || p == s.charAt(si)) {
                    pi++;
                    si++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP;
            si = ++starS;
        }
        while (pi < pattern.length() && pattern.charAt(pi) == '%') {
            pi++;
        }
        if (pi < pattern.length() && pattern.charAt(pi) == '\\' && pi + 1 >= pattern.length()) {
            throw DatabaseException.error("22025", "LIKE pattern must not end with escape character");
        }
        return pi == pattern.length();
    }

    /** like_escape: rewrites a pattern written with another escape character to use backslash. */
    static String withEscape(String pattern, String escape) {
        if (escape.isEmpty()) {
            return pattern.replace("\\", "\\\\");
        }
        if (escape.codePointCount(0, escape.length()) != 1) {
            throw DatabaseException.error("22025", "invalid escape string").withHint(
                "Escape string must be empty or one character.");
        }
        char e = escape.charAt(0);
        if (e == '\\') {
            return pattern;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == e && i + 1 < pattern.length()) {
                sb.append('\\').append(pattern.charAt(++i));
            } else if (c == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
