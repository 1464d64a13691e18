package org.furnacewatch.detect.series;

/**
 * Streaming anomaly detector for one series with no parameters: feed rows in time order with
 * {@link #update}, get the probability that recent behaviour is at least this unusual given what the
 * series has shown so far.
 *
 * <p>Each row updates a handful of views of the series, each reduced to one non-negative statistic
 * and turned into a tail probability by its own {@link TailCalibrator} (so the statistic's scale and
 * shape are learnt, not assumed):
 * <ul>
 *   <li>{@code POINT}: the row's residual against each of three predictors (last value; a fast
 *       level plus the seasonal profile; last value plus the seasonal step), in units of that
 *       predictor's recent mean absolute error, the smallest of them (a row is news only if every
 *       predictor is surprised): spikes, dips, the first row of a step, a broken periodic shape.
 *   <li>{@code LEVEL_FAST}, {@code LEVEL_SLOW}: a short against a long moving level of the
 *       deseasonalised series (8 vs 256 rows, 32 vs 2048 rows), in units of its spread: level shifts
 *       too small for one row to show, and gradual drifts.
 *   <li>{@code VOL_UP}, {@code VOL_DOWN}: log ratio of short (16) to long (512) mean absolute
 *       prediction error, in a real cycle each error judged against its phase's usual error (24 buckets
 *       per cycle: calm nights, busy days): variance changes, a flat line where there was movement.
 *   <li>{@code FLAT}: length of the current run of identical values.
 *   <li>{@code GAP}: time since the previous row beyond three typical steps: a series that went silent.
 *   <li>{@code SEASON}: log ratio of short to long mean error of the seasonal profile: a cycle that
 *       stops, slows or changes shape.
 * </ul>
 * The row's probability is the smallest of these times their number (Bonferroni), so on noise at
 * most about p of rows fall below p. Every moving baseline is an exponentially weighted average that
 * starts as a running mean, so a lasting change becomes the new normal within its window. A period
 * (in rows) is looked for by {@link PeriodFinder} at 256, 384, 512, 768 and 1,536 rows and every
 * 2,048 rows (4,096 while the profile predicts well), on the latest 2,048 rows; a new period re-seeds
 * the seasonal profile from those rows.
 *
 * <p>Not thread-safe; allocation-free per row after construction (a new period allocates once).
 */
public final class SeriesDetector {
  static final int POINT = 0;
  static final int LEVEL_FAST = 1;
  static final int LEVEL_SLOW = 2;
  static final int VOL_UP = 3;
  static final int VOL_DOWN = 4;
  static final int FLAT = 5;
  static final int GAP = 6;
  static final int SEASON = 7;
  static final int STATS = 8;

  /** Rows whose statistics are not yet judged nor learnt: the scales they divide by are still settling. */
  private static final int WARM_UP = 32;
  private static final int BUFFER = 2048;
  /** A flat run's probability stops falling here, so a lasting flat line alarms once (see AlarmSuppressor). */
  private static final double FLAT_FLOOR = 1e-6;
  /** A row this rare marks a change; the baselines then learn at 1 / FAST_ROWS for FAST_ROWS rows. */
  private static final double CHANGE = 1e-4;
  private static final int FAST_ROWS = 64;
  private static final int MAX_PERIOD = BUFFER / 2;
  /** Rows between period searches once the buffer is half full: a changed period is found within this. */
  private static final int RESCAN = 2048;
  private static final double LOG2_3 = 1.584962500721156;
  /** Phase buckets per cycle for the usual prediction error. */
  private static final int ERROR_BUCKETS = 24;

  private final TailCalibrator[] calibrators = new TailCalibrator[STATS];
  private final double[] stat = new double[STATS];
  final double[] lastP = new double[STATS]; // each statistic's probability for the last row (tests, tuning)
  private final double[] buffer = new double[BUFFER];
  private final long[] bufferSlot = new long[BUFFER];
  private final PeriodFinder periodFinder = new PeriodFinder(BUFFER);
  private final double[] profile = new double[MAX_PERIOD];
  private final double[] phaseError = new double[ERROR_BUCKETS];
  private int period;

