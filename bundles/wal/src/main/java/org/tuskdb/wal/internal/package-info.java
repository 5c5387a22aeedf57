/**
 * The write-ahead log (PostgreSQL's access/transam/xlog*.c): WAL buffers in region "wal",
 * insertion and flushing ({@link org.tuskdb.wal.internal.WalEngine}), segment files, the control
 * file, checkpoints, the walwriter and checkpointer roles and startup recovery. Private: other
 * bundles use the services of {@code org.tuskdb.api.wal}.
 */
package org.tuskdb.wal.internal;
