package org.furnacewatch.detect.series;

/**
 * Tail probability of a non-negative statistic against every value it took before: how often the
 * series has shown something at least this unusual.
 *
 * <p>Values are counted in a log-spaced histogram (4 bins per octave, 2^-12 .. 2^24), so the
 * statistic may have any scale. Up to the histogram's 97th percentile {@code u} the answer is 1
 * (only the tail matters); above it a generalised Pareto tail is fitted to the excesses (peaks over threshold, as in Siffer et al., "Anomaly detection in streams with extreme
 * value theory", KDD 2017), shape and scale from the tail's median and 80th percentile (robust
 * where moments are not), so a value far beyond anything seen still gets a graded, finite
 * probability rather than a flat 1/n. The shape and scale are shrunk towards a prior while few
 * excesses are known, which keeps a young series from alarming on its first wiggles.
 * Allocation-free after construction; O(1) per row, O(bins) every {@value #REFIT} rows.
 */
final class TailCalibrator {
  private static final int BINS_PER_OCTAVE = 4;
  private static final int MIN_EXP = -12;
  private static final int NB = 1 + BINS_PER_OCTAVE * 36;
  private static final double TAIL_SHARE = 0.03;
  private static final int REFIT = 16;
  private static final int MIN_COUNT = 16;
  /** Pseudo-excesses that hold the prior (shape {@link #PRIOR_GAMMA}, scale {@code priorScale}). */
  private static final double PRIOR_WEIGHT = 4;
  private static final double PRIOR_GAMMA = 0.1;
  private static final double MIN_P = 1e-15;
  private static final double MAX_SHAPE = 0.45;

  private final double priorScale;
  private final long[] counts = new long[NB];
  private long n;
  private int sinceFit = REFIT;
  private double u;
  private double tailShare = 1;
  private double sigma;
  private double gamma;

  TailCalibrator(double priorScale) {
    this.priorScale = priorScale;
  }

  /** P(S >= v) under what was seen so far; 1 until {@value #MIN_COUNT} values are known. */
  double pValue(double v) {
    if (n < MIN_COUNT) {
      return 1;
    }
    if (sinceFit >= REFIT) {
      fit();
    }
    if (!(v > u)) {
      return 1; // within the bulk: nothing to report
    }
    double y = v - u;
    double s = gamma > 1e-6 ? Math.exp(-Math.log1p(gamma * y / sigma) / gamma) : Math.exp(-y / sigma);
    return Math.max(MIN_P, tailShare * s);
  }

  void add(double v) {
    int b = bin(v);
    counts[b]++;
    n++;
    sinceFit++;
  }

  long count() {
    return n;
  }

  private static final double LN2 = Math.log(2);
  private static final double RATIO_EXP = Math.log(5) / LN2; // x80 / x50 of an exponential tail

  /** Excess over u below which share q of the tail lies, interpolated within its bin. */
  private double excessQuantile(int b, long cum, double q) {
    double rank = q * cum;
    long acc = 0;
    for (int k = b + 1; k < NB; k++) {
      if (counts[k] != 0 && acc + counts[k] >= rank) {
        double lo = Math.max(lowerEdge(k), u);
        double hi = k == NB - 1 ? 2 * lo : lowerEdge(k + 1);
        return lo + (rank - acc) / counts[k] * (hi - lo) - u;
      }
      acc += counts[k];
    }
    return 0;
  }

  /** GPD shape whose 80 % / 50 % excess quantile ratio is r, within [0, MAX_SHAPE]: bisection, once per refit. */
  private static double shapeFromRatio(double r) {
    if (r <= RATIO_EXP) {
      return 0;
    }
    double lo = 0;
    double hi = MAX_SHAPE;
    if (ratio(hi) <= r) {
      return hi;
    }
    for (int i = 0; i < 30; i++) {
      double mid = 0.5 * (lo + hi);
      if (ratio(mid) < r) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  private static double ratio(double g) {
    return (Math.pow(5, g) - 1) / (Math.pow(2, g) - 1);
  }

  private static int bin(double v) {
    if (!(v >= 0x1p-12)) {
      return 0; // zero, tiny and NaN
    }
    int b = 1 + (int) (BINS_PER_OCTAVE * (Math.log(v) * 1.4426950408889634 - MIN_EXP));
    return Math.min(b, NB - 1);
  }

  private static double lowerEdge(int b) {
    return b == 0 ? 0 : Math.pow(2, MIN_EXP + (b - 1) / (double) BINS_PER_OCTAVE);
  }

  /** Threshold at the upper tail share, then method-of-moments GPD on the excesses, shrunk to the prior. */
  private void fit() {
    sinceFit = 0;
    double limit = TAIL_SHARE * n;
    long cum = 0;
    int b = NB - 1;
    while (b > 0 && cum + counts[b] <= limit) {
      cum += counts[b];
      b--;
    }
    u = b == NB - 1 ? lowerEdge(NB - 1) : lowerEdge(b + 1);
    double g = PRIOR_GAMMA;
    double sc = priorScale;
    if (cum >= 3) {
      // Quantiles, not moments: one huge past anomaly must not fatten the tail that judges the next one.
      double x50 = excessQuantile(b, cum, 0.5);
      double x80 = excessQuantile(b, cum, 0.8);
      if (x50 > 0 && x80 > x50) {
        g = shapeFromRatio(x80 / x50);
        sc = g < 1e-6 ? x50 / LN2 : x50 * g / (Math.pow(2, g) - 1);
      }
    }
    double w = cum;
    gamma = (w * g + PRIOR_WEIGHT * PRIOR_GAMMA) / (w + PRIOR_WEIGHT);
    sigma = (w * sc + PRIOR_WEIGHT * priorScale) / (w + PRIOR_WEIGHT);
    tailShare = (cum + 1.0) / (n + 1.0);
  }
}
