/**
 * The backend: PostgreSQL's wire protocol v3 on a client socket the postmaster handed over,
 * the session's command loop, interrupts (cancel, terminate, reload) and backend reuse.
 * Private to the bundle; it registers no service.
 */
package org.tuskdb.protocol.internal;