  private long rows;
  private long firstT;
  private long prevT;
  private long prevSlot;
  private double prevX;
  private final long[] firstSteps = new long[31];
  private int stepsSeen;
  private long step;

  // predictors: 0 last value, 1 fast level + season, 2 last value + seasonal step
  private final double[] err = new double[3];
  private double fastLevel;
  private double noise; // slow mean absolute prediction error: floor for every scale
  private double motion; // slow mean absolute row-to-row change, unclipped

  private double shortLevel;
  private double longLevel;
  private double midLevel;
  private double slowLevel;
  private double spread;
  private double volShort;
  private double volLong;
  private int flatRun;
  private double seasonShort;
  private double seasonLong;
  private long fastUntil;

  public SeriesDetector() {
    // Squared z-like statistics: a Gaussian's square has an exponential tail, which a GPD fits at any
    // threshold; heavier tails show up as a positive shape.
    calibrators[POINT] = new TailCalibrator(2.0);
    calibrators[LEVEL_FAST] = new TailCalibrator(2.0);
    calibrators[LEVEL_SLOW] = new TailCalibrator(2.0);
    calibrators[VOL_UP] = new TailCalibrator(0.5);
    calibrators[VOL_DOWN] = new TailCalibrator(0.5);
    // Runs and gaps: a series that never had one should find a long one very rare.
    calibrators[FLAT] = new TailCalibrator(1.5);
    calibrators[GAP] = new TailCalibrator(0.25);
    calibrators[SEASON] = new TailCalibrator(0.5);
  }

