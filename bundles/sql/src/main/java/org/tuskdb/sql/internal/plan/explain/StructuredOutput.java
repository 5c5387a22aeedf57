package org.tuskdb.sql.internal.plan.explain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.tuskdb.sql.internal.value.Json;

/**
 * EXPLAIN's document in FORMAT JSON, YAML or XML, written as explain.c writes it: a tree of
 * groups (objects with labeled members, or lists of unlabeled ones) and properties, each format
 * laying them out its own way, two spaces per nesting level.
 * <ul>
 *   <li>JSON: a property starts with the previous line's ending, so a comma goes after each
 *       member but the last of its group (the stack holds whether the group has one yet).
 *   <li>YAML: a property starts on a new line, except the first of an unlabeled group, which
 *       follows the group's "- " (the stack holds whether the next one needs a new line); every
 *       string value is quoted as in JSON (YAML's own quoting rules are not worth the risk).
 *   <li>XML: every group and property is an element named after it, characters other than
 *       letters, digits, '-', '_' and '.' turned into '-' ("Node Type" is {@code Node-Type}).
 * </ul>
 */
final class StructuredOutput {
    private final ExplainOptions.Format format;
    private final StringBuilder sb = new StringBuilder();
    /** Per open group (innermost first): JSON whether it has a member, YAML whether the next starts a line. */
    private final Deque<Boolean> groups = new ArrayDeque<>();
    private int indent;

    StructuredOutput(ExplainOptions.Format format) {
        this.format = format;
    }

    void beginOutput() {
        switch (format) {
            case XML -> {
                sb.append("<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n");
                indent++;
            }
            case JSON -> {
                sb.append('[');
                groups.push(false);
                indent++;
            }
            case YAML -> groups.push(false);
            default -> throw new IllegalStateException("not a structured format: " + format);
        }
    }

    String endOutput() {
        switch (format) {
            case XML -> {
                indent--;
                sb.append("</explain>");
            }
            case JSON -> {
                indent--;
                sb.append("\n]");
                groups.pop();
            }
            default -> groups.pop();
        }
        return sb.toString();
    }

    /**
     * Opens a group: objtype names it in XML, label is its key inside a labeled parent (null in a
     * list), labeled whether its members are labeled (an object) or not (a list).
     */
    void openGroup(String objtype, String label, boolean labeled) {
        switch (format) {
            case XML -> {
                tag(objtype, false, true);
                indent++;
            }
            case JSON -> {
                jsonLineEnding();
                pad(indent);
                if (label != null) {
                    Json.quote(sb, label);
                    sb.append(": ");
                }
                sb.append(labeled ? '{' : '[');
                groups.push(false);
                indent++;
            }
            default -> {
                yamlLineStarting();
                if (label != null) {
                    sb.append(label).append(": ");
                    groups.push(true);
                } else {
                    sb.append("- ");
                    groups.push(false);
                }
                indent++;
            }
        }
    }

    void closeGroup(String objtype, boolean labeled) {
        indent--;
        switch (format) {
            case XML -> tag(objtype, true, true);
            case JSON -> {
                sb.append('\n');
                pad(indent);
                sb.append(labeled ? '}' : ']');
                groups.pop();
            }
            default -> groups.pop();
        }
    }

    /** A property: numeric values (numbers, booleans) are not quoted in JSON and YAML. */
    void property(String label, String value, boolean numeric) {
        switch (format) {
            case XML -> {
                pad(indent);
                tag(label, false, false);
                escapeXml(value);
                tag(label, true, false);
                sb.append('\n');
            }
            case JSON -> {
                jsonLineEnding();
                pad(indent);
                Json.quote(sb, label);
                sb.append(": ");
                value(value, numeric);
            }
            default -> {
                yamlLineStarting();
                sb.append(label).append(": ");
                value(value, numeric);
            }
        }
    }

    /** A property whose value is a list of strings (Output, Sort Key, Group Key). */
    void list(String label, List<String> items) {
        switch (format) {
            case XML -> {
                tag(label, false, true);
                for (String item : items) {
                    pad(indent + 1);
                    sb.append("<Item>");
                    escapeXml(item == null ? "" : item);
                    sb.append("</Item>\n");
                }
                tag(label, true, true);
            }
            case JSON -> {
                jsonLineEnding();
                pad(indent);
                Json.quote(sb, label);
                sb.append(": [");
                for (int i = 0; i < items.size(); i++) {
                    sb.append(i > 0 ? ", " : "");
                    Json.quote(sb, items.get(i) == null ? "" : items.get(i));
                }
                sb.append(']');
            }
            default -> {
                yamlLineStarting();
                sb.append(label).append(": ");
                for (String item : items) {
                    sb.append('\n');
                    pad(indent + 1);
                    sb.append("- ");
                    Json.quote(sb, item == null ? "" : item);
                }
            }
        }
    }

    private void value(String value, boolean numeric) {
        if (numeric) {
            sb.append(value);
        } else {
            Json.quote(sb, value);
        }
    }

    private void jsonLineEnding() {
        if (groups.peek()) {
            sb.append(',');
        } else {
            groups.pop();
            groups.push(true);
        }
        sb.append('\n');
    }

    private void yamlLineStarting() {
        if (!groups.peek()) {
            groups.pop();
            groups.push(true);
        } else {
            sb.append('\n');
            pad(indent);
        }
    }

    /** An XML tag; with whitespace, indented and ended by a newline. */
    private void tag(String name, boolean closing, boolean whitespace) {
        if (whitespace) {
            pad(indent);
        }
        sb.append(closing ? "</" : "<");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.');
            sb.append(valid ? c : '-');
        }
        sb.append('>');
        if (whitespace) {
            sb.append('\n');
        }
    }

    /** escape_xml: the three markup characters and carriage return. */
    private void escapeXml(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#x0d;");
                default -> sb.append(c);
            }
        }
    }

    private void pad(int level) {
        sb.append(" ".repeat(2 * level));
    }
}
