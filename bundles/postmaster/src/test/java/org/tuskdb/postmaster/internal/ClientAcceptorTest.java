package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientAcceptorTest {

    @Test
    void listeningEndpointsAreLoggedInPostgresWords() {
        assertEquals("IPv4 address \"127.0.0.1\", port 5432", ClientAcceptor.describeEndpoint("127.0.0.1:5432"));
        assertEquals("IPv6 address \"::1\", port 5432", ClientAcceptor.describeEndpoint("[::1]:5432"));
        assertEquals("Unix socket \"/tmp/.s.PGSQL.5432\"", ClientAcceptor.describeEndpoint("/tmp/.s.PGSQL.5432"));
    }
}
