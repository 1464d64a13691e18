package org.furnacewatch.detect;

import java.util.Arrays;

import org.furnacewatch.calendar.DayTypes;

/**
 * FLAT_CONTINUOUS's test over the newest hours of a {@link HourWindow}: a flat load added around
 * the clock (mining) on a load that has a daily shape. A level shift multiplies the floor; a
 * miner adds the same kW to every hour, busy or idle, and leaves the floor's slot-to-slot steps
 * as they were.
 */
final class FlatWindow {
  private static final int H = HourWindow.H;
  private final DayTypes days;
  private final HourWindow w;
  private final double[] a;
  private final double[] ex;
  private final double[] ownEx;
  /** A rest day's hours that are neither floor nor worked at the working level, of the last test. */
  private final int[] restHour = new int[H];
  /** The excess of each rest-day hour the enterprise works (its first {@code workedRest}). */
  private final double[] workedOver = new double[H];
  /** The excess of each busy hour of a working day (its first {@code busy}). */
  private final double[] busyOver = new double[H];
  private final boolean[] workday;
  private final WorkShapeFit workShape;
  private final ExcessRun run = new ExcessRun();

  /** kWh and its own level's kWh over the window, of the last positive {@link #test}. */
  double actualKwh;
  double expectedKwh;
  /** First slot of the window. */
  int firstSlot;
  /** What the last positive test may claim: its hours, and what each was tested on. */
  FlatClaim claim;

  FlatWindow(DayTypes days, HourWindow w) {
    this.days = days;
    this.w = w;
    this.a = w.a;
    this.ex = w.ex;
    this.ownEx = w.ownEx;
    this.workday = w.workday;
    this.workShape = new WorkShapeFit(w);
  }

  /**
   * A flat load added around the clock, judged over the newest minHours hours: in the hours the
   * enterprise is usually idle (baseline at most half its busiest hour in the window) every hour
   * is raised by about the same kW, and in its busy hours by about as much again (a level shift
   * raises the busy hours by a multiple of what it adds to the idle ones).
   */
  boolean test(int s, DetectionProfile.FlatContinuous fp, double minExcess) {
    return test(s, fp, minExcess, H - fp.minHours(), REST_IDLE_HOURS);
  }

