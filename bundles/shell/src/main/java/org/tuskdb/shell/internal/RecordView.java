package org.tuskdb.shell.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing described field by field, like psql's expanded display: a name column, then the
 * value, wrapped at word boundaries so long text (a description, a query) stays readable on a
 * 100-column screen instead of being cut.
 */
final class RecordView {
    private final List<String[]> fields = new ArrayList<>();

    /** Adds a field; a null or empty value is left out (nothing to say). */
    RecordView field(String name, Object value) {
        String text = TextTable.cell(value);
        if (!text.isEmpty()) {
            fields.add(new String[] {name, text});
        }
        return this;
    }

    String render() {
        int nameWidth = fields.stream().mapToInt(f -> f[0].length()).max().orElse(0);
        int valueWidth = Math.max(20, TextTable.SCREEN_WIDTH - nameWidth - 2);
        StringBuilder out = new StringBuilder();
        for (String[] field : fields) {
            List<String> lines = wrap(field[1], valueWidth);
            for (int i = 0; i < lines.size(); i++) {
                String name = i == 0 ? field[0] : "";
                out.append(name).append(" ".repeat(nameWidth - name.length() + 2)).append(lines.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
