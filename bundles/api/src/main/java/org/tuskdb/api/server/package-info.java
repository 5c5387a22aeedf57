/**
 * The process architecture as services: the running server ({@link org.tuskdb.api.server.ServerControl}),
 * the roles the postmaster supervises ({@link org.tuskdb.api.server.AuxiliaryRole}), how it starts a
 * worker JVM ({@link org.tuskdb.api.server.WorkerLauncher}), a worker's link to its postmaster
 * ({@link org.tuskdb.api.server.PostmasterLink}) and the steps the startup process runs
 * ({@link org.tuskdb.api.server.StartupStep}).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.api.server;
