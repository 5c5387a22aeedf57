/**
 * The shared segment as services: named regions ({@link org.tuskdb.api.shmem.SharedMemory}),
 * declared by bundles ({@link org.tuskdb.api.shmem.RegionDeclaration}), and the ProcArray
 * ({@link org.tuskdb.api.shmem.ProcArray}) in which every process of the server registers.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.api.shmem;
