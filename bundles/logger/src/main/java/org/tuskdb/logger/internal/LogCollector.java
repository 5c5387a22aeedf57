package org.tuskdb.logger.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.PostmasterLink;

/**
 * The logger process's work, active only in role logger: one thread reads the log FIFO (framework
 * property tusk.log.pipe) and writes the data directory's log/ files, rotating by the settings
 * log_rotation_size and log_rotation_age (read at every batch, so a reload takes effect; defaults
 * 10MB and 1d while no SettingsRegistry is there).
 */
@Component(immediate = true)
public final class LogCollector {
    private static final Logger LOG = LoggerFactory.getLogger(LogCollector.class);

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_LOGGER + ")")
    private ProcessContext process;

    @Reference
    private PostmasterLink postmaster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SettingsRegistry settings;

    private volatile FileChannel pipe;
    private LogFileWriter writer;
    private Thread thread;

    @Activate
    void activate(BundleContext context) throws IOException {
        String pipePath = context.getProperty("tusk.log.pipe");
        if (pipePath == null) {
            throw new IllegalStateException("framework property tusk.log.pipe is not set");
        }
        Path data = process.dataDirectory();
        writer = new LogFileWriter(data.resolve("log"), data.resolve("current_logfiles"), System::currentTimeMillis,
                this::rotation);
        // Opening for reading does not block: the postmaster holds the FIFO open for writing.
        pipe = FileChannel.open(Path.of(pipePath), StandardOpenOption.READ);
        PipeCollector collector = new PipeCollector(writer, System::currentTimeMillis);
        thread = new Thread(() -> collect(collector), "tusk-log-collector");
        thread.start();
        postmaster.ready();
    }

    private void collect(PipeCollector collector) {
        try {
            collector.run(pipe);
        } catch (ClosedChannelException e) {
            // Deactivated.
        } catch (IOException e) {
            LOG.error("log collection stopped", e);
        }
    }

    Rotation rotation() {
        SettingsRegistry registry = settings;
        if (registry == null) {
            return Rotation.DEFAULT;
        }
        try {
            return new Rotation(registry.intValue("log_rotation_size"), registry.intValue("log_rotation_age"));
        } catch (RuntimeException e) {
            return Rotation.DEFAULT;
        }
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        FileChannel p = pipe;
        if (p != null) {
            p.close(); // wakes the reading thread
        }
        if (thread != null) {
            thread.join(2000);
        }
        writer.close();
    }
}
