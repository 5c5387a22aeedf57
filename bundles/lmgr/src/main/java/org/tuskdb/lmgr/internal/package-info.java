/**
 * The heavyweight lock manager (PostgreSQL's storage/lmgr): the shared lock table in the
 * "locks" region ({@link org.tuskdb.lmgr.internal.LockRegionLayout}, {@link org.tuskdb.lmgr.internal.LockTable}),
 * each process's side of it ({@link org.tuskdb.lmgr.internal.ProcessLockManager}), deadlock
 * detection ({@link org.tuskdb.lmgr.internal.DeadlockDetector}) and the DS components. Private:
 * other bundles use {@link org.tuskdb.api.xact.LockManager}.
 */
package org.tuskdb.lmgr.internal;
