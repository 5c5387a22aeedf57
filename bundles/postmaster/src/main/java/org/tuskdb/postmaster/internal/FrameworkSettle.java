package org.tuskdb.postmaster.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting for the framework to finish starting. Services contributed by other bundles
 * (auxiliary roles, startup steps) are registered while their bundles start; a component that
 * acts on "every such service" must not look before that is over, or it would miss a step or a
 * role whose bundle happens to start after its own.
 *
 * <p>The launcher starts the framework first and then each bundle of its list, so "the system
 * bundle is ACTIVE" is not enough: this waits until every installed bundle is ACTIVE (fragments
 * and lazily activated bundles excepted). A bundle that is installed but deliberately not started
 * only delays the answer to the timeout.
 */
public final class FrameworkSettle {
    private static final Logger LOG = LoggerFactory.getLogger(FrameworkSettle.class);

    private FrameworkSettle() {}

    /** Returns true once settled, false after the timeout (logged) or an interrupt (flag kept). */
    public static boolean await(BundleContext context, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            List<String> pending = pending(context);
            if (pending.isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                LOG.warn("bundles not started after {} ms, going on without them: {}", timeoutMillis, pending);
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Bundles still expected to start (the system bundle included). */
    static List<String> pending(BundleContext context) {
        List<String> pending = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            int state = bundle.getState();
            if (state == Bundle.ACTIVE || state == Bundle.UNINSTALLED || isFragment(bundle)) {
                continue;
            }
            // A lazily activated bundle waits in STARTING until first used: not "still starting".
            if (state == Bundle.STARTING && isLazy(bundle)) {
                continue;
            }
            pending.add(bundle.getSymbolicName());
        }
        return pending;
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private static boolean isLazy(Bundle bundle) {
        String policy = bundle.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY);
        return policy != null && policy.strip().startsWith(Constants.ACTIVATION_LAZY);
    }
}
