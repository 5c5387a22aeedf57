package org.tuskdb.bufferpool.internal;

/**
 * One round of the background writer (PostgreSQL's BgBufferSync, simplified): estimate how many
 * buffers backends will allocate before the next round (recent allocations, smoothed, times
 * bgwriter_lru_multiplier), and make sure that many buffers just ahead of the clock hand are
 * reusable (unpinned, usage count 0, clean), writing dirty ones, at most bgwriter_lru_maxpages.
 * Also keeps a minimum pace so the whole pool is looked at every two minutes when idle.
 * The state is the bgwriter process's own (nothing shared besides the buffers themselves).
 */
final class BgWriterSync {
    private static final int SMOOTHING_SAMPLES = 16;
    private static final long SCAN_WHOLE_POOL_MILLIS = 120_000;

    private final SharedBuffers buffers;
    private final int n;
    private boolean initialized;
    private long nextToClean;
    private long prevAllocations;
    private double smoothedAllocations;
    private double smoothedDensity = 10.0;

    BgWriterSync(SharedBuffers buffers) {
        this.buffers = buffers;
        this.n = buffers.nbuffers();
    }

    /** One round; returns the number of buffers written. */
    int run(int maxPages, double multiplier, long delayMillis) {
        long hand = buffers.clockHand();
        long allocations = buffers.allocations();
        if (!initialized) {
            initialized = true;
            nextToClean = hand;
            prevAllocations = allocations;
        }
        long recent = allocations - prevAllocations;
        prevAllocations = allocations;
        if (maxPages <= 0) {
            return 0; // bgwriter_lru_maxpages = 0 disables writing
        }

        long ahead;
        if (nextToClean < hand) {
            nextToClean = hand; // the clock passed us: start again at the hand
            ahead = 0;
        } else {
            ahead = Math.min(nextToClean - hand, n);
        }
        if (smoothedAllocations <= recent) {
            smoothedAllocations = recent;
        } else {
            smoothedAllocations += (recent - smoothedAllocations) / SMOOTHING_SAMPLES;
        }
        long upcoming = (long) (smoothedAllocations * multiplier);
        long minimum = Math.max(1, n * Math.max(1, delayMillis) / SCAN_WHOLE_POOL_MILLIS);
        upcoming = Math.max(upcoming, minimum);

        // Buffers already scanned ahead of the hand count, at the density seen last time.
        long reusable = (long) (ahead / smoothedDensity);
        long toScan = n - ahead;
        int written = 0;
        long scanned = 0;
        long foundReusable = 0;
        while (toScan > 0 && reusable < upcoming) {
            int b = (int) Long.remainderUnsigned(nextToClean, n);
            nextToClean++;
            toScan--;
            scanned++;
            int result = buffers.syncOneBuffer(b);
            if ((result & SharedBuffers.REUSABLE) != 0) {
                reusable++;
                foundReusable++;
            }
            if ((result & SharedBuffers.WRITTEN) != 0 && ++written >= maxPages) {
                break;
            }
        }
        if (scanned > 0) {
            double density = (double) scanned / Math.max(1, foundReusable);
            smoothedDensity += (density - smoothedDensity) / SMOOTHING_SAMPLES;
        }
        return written;
    }
}
