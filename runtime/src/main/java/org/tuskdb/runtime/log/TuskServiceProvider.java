package org.tuskdb.runtime.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Tusk's SLF4J 2 provider, found by SLF4J through META-INF/services on the launcher class path.
 * Bundles import org.slf4j from the system bundle, so every bundle in every process logs through
 * this one provider.
 *
 * <p>System properties read once at initialization: {@code tusk.log.pipe} (the FIFO to write to;
 * standard error when unset) and {@code tusk.log.level} (a log_min_messages name; default info).
 */
public final class TuskServiceProvider implements SLF4JServiceProvider {
    public static final String PIPE_PROPERTY = "tusk.log.pipe";
    public static final String LEVEL_PROPERTY = "tusk.log.level";

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private ILoggerFactory factory;

    @Override
    public void initialize() {
        factory = new TuskLoggerFactory(LogSink.open(System.getProperty(PIPE_PROPERTY)),
                new LogOrigin(ProcessHandle.current().pid()),
                LogLevels.threshold(System.getProperty(LEVEL_PROPERTY)));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
