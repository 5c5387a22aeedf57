package org.tuskdb.itests;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of test classes whose tests share one server, started before the first test and always
 * stopped (with every process it started) after the last. A subclass that needs settings
 * overrides {@link #settings()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedServer {
    protected TuskServer server;

    /** Settings appended to tusk.conf before the server starts. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void startServer() {
        server = TuskServer.start(settings());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
