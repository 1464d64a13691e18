package org.furnacewatch.detect;

import java.util.Arrays;

/**
 * Each enterprise's own seasonal baseline at hourly resolution: for each day type (working day;
 * rest day = weekend or statutory holiday, make-up days counted as working days per {@link
 * org.furnacewatch.calendar.DayTypes}) and each local hour, a location and an absolute-deviation scale of the hour's
 * kWh. Judging within the day against the hour's own baseline finds a change within hours where a
 * day total needs days.
 *
 * <p>Exponentially weighted (the warm-up averages evenly: weight max(alpha, 1/(n+1))), with guards
 * so that what it should detect does not become normal: the engine only teaches it complete days,
 * at least a day and a half old, on which no episode was active; inputs are clipped to +-4 sigma;
 * idle days (below idleRatio of the baseline's day total: the Spring Festival shutdown, a
 * stoppage) are skipped so the return to work is not a "jump". A dated change of capacity or
 * status, or a replaced meter read on another scale ({@link MeterScale}), restarts it. An hour
 * that lacked data on the days learned so far is unknown (a gap on the first day must not teach
 * it zero) until a day brings it. Floats: 2 x 24 x 2 x 4 = 384 bytes,
 * plus a known-hours mask and a day count per day type.
 */
final class HourlyBaseline {
  static final int HOURS = 24;
  private static final int PER_ENTERPRISE = 2 * HOURS;

  private float[] mean = new float[0];
  private float[] dev = new float[0];
  private int[] days = new int[0];
  /** Per enterprise and day type: bit h set once hour h has been learned from data. */
  private int[] knownHours = new int[0];
  /** Per enterprise: learned relative slot-to-slot step of its idle load (IdleNoise), 0 unknown. */
  private float[] idleStep = new float[0];
  /**
   * Per enterprise: its slowest working day against the district's activity since the last Spring
   * Festival ({@link #notePace}), 0 unknown.
   */
  private float[] pace = new float[0];

  void ensureCapacity(int enterprises) {
    if (days.length >= enterprises * 2) {
      return;
    }
    mean = Arrays.copyOf(mean, enterprises * PER_ENTERPRISE);
    dev = Arrays.copyOf(dev, enterprises * PER_ENTERPRISE);
    days = Arrays.copyOf(days, enterprises * 2);
    knownHours = Arrays.copyOf(knownHours, enterprises * 2);
    idleStep = Arrays.copyOf(idleStep, enterprises);
    pace = Arrays.copyOf(pace, enterprises);
  }

  static int bytesPerEnterprise() {
    return PER_ENTERPRISE * 8 + 24;
  }

  /**
   * Reads (and returns, meaninglessly combined) one word of each cache line that judging the
   * working day's hour reads first: its level and spread, the levels of the seven hours before it
   * (a furnace window), the known hours and days learned ({@link DetectionEngine} prefetches).
   */
  int prefetch(int e, int hour) {
    int i = e * PER_ENTERPRISE + hour;
    return Float.floatToRawIntBits(mean[i]) + Float.floatToRawIntBits(mean[Math.max(0, i - 7)])
        + Float.floatToRawIntBits(dev[i]) + knownHours[e * 2] + days[e * 2];
  }

  /** Days learned for the day type (0 working, 1 rest). */
  int days(int e, int type) {
    return days[e * 2 + type];
  }

  /**
   * Whether rest days have been learned long enough to judge them by their own level: half the
   * working days' warm-up, and two days at least.
   */
  boolean restWarm(int e, int warmupDays) {
    return days(e, 1) >= Math.max(2, warmupDays / 2);
  }

  /**
   * Whether working days have been learned long enough to judge hours against: warmupDays of them
   * or, after a holiday week in an enterprise's first weeks (国庆, 清明), two at least, warm rest
   * days making up the number.
   */
  boolean workWarm(int e, int warmupDays) {
    int work = days(e, 0);
    return work >= warmupDays || work >= MIN_WORKING_DAYS && restWarm(e, warmupDays)
        && work + days(e, 1) >= warmupDays;
  }

  /** Working days {@link #workWarm} needs when rest days make up the warm-up. */
  private static final int MIN_WORKING_DAYS = 2;

  /** Whether the hour has been learned from data for the day type. */
  boolean known(int e, int type, int hour) {
    return (knownHours[e * 2 + type] & (1 << hour)) != 0;
  }

  /**
   * The learned level of an hour, times the judging scale ({@link #judgeAt}; 1 while learning).
   */
  double mean(int e, int type, int hour) {
    return mean[e * PER_ENTERPRISE + type * HOURS + hour] * scale;
  }

  /** Where enterprise e's levels of a day type begin: hour h's is {@code levelAt(levelRow + h)}. */
  int levelRow(int e, int type) {
    return e * PER_ENTERPRISE + type * HOURS;
  }

  /** {@link #mean} by its {@link #levelRow} index (a loop over hours adds one per hour). */
  double levelAt(int i) {
    return mean[i] * scale;
  }

  /** Robust sigma of the hour: 1.4826 x mean absolute deviation, at least 5% of the level. */
  double sigma(int e, int type, int hour) {
    return rawSigma(e * PER_ENTERPRISE + type * HOURS + hour) * scale;
  }

  private double rawSigma(int i) {
    return Math.max(1.4826 * dev[i], 0.05 * mean[i]);
  }

  /** Sum of the hourly means of a day type: the usual day total (scaled as {@link #mean}). */
  double dayKwh(int e, int type) {
    return rawDayKwh(e, type) * scale;
  }

