package org.furnacewatch.detect;

/**
 * Whether a replaced meter (换表) reads the site's load on another scale: its first whole day
 * against the learned levels of that day type. The registry's multiplier makes kWh continuous
 * across a replacement, and then the history holds. A CT ratio the feed did not apply multiplies
 * every hour alike, floor and work; a load switched on after the replacement (a furnace, a level
 * raised) moves some hours, or all of them unevenly. Stateless; reads one day's hourly levels.
 */
final class MeterScale {
  enum Verdict { SAME, SCALED, UNDECIDED }

  /** A median ratio within this factor of 1 is the same scale (a day's own swing). */
  static final double SAME_FACTOR = 1.3;
  /** Hours of the day within this factor of the median ratio when every hour was scaled alike. */
  static final double ALIKE_FACTOR = 1.25;
  /** Share of the compared hours that must lie within {@link #ALIKE_FACTOR} to read as a scale. */
  static final double ALIKE_SHARE = 0.8;
  /** Hours with a learned level needed to judge at all. */
  static final int MIN_HOURS = 16;
  /** Levels below this share of the day's highest are a floor too small to read a ratio from. */
  private static final double MIN_LEVEL_SHARE = 0.02;

  private final double[] logRatio = new double[HourlyBaseline.HOURS];

  /**
   * @param hourKw the day's mean kW per local hour, NaN where too few slots came
   * @param type 0 working day, 1 rest day (its levels must be warm: the caller knows)
   */
  Verdict judge(double[] hourKw, HourlyBaseline b, int e, int type) {
    double peak = 0;
    for (int h = 0; h < HourlyBaseline.HOURS; h++) {
      if (b.known(e, type, h)) {
        peak = Math.max(peak, b.mean(e, type, h));
      }
    }
    int n = 0;
    for (int h = 0; h < HourlyBaseline.HOURS; h++) {
      double level = b.known(e, type, h) ? b.mean(e, type, h) : 0;
      if (level > MIN_LEVEL_SHARE * peak && hourKw[h] > 0) {
        logRatio[n++] = Math.log(hourKw[h] / level);
      }
    }
    if (n < MIN_HOURS) {
      return Verdict.UNDECIDED;
    }
    double median = FlatWindow.median(logRatio, n);
    if (Math.abs(median) < Math.log(SAME_FACTOR)) {
      return Verdict.SAME;
    }
    int alike = 0;
    for (int i = 0; i < n; i++) {
      alike += Math.abs(logRatio[i] - median) <= Math.log(ALIKE_FACTOR) ? 1 : 0;
    }
    // (a load risen unevenly after the replacement is judged by the rules, on the old history)
    return alike >= ALIKE_SHARE * n ? Verdict.SCALED : Verdict.SAME;
  }
}
