/**
 * Transactions and locks as services: 64-bit transaction ids, commit status, MVCC snapshots and
 * subtransactions ({@link org.tuskdb.api.xact.TransactionManager},
 * {@link org.tuskdb.api.xact.Transaction}, {@link org.tuskdb.api.xact.Snapshot}) and the
 * heavyweight lock manager with PostgreSQL's eight table lock modes
 * ({@link org.tuskdb.api.xact.LockManager}).
 */
@org.osgi.annotation.versioning.Version("1.5.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.api.xact;
