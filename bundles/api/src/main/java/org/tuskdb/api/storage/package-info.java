/**
 * Relations on disk and in shared buffers: how a relation fork is named
 * ({@link org.tuskdb.api.storage.RelFileLocator}, {@link org.tuskdb.api.storage.ForkNumber}),
 * the 8 KiB page format every access method shares ({@link org.tuskdb.api.storage.PageLayout}),
 * the storage manager that reads and writes blocks of fork files
 * ({@link org.tuskdb.api.storage.RelationStorage}) and the shared buffer pool in front of it
 * ({@link org.tuskdb.api.storage.BufferPool}).
 */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.api.storage;
