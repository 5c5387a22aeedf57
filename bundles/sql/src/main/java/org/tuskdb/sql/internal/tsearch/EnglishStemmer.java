package org.tuskdb.sql.internal.tsearch;

/**
 * The Snowball English ("Porter2") stemmer as PostgreSQL 15's english_stem dictionary runs it,
 * written from the algorithm's published description (snowballstem.org, the version of Snowball
 * 2.x): exceptional forms first, then the regions R1 and R2, steps 1a to 5 on the word's end, and
 * the y/Y marking around them.
 *
 * <p>The input is already lower-cased. Only a-z, apostrophe and y/Y are special: any other
 * character (digits, non-ASCII letters) is a non-vowel, as in the UTF-8 stemmer PostgreSQL uses.
 * Words of fewer than three characters are returned unchanged.
 *
 * <p>Rule kept from the description: each step looks for the longest of its suffixes first and,
 * once one is found, either applies it or gives up; it never falls back to a shorter suffix.
 */
public final class EnglishStemmer {
    private EnglishStemmer() {}

    /** The stem of a lower-case word. */
    public static String stem(String word) {
        String special = exception1(word);
        if (special != null) {
            return special;
        }
        if (word.codePointCount(0, word.length()) < 3) {
            return word;
        }
        return new Work(word).run();
    }

    /** Words the algorithm maps by a table (or keeps as they are) instead of by its steps. */
    private static String exception1(String w) {
        return switch (w) {
            case "skis" -> "ski";
            case "skies" -> "sky";
            case "dying" -> "die";
            case "lying" -> "lie";
            case "tying" -> "tie";
            case "idly" -> "idl";
            case "gently" -> "gentl";
            case "ugly" -> "ugli";
            case "early" -> "earli";
            case "only" -> "onli";
            case "singly" -> "singl";
            case "sky", "news", "howe", "atlas", "cosmos", "bias", "andes" -> w;
            default -> null;
        };
    }

    /** Words that after step 1a are left alone. */
    private static boolean exception2(String w) {
        return switch (w) {
            case "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed" -> true;
            default -> false;
        };
    }

