package org.tuskdb.api.xact;

/**
 * How a wait (for a lock, for another transaction) checks for the waiting session's interrupts:
 * a cancel request or termination makes {@link #checkForInterrupts()} throw, and the wait ends
 * with that exception. The engine passes its SessionHost's check; auxiliary processes pass
 * {@link #NONE}.
 */
@FunctionalInterface
public interface Interruptible {
    Interruptible NONE = () -> { };

    void checkForInterrupts();
}
