package org.tuskdb.runtime.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** Hands out one {@link TuskLogger} per name, all writing to this process's one sink. */
final class TuskLoggerFactory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final LogSink sink;
    private final LogOrigin process;
    private final Level threshold;

    TuskLoggerFactory(LogSink sink, LogOrigin process, Level threshold) {
        this.sink = sink;
        this.process = process;
        this.threshold = threshold;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new TuskLogger(n, sink, process, threshold));
    }
}
