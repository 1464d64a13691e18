package org.furnacewatch.notify;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * {@code min(max, base * 2^(n-1))}, so receivers that come back are not hit by every sender at once. The jitter
 * source is injected (a uniform [0,1) supplier) so tests control it.
 */
public record Backoff(Duration base, Duration max, DoubleSupplier jitter) {

    /** The wait after {@code failedAttempts} (>= 1) failed attempts. */
    public Duration after(int failedAttempts) {
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long capped = Math.min(max.toMillis(), base.toMillis() << shift);
        if (capped < 0) capped = max.toMillis();
        double j = Math.min(Math.max(jitter.getAsDouble(), 0), 1);
        return Duration.ofMillis((long) (capped * (0.5 + 0.5 * j)));
    }
}
