/**
 * The heap access method as a service ({@link org.tuskdb.api.heap.HeapAccess}): MVCC tuple
 * versions with xmin/xmax in 8 KiB pages, inserted, updated (a new version), deleted (xmax set)
 * and scanned through a snapshot. Tuple contents are opaque bytes to the heap: the SQL engine
 * encodes and decodes rows.
 */
@org.osgi.annotation.versioning.Version("1.4.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.api.heap;
