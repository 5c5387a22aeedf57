/**
 * The seam between the wire protocol and the SQL engine. The protocol bundle owns the socket and
 * the message framing; the engine owns statements, portals, transactions and the encoding of
 * values (text or binary) into the bytes that DataRow carries.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.api.sql;
