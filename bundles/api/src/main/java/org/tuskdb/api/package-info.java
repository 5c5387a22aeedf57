/**
 * Services and value types shared by every Tusk bundle: the process a bundle runs in
 * ({@link org.tuskdb.api.ProcessContext}), settings ({@link org.tuskdb.api.SettingsRegistry})
 * and the one error type that carries a SQLSTATE ({@link org.tuskdb.api.DatabaseException}).
 */
@org.osgi.annotation.versioning.Version("1.4.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.api;
