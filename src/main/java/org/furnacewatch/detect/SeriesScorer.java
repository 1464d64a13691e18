package org.furnacewatch.detect;

import java.time.ZoneId;
import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * Anomaly score of any single series (POST /api/v1/series/score): one score in [0, 1] per row,
 * in the order sent, causal.
 *
 * <p>Rows are visited in time order (ties by input order); a row is scored against a robust
 * seasonal baseline learned from the rows before it only, then teaches the baseline. Seasons are
 * 48 buckets: local hour of day x (working day | rest day, per {@link ChineseCalendar}), with the
 * series' overall baseline standing in for a bucket until it has {@value #MIN_HISTORY} rows. The
 * baseline is the same robust exponentially weighted location/deviation as the engine's
 * ({@link SeasonalBaseline}): inputs clipped to +-4 sigma so a spike does not become normal.
 *
 * <p>score = 2 Phi(|z|) - 1 (standard normal CDF, via commons-math3's erf): the probability mass
 * of the baseline closer to its centre than this row; 0 with too little history or for NaN.
 * Any step works: the buckets are by clock hour, not by row count. O(n log n) for the sort, then
 * O(1) per row.
 */
public final class SeriesScorer {
  static final int MIN_HISTORY = 8;
  private static final double ALPHA = 0.05;
  private static final int BUCKETS = 48;

  private final ZoneId zoneId;

  public SeriesScorer() {
    this(ZoneId.of("Asia/Shanghai"));
  }

  public SeriesScorer(ZoneId zone) {
    this.zoneId = zone;
  }

  /**
   * @param epochSeconds row timestamps (any order, repeats allowed)
   * @param values row values (NaN rows score 0 and teach nothing)
   * @return scores in [0, 1], index-aligned with the input
   */
  public double[] score(long[] epochSeconds, double[] values) {
    int n = epochSeconds.length;
    if (values.length != n) {
      throw new IllegalArgumentException("epochSeconds and values differ in length");
    }
    double[] out = new double[n];
    if (n == 0) {
      return out;
    }
    int[] order = timeOrder(epochSeconds);
    ZoneOffsets zone = new ZoneOffsets(zoneId); // per call: ZoneOffsets caches, not thread-safe
    double[] mu = new double[BUCKETS + 1];
    double[] dev = new double[BUCKETS + 1];
    int[] count = new int[BUCKETS + 1];
    for (int k = 0; k < n; k++) {
      int i = order[k];
      double x = values[i];
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        continue;
      }
      long local = epochSeconds[i] + zone.offsetAt(epochSeconds[i]);
      long epochDay = Math.floorDiv(local, 86_400);
      int hour = (int) (Math.floorMod(local, 86_400) / 3600);
      int b = hour + (ChineseCalendar.isWorkingDay(epochDay) ? 0 : 24);
      int use = count[b] >= MIN_HISTORY ? b : BUCKETS;
      if (count[use] >= MIN_HISTORY) {
        double z = (x - mu[use]) / sigma(mu[use], dev[use]);
        out[i] = Math.min(1.0, Math.max(0.0, Erf.erf(Math.abs(z) / Math.sqrt(2))));
      }
      learn(mu, dev, count, b, x);
      learn(mu, dev, count, BUCKETS, x);
    }
    return out;
  }

  private static double sigma(double mu, double dev) {
    return Math.max(1.4826 * dev, Math.max(0.01 * Math.abs(mu), 1e-9));
  }

  private static void learn(double[] mu, double[] dev, int[] count, int b, double x) {
    int n = count[b];
    if (n == 0) {
      mu[b] = x;
      dev[b] = 0;
    } else {
      double a = Math.max(ALPHA, 1.0 / (n + 1));
      double s = sigma(mu[b], dev[b]);
      // Clip only once the scale means something.
      double xc = n < MIN_HISTORY ? x : Math.min(Math.max(x, mu[b] - 4 * s), mu[b] + 4 * s);
      double d = xc - mu[b];
      mu[b] += a * d;
      dev[b] += a * (Math.abs(d) - dev[b]);
    }
    count[b] = n + 1;
  }

  /** Indices sorted by (timestamp, input index), with primitive keys when they fit. */
  static int[] timeOrder(long[] ts) {
    int n = ts.length;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long t : ts) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    int idxBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
    int[] order = new int[n];
    boolean fits = max - min >= 0 && (max - min) < (1L << (62 - idxBits));
    if (fits) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = ((ts[i] - min) << idxBits) | i;
      }
      Arrays.sort(keys);
      long mask = (1L << idxBits) - 1;
      for (int i = 0; i < n; i++) {
        order[i] = (int) (keys[i] & mask);
      }
      return order;
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> a.equals(b) ? 0
        : ts[a] != ts[b] ? Long.compare(ts[a], ts[b]) : Integer.compare(a, b));
    for (int i = 0; i < n; i++) {
      order[i] = boxed[i];
    }
    return order;
  }
}
