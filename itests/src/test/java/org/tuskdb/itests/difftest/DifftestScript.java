package org.tuskdb.itests.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One .sql file of the differential suite: its markers, the copy psql runs, and the form of
 * psql's output that is compared.
 *
 * <p>Markers (comment lines, so the file stays a plain psql script):
 * <ul>
 * <li>{@code -- difftest: pending <reason>} among the file's leading comment lines: the file is
 *     skipped, with the reason.</li>
 * <li>{@code -- difftest: differs: <why>} on the line directly above a statement: for that
 *     statement only its outcome is compared (success, or the severity and SQLSTATE of each
 *     message it raised), not its rows, tags or message texts. The statement ends at the first
 *     line (the marker's next line or later) whose text, before any {@code --} comment, ends with
 *     {@code ;}.</li>
 * <li>{@code -- difftest: pending <reason>} on the line directly above a statement (after the
 *     leading comments): nothing of that statement's results is compared; it is listed as
 *     pending.</li>
 * </ul>
 *
 * <p>The copy psql runs has the same lines as the file, so psql's {@code psql:FILE:LINE:} error
 * prefixes name the file's own line numbers; only each differs-marked statement's last line gets
 * {@code \echo} of {@link #END_OF_DIFFERS} after its semicolon, which psql runs after the
 * statement's results, so the runner knows where they end.
 */
public final class DifftestScript {
    public static final String END_OF_DIFFERS = "-- difftest: end of differs";
    private static final Pattern PENDING = Pattern.compile("^--\\s*difftest:\\s*pending\\b:?\\s*(.*)$");
    private static final Pattern DIFFERS = Pattern.compile("^--\\s*difftest:\\s*differs\\b:?\\s*(.*)$");
    /** A message line in VERBOSITY verbose: optional psql prefix, severity, SQLSTATE, text. */
    private static final Pattern MESSAGE = Pattern.compile(
            "^((?:psql:[^:]*:\\d+: )?(?:ERROR|WARNING|NOTICE|INFO|LOG|DEBUG|FATAL|PANIC):  [0-9A-Z]{5}):.*$");
    /** The line psql's VERBOSITY verbose adds naming PostgreSQL's C function, file and line. */
    private static final Pattern LOCATION = Pattern.compile("^LOCATION:  .*$");
    /** psql's line for a NOTIFY it received: the sender's pid differs between the two servers. */
    private static final Pattern NOTIFICATION = Pattern.compile(
            "^(Asynchronous notification \".*\" (?:with payload \".*\" )?received from server process with PID )\\d+\\.$");

    /**
     * A marked statement: 0-based line of the marker and of the statement's last line; pending
     * (results not compared at all) or differs (only the outcome compared).
     */
    public record Differs(int markerLine, int endLine, String why, boolean pending) {
    }

    private final List<String> lines;
    private final String pending;
    private final List<Differs> differs;

    private DifftestScript(List<String> lines, String pending, List<Differs> differs) {
        this.lines = lines;
        this.pending = pending;
        this.differs = differs;
    }

    /** Reads the markers of a file's lines; a differs marker without a statement end is an error. */
    public static DifftestScript parse(List<String> lines) {
        String pending = null;
        int body = 0; // the first line after the leading comments
        for (; body < lines.size(); body++) {
            String t = lines.get(body).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.startsWith("--")) {
                break;
            }
            Matcher m = PENDING.matcher(t);
            if (m.matches() && pending == null) {
                pending = m.group(1).isBlank() ? "(no reason given)" : m.group(1).strip();
            }
        }
        List<Differs> differs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            Matcher m = DIFFERS.matcher(t);
            boolean isPending = false;
            if (!m.matches()) {
                Matcher p = PENDING.matcher(t);
                if (!p.matches()) {
                    if (t.matches("^--\\s*difftest\\b.*")) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": unknown marker \"" + t
                                + "\" (-- difftest: pending <reason>, or -- difftest: differs: <why>)");
                    }
                    continue;
                }
                if (i < body) {
                    continue; // a pending marker among the leading comments is the whole file's
                }
                m = p;
                isPending = true;
            }
            String kind = isPending ? "pending" : "differs";
            if (m.group(1).isBlank()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a " + kind + " marker needs a reason");
            }
            if (i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("\\")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a " + kind
                        + " marker applies to an SQL statement, not to a psql meta-command");
            }
            int end = -1;
            for (int j = i + 1; j < lines.size(); j++) {
                if (codePart(lines.get(j)).endsWith(";")) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": no statement ending in ';' after the " + kind
                        + " marker");
            }
            differs.add(new Differs(i, end, m.group(1).strip(), isPending));
            i = end;
        }
        return new DifftestScript(List.copyOf(lines), pending, List.copyOf(differs));
    }

    /** The text of a line before a trailing {@code --} comment (naive: not inside quotes), stripped. */
    private static String codePart(String line) {
        int dash = line.indexOf("--");
        return (dash >= 0 ? line.substring(0, dash) : line).strip();
    }

    /** The reason of a {@code pending} marker, or null. */
    public String pending() {
        return pending;
    }

    /** The marked statements, differs and pending ones. */
    public List<Differs> differs() {
        return differs;
    }

    /** "line N: reason" of each pending statement. */
    public List<String> pendingStatements() {
        List<String> out = new ArrayList<>();
        for (Differs d : differs) {
            if (d.pending()) {
                out.add("line " + (d.markerLine() + 2) + ": " + d.why());
            }
        }
        return out;
    }

    /** The text psql runs: the file's lines, with the end-of-differs echo after each marked statement. */
    public String runnableText() {
        List<String> out = new ArrayList<>(lines);
        for (Differs d : differs) {
            String line = out.get(d.endLine());
            int semicolon = codeEnd(line);
            out.set(d.endLine(), line.substring(0, semicolon + 1) + " \\echo '" + END_OF_DIFFERS + "'"
                    + line.substring(semicolon + 1));
        }
        return String.join("\n", out) + "\n";
    }

    private static int codeEnd(String line) {
        int dash = line.indexOf("--");
        String code = dash >= 0 ? line.substring(0, dash) : line;
        return code.lastIndexOf(';');
    }

    /**
     * The compared form of psql's output for the runnable text: LOCATION lines dropped (they name
     * PostgreSQL's C sources), the pid in a received notification's line replaced by N; in each differs-marked statement's results, only the message lines'
     * prefix, severity and SQLSTATE are kept.
     */
    public List<String> comparable(List<String> output) {
        List<String> out = new ArrayList<>(output.size());
        int next = 0; // the next differs marker to look for
        for (int i = 0; i < output.size(); i++) {
            String line = output.get(i);
            if (LOCATION.matcher(line).matches()) {
                continue;
            }
            Matcher notification = NOTIFICATION.matcher(line);
            if (notification.matches()) {
                line = notification.group(1) + "N.";
            }
            if (next < differs.size() && line.equals(lines.get(differs.get(next).markerLine()))) {
                Differs d = differs.get(next++);
                out.add(line);
                // the statement's own lines, as psql echoed them
                int statementLines = d.endLine() - d.markerLine();
                for (int k = 0; k < statementLines && i + 1 < output.size(); k++) {
                    out.add(output.get(++i));
                }
                out.add(d.pending() ? "-- difftest: (pending: the results of this statement are not compared)"
                        : "-- difftest: (differs: only the outcome and SQLSTATEs of this statement are compared)");
                while (i + 1 < output.size() && !output.get(i + 1).equals(END_OF_DIFFERS)) {
                    Matcher m = MESSAGE.matcher(output.get(++i));
                    if (m.matches() && !d.pending()) {
                        out.add(m.group(1));
                    }
                }
                continue; // the END_OF_DIFFERS line itself is kept as the next line
            }
            out.add(line);
        }
        return out;
    }
}
