package org.tuskdb.sql.internal.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The transaction block state machine of PostgreSQL's xact.c (TBLOCK_*), without storage:
 * which block the session is in, its savepoints, its isolation level and start time. The
 * session drives the transitions; this class only holds state.
 */
final class TransactionState {
    enum Block {
        /** No transaction. */
        DEFAULT,
        /** A transaction for a single statement or extended-protocol cycle, no BEGIN. */
        STARTED,
        /** Several statements of one simple Query message run as one transaction. */
        IMPLICIT,
        /** Inside BEGIN ... COMMIT. */
        IN_PROGRESS,
        /** Inside a block after an error: only ROLLBACK (TO SAVEPOINT) is accepted. */
        FAILED
    }

    /** @param deferredMark how many deferred constraint checks the transaction had when the savepoint was set */
    /** @param notifyMark the LISTEN / NOTIFY requests of the transaction when the savepoint was set */
    record Savepoint(String name, int settingsMark, int deferredMark, long notifyMark) {
        Savepoint(String name, int settingsMark) {
            this(name, settingsMark, 0, 0);
        }
    }

    Block block = Block.DEFAULT;
    final Deque<Savepoint> savepoints = new ArrayDeque<>();
    String isolation;
    boolean readOnly;
    boolean deferrable;
    long startMicros;
    long startEpochMillis;

    boolean inTransaction() {
        return block != Block.DEFAULT;
    }

    boolean inBlock() {
        return block == Block.IN_PROGRESS || block == Block.FAILED;
    }

    /** The innermost savepoint of that name (most recent first), or null. */
    Savepoint find(String name) {
        for (Iterator<Savepoint> it = savepoints.iterator(); it.hasNext(); ) {
            Savepoint s = it.next();
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    char status() {
        return switch (block) {
            case IN_PROGRESS -> 'T';
            case FAILED -> 'E';
            default -> 'I';
        };
    }
}
