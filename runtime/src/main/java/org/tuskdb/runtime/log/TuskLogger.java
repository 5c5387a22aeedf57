package org.tuskdb.runtime.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One named logger; formats a record with {@link LogLineFormat} and hands it to the sink. */
final class TuskLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient LogSink sink;
    private final transient LogOrigin process;
    private final int threshold;

    TuskLogger(String name, LogSink sink, LogOrigin process, Level threshold) {
        this.name = name;
        this.sink = sink;
        this.process = process;
        this.threshold = threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return threshold <= Level.TRACE.toInt();
    }

    @Override
    public boolean isDebugEnabled() {
        return threshold <= Level.DEBUG.toInt();
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold <= Level.INFO.toInt();
    }

    @Override
    public boolean isWarnEnabled() {
        return threshold <= Level.WARN.toInt();
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable thrown) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        String prefix = LogLineFormat.prefix(System.currentTimeMillis(), process.pid(), process.role(),
                level.name(), name);
        sink.write(prefix, LogLineFormat.lines(prefix, message, thrown));
    }
}
