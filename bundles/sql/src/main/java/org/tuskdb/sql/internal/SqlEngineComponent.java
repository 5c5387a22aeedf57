package org.tuskdb.sql.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.sql.SessionHost;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlEngine;
import org.tuskdb.api.sql.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SqlEngine service of a backend process. It activates only where the launcher registered
 * a backend ProcessContext. SettingsRegistry and ProcArray are optional and dynamic: a session
 * uses whichever is registered when it needs one, the built-in defaults (and no shared memory)
 * otherwise.
 */
@Component(service = SqlEngine.class)
public final class SqlEngineComponent implements SqlEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SqlEngineComponent.class);

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_BACKEND + ")")
    private ProcessContext process;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SettingsRegistry settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProcArray procArray;

    private Engine engine;

    @Activate
    void activate() {
        engine = new Engine(() -> settings, () -> procArray);
        LOG.debug("SQL engine ready in backend pid {}", process.pid());
    }

    @Override
    public SqlSession openSession(SessionStartup startup, SessionHost host) {
        return engine.openSession(startup, host);
    }
}
