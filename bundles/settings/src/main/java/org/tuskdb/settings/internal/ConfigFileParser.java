package org.tuskdb.settings.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a file in postgresql.conf syntax: one {@code name = value} per line (the '=' may be
 * left out), '#' starts a comment outside quotes, a value is a single-quoted string ('' or \'
 * for a quote, \n \t \b \f \r and octal escapes) or an unquoted run of characters such as
 * {@code 128MB}, {@code on} or {@code 1min}. {@code include 'file'}, {@code include_if_exists
 * 'file'} and {@code include_dir 'dir'} read other files (relative to the including file's
 * folder), up to a nesting depth of 10.
 *
 * <p>A line that cannot be parsed is not fatal: it is reported in {@link Result#errors()} with
 * its file and line and skipped, so a server still starts with a damaged file.
 */
final class ConfigFileParser {
    private static final int MAX_DEPTH = 10;

    record Result(List<ConfigEntry> entries, List<String> errors) {}

    private final List<ConfigEntry> entries = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private ConfigFileParser() {}

    /** Parses a file; a missing file gives no entries and no errors (every setting keeps its default). */
    static Result parseFile(Path file) {
        ConfigFileParser p = new ConfigFileParser();
        p.readFile(file.toAbsolutePath(), 0, false);
        return new Result(List.copyOf(p.entries), List.copyOf(p.errors));
    }

    /** Parses text as if it were the file {@code file} (tests, and the sample's self-check). */
    static Result parseText(Path file, String text) {
        ConfigFileParser p = new ConfigFileParser();
        p.parseLines(file.toAbsolutePath(), text, 0);
        return new Result(List.copyOf(p.entries), List.copyOf(p.errors));
    }

    private void readFile(Path file, int depth, boolean required) {
        if (depth > MAX_DEPTH) {
            errors.add("could not open configuration file \"" + file + "\": maximum nesting depth exceeded");
            return;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (required) {
                errors.add("could not open configuration file \"" + file + "\": No such file or directory");
            }
            return;
        } catch (IOException e) {
            errors.add("could not open configuration file \"" + file + "\": " + e.getMessage());
            return;
        }
        parseLines(file, text, depth);
    }

    private void parseLines(Path file, String text, int depth) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(file, i + 1, lines[i], depth);
        }
    }

    private void parseLine(Path file, int lineNo, String line, int depth) {
        LineLexer lex = new LineLexer(line);
        lex.skipBlanks();
        if (lex.atEnd()) {
            return;
        }
        String name = lex.name();
        if (name == null) {
            syntaxError(file, lineNo, lex.tokenHere());
            return;
        }
        lex.skipBlanks();
        if (lex.peek() == '=') {
            lex.advance();
            lex.skipBlanks();
        }
        String value;
        try {
            value = lex.value();
        } catch (IllegalArgumentException e) {
            syntaxError(file, lineNo, e.getMessage());
            return;
        }
        if (value == null) {
            syntaxError(file, lineNo, lex.tokenHere());
            return;
        }
        lex.skipBlanks();
        if (!lex.atEnd()) {
            syntaxError(file, lineNo, lex.tokenHere());
            return;
        }
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "include" -> readFile(relative(file, value), depth + 1, true);
            case "include_if_exists" -> readFile(relative(file, value), depth + 1, false);
            case "include_dir" -> includeDirectory(file, lineNo, relative(file, value), depth + 1);
            default -> entries.add(new ConfigEntry(name, value, file, lineNo));
        }
    }

    /** Every *.conf file of the folder, in name order, as PostgreSQL's include_dir. */
    private void includeDirectory(Path file, int lineNo, Path dir, int depth) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".conf") && !n.startsWith(".") && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            errors.add("could not open configuration directory \"" + dir + "\" (" + "file \"" + file
                    + "\" line " + lineNo + "): " + e.getMessage());
            return;
        }
        for (Path p : files) {
            readFile(p, depth, true);
        }
    }

    private static Path relative(Path including, String name) {
        Path p = Path.of(name);
        return p.isAbsolute() ? p : including.resolveSibling(p).normalize();
    }

    private void syntaxError(Path file, int lineNo, String token) {
        errors.add(token == null
                ? "syntax error in file \"" + file + "\" line " + lineNo + ", near end of line"
                : "syntax error in file \"" + file + "\" line " + lineNo + ", near token \"" + token + "\"");
    }

    /** Scans one line. */
    private static final class LineLexer {
        private final String s;
        private int pos;

        LineLexer(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length() || s.charAt(pos) == '#';
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void advance() {
            pos++;
        }

        void skipBlanks() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        /** The token at the position (for error messages), null at the end of the line. */
        String tokenHere() {
            if (atEnd()) {
                return null;
            }
            int end = pos;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            return s.substring(pos, end);
        }

        /** A setting name: letter or '_', then letters, digits, '_' or '$'; one '.' qualifier allowed. */
        String name() {
            int start = pos;
            if (!identifierPart()) {
                return null;
            }
            if (peek() == '.') {
                pos++;
                if (!identifierPart()) {
                    pos = start;
                    return null;
                }
            }
            return s.substring(start, pos);
        }

        private boolean identifierPart() {
            if (pos >= s.length() || !(Character.isLetter(s.charAt(pos)) || s.charAt(pos) == '_')) {
                return false;
            }
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                    break;
                }
                pos++;
            }
            return true;
        }

        /** A quoted string (unescaped) or an unquoted token; null when there is none. */
        String value() {
            if (atEnd()) {
                return null;
            }
            if (peek() == '\'') {
                return quoted();
            }
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c) || c == '#' || c == '\'' || c == '=') {
                    break;
                }
                pos++;
            }
            return pos > start ? s.substring(start, pos) : null;
        }

        private String quoted() {
            int start = pos;
            pos++;
            StringBuilder b = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\'') {
                    if (peek() == '\'') {
                        b.append('\'');
                        pos++;
                        continue;
                    }
                    return b.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'n' -> b.append('\n');
                        case 'r' -> b.append('\r');
                        case 't' -> b.append('\t');
                        default -> {
                            if (e >= '0' && e <= '7') {
                                int v = e - '0';
                                for (int k = 0; k < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; k++) {
                                    v = v * 8 + (s.charAt(pos++) - '0');
                                }
                                b.append((char) v);
                            } else {
                                b.append(e);
                            }
                        }
                    }
                    continue;
                }
                b.append(c);
            }
            // An unterminated string: report it from where it began.
            throw new IllegalArgumentException(s.substring(start));
        }
    }
}
