package org.furnacewatch.alert;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Enterprises whose feed has gone quiet. A power company sends an upload's requests back to back and its next upload
 * half a day or a day later, so an enterprise that has received no reading for a while has had its uploads delivered
 * whole, and its last half-day can be judged ({@code DetectionEngine.uploadWhole}) without waiting for the reading
 * only the next upload brings. Kept per enterprise, not for the whole feed: one power company's upload does not keep
 * another's enterprises waiting. Detection thread only.
 */
final class QuietFeeds {
    private volatile long quietNanos;
    /** Per engine index: when it was last fed (System.nanoTime). */
    private long[] fedAt = new long[1024];
    private boolean[] waiting = new boolean[1024];
    /** The enterprises waiting (fed since their uploads were last taken as whole), in no order. */
    private int[] queue = new int[1024];
    private int count;
    private long scannedAt;

    QuietFeeds(Duration quiet) {
        quietFor(quiet);
    }

    void quietFor(Duration quiet) {
        quietNanos = quiet.toNanos();
    }

    void fed(int e, long now) {
        if (e < 0) return;
        if (e >= fedAt.length) {
            int n = Math.max(e + 1, fedAt.length * 2);
            fedAt = Arrays.copyOf(fedAt, n);
            waiting = Arrays.copyOf(waiting, n);
        }
        fedAt[e] = now;
        if (!waiting[e]) {
            waiting[e] = true;
            if (count == queue.length) queue = Arrays.copyOf(queue, count * 2);
            queue[count++] = e;
        }
    }

    /** Whether a scan is due: some enterprise waits, and the last scan was a fifth of a second ago or more. */
    boolean due(long now) {
        return count > 0 && now - scannedAt >= SCAN_NANOS;
    }

    private static final long SCAN_NANOS = 200_000_000L;

    /** Hands each enterprise quiet since {@code quietNanos} to {@code settle} and forgets it; true if any was. */
    boolean settle(long now, IntConsumer settle) {
        scannedAt = now;
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int e = queue[k];
            if (now - fedAt[e] >= quietNanos) {
                waiting[e] = false;
                settle.accept(e);
            } else {
                queue[kept++] = e;
            }
        }
        boolean any = kept < count;
        count = kept;
        return any;
    }
}
