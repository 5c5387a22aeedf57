package org.tuskdb.api.server;

/**
 * A client connection the postmaster has accepted and handed to this backend.
 *
 * @param socketFd the connection's file descriptor, now owned by this process
 * @param startupPacket the StartupMessage the postmaster read (length word included)
 * @param clientAddr the peer address ("127.0.0.1"), or null for a Unix-domain socket
 * @param clientPort the peer port, -1 for a Unix-domain socket
 * @param cancelKey the secret key for this session's BackendKeyData
 */
public record ClientHandoff(int socketFd, byte[] startupPacket, String clientAddr, int clientPort,
                            int cancelKey) {
}
