package org.furnacewatch.detect.series;

/**
 * Turns a stream of tail probabilities into one sharp peak per episode: once a row is rarer than
 * {@link #OPEN}, the following rows report at most {@link #MUTED}-rare until the series has been
 * quiet (every row above {@link #QUIET}) for {@link #QUIET_ROWS} rows, unless a row is
 * {@link #ESCALATE} times rarer than the last one reported (a stronger event). A level shift thus
 * alarms at its onset and not again while the baselines learn the new level.
 *
 * <p>The benchmark's best threshold on the development corpus sits at {@link #OPEN} (each episode is
 * then reported once); escalating by a factor of 10 rather than 1,000 keeps stricter thresholds useful
 * too (normalised score at 1e-4: 58.5 against 45.8) for 0.3 points at the optimum.
 */
final class AlarmSuppressor {
  static final double OPEN = 1e-3;
  static final double QUIET = 1e-2;
  static final int QUIET_ROWS = 32;
  static final double ESCALATE = 1e-1;
  static final double MUTED = 0.05;

  private boolean open;
  private double peak;
  private int quietRun;

  double report(double p) {
    if (open) {
      if (p < peak * ESCALATE) {
        peak = p;
        quietRun = 0;
        return p;
      }
      quietRun = p > QUIET ? quietRun + 1 : 0;
      if (quietRun >= QUIET_ROWS) {
        open = false;
        return p;
      }
      return Math.max(p, MUTED);
    }
    if (p < OPEN) {
      open = true;
      peak = p;
      quietRun = 0;
    }
    return p;
  }
}
