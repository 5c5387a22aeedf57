package org.tuskdb.transam.internal;

import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;

/** A heavyweight lock table in the test JVM: one {@link #process} view per "process", with blocking conflicts. */
final class FakeLockTable {
    private record Hold(int owner, LockTag tag, LockMode mode) {
    }

    private final List<Hold> holds = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    LockManager process(int owner) {
        return new LockManager() {
            @Override
            public void lock(LockTag tag, LockMode mode, long timeoutMillis, Interruptible interrupts) {
                synchronized (FakeLockTable.this) {
                    log.add(owner + " lock " + tag.field1() + " " + mode);
                    while (holds.stream().anyMatch(h -> h.owner() != owner && h.tag().equals(tag) && h.mode().conflictsWith(mode))) {
                        interrupts.checkForInterrupts();
                        try {
                            FakeLockTable.this.wait(10);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                    holds.add(new Hold(owner, tag, mode));
                }
            }

            @Override
            public boolean tryLock(LockTag tag, LockMode mode) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void unlock(LockTag tag, LockMode mode) {
                synchronized (FakeLockTable.this) {
                    log.add(owner + " unlock " + tag.field1() + " " + mode);
                    if (!holds.remove(new Hold(owner, tag, mode))) {
                        throw new IllegalStateException("not held: " + tag + " " + mode);
                    }
                    FakeLockTable.this.notifyAll();
                }
            }

            @Override
            public void releaseAll() {
                synchronized (FakeLockTable.this) {
                    log.add(owner + " releaseAll");
                    holds.removeIf(h -> h.owner() == owner);
                    FakeLockTable.this.notifyAll();
                }
            }

            @Override
            public List<LockInfo> locks() {
                return List.of();
            }
        };
    }
}
