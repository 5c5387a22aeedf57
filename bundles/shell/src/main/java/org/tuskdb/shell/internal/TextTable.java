package org.tuskdb.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of text in aligned columns, psql-like: a header, a dashed rule, then the rows. The last
 * column is the one that gives way when the table is wider than the screen (it holds the long
 * free text: a description), so the other columns stay whole and aligned. Text one needs to read
 * whole (a query) goes in a row's detail instead: the lines under the row, nearly the screen's
 * width, indented past the first column.
 */
final class TextTable {
    /** Width the shell's output is laid out for. */
    static final int SCREEN_WIDTH = 100;

    /** Most lines a row's detail takes; the rest of it is cut. */
    static final int DETAIL_MAX_LINES = 4;

    private static final String GAP = "  ";
    private static final int MIN_LAST_WIDTH = 12;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; null cells print empty, line breaks and tabs become spaces. */
    TextTable row(Object... cells) {
        return rowWithDetail(null, cells);
    }

    /** Adds a row with text printed under it, wrapped (an empty or null detail prints nothing). */
    TextTable rowWithDetail(String detail, Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(TextTable::cell).toList());
        // A query's own layout (indentation, line breaks) cannot survive wrapping: one space each.
        details.add(cell(detail).strip().replaceAll("\\s+", " "));
        return this;
    }

    int rowCount() {
        return rows.size();
    }

    String render() {
        return render(SCREEN_WIDTH);
    }

    String render(int screenWidth) {
        int columns = headers.size();
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
                numeric[c] &= isNumberOrBlank(row.get(c));
            }
        }
        fitToScreen(widths, screenWidth);
        StringBuilder out = new StringBuilder();
        line(out, headers, widths, new boolean[columns]);
        List<String> rules = Arrays.stream(widths).mapToObj("-"::repeat).toList();
        line(out, rules, widths, new boolean[columns]);
        String indent = " ".repeat(widths[0] + GAP.length());
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths, numeric);
            if (!details.get(r).isEmpty()) {
                for (String part : wrap(details.get(r), screenWidth - indent.length(), DETAIL_MAX_LINES)) {
                    out.append(indent).append(part).append('\n');
                }
            }
        }
        out.append(rows.size() == 1 ? "(1 row)" : "(" + rows.size() + " rows)").append('\n');
        return out.toString();
    }

    /**
     * Narrows columns until the table fits: first the last column (down to a useful minimum),
     * then, one character at a time, whichever other column is widest at the moment, never
     * below its header. Cut cells end in "...".
     */
    private void fitToScreen(int[] widths, int screenWidth) {
        int last = widths.length - 1;
        int excess = Arrays.stream(widths).sum() + GAP.length() * last - screenWidth;
        if (excess <= 0) {
            return;
        }
        int lastMin = Math.min(widths[last], Math.max(MIN_LAST_WIDTH, headers.get(last).length()));
        int cut = Math.min(excess, widths[last] - lastMin);
        widths[last] -= cut;
        excess -= cut;
        while (excess > 0) {
            int widest = -1;
            for (int c = 0; c < last; c++) {
                if (widths[c] > Math.max(4, headers.get(c).length()) && (widest < 0 || widths[c] > widths[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                return;
            }
            widths[widest]--;
            excess--;
        }
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] rightAligned) {
        int start = out.length();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                out.append(GAP);
            }
            String text = fit(cells.get(c), widths[c]);
            String pad = " ".repeat(widths[c] - text.length());
            out.append(rightAligned[c] ? pad + text : text + pad);
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    /** Splits text into lines of at most width (at spaces where it can), cutting after maxLines. */
    static List<String> wrap(String text, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width && lines.size() < maxLines - 1) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(fit(rest, width));
        return lines;
    }

    /** Shortens text to width, marking the cut with "..." so a reader knows there is more. */
    static String fit(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return width <= 3 ? text.substring(0, width) : text.substring(0, width - 3) + "...";
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        return value.toString().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    private static boolean isNumberOrBlank(String text) {
        return text.isEmpty() || text.equals("-") || text.matches("-?\\d+");
    }
}
