/**
 * Index access methods as services ({@link org.tuskdb.api.index.IndexAccess}): the B-tree over
 * opaque, order-preserving ("memcomparable") key bytes that the SQL layer encodes. An index
 * entry is key bytes plus the heap {@link org.tuskdb.api.heap.Tid} of the row version it
 * points to; entries are ordered by unsigned byte comparison of the keys, then by tid. The
 * index never decides visibility: callers check the heap, and for unique indexes answer the
 * index's liveness questions through {@link org.tuskdb.api.index.UniqueChecker}.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.api.index;
