package org.tuskdb.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.api.sql.ResultSink;
import org.tuskdb.api.sql.SessionHost;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlEngine;
import org.tuskdb.api.sql.SqlSession;

/**
 * The bundles as the distribution ships them, started in one Felix framework by Pax Exam: they
 * resolve, their Declarative Services components wire up through the api services only, and the
 * role filter keeps backend-only components off until a backend ProcessContext is registered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class AssembledBundlesTest {
    /**
     * Bundles of the distribution that a process without a shared segment can run (shmem for
     * its exported sync package, which the sql bundle imports; its segment components stay
     * unsatisfied or fail to attach, which the tests do not depend on).
     */
    static final List<String> BUNDLES = List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
            "org.apache.felix.scr", "api", "platform", "shmem", "settings", "sql");

    @Inject
    BundleContext context;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Configuration
    public Option[] config() {
        File dir = new File(System.getProperty("tusk.bundles", "../runtime/target/tusk/bundles"));
        List<Option> opts = new ArrayList<>();
        // added to what Pax Exam itself exports from the class path (a framework property would replace it)
        opts.add(systemPackages("org.slf4j;version=2.0.17", "org.slf4j.spi;version=2.0.17",
                "org.slf4j.event;version=2.0.17", "org.slf4j.helpers;version=2.0.17", "sun.misc"));
        for (String name : BUNDLES) {
            File[] jars = dir.listFiles((d, f) -> f.startsWith(name + "-") && f.endsWith(".jar"));
            if (jars == null || jars.length == 0) {
                throw new IllegalStateException("no " + name + " jar in " + dir.getAbsolutePath());
            }
            Arrays.sort(jars);
            opts.add(bundle(jars[jars.length - 1].toURI().toString()));
        }
        opts.add(junitBundles());
        return options(opts.toArray(Option[]::new));
    }

    @After
    public void unregister() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private <T> T await(Class<T> type, long millis) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        try {
            return t.waitForService(millis);
        } finally {
            t.close();
        }
    }

    private void registerBackendContext() {
        ProcessContext pc = new ProcessContext() {
            public String role() { return ROLE_BACKEND; }
            public Path dataDirectory() { return Path.of(System.getProperty("java.io.tmpdir")); }
            public int slot() { return 1; }
            public long pid() { return ProcessHandle.current().pid(); }
            public long postmasterPid() { return ProcessHandle.current().pid(); }
            public Path controlSocket() { return Path.of("/nonexistent"); }
            public Path installDirectory() { return Path.of("."); }
            public long startTimeMillis() { return System.currentTimeMillis(); }
        };
        Dictionary<String, Object> props = new Hashtable<>(Map.of(ProcessContext.ROLE_PROPERTY, ProcessContext.ROLE_BACKEND));
        registrations.add(context.registerService(ProcessContext.class, pc, props));
    }

    @Test
    public void everyBundleResolvesAndStarts() {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("org.tuskdb")) {
                assertEquals(b.getSymbolicName() + " is active", Bundle.ACTIVE, b.getState());
            }
        }
    }

    @Test
    public void settingsRegistryIsOfferedInEveryProcess() throws Exception {
        registerBackendContext();
        SettingsRegistry settings = await(SettingsRegistry.class, 10_000);
        assertNotNull("SettingsRegistry service", settings);
        assertEquals("100", settings.value("max_connections"));
        assertNotNull(settings.find("work_mem"));
    }

    @Test
    public void sqlEngineRunsTableLessSelectInABackend() throws Exception {
        registerBackendContext();
        SqlEngine engine = await(SqlEngine.class, 10_000);
        assertNotNull("SqlEngine service in a backend", engine);
        List<String> rows = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        ResultSink sink = new ResultSink() {
            public void rowDescription(List<ColumnDescription> columns) { }
            public void dataRow(byte[][] values) { rows.add(new String(values[0], java.nio.charset.StandardCharsets.UTF_8)); }
            public void commandComplete(String tag) { tags.add(tag); }
            public void emptyQuery() { }
            public void notice(DatabaseException notice) { }
            public void parameterStatus(String name, String value) { }
        };
        SessionHost host = new SessionHost() {
            public void checkForInterrupts() { }
            public void sleep(long nanos) { }
        };
        try (SqlSession s = engine.openSession(new SessionStartup("tusk", "postgres", Map.of(), 1, null, -1), host)) {
            s.simpleQuery("SELECT 1 + 41", sink);
            assertEquals(List.of("42"), rows);
            assertEquals(List.of("SELECT 1"), tags);
            assertEquals('I', s.transactionStatus());
        }
        assertTrue(true);
    }
}
