package org.tuskdb.shell.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;

/**
 * The shell on the terminal {@code ./tusk} was started from, when the launcher says there is one
 * (framework property {@value #CONSOLE_PROPERTY}=true: stdin is a tty).
 *
 * It reads and writes the process's file descriptors 0 and 1 directly, not System.in/out: Gogo
 * replaces System.out with a per-thread multiplexer that sends a command's output to its
 * session's stream, and a session whose stream was that multiplexer would write into itself.
 *
 * Leaving the console (end of input, Ctrl-D, or {@code exit}) only detaches it: the server
 * keeps running; {@code tusk:stop} is what stops it. A read from the terminal cannot be
 * interrupted, so after deactivation the console thread lingers until the next line arrives,
 * which it then drops without running.
 */
@Component
public final class TerminalConsole {
    static final String CONSOLE_PROPERTY = "tusk.console";

    private final Console console;

    @Activate
    public TerminalConsole(BundleContext context, @Reference(name = "processor") CommandProcessor processor,
                           @Reference(name = "process", target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
                           ProcessContext process) {
        if (!Boolean.parseBoolean(context.getProperty(CONSOLE_PROPERTY))) {
            this.console = null;
            return;
        }
        Charset charset = terminalCharset();
        // Never closed: closing these would close the process's own stdin and stdout.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, charset);
        this.console = new Console(processor, new FileInputStream(FileDescriptor.in), out, charset);
        out.print("Tusk shell, postmaster pid " + process.pid() + ". 'help' lists commands, 'tusk:status' shows the server.\n"
                + "Ctrl-D leaves the shell and the server keeps running; 'tusk:stop' stops the server.\n");
        Thread.ofPlatform().daemon().name("tusk-console").start(() -> {
            if (console.run() != Console.Ending.CLOSED) {
                out.println("shell detached; the server keeps running (./tusk shell attaches again, ./tusk stop stops it)");
            }
        });
    }

    @Deactivate
    void deactivate() {
        if (console != null) {
            console.close();
        }
    }

    private static Charset terminalCharset() {
        try {
            return Charset.forName(System.getProperty("stdout.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
