package org.furnacewatch.detect;

import java.util.Arrays;

/**
 * Scores one day's feature of many enterprises against their peers (same group, e.g. industry +
 * district) with the median and the median absolute deviation: robust, deterministic and cheap
 * enough to run for every closed day. (An isolation forest was considered; its random trees make
 * a replay differ unless seeded per day, and with a handful of features per enterprise-day the
 * median/MAD z is as sharp and explains itself: "3.4 times the peers' median".)
 *
 * <p>Reusable: scratch arrays grow to the largest day seen. Not thread-safe.
 */
public final class PeerScorer {
  /** MAD floor: in log units about 5%, so identical peers do not turn noise into huge z. */
  static final double MIN_MAD = 0.05;
  /** MAD x this estimates a normal standard deviation. */
  static final double MAD_TO_SIGMA = 1.4826;

  private long[] keys = new long[0];
  private double[] scratch = new double[0];

  /**
   * @param n rows
   * @param group group id per row (>= 0)
   * @param value the feature per row (e.g. log kWh per kVA)
   * @param outZ robust z per row: (value - group median) / (1.4826 x max(MAD, 0.05)); 0 where the
   *     group is smaller than minPeers
   * @param outDiff value - group median per row
   * @param outGroupSize size of the row's group
   * @param minPeers groups smaller than this are not scored
   */
  public void score(int n, int[] group, double[] value, double[] outZ, double[] outDiff,
      int[] outGroupSize, int minPeers) {
    score(n, group, value, outZ, outDiff, null, outGroupSize, minPeers);
  }

  /**
   * {@link #score}, and also value - the group's 90th percentile per row (outTopDiff, if not
   * null): how far above even the busiest tenth of its peers a row stands.
   */
  public void score(int n, int[] group, double[] value, double[] outZ, double[] outDiff,
      double[] outTopDiff, int[] outGroupSize, int minPeers) {
    if (keys.length < n) {
      keys = new long[Math.max(n, keys.length * 2)];
      scratch = new double[keys.length];
    }
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) group[i] << 32) | i;
    }
    Arrays.sort(keys, 0, n);
    int from = 0;
    while (from < n) {
      int g = (int) (keys[from] >>> 32);
      int to = from;
      while (to < n && (int) (keys[to] >>> 32) == g) {
        to++;
      }
      scoreGroup(from, to, value, outZ, outDiff, outTopDiff, outGroupSize, minPeers);
      from = to;
    }
  }

  private void scoreGroup(int from, int to, double[] value, double[] outZ, double[] outDiff,
      double[] outTopDiff, int[] outGroupSize, int minPeers) {
    int m = to - from;
    for (int k = 0; k < m; k++) {
      scratch[k] = value[(int) keys[from + k]];
    }
    Arrays.sort(scratch, 0, m);
    double median = median(scratch, m);
    double top = scratch[(int) (0.9 * (m - 1))];
    for (int k = 0; k < m; k++) {
      scratch[k] = Math.abs(value[(int) keys[from + k]] - median);
    }
    Arrays.sort(scratch, 0, m);
    double sigma = MAD_TO_SIGMA * Math.max(MIN_MAD, median(scratch, m));
    for (int k = 0; k < m; k++) {
      int row = (int) keys[from + k];
      double diff = value[row] - median;
      outDiff[row] = diff;
      if (outTopDiff != null) {
        outTopDiff[row] = value[row] - top;
      }
      outGroupSize[row] = m;
      outZ[row] = m < minPeers ? 0 : diff / sigma;
    }
  }

  private static double median(double[] sorted, int m) {
    return (m & 1) == 1 ? sorted[m >> 1] : 0.5 * (sorted[(m >> 1) - 1] + sorted[m >> 1]);
  }
}
