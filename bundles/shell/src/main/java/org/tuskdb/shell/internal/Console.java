package org.tuskdb.shell.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * The read-eval-print loop every Tusk shell runs, on the terminal and on each remote
 * connection alike: prompt, read one line, run it in a Gogo session, print the result.
 *
 * It works on plain lines (no terminal control, no line editing) so that the remote client can
 * be a simple pipe, and it flushes after every prompt and reply, because the other end waits
 * for them. A failed command prints one line, "error: ...", and the loop goes on; {@code e}
 * prints the last failure's stack trace. {@code exit}, {@code quit} or the end of input ends the
 * loop; what that means (close a connection, detach from the terminal) is the caller's business.
 */
final class Console implements AutoCloseable {
    static final String PROMPT = "tusk> ";

    /**
     * Search order for commands typed without a scope. Gogo's default ("*") takes the first
     * match in no defined order, so a bare {@code stop 12} could reach {@code tusk:stop} rather
     * than Felix's bundle command; Felix's and Gogo's own commands win, then ours, then the rest.
     */
    static final String COMMAND_SCOPES = "felix:gogo:tusk:*";

    enum Ending { EXIT, END_OF_INPUT, CLOSED }

    private final CommandSession session;
    private final BufferedReader reader;
    private final PrintStream out;
    private final AfterReply afterReply = new AfterReply();
    private volatile boolean closed;
    private Throwable lastError;

    Console(CommandProcessor processor, InputStream in, PrintStream out, Charset charset) {
        this.out = out;
        this.reader = new BufferedReader(new InputStreamReader(in, charset));
        this.session = processor.createSession(in, out, out);
        session.put("SCOPE", COMMAND_SCOPES);
        session.put(AfterReply.SESSION_KEY, afterReply);
    }

    /** Reads and runs lines until exit, the end of input or {@link #close()}; says which. */
    Ending run() {
        try {
            while (!closed) {
                out.print(PROMPT);
                out.flush();
                String line = readLine();
                if (closed) {
                    return Ending.CLOSED;
                }
                if (line == null) {
                    out.println();
                    out.flush();
                    return Ending.END_OF_INPUT;
                }
                line = line.strip();
                if (line.equals("exit") || line.equals("quit")) {
                    return Ending.EXIT;
                }
                if (!line.isEmpty()) {
                    evaluate(line);
                }
                out.flush();
                afterReply.runPending();
            }
            return Ending.CLOSED;
        } finally {
            session.close();
        }
    }

    /** Ends the loop from another thread; a read already waiting for input is not woken by this. */
    @Override
    public void close() {
        closed = true;
        session.close();
    }

    private String readLine() {
        try {
            return reader.readLine();
        } catch (IOException e) {
            // the connection was closed under us, or broke: either way there is no more input
            return null;
        }
    }

    private void evaluate(String line) {
        if (line.equals("e")) {
            printLastError();
            return;
        }
        try {
            print(session.execute(line));
        } catch (Exception | LinkageError e) {
            lastError = e;
            session.put("exception", e);
            out.println("error: " + oneLine(e));
        }
    }

    private void print(Object result) {
        if (result == null) {
            return;
        }
        CharSequence text = result instanceof CharSequence chars ? chars : session.format(result, Converter.INSPECT);
        if (text == null || text.isEmpty()) {
            return;
        }
        out.print(text);
        if (text.charAt(text.length() - 1) != '\n') {
            out.println();
        }
    }

    private void printLastError() {
        if (lastError == null) {
            out.println("no error to show");
        } else {
            lastError.printStackTrace(out);
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