  /**
   * @param t the row's time in seconds, never before the previous row's
   * @param x the row's value, finite
   * @return tail probability in (0, 1] that the series is at least this unusual now
   */
  public double update(long t, double x) {
    rows++;
    if (rows == 1) {
      firstT = t;
      prevT = t;
      prevX = x;
      fastLevel = shortLevel = longLevel = midLevel = slowLevel = x;
      remember(0, x);
      return 1;
    }
    long dt = t - prevT;
    learnStep(dt);
    long slot = step > 0 ? (t - firstT) / step : rows - 1;
    double season = period > 0 ? profile[(int) (slot % period)] : 0;
    double prevSeason = period > 0 ? profile[(int) (prevSlot % period)] : 0;
    double y = x - season;
    // The smallest scale anything is measured in: a clean series (a perfect square wave) has no noise
    // at all, yet its steps must not become infinitely surprising nor freeze what the clips let in.
    double floor = Math.max(Math.max(1e-3 * noise, 1e-4 * motion), 1e-9 * Math.abs(longLevel) + 1e-300);

    // POINT: residual against each predictor, in units of that predictor's recent error.
    double e0 = x - prevX;
    double e1 = x - (fastLevel + season);
    double e2 = period > 0 ? x - (prevX + season - prevSeason) : e0;
    int best = err[0] <= err[1] ? (err[0] <= err[2] ? 0 : 2) : (err[1] <= err[2] ? 1 : 2);
    double eBest = best == 0 ? e0 : best == 1 ? e1 : e2;
    // Surprising only if every predictor is: a square wave's step is news to the last value, not to the cycle.
    double z0 = Math.abs(e0) / Math.max(1.2533 * Math.max(err[0], noise), floor);
    double z1 = Math.abs(e1) / Math.max(1.2533 * Math.max(err[1], noise), floor);
    double z2 = Math.abs(e2) / Math.max(1.2533 * Math.max(err[2], noise), floor);
    stat[POINT] = square(period > 0 ? Math.min(z0, Math.min(z1, z2)) : Math.min(z0, z1));

    // LEVEL: short against long level of the deseasonalised series; the long ones learn after scoring.
    double n = rows;
    shortLevel += Math.max(1.0 / 8, 1 / n) * (y - shortLevel);
    midLevel += Math.max(1.0 / 32, 1 / n) * (y - midLevel);
    double sp = Math.max(spread, floor);
    stat[LEVEL_FAST] = square((shortLevel - longLevel) / sp);
    stat[LEVEL_SLOW] = square((midLevel - slowLevel) / sp);

    // VOL: recent against long-run size of the prediction error.
    double a = Math.abs(eBest);
    // In a cycle, each phase has its own usual error (calm nights, busy days): judge the error against it.
    // 24 buckets per cycle: one error per phase per cycle would be far too noisy an estimate.
    int phase = period > 0 ? (int) (slot % period) * ERROR_BUCKETS / period : 0;
    // ... but only where the cycle is real: its profile predicts better than the last value does.
    boolean cyclic = period > 0 && Math.min(err[1], err[2]) < 0.8 * err[0];
    double usual = cyclic ? phaseError[phase] : 0;
    double an = usual > 0 ? a * volLong / Math.max(usual, floor) : a;
    volShort += Math.max(1.0 / 16, 1 / n) * (an - volShort);
    double ratio = Math.log((volShort + floor) / (volLong + floor));
    stat[VOL_UP] = ratio > 0 ? ratio * ratio : 0;
    stat[VOL_DOWN] = ratio < 0 ? ratio * ratio : 0;

    // SEASON: recent against long-run error of the seasonal profile: a cycle that stops or changes.
    double a1 = Math.abs(e1);
    seasonShort += Math.max(1.0 / 16, 1 / n) * (a1 - seasonShort);
    double seasonRatio = Math.log((seasonShort + floor) / (seasonLong + floor));
    stat[SEASON] = period > 0 && seasonRatio > 0 ? seasonRatio * seasonRatio : 0;

    boolean runEnds = x != prevX;
    int endedRun = flatRun;
    flatRun = runEnds ? 0 : flatRun + 1;
    stat[FLAT] = flatRun;
    stat[GAP] = step > 0 && dt > 0 ? Math.max(0, Math.log(dt / (double) step) * 1.4426950408889634 - LOG2_3) : 0;

    double p = 1;
    for (int k = 0; rows > WARM_UP && k < STATS; k++) {
      TailCalibrator c = calibrators[k];
      if (k == FLAT) {
        // A run is judged against completed runs and learnt when it ends; it alarms once, not at every new record.
        lastP[k] = flatRun == 0 ? 1 : Math.max(FLAT_FLOOR, c.pValue(flatRun));
        if (runEnds) {
          c.add(endedRun);
        }
      } else {
        lastP[k] = c.pValue(stat[k]);
        c.add(stat[k]);
      }
      p = Math.min(p, lastP[k]);
    }
    p = Math.min(1, p * STATS);
    if (p < CHANGE) {
      fastUntil = rows + FAST_ROWS;
    }
    // After a rare row the long baselines learn fast for a while: a lasting change becomes the new normal
    // within about FAST_ROWS rows instead of thousands, so the next change can be seen on its own.
    double slowest = rows < fastUntil ? 1.0 / FAST_ROWS : 0;

    // Learn, robustly: a wild row moves no baseline by more than a few of its own scales.
    double clip = 6 * Math.max(spread, floor);
    double yc = Math.min(Math.max(y, longLevel - clip), longLevel + clip);
    spread += Math.max(Math.max(1.0 / 256, slowest), 1 / n) * (Math.min(Math.abs(y - longLevel), clip) - spread);
    longLevel += Math.max(Math.max(1.0 / 256, slowest), 1 / n) * (yc - longLevel);
    slowLevel += Math.max(Math.max(1.0 / 2048, slowest), 1 / n) * (yc - slowLevel);
    volLong += Math.max(Math.max(1.0 / 512, slowest), 1 / n) * (a - volLong);
    if (period > 0) {
      double pe = phaseError[phase];
      double rate = Math.max(0.02, ERROR_BUCKETS / (double) period);
      phaseError[phase] = pe + rate * (Math.min(a, 6 * Math.max(pe, floor)) - pe);
    }
    seasonLong += Math.max(Math.max(1.0 / 512, slowest), 1 / n) * (a1 - seasonLong);
    learnErr(0, e0, n, floor);
    learnErr(1, e1, n, floor);
    learnErr(2, e2, n, floor);
    noise += Math.max(1.0 / 1024, 1 / n) * (Math.min(a, 6 * Math.max(noise, floor) + (rows < 32 ? a : 0)) - noise);
    motion += Math.max(1.0 / 1024, 1 / n) * (Math.abs(e0) - motion);
    fastLevel += 0.3 * (yc - fastLevel);
    if (period > 0) {
      int ph = (int) (slot % period);
      double target = x - longLevel;
      double d = target - profile[ph];
      double lim = 6 * Math.max(err[1], floor);
      profile[ph] += 0.1 * Math.min(Math.max(d, -lim), lim);
    }
    prevX = x;
    prevT = t;
    prevSlot = slot;
    remember(slot, x);
    return p;
  }

