/**
 * The write-ahead log as services: inserting records ({@link org.tuskdb.api.wal.WriteAheadLog},
 * {@link org.tuskdb.api.wal.WalRecordBuilder}), the resource managers that bundles contribute
 * to replay their records ({@link org.tuskdb.api.wal.ResourceManager}), the commit/flush policy
 * ({@link org.tuskdb.api.wal.WalStrategy}) and checkpoints
 * ({@link org.tuskdb.api.wal.Checkpointer}, {@link org.tuskdb.api.wal.CheckpointParticipant}).
 */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.api.wal;
