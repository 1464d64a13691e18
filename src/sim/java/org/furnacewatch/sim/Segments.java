package org.furnacewatch.sim;

import java.util.Arrays;

/** Non-overlapping constant-power segments in absolute minutes from the simulation start, sorted by start. */
final class Segments {
    private long[] start = new long[16];
    private long[] end = new long[16];
    private double[] kw = new double[16];
    private int n;

    void add(long s, long e, double k) {
        if (e <= s) return;
        if (n > 0 && s < end[n - 1]) throw new IllegalArgumentException("segments must be added in order without overlap");
        if (n == start.length) {
            start = Arrays.copyOf(start, n * 2);
            end = Arrays.copyOf(end, n * 2);
            kw = Arrays.copyOf(kw, n * 2);
        }
        start[n] = s;
        end[n] = e;
        kw[n] = k;
        n++;
    }

    int size() {
        return n;
    }

    long firstStart() {
        return start[0];
    }

    long lastEnd() {
        return end[n - 1];
    }

    /** Adds the average kW of every 15-minute interval of day {@code day} to {@code kw96}. */
    void addTo(double[] kw96, int day) {
        if (n == 0) return;
        long dayStart = day * 1440L, dayEnd = dayStart + 1440;
        // first segment whose end is after dayStart (ends are sorted because segments do not overlap)
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] <= dayStart) lo = mid + 1; else hi = mid;
        }
        for (int j = lo; j < n && start[j] < dayEnd; j++) {
            long s = Math.max(start[j], dayStart), e = Math.min(end[j], dayEnd);
            while (s < e) {
                int interval = (int) ((s - dayStart) / 15);
                long intervalEnd = dayStart + 15L * (interval + 1);
                long upto = Math.min(e, intervalEnd);
                kw96[interval] += kw[j] * (upto - s) / 15.0;
                s = upto;
            }
        }
    }
}
