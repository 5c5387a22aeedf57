package org.tuskdb.api.xact;

/** Isolation levels with PostgreSQL's spelling; READ UNCOMMITTED behaves as READ COMMITTED. */
public enum IsolationLevel {
    READ_UNCOMMITTED("read uncommitted"), READ_COMMITTED("read committed"),
    REPEATABLE_READ("repeatable read"), SERIALIZABLE("serializable");

    private final String text;

    IsolationLevel(String text) {
        this.text = text;
    }

    /** As SHOW transaction_isolation prints it. */
    public String text() {
        return text;
    }

    /** True when one snapshot serves the whole transaction (REPEATABLE READ and SERIALIZABLE). */
    public boolean usesTransactionSnapshot() {
        return this == REPEATABLE_READ || this == SERIALIZABLE;
    }

    /** values() copies the array on every call; of() runs at every transaction start. */
    private static final IsolationLevel[] ALL = values();

    public static IsolationLevel of(String text) {
        for (IsolationLevel l : ALL) {
            if (l.text.equalsIgnoreCase(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown isolation level " + text);
    }
}
