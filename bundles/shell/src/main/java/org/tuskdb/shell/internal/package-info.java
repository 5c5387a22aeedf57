/**
 * The administrator's shell in the postmaster: the {@code tusk:*} Gogo commands
 * ({@link org.tuskdb.shell.internal.TuskCommands}), one read-eval-print loop
 * ({@link org.tuskdb.shell.internal.Console}) and the two places it runs: the terminal the server
 * was started from ({@link org.tuskdb.shell.internal.TerminalConsole}) and the owner-only Unix
 * socket {@code <data>/.s.tusk.shell} that {@code ./tusk shell} connects to
 * ({@link org.tuskdb.shell.internal.RemoteShell}). Private: nothing here is exported.
 */
package org.tuskdb.shell.internal;