  private double rawDayKwh(int e, int type) {
    double s = 0;
    int base = e * PER_ENTERPRISE + type * HOURS;
    for (int h = 0; h < HOURS; h++) {
      s += mean[base + h];
    }
    return s;
  }

  /**
   * Levels read until the next call are the learned ones times this factor (the district's
   * activity, {@link ActivityIndex}); 1 restores them. Learning always reads the learned levels.
   */
  void judgeAt(double factor) {
    scale = factor;
  }

  /** The factor of {@link #judgeAt}. */
  double scale() {
    return scale;
  }

  private double scale = 1;

  /** Coefficient of variation of the 24 hourly means: how much daily shape the type has. */
  double shapeCv(int e, int type) {
    int base = e * PER_ENTERPRISE + type * HOURS;
    double s = 0;
    double s2 = 0;
    for (int h = 0; h < HOURS; h++) {
      s += mean[base + h];
      s2 += (double) mean[base + h] * mean[base + h];
    }
    double m = s / HOURS;
    return m <= 0 ? 0 : Math.sqrt(Math.max(0, s2 / HOURS - m * m)) / m;
  }

  void reset(int e) {
    Arrays.fill(mean, e * PER_ENTERPRISE, (e + 1) * PER_ENTERPRISE, 0f);
    Arrays.fill(dev, e * PER_ENTERPRISE, (e + 1) * PER_ENTERPRISE, 0f);
    days[e * 2] = 0;
    days[e * 2 + 1] = 0;
    knownHours[e * 2] = 0;
    knownHours[e * 2 + 1] = 0;
    idleStep[e] = 0;
    pace[e] = 0;
  }

  /**
   * Hours (bit h) known for the day type whose level is at most half the working day's busiest
   * hour: the floor. A rest day is measured against the working day too (its whole day is floor).
   */
  long idleHours(int e, int type) {
    double max = 0;
    for (int h = 0; h < HOURS; h++) {
      max = Math.max(max, mean(e, 0, h));
    }
    long bits = 0;
    int known = knownHours[e * 2 + type];
    for (int h = 0; h < HOURS; h++) {
      if ((known & (1 << h)) != 0 && mean(e, type, h) <= 0.5 * max) {
        bits |= 1L << h;
      }
    }
    return bits;
  }

  /** The learned level of an hour as learned (not scaled for judging). */
  double learnedMean(int e, int type, int hour) {
    return mean[e * PER_ENTERPRISE + type * HOURS + hour];
  }

  /**
   * Notes a working day's pace: its kWh over its learned level times the district's activity
   * (1: the plant moves with the district). Since the Spring Festival the slowest day is kept:
   * a plant that lagged the district's return has not shown its usual level yet.
   */
  void notePace(int e, double dayPace, boolean sinceTheFestival) {
    if (!(dayPace > 0)) {
      return;
    }
    // a day outside the festival's return is kept negated: the first day back starts afresh
    pace[e] = !sinceTheFestival ? (float) -dayPace
        : pace[e] > 0 ? (float) Math.min(pace[e], dayPace) : (float) dayPace;
  }

  /** The slowest pace noted since the last Spring Festival ({@link #notePace}), NaN if none. */
  double pace(int e) {
    return pace[e] > 0 ? pace[e] : Double.NaN;
  }

  /** Teaches the idle load's relative step of one day (NaN: not enough idle slots, ignored). */
  void learnIdleStep(int e, double relativeStep, double alpha) {
    if (Double.isNaN(relativeStep)) {
      return;
    }
    float old = idleStep[e];
    double v = Math.max(relativeStep, 1e-4);
    idleStep[e] = old == 0 ? (float) v : (float) (old + alpha * (v - old));
  }

  /**
   * The learned relative step between consecutive idle slots; NaN if not learned yet, or if the
   * floor is too steady (or its readings too coarse) for its steps to tell added from multiplied.
   */
  double idleStep(int e) {
    return idleStep[e] < MIN_IDLE_STEP ? Double.NaN : idleStep[e];
  }

  /** Relative steps below this (1 %) say nothing: a standby load, readings rounded to the kWh. */
  static final double MIN_IDLE_STEP = 0.01;

  /**
   * Teaches one day: {@code hourKwh[h]} is the hour's kWh, NaN where the hour lacks data.
   *
   * @return false if the day was idle and skipped
   */
  boolean learn(int e, int type, double[] hourKwh, double alpha, double idleRatio) {
    int n = days[e * 2 + type];
    double usual = rawDayKwh(e, type);
    double total = 0;
    for (int h = 0; h < HOURS; h++) {
      total += Double.isNaN(hourKwh[h]) ? mean[e * PER_ENTERPRISE + type * HOURS + h] : hourKwh[h];
    }
    if (n >= 2 && total < idleRatio * usual) {
      return false;
    }
    double a = Math.max(alpha, 1.0 / (n + 1));
    int base = e * PER_ENTERPRISE + type * HOURS;
    for (int h = 0; h < HOURS; h++) {
      double x = hourKwh[h];
      if (Double.isNaN(x)) {
        continue;
      }
      int i = base + h;
      if ((knownHours[e * 2 + type] & (1 << h)) == 0) {
        mean[i] = (float) x;
        dev[i] = (float) (0.1 * x);
        knownHours[e * 2 + type] |= 1 << h;
        continue;
      }
      double mu = mean[i];
      double s = Math.max(rawSigma(i), 0.5);
      double xc = Math.min(Math.max(x, mu - 4 * s), mu + 4 * s);
      mean[i] = (float) (mu + a * (xc - mu));
      dev[i] = (float) (dev[i] + a * (Math.abs(xc - mu) - dev[i]));
    }
    days[e * 2 + type] = n + 1;
    return true;
  }
}
