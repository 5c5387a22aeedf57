package org.tuskdb.runtime.log;

/**
 * Who is logging: the pid and the role every line names. The role is read from the system
 * property {@code tusk.role} each time, because the postmaster's launcher sets it after the
 * JVM started (workers get it on their command line, where {@code ps} shows it too).
 */
record LogOrigin(long pid) {
    static final String ROLE_PROPERTY = "tusk.role";

    String role() {
        return System.getProperty(ROLE_PROPERTY, "launcher");
    }
}
