package org.furnacewatch.detect;

import java.util.Arrays;
import org.furnacewatch.detect.series.SeriesDetector;
import org.furnacewatch.detect.series.SeriesScores;

/**
 * Anomaly score of any single series (POST /api/v1/series/score): one score in [0, 1] per row,
 * in the order sent, causal and deterministic.
 *
 * <p>Rows are visited in time order (ties by input order) and fed to a {@link SeriesDetector};
 * a row's score is 1 - p, where p is the tail probability that the series is at least this unusual
 * given the rows before it, after re-alarms within one episode are muted (see
 * {@code detect.series.AlarmSuppressor}). NaN and infinite rows score 0 and teach nothing.
 * O(n log n) for the sort, then O(1) per row.
 */
public final class SeriesScorer {

  /**
   * @param epochSeconds row timestamps (any order, repeats allowed)
   * @param values row values
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
    SeriesScores scores = new SeriesScores();
    for (int k = 0; k < n; k++) {
      int i = order[k];
      double x = values[i];
      out[i] = Double.isFinite(x) ? scores.next(epochSeconds[i], x) : 0;
    }
    return out;
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
