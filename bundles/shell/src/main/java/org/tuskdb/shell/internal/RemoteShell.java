package org.tuskdb.shell.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;

/**
 * The postmaster's remote shell, for {@code ./tusk shell -D DIR}: listens on
 * {@code <data>/.s.tusk.shell} while Gogo is there. Without the socket (a data directory path too
 * long for a Unix socket, say) the server still runs; it only cannot be reached this way, and the
 * log says so.
 */
@Component
public final class RemoteShell {
    private static final Logger log = LoggerFactory.getLogger(RemoteShell.class);

    private final ShellSocketServer server;

    @Activate
    public RemoteShell(@Reference(name = "processor") CommandProcessor processor,
                       @Reference(name = "process", target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
                       ProcessContext process) {
        Path socket = process.dataDirectory().resolve(ShellSocketServer.SOCKET_NAME);
        String banner = "Tusk shell, postmaster pid " + process.pid() + ", data directory " + process.dataDirectory() + "\n"
                + "'help' lists commands, 'tusk:status' shows the server, 'exit' ends this shell.\n";
        ShellSocketServer started = null;
        try {
            started = ShellSocketServer.start(socket, processor, banner);
        } catch (IOException | RuntimeException e) {
            log.error("shell: cannot listen on {} ({}); ./tusk shell cannot connect to this server", socket, e.toString());
        }
        this.server = started;
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
        }
    }
}