  /**
   * {@link #test} over the hours of the window from {@code from} on, where a floor risen fivefold
   * with no working hour to compare with needs that many idle hours.
   */
  boolean test(int s, DetectionProfile.FlatContinuous fp, double minExcess, int from,
      int restIdleHours) {
    double maxEx = 0;
    int unknown = 0;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k])) {
        unknown++; // a gap never re-collected must not hide a miner for good
        continue;
      }
      maxEx = Math.max(maxEx, ex[k]);
    }
    if (unknown > MAX_UNKNOWN_FLAT || Double.isNaN(a[H - 1])) {
      return false;
    }
    double idleLoad = w.idleLoadSince(from, maxEx);
    // (read over the same idle hours as idleLoad: known wherever an hour can be left idle at rest)
    double idleLevel = w.idleLevelSince(from, maxEx);
    double idleSum = 0;
    double idleSum2 = 0;
    double idleMin = Double.MAX_VALUE;
    double idleMin2 = Double.MAX_VALUE;
    int idleMinAt = -1;
    double idleExpected = 0;
    int idle = 0;
    double busySum = 0;
    int busy = 0;
    double workedRestSum = 0;
    int workedRest = 0;
    int restHours = 0;
    // every rest-day hour not the floor's: what a first evening at rest is read against
    double restOverSum = 0;
    int restOver = 0;
    double idleMax = -Double.MAX_VALUE;
    double act = 0;
    double exp = 0;
    int first = -1;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k])) {
        continue;
      }
      boolean floor = w.floorHour(k, maxEx, idleLoad);
      double expected = ownEx[k];
      if (w.leftIdleAtRest(k, maxEx, idleLoad)) {
        floor = true; // a rest day the plant did not work this time: its floor, not its usual rest-day level
        expected = idleLevel;
      }
      act += a[k];
      exp += expected;
      double over = a[k] - expected;
      if (floor) {
        idle++;
        idleSum += over;
        idleSum2 += over * over;
        if (first < 0) {
          first = k;
        }
        if (over < idleMin) {
          idleMin2 = idleMin;
          idleMin = over;
          idleMinAt = k;
        } else {
          idleMin2 = Math.min(idleMin2, over);
        }
        idleMax = Math.max(idleMax, over);
        idleExpected += expected;
      } else if (days.isWorkingDay(
          Math.floorDiv(s - 4 * (H - 1 - k), DetectionEngine.SLOTS_PER_DAY))) {
        busyOver[busy++] = over; // (a weekend or a holiday flattens any plant's day)
        busySum += over;
      } else if (ownEx[k] > 0.5 * maxEx && ownEx[k] >= 0.8 * ex[k]) {
        // an hour the enterprise works on rest days too, at its working level
        workedOver[workedRest++] = over;
        workedRestSum += over;
        restOverSum += over;
        restOver++;
      } else {
        restHour[restHours++] = k; // judged below, once the floor has passed
        restOverSum += over;
        restOver++;
      }
    }
    // One floor hour may fall short where there are six or more: the shoulder before a working
    // day's start, which moves by half an hour from one day to the next. Not the oldest: that is
    // the hour before the onset, and the window is read again an hour later. Nor the newest: a
    // miner does not stop at the end of an evening, a plant working late does.
    boolean shoulderShort = idle >= TRIMMED && idleMinAt != first && idleMinAt != H - 1
        && idleMin < minExcess;
    double floorMin = shoulderShort ? idleMin2 : idleMin; // (the excess tested, and claimed)
    if (idle < 3 || floorMin < minExcess) {
      return false;
    }
    double idleMean = idleSum / idle;
    double floorRise = 1 + idleMean * idle / idleExpected;
    if (excessCv(idleSum, idleSum2, idle, idleMax, idleMin) > fp.maxExcessCv()) {
      return false;
    }
    // Around the Spring Festival plants wind down for weeks: their usual levels are no reference.
    boolean festival = nearSpringFestival(Math.floorDiv(s, DetectionEngine.SLOTS_PER_DAY));
    // A weekend's hours worked at the enterprise's own rest-day level, well above its floor, tell
    // a constant added from a load multiplied as working hours do: a weekend need not wait for the
    // next working day. Not a public holiday, nor around the Spring Festival: a plant closed for
    // the holiday, or winding down, works no usual level.
    double floorLevel = idleExpected / idle;
    for (int i = 0; i < restHours && !festival; i++) {
      int k = restHour[i];
      if (ownEx[k] >= REST_LEVEL_OVER_FLOOR * floorLevel
          && !days.isHoliday(Math.floorDiv(s - 4 * (H - 1 - k), DetectionEngine.SLOTS_PER_DAY))) {
        workedOver[workedRest++] = a[k] - ownEx[k];
        workedRestSum += a[k] - ownEx[k];
      }
    }
    int worked = 0; // hours at work that confirmed the floor's excess by their mean
    double workedMean = Double.NaN;
    boolean workedAtRest = false;
    // Around the Spring Festival, as over a weekend, only a floor risen fivefold through eight idle
    // hours is told from a plant whose whole load was multiplied.
    if (idle >= 8 && idleMean >= 4 * idleExpected / idle && festival) {
      // judged on the idle hours alone
    } else if (busy >= 3) {
      // Winding down for the festival or coming back from it, a plant works below its learned
      // level: busy hours short of the floor's excess are no reference, the floor's steps are.
      boolean busyBelowItsLevel = festival && busySum / busy < SAME_EXCESS_LOW * idleMean;
      // By their typical hour too, not their mean alone: a load multiplied in an evening raises
      // two of thirteen busy hours by a hundred kW, and their mean lands near the floor's excess.
      if (!(sameExcess(busySum / busy, idleMean) && sameExcess(median(busyOver, busy), idleMean))
          && !(busyBelowItsLevel && idle >= MIN_STEP_HOURS && stepsKept(from, floorRise))) {
        return false;
      }
      worked = busy;
      workedMean = busySum / busy;
    } else if (workedRest >= 3 && sameExcess(workedRestSum / workedRest, idleMean)
        && sameExcess(median(workedOver, workedRest), idleMean)) {
      // rest-day hours the enterprise always works carry the floor's excess too: they confirm,
      // and do not reject (a part-time Saturday mixed into that level says nothing either way)
      worked = workedRest;
      workedMean = workedRestSum / workedRest;
      workedAtRest = true;
    } else if (idle < REST_IDLE_HOURS
        ? idle < restIdleHours || !risenFivefoldAtRest(idleMean, idleExpected, idle, from)
            || restOver > 0 && !sameExcess(restOverSum / restOver, idleMean)
            || !(w.floorMeanStepKw(from, maxEx, idleLoad) <= STEADY_STEP_SHARE * idleMean)
        : !risenFivefoldAtRest(idleMean, idleExpected, idle, from) && !stepsKept(from, floorRise)) {
      // No working hours to compare with (a weekend, a holiday, a working day's night): a floor
      // whose slot-to-slot steps stayed as they were, or one risen fivefold on a rest day, is
      // told from a whole load multiplied; the steps need a whole rest day's floor hours. A
      // first evening's fewer floor hours also need the rest day's other hours to carry their
      // excess over their own level: a Saturday worked into the evening raises its floor hours
      // fivefold too, and its day by far more. And a miner's steady draw: a furnace melting
      // through a holiday evening holds its hours' means as level, not its slots.
      return false;
    }
    if (timesFitsBetter(from, festival)) {
      return false; // the same factor on every hour: the whole load multiplied, a level shift
    }
    if (w.idleStepRatio(from, floorRise) >= 1 + MULTIPLIED_STEPS * (floorRise - 1)) {
      return false; // the floor's steps grew with it: multiplied, however the busy hours look
    }
    return found(act, exp, s, from, new FlatClaim(FlatHours.AROUND_THE_CLOCK, H - from, floorMin,
        shoulderShort, idle, worked, workedMean, workedAtRest));
  }

  /** Records a positive test's figures: the hours from k on to slot s. */
  private boolean found(double act, double exp, int s, int from, FlatClaim what) {
    actualKwh = act;
    expectedKwh = exp;
    firstSlot = s - 4 * (H - from) + 1;
    claim = what;
    return true;
  }

  /**
   * A flat load added, read on a working day's busy hours alone from k on: a two-shift plant's run
   * from the morning to the end of the day holds no idle hour, and a power company uploading a day
   * at a time sends its night a day later, after 36 h. Every hour busy (an hour or two unknown
   * bridged, {@link #enoughKnown}) and raised by about the same kW, minRise or more over their
   * level, and the hours off the working level (a lunch break, a shift's change) carry that same
   * kW: "plus a constant" leaves half or less of what "times a factor" leaves unexplained. Hours
   * all of one level cannot tell: they wait for the night, or, where an upload ends (uploadEnds),
   * for the few idle hours after work ({@link #BUSY_BEFORE_IDLE}, {@link #MAX_IDLE_AFTER}), each
   * raised by about the same kW as the busy hours before them.
   */
  boolean testBusyDay(int s, DetectionProfile.FlatContinuous fp, double minExcess, int from,
      double minRise, double capacityKva, boolean uploadEnds) {
    // (not around the Spring Festival: a plant winding down or coming back works at no learned
    // level, and its return reads as anything added)
    if (H - from < LoadShapeRule.HOURS_BY_FAR
        || nearSpringFestival(Math.floorDiv(s, DetectionEngine.SLOTS_PER_DAY))) {
      return false;
    }
    double peak = w.peakBaselineSince(0); // (the whole day's: a night's hours are no busy ones)
    run.clear();
    int idleAfter = 0;
    for (int k = from; k < H; k++) {
      boolean busy = ex[k] > 0.5 * peak;
      if (!workday[k] || !busy && k - from < BUSY_BEFORE_IDLE || busy && idleAfter > 0
          || a[k] >= CAPPED_SHARE * capacityKva && capacityKva > 0) {
        return false; // (a load held at the contract's capacity is flat whatever rose)
      }
      idleAfter += busy ? 0 : 1;
      if (!Double.isNaN(a[k])) {
        run.add(a[k], ex[k]);
      }
    }
    // (idle hours after work only where an upload ends: the evening's next hours, if delivered,
    // are judged next, and a whole load multiplied raises its evening's floor by a busy hour's kW
    // too)
    if (idleAfter > (uploadEnds ? MAX_IDLE_AFTER : 0) || !enoughKnown(from)
        || !run.evenRise(minRise, minExcess, fp.maxExcessCv())) {
      return false;
    }
    w.spreads(from, false, true);
    if (w.spreadMaxEx < OFF_LEVEL * w.spreadMinEx
        || !(w.plusResidual * PLUS_BY_FAR <= w.timesResidual)) {
      return false;
    }
    return found(run.act, run.exp, s, from, idleAfter > 0
        ? FlatClaim.workingHoursAndAfter(run.n, idleAfter, run.min)
        : FlatClaim.everyHour(FlatHours.WORKING_HOURS, run.n, run.min));
  }

  /**
   * Whether a day's run from k on is known well enough to be read hour by hour: an hour or two a
   * power company's feed left out (sent later, re-collected) is bridged, as a person reading the
   * curve would, but the hours read must still be {@link LoadShapeRule#HOURS_BY_FAR}.
   */
  private boolean enoughKnown(int from) {
    int unknown = H - from - run.n;
    return unknown <= MAX_UNKNOWN_HOURS && run.n >= LoadShapeRule.HOURS_BY_FAR;
  }

  /** Hours of a day's run its feed may leave unknown and the run still read hour by hour. */
  private static final int MAX_UNKNOWN_HOURS = 2;

  /**
   * Busy hours a working day's run needs before idle hours may follow them in {@link #testBusyDay}:
   * a two-shift plant's day from a midday onset ends an hour or two before midnight, where a power
   * company uploading a day at a time stops; the idle hours after work carry a constant added, as
   * its busy hours do, and a factor far less.
   */
  private static final int BUSY_BEFORE_IDLE = 6;
  /**
   * Idle hours after work {@link #testBusyDay} reads at most: with more, the first evening's reading
   * ({@code LoadShapeRule.firstEveningFlat}) has the idle hours it needs and decides.
   */
  private static final int MAX_IDLE_AFTER = LoadShapeRule.FIRST_EVENING_IDLE - 1;

  /**
   * A flat load added on a rest day, read on that day's hours from k on: a miner switched on at a
   * weekend, whose next night a power company uploading a day at a time sends after 36 h. Every
   * hour of a rest day (an hour or two unknown bridged), raised over its own rest-day level by
   * about the same kW, minExcess or more, and by minRise in all; its quarter hours step as the
   * floor's did (not grown with the load, as a floor multiplied). Overtime follows the working
   * day: where the day's working hours have levels of their own (breaks, a shift's change), a
   * factor of them must explain the load far worse than a constant added; where they are all of one level, the evening's hours idle on
   * working days too must carry the same kW, as work does not. Hours where work starts or ends are
   * left out of the fit: their levels move with the time it does.
   */
  boolean testRestDay(int s, DetectionProfile.FlatContinuous fp, double minExcess, int from,
      double minRise, double capacityKva) {
    if (H - from < LoadShapeRule.HOURS_BY_FAR
        || nearSpringFestival(Math.floorDiv(s, DetectionEngine.SLOTS_PER_DAY))) {
      return false;
    }
    double peak = w.peakBaselineSince(0);
    double idleOver = 0;
    int idle = 0;
    run.clear();
    for (int k = from; k < H; k++) {
      if (workday[k] || a[k] >= CAPPED_SHARE * capacityKva && capacityKva > 0) {
        return false;
      }
      if (Double.isNaN(a[k])) {
        continue;
      }
      run.add(a[k], ownEx[k]);
      if (ex[k] <= 0.5 * peak) {
        idleOver += a[k] - ownEx[k];
        idle++;
      }
    }
    double rise = run.act / run.exp;
    if (!enoughKnown(from) || !run.evenRise(minRise, minExcess, fp.maxExcessCv())
        || !(w.stepRatioSince(from, rise) < 1 + ADDED_STEPS * (rise - 1))) {
      return false; // (steps grown with the load: the floor multiplied, or work's own swings)
    }
    boolean found = workShape.fits(from)
        ? workShape.plusResidual * PLUS_BY_FAR <= workShape.timesResidual
        : idle >= REST_EVENING_HOURS && sameExcess(idleOver / idle, run.sum / run.n);
    return found && found(run.act, run.exp, s, from,
        FlatClaim.everyHour(FlatHours.REST_DAY, run.n, run.min));
  }

  /** The excess of a run of hours over their levels, hour by hour: what its evenness is read on. */
  private static final class ExcessRun {
    double sum;
    double sum2;
    double min;
    double max;
    double act;
    double exp;
    int n;

    void clear() {
      sum = 0;
      sum2 = 0;
      min = Double.MAX_VALUE;
      max = -Double.MAX_VALUE;
      act = 0;
      exp = 0;
      n = 0;
    }

    void add(double actual, double expected) {
      double over = actual - expected;
      sum += over;
      sum2 += over * over;
      min = Math.min(min, over);
      max = Math.max(max, over);
      act += actual;
      exp += expected;
      n++;
    }

    /** Risen by minRise in all, every hour by minExcess, the excess even (cv at most maxCv). */
    boolean evenRise(double minRise, double minExcess, double maxCv) {
      return act >= minRise * exp && min >= minExcess && excessCv(sum, sum2, n, max, min) <= maxCv;
    }
  }

  /** Idle hours of a rest day's run that tell a constant added where its busy hours cannot. */
  private static final int REST_EVENING_HOURS = 4;

  /** How many times less a constant added must leave unexplained than a factor, over busy hours. */
  private static final double PLUS_BY_FAR = 2;
  /** Busy hours whose levels differ by less than this factor say nothing of plus or times. */
  static final double OFF_LEVEL = 1.15;
  /** The share of the contracted capacity (kVA as kW) at which a load is held flat. */
  private static final double CAPPED_SHARE = 0.9;

  /**
   * The spread of the floor hours' excess over its mean, without the largest and the smallest
   * where there are six or more: a morning that starts work early raises one shoulder hour of the
   * floor far above the rest, one that starts late leaves it short, and either would hide a miner
   * until the next day.
   */
  private static double excessCv(double sum, double sum2, int n, double max, double min) {
    if (n >= TRIMMED) {
      sum -= max + min;
      sum2 -= max * max + min * min;
      n -= 2;
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sum2 / n - mean * mean)) / mean;
  }

  /**
   * The middle of the first n values (sorted in place). Worked rest-day hours confirm a flat load
   * by their typical hour, not their mean alone: a load multiplied in an evening raises three of
   * thirteen by four times the floor's excess, and their mean lands near it by chance. (Also
   * {@link MeterScale}'s typical hour.)
   */
  static double median(double[] v, int n) {
    Arrays.sort(v, 0, n);
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  }

  /** A busy hour's excess within what a constant load added to the floor would give. */
  static boolean sameExcess(double busyMean, double idleMean) {
    return busyMean >= SAME_EXCESS_LOW * idleMean && busyMean <= 1.5 * idleMean;
  }

  /** The least share of the floor's excess a busy hour carries where a constant was added. */
  private static final double SAME_EXCESS_LOW = 0.6;

  /**
   * Whether the working-day hours from k on fit "times a factor" clearly better than "plus a
   * constant": the excess varies with the baseline twice as much as the ratio to it does. Rest
   * days are left out: they are judged against the working day's level as well. Hours all of one
   * level cannot tell (as in {@link LoadShapeRule}'s additive test), but around the Spring Festival,
   * where a level shift's return is read against levels of the wind-down, the fit still rejects.
   */
  private boolean timesFitsBetter(int from, boolean festival) {
    w.spreads(from, false);
    if (!festival && w.spreadMaxEx < 2 * w.spreadMinEx) {
      return false; // working hours of one level only: times and plus cannot be told apart
    }
    return w.spreadHours >= 6 && w.spreadExcessMean > 0 && w.ratioCv < 0.5 * w.excessCv;
  }

  /**
   * A rest-day hour's own level at least this many times the floor's: multiplied, its excess would
   * be as many times the floor's, far outside {@link #sameExcess}.
   */
  private static final double REST_LEVEL_OVER_FLOOR = 2.5;

  /** Floor hours from which the highest and the lowest excess are left out of the spread and the minimum. */
  private static final int TRIMMED = 6;

  /** Whether the floor rose fivefold with no working day in the window from k on. */
  private boolean risenFivefoldAtRest(double idleMean, double idleExpected, int idle, int from) {
    return idleMean >= 4 * idleExpected / idle && !w.anyWorkday(from);
  }

  /** A floor's mean slot-to-slot step at most this share of its excess: a miner's steady draw. */
  private static final double STEADY_STEP_SHARE = 0.1;

  /**
   * Floor hours a rest spell needs before its steps, or its floor risen fivefold, tell a constant
   * added from a load multiplied (a first evening's run alone reads its rise with fewer).
   */
  static final int REST_IDLE_HOURS = 12;

  /** Whether the floor's steps stayed as they were: a constant load added, not a multiple. */
  private boolean stepsKept(int from, double floorRise) {
    return w.idleStepRatio(from, floorRise) < 1 + ADDED_STEPS * (floorRise - 1);
  }

  /** Floor hours whose steps alone tell a constant added, where busy hours cannot. */
  private static final int MIN_STEP_HOURS = 6;

  /** Steps of a floor with a constant load added grow by at most this share of its rise. */
  private static final double ADDED_STEPS = 0.25;

  /** Steps of a multiplied floor grow by at least this share of its rise. */
  static final double MULTIPLIED_STEPS = 0.7;

  private boolean nearSpringFestival(long day) {
    return nearSpringFestival(days, day);
  }

  /** Whether a Spring Festival holiday lies within two weeks of the epoch day. */
  static boolean nearSpringFestival(DayTypes days, long day) {
    return days.springFestivalBetween(day - SPRING_FESTIVAL_DAYS, day + SPRING_FESTIVAL_DAYS);
  }

  private static final int SPRING_FESTIVAL_DAYS = 14;

  /** Hours of the flat window that may lack data (gaps that are never re-collected). */
  static final int MAX_UNKNOWN_FLAT = 2;
}
