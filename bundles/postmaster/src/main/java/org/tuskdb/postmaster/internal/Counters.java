package org.tuskdb.postmaster.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Monotonic counters of the postmaster's work since it started, for the shell. */
final class Counters {
    final AtomicLong connectionsAccepted = new AtomicLong();
    final AtomicLong sessionsHandedOff = new AtomicLong();
    final AtomicLong rejectedTooManyClients = new AtomicLong();
    final AtomicLong rejectedNotAccepting = new AtomicLong();
    final AtomicLong handoffTimeouts = new AtomicLong();
    final AtomicLong badStartupPackets = new AtomicLong();
    final AtomicLong cancelRequests = new AtomicLong();
    final AtomicLong workersStarted = new AtomicLong();
    final AtomicLong workerCrashes = new AtomicLong();
    final AtomicLong crashRestarts = new AtomicLong();
    final AtomicLong auxiliaryRestarts = new AtomicLong();

    Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("connections_accepted", connectionsAccepted.get());
        values.put("sessions_handed_off", sessionsHandedOff.get());
        values.put("rejected_too_many_clients", rejectedTooManyClients.get());
        values.put("rejected_not_accepting", rejectedNotAccepting.get());
        values.put("handoff_timeouts", handoffTimeouts.get());
        values.put("bad_startup_packets", badStartupPackets.get());
        values.put("cancel_requests", cancelRequests.get());
        values.put("workers_started", workersStarted.get());
        values.put("worker_crashes", workerCrashes.get());
        values.put("crash_restarts", crashRestarts.get());
        values.put("auxiliary_restarts", auxiliaryRestarts.get());
        return values;
    }
}
