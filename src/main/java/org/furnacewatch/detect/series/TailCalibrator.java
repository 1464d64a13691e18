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
  private int top; // highest bin ever used: the threshold scan starts there
  private int sinceFit = REFIT;
  private boolean shapeStale = true;
  private int uBin;
  private long tailCount;
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
    if (shapeStale) {
      fitShape(); // lazily: only rows in the tail pay for it
    }
    double y = v - u;
    double s = gamma > 1e-6 ? Math.exp(-Math.log1p(gamma * y / sigma) / gamma) : Math.exp(-y / sigma);
    return Math.max(MIN_P, tailShare * s);
  }

  void add(double v) {
    int b = bin(v);
    counts[b]++;
    top = Math.max(top, b);
    n++;
    sinceFit++;
  }

  long count() {
    return n;
  }

  private static final double LN2 = Math.log(2);
  private static final double[] QUARTER = {1, Math.pow(2, 0.25), Math.pow(2, 0.5), Math.pow(2, 0.75)};
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

  /** GPD shape whose 80 % / 50 % excess quantile ratio is r, within [0, MAX_SHAPE], from a table. */
  private static double shapeFromRatio(double r) {
    if (r <= RATIOS[0]) {
      return 0;
    }
    int i = 1;
    while (i < RATIOS.length && RATIOS[i] < r) {
      i++;
    }
    if (i == RATIOS.length) {
      return MAX_SHAPE;
    }
    double f = (r - RATIOS[i - 1]) / (RATIOS[i] - RATIOS[i - 1]);
    return SHAPES[i - 1] + f * (SHAPES[i] - SHAPES[i - 1]);
  }

  private static double ratio(double g) {
    return (Math.pow(5, g) - 1) / (Math.pow(2, g) - 1);
  }

  private static int bin(double v) {
    if (!(v >= 0x1p-12)) {
      return 0; // zero, tiny and NaN
    }
    // Octave from the exponent, quarter-octave from the mantissa: no logarithm on the hot path.
    double m = v * Math.scalb(1.0, -Math.getExponent(v));
    int sub = m < QUARTER[1] ? 0 : m < QUARTER[2] ? 1 : m < QUARTER[3] ? 2 : 3;
    int b = 1 + BINS_PER_OCTAVE * (Math.getExponent(v) - MIN_EXP) + sub;
    return Math.min(b, NB - 1);
  }

  private static final double[] EDGE = new double[NB + 1];
  private static final double[] SHAPES = new double[91];
  private static final double[] RATIOS = new double[91];

  static {
    for (int b = 1; b <= NB; b++) {
      EDGE[b] = Math.pow(2, MIN_EXP + (b - 1) / (double) BINS_PER_OCTAVE);
    }
    for (int i = 0; i < SHAPES.length; i++) {
      SHAPES[i] = MAX_SHAPE * i / (SHAPES.length - 1);
      RATIOS[i] = i == 0 ? RATIO_EXP : ratio(SHAPES[i]);
    }
  }

  private static double lowerEdge(int b) {
    return EDGE[b];
  }

  /** Threshold at the upper tail share (every {@value #REFIT} rows); the shape waits for a tail row. */
  private void fit() {
    sinceFit = 0;
    double limit = TAIL_SHARE * n;
    long cum = 0;
    int b = top;
    while (b > 0 && cum + counts[b] <= limit) {
      cum += counts[b];
      b--;
    }
    u = b == NB - 1 ? lowerEdge(NB - 1) : lowerEdge(b + 1);
    uBin = b;
    tailCount = cum;
    tailShare = (cum + 1.0) / (n + 1.0);
    shapeStale = true;
  }

  /** GPD shape and scale from the tail's median and 80th-percentile excess, shrunk to the prior. */
  private void fitShape() {
    shapeStale = false;
    int b = uBin;
    long cum = tailCount;
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
  }
}
