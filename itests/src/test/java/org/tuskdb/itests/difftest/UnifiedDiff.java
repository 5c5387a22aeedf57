package org.tuskdb.itests.difftest;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two lists of lines (diff -u's format), from a longest common subsequence.
 *
 * <p>The common prefix and suffix are cut off first, so the quadratic LCS table covers only the
 * part that differs; past {@link #MAX_CELLS} cells the middle is shown as one hunk (all old
 * lines removed, all new lines added), which is still correct, only less minimal.
 */
public final class UnifiedDiff {
    static final long MAX_CELLS = 16_000_000L;

    private UnifiedDiff() {
    }

    /** One line of an edit script: ' ' kept, '-' only in the old text, '+' only in the new text. */
    record Edit(char op, String line, int oldLine, int newLine) {
    }

    /** The diff, empty when the texts are equal; context lines around each change. */
    public static String diff(String oldName, List<String> oldLines, String newName, List<String> newLines, int context) {
        List<Edit> edits = edits(oldLines, newLines);
        if (edits.stream().allMatch(e -> e.op() == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n');
        out.append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == ' ') {
                i++;
                continue;
            }
            // a hunk: from `context` lines before this change to `context` lines after the last
            // change that is at most 2 * context kept lines away from the previous one
            int start = Math.max(0, i - context);
            int end = i;
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).op() != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * context) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + context + 1);
            appendHunk(out, edits.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Edit> hunk) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : hunk) {
            if (e.op() != '+') {
                oldCount++;
                if (oldStart < 0) {
                    oldStart = e.oldLine();
                }
            }
            if (e.op() != '-') {
                newCount++;
                if (newStart < 0) {
                    newStart = e.newLine();
                }
            }
        }
        // diff -u: an empty side is shown as the line before it, with count 0
        if (oldStart < 0) {
            oldStart = hunk.get(0).oldLine() - 1;
        }
        if (newStart < 0) {
            newStart = hunk.get(0).newLine() - 1;
        }
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
        for (Edit e : hunk) {
            out.append(e.op()).append(e.line()).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    /** The edit script turning oldLines into newLines; line numbers are 1-based. */
    static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>(a.size() + b.size());
        for (int k = 0; k < prefix; k++) {
            edits.add(new Edit(' ', a.get(k), k + 1, k + 1));
        }
        List<String> ma = a.subList(prefix, a.size() - suffix);
        List<String> mb = b.subList(prefix, b.size() - suffix);
        int n = ma.size();
        int m = mb.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int k = 0; k < n; k++) {
                edits.add(new Edit('-', ma.get(k), prefix + k + 1, prefix + 1));
            }
            for (int k = 0; k < m; k++) {
                edits.add(new Edit('+', mb.get(k), prefix + n + 1, prefix + k + 1));
            }
        } else {
            // lcs[i][j]: length of the LCS of ma[i..] and mb[j..]
            int[][] lcs = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i][j] = ma.get(i).equals(mb.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && ma.get(i).equals(mb.get(j))) {
                    edits.add(new Edit(' ', ma.get(i), prefix + i + 1, prefix + j + 1));
                    i++;
                    j++;
                } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
                    edits.add(new Edit('+', mb.get(j), prefix + i + 1, prefix + j + 1));
                    j++;
                } else {
                    edits.add(new Edit('-', ma.get(i), prefix + i + 1, prefix + j + 1));
                    i++;
                }
            }
        }
        for (int k = suffix; k > 0; k--) {
            int ai = a.size() - k;
            int bi = b.size() - k;
            edits.add(new Edit(' ', a.get(ai), ai + 1, bi + 1));
        }
        return edits;
    }
}
