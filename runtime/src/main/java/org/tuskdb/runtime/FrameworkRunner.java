package org.tuskdb.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Felix for one process, the same way in the postmaster and in every worker.
 *
 * <p>Order, and why:
 * <ol>
 * <li>init the framework with a storage directory of this process alone (the bundle cache is
 *     per process and thrown away at exit: bundles are installed by reference, so it holds only
 *     Felix's bookkeeping, never copies of jars);</li>
 * <li>install every bundle of the list;</li>
 * <li>start the framework (system bundle only: nothing installed is marked started yet);</li>
 * <li>register ProcessContext (and in the postmaster WorkerLauncher) from the system bundle, so
 *     that they exist before any component looks for them;</li>
 * <li>start the bundles in list order. A core bundle that fails to start is fatal: a process
 *     without its postmaster or protocol bundle would only pretend to run.</li>
 * </ol>
 */
final class FrameworkRunner {
    static final String API_BUNDLE = "org.tuskdb.api";
    static final String PROCESS_CONTEXT = "org.tuskdb.api.ProcessContext";
    static final String WORKER_LAUNCHER = "org.tuskdb.api.server.WorkerLauncher";

    /** What the system bundle exports besides the JDK: SLF4J (the launcher's) and sun.misc (signals). */
    static final String SYSTEM_PACKAGES_EXTRA = "org.slf4j;version=2.0.17,org.slf4j.spi;version=2.0.17,"
            + "org.slf4j.event;version=2.0.17,org.slf4j.helpers;version=2.0.17,sun.misc";

    /**
     * The JDK packages other than java.* that bundles import. The system bundle exports these and
     * the OSGi framework's own packages only, not every package of every JDK module (Felix's
     * default, ~1,000 packages): building and parsing that list costs about 10 ms of main-thread
     * CPU in every JVM's Felix init (median 83-93 ms before, 72-85 ms after, A/B in
     * benchmarks/README-startup.md). A bundle that imports another JDK package does not resolve
     * until it is added here; {@code FrameworkRunnerTest} checks the bundles of the distribution.
     */
    static final String JDK_PACKAGES = "javax.crypto,javax.crypto.spec,javax.xml.parsers,org.xml.sax,org.xml.sax.helpers";

    private final ProcessIdentity identity;
    private final Path storage;
    private Framework framework;

    /**
     * @param storage this process's own bundle cache directory (see
     *                {@link DataDirectory#frameworkStorage})
     */
    FrameworkRunner(ProcessIdentity identity, Path storage) {
        this.identity = identity;
        this.storage = storage;
    }

    /** Framework properties: Felix's own, then the tusk.* ones bundles read with getProperty. */
    Map<String, String> properties(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        String systemPackages = systemPackages();
        if (systemPackages != null) {
            p.put(Constants.FRAMEWORK_SYSTEMPACKAGES, systemPackages);
        }
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES_EXTRA);
        p.put("felix.log.level", "1");
        // The storage is this process's alone: no lock file to create and lock.
        p.put("felix.cache.locking", "false");
        // Resolve on the calling thread: a dozen bundles gain nothing from a pool, whose threads
        // would stay alive (and cost memory) in every worker.
        p.put("felix.resolver.parallelism", "1");
        p.put("tusk.role", identity.role());
        p.put("tusk.data", identity.dataDirectory().toString());
        p.put("tusk.slot", Integer.toString(identity.slot()));
        p.put("tusk.postmaster.pid", Long.toString(identity.postmasterPid()));
        p.put("tusk.control.socket", identity.controlSocket().toString());
        p.put("tusk.log.pipe", identity.logPipe().toString());
        p.put("tusk.install", identity.installDirectory().toString());
        p.putAll(extra);
        String exp = System.getProperty("tusk.exp.felix");
        if (exp != null) {
            for (String kv : exp.split("\\|")) {
                int eq = kv.indexOf('=');
                p.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return p;
    }

    /**
     * The system bundle's exports: the OSGi framework packages as Felix declares them (its
     * default.properties, {@code osgi-exports}) and {@link #JDK_PACKAGES}; null (Felix's default,
     * every JDK package) when this Felix has no such declaration.
     */
    static String systemPackages() {
        Properties defaults = new Properties();
        try (InputStream in = org.apache.felix.framework.Felix.class.getResourceAsStream("/default.properties")) {
            if (in == null) {
                return null;
            }
            defaults.load(in);
        } catch (IOException e) {
            return null;
        }
        String osgi = defaults.getProperty("osgi-exports");
        return osgi == null || osgi.isBlank() ? null : osgi.strip() + "," + JDK_PACKAGES;
    }

    /**
     * Starts the framework with these bundles; returns once every bundle is started.
     *
     * @param fatalCount how many bundles at the head of the list must start (the core feature)
     * @param workerLauncher registered as WorkerLauncher when not null (the postmaster)
     */
    Framework start(List<Path> bundles, int fatalCount, Map<String, String> extraProperties,
                    Object workerLauncher) throws BundleException, IOException {
        Logger log = LoggerFactory.getLogger(FrameworkRunner.class);
        StartTimes times = new StartTimes(log.isDebugEnabled());
        framework = new org.apache.felix.framework.FrameworkFactory().newFramework(properties(extraProperties));
        framework.init();
        times.step("init");
        BundleContext system = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>(bundles.size());
        for (Path jar : bundles) {
            installed.add(system.installBundle("reference:" + jar.toUri()));
        }
        times.step("install");
        framework.start();
        times.step("framework start");

        Bundle api = installed.stream().filter(b -> API_BUNDLE.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new BundleException("the bundle list has no " + API_BUNDLE + " bundle"));
        register(system, api, PROCESS_CONTEXT, identity, Map.of("tusk.role", identity.role()));
        if (workerLauncher != null) {
            register(system, api, WORKER_LAUNCHER, workerLauncher, Map.of());
        }

        for (int i = 0; i < installed.size(); i++) {
            Bundle bundle = installed.get(i);
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
                times.step(bundle.getSymbolicName());
            } catch (BundleException | RuntimeException e) {
                if (i < fatalCount) {
                    throw new BundleException("bundle " + bundle.getSymbolicName() + " did not start: " + e.getMessage(), e);
                }
                log.error("bundle {} did not start", bundle.getSymbolicName(), e);
            }
        }
        if (times.enabled()) {
            log.debug("framework started: {}", times);
        }
        return framework;
    }

    private static void register(BundleContext system, Bundle api, String interfaceName, Object target,
                                 Map<String, String> properties) throws BundleException {
        Class<?> type;
        try {
            type = api.loadClass(interfaceName);
        } catch (ClassNotFoundException e) {
            throw new BundleException("the api bundle has no " + interfaceName, e);
        }
        system.registerService(interfaceName, ServiceProxy.of(type, target), new Hashtable<>(properties));
    }

    /** Waits until the framework has stopped (a bundle stopped the system bundle). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Stops the framework if it runs, waiting a bounded time. */
    void stop() {
        if (framework != null && (framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
            try {
                framework.stop();
                framework.waitForStop(10_000);
            } catch (BundleException | InterruptedException e) {
                // Exiting anyway.
            }
        }
    }

    /** Removes this process's bundle cache. */
    void deleteStorage() {
        try {
            DataDirectory.deleteTree(storage);
        } catch (IOException e) {
            // Left behind; the next postmaster start clears pg_runtime/felix.
        }
    }
}
