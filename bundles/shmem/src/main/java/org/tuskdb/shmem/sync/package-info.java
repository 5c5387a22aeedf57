/**
 * Cross-process synchronization on the shared segment: the one home of these primitives, which
 * every bundle with shared state uses. Each operates on a (MemorySegment, offset) pair naming
 * a word in the mapped segment; none holds Java state, so any process that maps the segment can
 * use any lock or latch in it.
 *
 * <ul>
 *   <li>{@link org.tuskdb.shmem.sync.Atomics}: volatile reads and writes, CAS, fetch-and-add</li>
 *   <li>{@link org.tuskdb.shmem.sync.SpinLock}: test-and-set lock for a few instructions</li>
 *   <li>{@link org.tuskdb.shmem.sync.LWLock}: PostgreSQL's shared/exclusive light-weight lock,
 *       sleeping on a futex</li>
 *   <li>{@link org.tuskdb.shmem.sync.Latch}: a process's wake-up flag</li>
 * </ul>
 *
 * A process that dies while holding a spinlock or LWLock leaves it held: that is a crash, and
 * the postmaster's crash-restart (restart_after_crash) re-creates the segment. See README.md.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.shmem.sync;