    private static boolean vowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    }

    /** One word being stemmed: its characters (y as a consonant is 'Y') and its regions. */
    private static final class Work {
        private final StringBuilder w;
        private int p1;
        private int p2;

        Work(String word) {
            w = new StringBuilder(word);
        }

        String run() {
            boolean marked = prelude();
            markRegions();
            step1a();
            if (!exception2(w.toString())) {
                step1b();
                step1c();
                step2();
                step3();
                step4();
                step5();
            }
            if (marked) {
                for (int i = 0; i < w.length(); i++) {
                    if (w.charAt(i) == 'Y') {
                        w.setCharAt(i, 'y');
                    }
                }
            }
            return w.toString();
        }

        /** A leading apostrophe goes; y at the start or after a vowel is a consonant (Y). */
        private boolean prelude() {
            if (w.length() > 0 && w.charAt(0) == '\'') {
                w.deleteCharAt(0);
            }
            boolean marked = false;
            for (int i = 0; i < w.length(); i++) {
                if (w.charAt(i) == 'y' && (i == 0 || vowel(w.charAt(i - 1)))) {
                    w.setCharAt(i, 'Y');
                    marked = true;
                }
            }
            return marked;
        }

        /** R1 starts after the first non-vowel that follows a vowel (or after gener/commun/arsen); R2 likewise within R1. */
        private void markRegions() {
            int n = w.length();
            p1 = n;
            p2 = n;
            String s = w.toString();
            int start;
            if (s.startsWith("gener") || s.startsWith("arsen")) {
                start = 5;
            } else if (s.startsWith("commun")) {
                start = 6;
            } else {
                start = afterVowelConsonant(0);
                if (start < 0) {
                    return;
                }
            }
            p1 = start;
            int second = afterVowelConsonant(p1);
            if (second >= 0) {
                p2 = second;
            }
        }

        /** The position after the first non-vowel that follows a vowel at or after from, or -1. */
        private int afterVowelConsonant(int from) {
            int i = from;
            while (i < w.length() && !vowel(w.charAt(i))) {
                i++;
            }
            while (i < w.length() && vowel(w.charAt(i))) {
                i++;
            }
            return i < w.length() ? i + 1 : -1;
        }

        private boolean ends(String suffix) {
            int n = w.length();
            int k = suffix.length();
            return n >= k && w.indexOf(suffix, n - k) == n - k;
        }

        /** The longest of the suffixes the word ends with, or null. */
        private String longest(String... suffixes) {
            String best = null;
            for (String s : suffixes) {
                if (ends(s) && (best == null || s.length() > best.length())) {
                    best = s;
                }
            }
            return best;
        }

        private void replace(String suffix, String by) {
            w.setLength(w.length() - suffix.length());
            w.append(by);
        }

        private boolean inR1(String suffix) { return w.length() - suffix.length() >= p1; }

        private boolean inR2(String suffix) { return w.length() - suffix.length() >= p2; }

        private boolean hasVowel(int from, int to) {
            for (int i = from; i < to; i++) {
                if (vowel(w.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A short syllable ends at end: a vowel then a non-vowel other than w, x and Y, after a
         * non-vowel; or a vowel at the word's start followed by a non-vowel.
         */
        private boolean shortSyllableAt(int end) {
            if (end >= 3) {
                char c = w.charAt(end - 1);
                if (!vowel(c) && c != 'w' && c != 'x' && c != 'Y' && vowel(w.charAt(end - 2)) && !vowel(w.charAt(end - 3))) {
                    return true;
                }
            }
            return end == 2 && !vowel(w.charAt(1)) && vowel(w.charAt(0));
        }

        private void step1a() {
            String apos = longest("'", "'s", "'s'");
            if (apos != null) {
                replace(apos, "");
            }
            String s = longest("sses", "ied", "ies", "s", "us", "ss");
            if (s == null) {
                return;
            }
            switch (s) {
                case "sses" -> replace(s, "ss");
                case "ied", "ies" -> replace(s, w.length() - s.length() >= 2 ? "i" : "ie");
                case "s" -> {
                    // Deleted when a vowel comes before the letter just ahead of the s (gas, this keep it).
                    if (hasVowel(0, w.length() - 2)) {
                        replace(s, "");
                    }
                }
                default -> { }
            }
        }

        private void step1b() {
            String s = longest("eed", "eedly", "ed", "edly", "ing", "ingly");
            if (s == null) {
                return;
            }
            if (s.equals("eed") || s.equals("eedly")) {
                if (inR1(s)) {
                    replace(s, "ee");
                }
                return;
            }
            if (!hasVowel(0, w.length() - s.length())) {
                return;
            }
            replace(s, "");
            String t = longest("at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt");
            if (t == null) {
                if (w.length() == p1 && shortSyllableAt(w.length())) {
                    w.append('e');
                }
            } else if (t.charAt(0) == t.charAt(1)) {
                w.setLength(w.length() - 1);
            } else {
                w.append('e');
            }
        }

        /** A final y or Y after a non-vowel that is not the first letter becomes i. */
        private void step1c() {
            int n = w.length();
            if (n >= 3 && (w.charAt(n - 1) == 'y' || w.charAt(n - 1) == 'Y') && !vowel(w.charAt(n - 2))) {
                w.setCharAt(n - 1, 'i');
            }
        }

        private void step2() {
            String s = longest("tional", "enci", "anci", "abli", "entli", "izer", "ization", "ational", "ation", "ator",
                "alism", "aliti", "alli", "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi", "fulli",
                "lessli", "li");
            if (s == null || !inR1(s)) {
                return;
            }
            switch (s) {
                case "tional" -> replace(s, "tion");
                case "enci" -> replace(s, "ence");
                case "anci" -> replace(s, "ance");
                case "abli" -> replace(s, "able");
                case "entli" -> replace(s, "ent");
                case "izer", "ization" -> replace(s, "ize");
                case "ational", "ation", "ator" -> replace(s, "ate");
                case "alism", "aliti", "alli" -> replace(s, "al");
                case "fulness" -> replace(s, "ful");
                case "ousli", "ousness" -> replace(s, "ous");
                case "iveness", "iviti" -> replace(s, "ive");
                case "biliti", "bli" -> replace(s, "ble");
                case "ogi" -> {
                    if (before(s) == 'l') {
                        replace(s, "og");
                    }
                }
                case "fulli" -> replace(s, "ful");
                case "lessli" -> replace(s, "less");
                default -> {
                    if ("cdeghkmnrt".indexOf(before(s)) >= 0) {
                        replace(s, "");
                    }
                }
            }
        }

        /** The character just before a suffix, or 0 when there is none. */
        private char before(String suffix) {
            int i = w.length() - suffix.length() - 1;
            return i >= 0 ? w.charAt(i) : 0;
        }

        private void step3() {
            String s = longest("tional", "ational", "alize", "icate", "iciti", "ical", "ful", "ness", "ative");
            if (s == null || !inR1(s)) {
                return;
            }
            switch (s) {
                case "tional" -> replace(s, "tion");
                case "ational" -> replace(s, "ate");
                case "alize" -> replace(s, "al");
                case "icate", "iciti", "ical" -> replace(s, "ic");
                case "ful", "ness" -> replace(s, "");
                default -> {
                    if (inR2(s)) {
                        replace(s, "");
                    }
                }
            }
        }

        private void step4() {
            String s = longest("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
                "iti", "ous", "ive", "ize", "ion");
            if (s == null || !inR2(s)) {
                return;
            }
            if (s.equals("ion")) {
                char c = before(s);
                if (c == 's' || c == 't') {
                    replace(s, "");
                }
                return;
            }
            replace(s, "");
        }

        private void step5() {
            int n = w.length();
            if (n == 0) {
                return;
            }
            char last = w.charAt(n - 1);
            if (last == 'e') {
                if (n - 1 >= p2 || (n - 1 >= p1 && !shortSyllableAt(n - 1))) {
                    w.setLength(n - 1);
                }
            } else if (last == 'l') {
                if (n - 1 >= p2 && n >= 2 && w.charAt(n - 2) == 'l') {
                    w.setLength(n - 1);
                }
            }
        }
    }
}
