package org.furnacewatch.detect;

/**
 * The enterprise's own seasonal baseline, kept as a few doubles per enterprise: a location and an
 * absolute-deviation scale of daily kWh per day type (working day; rest day = weekend or
 * statutory holiday, with make-up days counted as working days per {@link ChineseCalendar}), and
 * the usual night share and night kWh.
 *
 * <p>Exponentially weighted (the warm-up averages evenly: weight max(alpha, 1/(n+1))), with three
 * guards so that what it should detect does not become normal: days judged anomalous are not
 * learned, inputs are clipped to +-4 sigma, and idle days (below idleRatio of the baseline: the
 * Spring Festival shutdown, a stoppage) are skipped so the return to work is not a "jump".
 */
final class SeasonalBaseline {
  private SeasonalBaseline() {}

  /** Scale for a z: 1.4826 x mean absolute deviation, at least 5% of the level and 1 kWh. */
  static double sigma(double mu, double dev) {
    return Math.max(1.4826 * dev, Math.max(0.05 * mu, 1.0));
  }

  /** Updates location stats[i] and deviation stats[i + 1]; count in counts[ni]. */
  static void update(double[] stats, int i, int[] counts, int ni, double x,
      DetectionProfile.LevelShift p, boolean anomalous) {
    int n = counts[ni];
    if (anomalous) {
      return;
    }
    if (n == 0) {
      stats[i] = x;
      stats[i + 1] = 0.1 * x;
      counts[ni] = 1;
      return;
    }
    double mu = stats[i];
    if (x < p.idleRatio() * mu) {
      return;
    }
    double a = Math.max(p.baselineAlpha(), 1.0 / (n + 1));
    double s = sigma(mu, stats[i + 1]);
    double xc = Math.min(Math.max(x, mu - 4 * s), mu + 4 * s);
    stats[i] = mu + a * (xc - mu);
    stats[i + 1] += a * (Math.abs(xc - mu) - stats[i + 1]);
    counts[ni] = n + 1;
  }

  /** Updates night share stats[i] and night kWh stats[i + 1]; count in counts[ni]. */
  static void updateNight(double[] stats, int i, int[] counts, int ni, double share,
      double nightKwh, boolean idle, boolean anomalous) {
    if (idle || anomalous) {
      return;
    }
    int n = counts[ni];
    double a = Math.max(0.1, 1.0 / (n + 1));
    stats[i] += a * (share - stats[i]);
    stats[i + 1] += a * (nightKwh - stats[i + 1]);
    counts[ni] = n + 1;
  }
}