  private static double square(double z) {
    return z * z;
  }

  private void learnErr(int k, double e, double n, double floor) {
    double ae = Math.abs(e);
    if (rows > 16) {
      ae = Math.min(ae, 6 * Math.max(err[k], floor));
    }
    err[k] += Math.max(0.02, 1 / n) * (ae - err[k]);
  }

  private void learnStep(long dt) {
    if (dt <= 0 || stepsSeen == firstSteps.length) {
      return;
    }
    firstSteps[stepsSeen++] = dt;
    if (stepsSeen == 8 || stepsSeen == firstSteps.length) {
      long[] s = java.util.Arrays.copyOf(firstSteps, stepsSeen);
      java.util.Arrays.sort(s);
      step = s[stepsSeen / 2];
    }
  }

  private void remember(long slot, double x) {
    int i = (int) ((rows - 1) % BUFFER);
    buffer[i] = x;
    bufferSlot[i] = slot;
    // A cycle whose profile keeps predicting well is searched half as often (the FFT is most of the cost).
    boolean holding = period > 0 && Math.min(err[1], err[2]) < 0.8 * err[0];
    if (rows == 256 || rows == 384 || rows == 512 || rows == 768 || rows == 1024 || rows == 1536
        || (rows >= 1024 && rows % (holding ? 2 * RESCAN : RESCAN) == 0)) {
      int len = (int) Math.min(rows, BUFFER);
      int from = (int) ((rows - len) % BUFFER);
      int p = calendarSnap(periodFinder.find(buffer, from, len, BUFFER));
      if (p != period && (p == 0 || period == 0 || Math.abs(p - period) > 0.02 * period)) {
        reseed(p, from, len);
      }
    }
  }

  /**
   * A period within 5 % of a day or a week of rows is that day or week: autocorrelation peaks of smooth
   * daily shapes are broad and noise moves them a row or two, which would slide the profile every cycle.
   */
  private int calendarSnap(int p) {
    if (p == 0 || step <= 0 || 86_400 % step != 0) {
      return p;
    }
    int day = (int) (86_400 / step);
    for (int cal : new int[] {day, 7 * day}) {
      if (cal <= MAX_PERIOD && Math.abs(p - cal) <= Math.max(1, 0.05 * cal)) {
        return cal;
      }
    }
    return p;
  }

  /** A new period: the profile starts as the mean shape of the buffered rows, centred. */
  private void reseed(int p, int from, int len) {
    period = p;
    if (p == 0) {
      return;
    }
    double[] sum = new double[p];
    int[] cnt = new int[p];
    double mean = 0;
    for (int i = 0; i < len; i++) {
      mean += buffer[(from + i) % BUFFER];
    }
    mean /= len;
    for (int i = 0; i < len; i++) {
      int j = (from + i) % BUFFER;
      int ph = (int) (bufferSlot[j] % p);
      sum[ph] += buffer[j] - mean;
      cnt[ph]++;
    }
    // Every phase starts at the overall error and learns its own from there: one first sample is too noisy.
    java.util.Arrays.fill(phaseError, volLong);
    for (int ph = 0; ph < p; ph++) {
      profile[ph] = cnt[ph] == 0 ? 0 : sum[ph] / cnt[ph];

    }
  }

  /** The statistic values of the last row (for tests and tuning). */
  double stat(int k) {
    return stat[k];
  }
}
