package org.tuskdb.api.index;

/** Whether an insert enforces uniqueness of the key (PostgreSQL's IndexUniqueCheck). */
public enum UniqueCheck {
    /** No check: a non-unique index. */
    NONE,
    /** Check, wait for in-progress inserters, raise the checker's error on a live duplicate. */
    YES
}
