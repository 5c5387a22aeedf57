package org.tuskdb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.server.ServerControl.ShutdownMode;

/** The console loop over a real Gogo runtime (outside OSGi, without ThreadIO). */
class ConsoleTest {
    private final Fakes.Procs procs = new Fakes.Procs();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final List<String> outputWhenShutdownStarted = new ArrayList<>();
    private final Fakes.Server server = new Fakes.Server() {
        @Override
        public synchronized void shutdown(ShutdownMode mode) {
            outputWhenShutdownStarted.add(output());
            super.shutdown(mode);
        }
    };
    private final CommandProcessorImpl processor = newProcessor(server, procs);
    private final FelixLike felix = new FelixLike();

    /** Stands in for Felix's own scope, which also has a stop command (for bundles). */
    public static final class FelixLike {
        final List<Long> stopped = new ArrayList<>();

        public String stop(long bundleId) {
            stopped.add(bundleId);
            return "bundle " + bundleId + " stopped";
        }

        public Integer answer() {
            return 42;
        }
    }

    static CommandProcessorImpl newProcessor(Fakes.Server server, Fakes.Procs procs) {
        CommandProcessorImpl processor = new CommandProcessorImpl(null);
        TuskCommands commands = new TuskCommands(server, procs, Fakes.Settings.typical(), new Fakes.Process(Path.of("/srv/tusk/data")),
                java.time.Clock.systemUTC());
        for (String function : List.of("status", "backends", "cancel", "terminate", "settings", "stop")) {
            processor.addCommand("tusk", commands, function);
        }
        return processor;
    }

    @AfterEach
    void stopProcessor() {
        processor.stop();
    }

    private Console.Ending run(String input) {
        processor.addCommand("felix", felix, "stop");
        processor.addCommand("felix", felix, "answer");
        Console console = new Console(processor, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out,
                StandardCharsets.UTF_8);
        return console.run();
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void promptsRunsTheLineAndPrintsTheResult() {
        assertEquals(Console.Ending.EXIT, run("tusk:status\nexit\ntusk:stop\n"));

        String output = output();
        assertTrue(output.startsWith("tusk> state      running\n"), output);
        assertTrue(output.contains("postmaster"), output);
        assertTrue(output.endsWith("(1 row)\ntusk> "), output);
        assertTrue(server.shutdowns().isEmpty(), "nothing after exit runs");
    }

    @Test
    void endOfInputEndsTheLoop() {
        assertEquals(Console.Ending.END_OF_INPUT, run("\n   \n"));

        assertEquals("tusk> tusk> tusk> \n", output());
    }

    @Test
    void aFailedCommandPrintsOneErrorLineAndTheLoopGoesOn() {
        run("tusk:cancel 999\ntusk:settings port\n");

        String output = output();
        assertTrue(output.startsWith("tusk> error: PID 999 is not a process of this server\ntusk> name "), output);
        assertFalse(output.contains("\tat "), "no stack trace unless asked for");
    }

    @Test
    void unknownCommandIsReportedAsAnError() {
        run("tusk:nosuch\n");

        assertTrue(output().contains("error: Command not found: tusk:nosuch\n"), output());
    }

    @Test
    void ePrintsTheLastFailuresStackTrace() {
        run("e\ntusk:terminate 999\ne\n");

        String output = output();
        assertTrue(output.startsWith("tusk> no error to show\n"), output);
        assertTrue(output.contains("IllegalArgumentException: PID 999 is not a process of this server\n\tat "), output);
    }

    @Test
    void resultsThatAreNotTextAreFormattedByGogo() {
        run("felix:answer\n");

        assertEquals("tusk> 42\ntusk> \n", output());
    }

    @Test
    void bareStopReachesFelixNotTheServer() {
        run("stop 12\n");

        assertEquals(List.of(12L), felix.stopped);
        assertTrue(server.shutdowns().isEmpty());
        assertTrue(output().contains("bundle 12 stopped"), output());
    }

    @Test
    void bareStatusReachesTusk() {
        run("status\n");

        assertTrue(output().contains("postmaster"), output());
    }

    @Test
    void stopRepliesBeforeTheShutdownStarts() {
        run("tusk:stop\n");

        assertEquals(List.of(ShutdownMode.FAST), server.shutdowns());
        assertTrue(outputWhenShutdownStarted.getFirst().endsWith("fast shutdown requested: sessions end with FATAL 57P01, "
                + "then the server stops\n"), outputWhenShutdownStarted.getFirst());
    }

    @Test
    void stopTakesAMode() {
        run("tusk:stop smart\n");

        assertEquals(List.of(ShutdownMode.SMART), server.shutdowns());
    }

    @Test
    void errorMessagesSpanningLinesBecomeOne() {
        assertEquals("bad thing happened", Console.oneLine(new IllegalStateException("bad thing\n  happened\n")));
        assertEquals("IllegalStateException", Console.oneLine(new IllegalStateException()));
    }
}
