package org.tuskdb.postmaster.internal.control;

import java.util.Arrays;
import java.util.Objects;

/**
 * The messages of the control connection between the postmaster and one worker. Both ends are
 * this bundle's, so the set is small and closed: a worker introduces itself ({@link Hello}),
 * reports itself ready ({@link Ready}, auxiliary roles) or idle in the pool ({@link Idle},
 * backends: this is also a backend's "ready"), and the postmaster either hands it a client
 * ({@link Handoff}, which travels together with the client's file descriptor) or tells it to
 * leave ({@link Exit}).
 */
public sealed interface ControlMessage {
    /** The frame's type byte. */
    byte type();

    /** Worker → postmaster, first message on a new connection. */
    record Hello(int slot, long pid) implements ControlMessage {
        public byte type() { return 'H'; }
    }

    /** Worker → postmaster: an auxiliary process has finished starting. */
    record Ready() implements ControlMessage {
        public byte type() { return 'R'; }
    }

    /** Backend → postmaster: idle, waiting for a client (sent before every awaitClient). */
    record Idle() implements ControlMessage {
        public byte type() { return 'I'; }
    }

    /** Postmaster → backend: exit normally (pool shrink, smart shutdown). */
    record Exit() implements ControlMessage {
        public byte type() { return 'X'; }
    }

    /**
     * Postmaster → backend: a client connection. The socket itself travels as SCM_RIGHTS
     * ancillary data attached to this frame's bytes.
     *
     * @param clientAddr peer address, null for a Unix-domain client
     * @param clientPort peer port, -1 for a Unix-domain client
     * @param cancelKey the key the backend announces in BackendKeyData
     * @param startupPacket the StartupMessage as read, length word included
     */
    record Handoff(String clientAddr, int clientPort, int cancelKey, byte[] startupPacket)
            implements ControlMessage {
        public Handoff {
            Objects.requireNonNull(startupPacket, "startupPacket");
        }

        public byte type() { return 'C'; }

        @Override
        public boolean equals(Object other) {
            return other instanceof Handoff h && Objects.equals(clientAddr, h.clientAddr)
                    && clientPort == h.clientPort && cancelKey == h.cancelKey
                    && Arrays.equals(startupPacket, h.startupPacket);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientAddr, clientPort, cancelKey) * 31 + Arrays.hashCode(startupPacket);
        }

        @Override
        public String toString() {
            return "Handoff[" + clientAddr + ":" + clientPort + ", " + startupPacket.length + " bytes]";
        }
    }
}
