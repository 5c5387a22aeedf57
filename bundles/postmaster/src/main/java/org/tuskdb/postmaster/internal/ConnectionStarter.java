package org.tuskdb.postmaster.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.postmaster.internal.control.ControlMessage;

/**
 * What happens to a new client connection before a backend owns it (PostgreSQL's
 * ProcessStartupPacket and the postmaster's admission checks). Runs on a connection thread, one
 * per connection in this phase, everything bounded by authentication_timeout counted from accept.
 *
 * <ol>
 *   <li>Read the first packet. SSLRequest and GSSENCRequest are answered 'N' (no encryption yet)
 *       and the next packet read; each may come once.</li>
 *   <li>CancelRequest: signal the backend if (pid, key) match, close, never reply (a reply would
 *       tell a stranger whether a guess was right).</li>
 *   <li>StartupMessage: refuse while not accepting (57P03) or at max_connections (53300);
 *       otherwise take an idle backend, record a fresh cancel key in its ProcArray slot and send
 *       it the socket with the packet.</li>
 * </ol>
 * The postmaster's copy of the socket is closed at the end in every case.
 */
final class ConnectionStarter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStarter.class);
    private static final byte[] NO_ENCRYPTION = {'N'};

    private final BackendPool pool;
    private final ProcArray procArray;
    private final Supplier<Refusal> gate;
    private final Supplier<PostmasterSettings> settings;
    private final Counters counters;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param gate why connections are refused right now (starting, recovering, shutting down),
     *             or null when the server accepts sessions
     */
    ConnectionStarter(BackendPool pool, ProcArray procArray, Supplier<Refusal> gate,
                      Supplier<PostmasterSettings> settings, Counters counters) {
        this.pool = pool;
        this.procArray = procArray;
        this.gate = gate;
        this.settings = settings;
        this.counters = counters;
    }

    /** Serves one accepted connection up to the handoff; always closes the postmaster's copy. */
    void serve(ClientSocket client) {
        try {
            long deadline = client.acceptedNanos() + settings.get().authenticationTimeoutMillis() * 1_000_000L;
            boolean sslAnswered = false;
            boolean gssAnswered = false;
            while (true) {
                byte[] packet = readPacket(client, deadline);
                if (packet == null) {
                    return; // closed before sending anything: a port probe, not worth a log line
                }
                switch (FirstPacket.parse(packet)) {
                    case FirstPacket.SslRequest ssl -> {
                        if (sslAnswered) {
                            throw new MalformedPacketException("unexpected second SSLRequest", false);
                        }
                        sslAnswered = true;
                        client.write(NO_ENCRYPTION);
                    }
                    case FirstPacket.GssEncRequest gss -> {
                        if (gssAnswered) {
                            throw new MalformedPacketException("unexpected second GSSENCRequest", false);
                        }
                        gssAnswered = true;
                        client.write(NO_ENCRYPTION);
                    }
                    case FirstPacket.CancelRequest cancel -> {
                        processCancel(cancel);
                        return;
                    }
                    case FirstPacket.UnsupportedProtocol unsupported -> {
                        refuse(client, Refusal.unsupportedProtocol(unsupported));
                        return;
                    }
                    case FirstPacket.StartupMessage startup -> {
                        admit(client, startup, deadline);
                        return;
                    }
                }
            }
        } catch (MalformedPacketException e) {
            counters.badStartupPackets.incrementAndGet();
            LOG.info("{} (client {})", e.getMessage(), client.describe());
            if (e.reportToClient()) {
                refuseQuietly(client, Refusal.protocolViolation(e.getMessage()));
            }
        } catch (EOFException e) {
            counters.badStartupPackets.incrementAndGet();
            LOG.info("incomplete startup packet (client {})", client.describe());
        } catch (SocketTimeoutException e) {
            LOG.debug("client {} sent no startup packet within authentication_timeout", client.describe());
        } catch (IOException e) {
            LOG.debug("connection from {} failed during startup: {}", client.describe(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Not try-with-resources: the catch clauses above still write to the client.
            client.close();
        }
    }

    /**
     * Reads one length-prefixed first packet. Returns null when the client closed before the
     * first byte; an end of stream later is an incomplete packet.
     */
    static byte[] readPacket(ClientSocket client, long deadline) throws IOException, MalformedPacketException {
        byte[] lengthWord = new byte[4];
        try {
            client.readFully(lengthWord, 0, 4, deadline);
        } catch (EOFException e) {
            if ("0".equals(e.getMessage())) {
                return null;
            }
            throw e;
        }
        int length = ByteBuffer.wrap(lengthWord).getInt();
        if (!FirstPacket.validLength(length)) {
            throw new MalformedPacketException("invalid length of startup packet", false);
        }
        byte[] packet = new byte[length];
        System.arraycopy(lengthWord, 0, packet, 0, 4);
        client.readFully(packet, 4, length - 4, deadline);
        return packet;
    }

    private void processCancel(FirstPacket.CancelRequest cancel) {
        counters.cancelRequests.incrementAndGet();
        long pid = procArray.checkCancelKey(cancel.pid(), cancel.key());
        if (pid > 0) {
            LOG.debug("processing cancel request: sending SIGINT to process {}", pid);
            procArray.signalCancel(pid);
        } else if (procArray.find(cancel.pid()) != null) {
            LOG.info("wrong key in cancel request for process {}", cancel.pid());
        } else {
            LOG.info("PID {} in cancel request did not match any process", cancel.pid());
        }
    }

    private void admit(ClientSocket client, FirstPacket.StartupMessage startup, long deadline)
            throws IOException, InterruptedException {
        Refusal refusal = gate.get();
        if (refusal != null) {
            counters.rejectedNotAccepting.incrementAndGet();
            refuse(client, refusal);
            return;
        }
        if (!pool.reserveSession(settings.get().maxConnections())) {
            counters.rejectedTooManyClients.incrementAndGet();
            refuse(client, Refusal.TOO_MANY_CLIENTS);
            return;
        }
        boolean handedOff = false;
        try {
            while (!handedOff) {
                Child backend = pool.take(deadline);
                if (backend == null) {
                    Refusal now = gate.get();
                    if (now == null) {
                        counters.handoffTimeouts.incrementAndGet();
                        LOG.warn("no backend process became available for client {} within authentication_timeout",
                                client.describe());
                        now = Refusal.NO_BACKEND;
                    } else {
                        counters.rejectedNotAccepting.incrementAndGet();
                    }
                    refuse(client, now);
                    return;
                }
                handedOff = handOff(client, startup, backend);
            }
        } finally {
            if (!handedOff) {
                pool.releaseSession();
            }
        }
    }

    /**
     * Sends the client to the backend. On success the session (and its count) belongs to the
     * backend: it ends when the backend reports idle again or exits. False when the backend
     * could not take it (it died meanwhile): the caller tries another.
     */
    private boolean handOff(ClientSocket client, FirstPacket.StartupMessage startup, Child backend) {
        if (!backend.beginSession()) {
            return false;
        }
        int cancelKey = random.nextInt();
        // Counted before the send: once the descriptor is across, the backend may answer the
        // client before this thread runs again, and whoever watches the counter must see it.
        counters.sessionsHandedOff.incrementAndGet();
        try {
            if (backend.channel() == null) {
                throw new IOException("no control connection");
            }
            procArray.setCancelKey(backend.slot(), cancelKey);
            backend.channel().send(new ControlMessage.Handoff(client.address(), client.port(), cancelKey,
                    startup.bytes()), client.fd());
        } catch (IOException | RuntimeException e) {
            counters.sessionsHandedOff.decrementAndGet();
            LOG.debug("could not hand client {} to {}: {}", client.describe(), backend, e.toString());
            if (!backend.endSession()) {
                // The server loop saw the backend exit first and released the session count
                // with it; the caller still holds one, so count it again.
                pool.restoreSession();
            }
            return false;
        }
        LOG.debug("client {} (user {}) handed to {}", client.describe(), startup.parameter("user"), backend);
        return true;
    }

    private static void refuse(ClientSocket client, Refusal refusal) throws IOException {
        LOG.debug("refusing client {}: {}", client.describe(), refusal.message());
        client.write(refusal.toErrorResponse());
    }

    private static void refuseQuietly(ClientSocket client, Refusal refusal) {
        try {
            client.write(refusal.toErrorResponse());
        } catch (IOException ignored) {
            // the client is gone: nothing to tell
        }
    }
}
