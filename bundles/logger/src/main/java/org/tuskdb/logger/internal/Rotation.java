package org.tuskdb.logger.internal;

/**
 * When to start a new log file: PostgreSQL's log_rotation_size (kB) and log_rotation_age
 * (minutes); 0 turns that trigger off.
 */
record Rotation(long sizeKilobytes, long ageMinutes) {
    static final Rotation DEFAULT = new Rotation(10 * 1024, 24 * 60);

    boolean due(long bytesWritten, long openedAtMillis, long nowMillis) {
        return (sizeKilobytes > 0 && bytesWritten >= sizeKilobytes * 1024)
                || (ageMinutes > 0 && nowMillis - openedAtMillis >= ageMinutes * 60_000);
    }
}
