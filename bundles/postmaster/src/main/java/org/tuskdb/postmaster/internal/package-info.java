/**
 * The postmaster (private): the server loop and its state machine, supervision of worker
 * processes, the backend pool, the client acceptor and what it does with a connection before a
 * backend owns it, and the postmaster's end of the control socket.
 */
package org.tuskdb.postmaster.internal;
