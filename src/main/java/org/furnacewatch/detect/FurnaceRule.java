package org.furnacewatch.detect;

import org.furnacewatch.calendar.DayTypes;

import java.util.Arrays;

/**
 * FURNACE_SIGNATURE: furnace-like cycling ({@link FurnaceCycleDetector}) that is new for this
 * enterprise and not covered by its licence.
 *
 * <p>Many legal loads cycle: cold-store compressors, water-works pumps, a licensed foundry's own
 * heats. What they have in common is that they always did. So each enterprise keeps a short
 * history of the cycling it has shown on learned days (the largest heat kW, and the local hours in
 * which heats ran; 12 bytes), and only cycling clearly larger than that, or at hours it never
 * cycled, is judged. A licensed furnace covers heats up to its kW x tolerance at its usual hours
 * (a second, unlicensed furnace run at night beside a licensed day-shift one is new by hour; run
 * together with it, new by size).
 */
final class FurnaceRule {
  private final DayTypes days;
  private final ActivityIndex activity;
  private final SpringFestivalReturn springFestival;

  private static final int SLOTS_PER_DAY = DetectionEngine.SLOTS_PER_DAY;

  FurnaceRule(DayTypes days, ActivityIndex activity) {
    this.days = days;
    this.activity = activity;
    this.steelRest = new SteelRestReads(days);
    this.springFestival = new SpringFestivalReturn(days);
    this.resting = new RestingPlant(days);
  }

  /** Heats this many times the largest cycling learned are far beyond it (see judgeScreened). */
  private static final double FAR_BEYOND_LEARNED = 3;
  /** Autocorrelation at the cycle period of heats that repeat like a furnace's. */
  private static final double REGULAR_CYCLING = 0.5;
  /** A furnace's cycle is an hour at least: a 45-minute heat and a 10-minute tap. */
  private static final int MIN_FURNACE_PERIOD_SLOTS = 4;

  /** Learned days without any cycling after which fewer quiet hours make heats new. */
  private static final int NEVER_CYCLED_DAYS = 7;
  /** Days of learned cycling before its hours are known well enough to call other hours new. */
  private static final int MIN_CYCLING_DAYS = 5;
  /** Hours new to its cycling, and quiet hours, that make heats new since a Spring Festival. */
  private static final int NEW_HOURS_SINCE_HOLIDAY = 5;
  private static final int QUIET_HOURS_SINCE_HOLIDAY = 4;
  private final FurnaceCycleDetector detector = new FurnaceCycleDetector();
  private float[] cycleKw = new float[0];
  /** Largest mean step (kW) of any learned eight-hour window: how much the load usually swings. */
  private float[] swingKw = new float[0];
  private int[] cycleHours = new int[0];
  private int[] historyDays = new int[0];
  private byte[] cyclingDays = new byte[0];
  /** Days with cycling above the baseline or, at a site with a licensed furnace, in the raw load. */
  private byte[] shownCyclingDays = new byte[0];
  /**
   * Highest slot load (Wh) on learned days at a site with a licensed furnace: its plant and its
   * licensed furnace at full power, together.
   */
  private int[] learnedPeakWh = new int[0];
  /**
   * Hour end whose window last screened without heats in {@link #judge} (MIN_VALUE: none known).
   * The judgements of the next confirmEvaluations - 1 hour ends need that window to show heats,
   * so they are false without a screen. The engine forgets it when anything the screen reads
   * changes ({@link #forgetQuiet}): a reading into a judged slot, a learned day, the meters
   * expected, the profile.
   */
  private int[] quietAt = new int[0];
  /** The same for the raw reading of a rest day the plant rests ({@link RestingPlant}). */
  private int[] quietRawAt = new int[0];
  /** Slot of the first heats seen in quiet hours lately (MIN_VALUE: none), and those hours. */
  private int[] quietHeatsAt = new int[0];
  private int[] quietSpellHours = new int[0];

  /** Heat kW above the window floor, from the last positive {@link #judge}. */
  double heatKw;
  /** Local hours of the last judged heats not seen cycling before. */
  int newHours;
  /**
   * Quiet hours (the plant usually all but idle) that heats ran in over the last day and a half,
   * and the spells they form (last quiet-hours judgement).
   */
  int quietHours;
  int quietSpellCount;
  /** The last positive {@link #judge} rested on the site being a new account alone. */
  boolean byNewSite;
  /** Heat hours of the last judgement on a rest day the site rests ({@link #restingSiteHeatHours}). */
  int restingSiteHours;
  /** The last positive {@link #judge} rested on those hours alone: new only as a rest day's. */
  boolean byRestingSite;
  /** The last positive {@link #judge} rested on a second furnace beside the licensed one. */
  boolean byBeyondLicence;
  /** Slots of that judgement above {@link #beyondLicenceKw}, and that limit (kW). */
  int slotsBeyondLicence;
  double beyondLicenceKw;

  void ensureCapacity(int enterprises) {
    if (historyDays.length >= enterprises) {
      return;
    }
    cycleKw = Arrays.copyOf(cycleKw, enterprises);
    swingKw = Arrays.copyOf(swingKw, enterprises);
    cycleHours = Arrays.copyOf(cycleHours, enterprises);
    historyDays = Arrays.copyOf(historyDays, enterprises);
    cyclingDays = Arrays.copyOf(cyclingDays, enterprises);
    shownCyclingDays = Arrays.copyOf(shownCyclingDays, enterprises);
    learnedPeakWh = Arrays.copyOf(learnedPeakWh, enterprises);
    int old = quietAt.length;
    quietAt = Arrays.copyOf(quietAt, enterprises);
    Arrays.fill(quietAt, old, enterprises, Integer.MIN_VALUE);
    quietRawAt = Arrays.copyOf(quietRawAt, enterprises);
    Arrays.fill(quietRawAt, old, enterprises, Integer.MIN_VALUE);
    quietHeatsAt = Arrays.copyOf(quietHeatsAt, enterprises);
    Arrays.fill(quietHeatsAt, old, enterprises, Integer.MIN_VALUE);
    quietSpellHours = Arrays.copyOf(quietSpellHours, enterprises);
  }

  static int bytesPerEnterprise() {
    return 38;
  }

  /** The inputs of enterprise e's screens changed: its last quiet window says nothing any more. */
  void forgetQuiet(int e) {
    quietAt[e] = Integer.MIN_VALUE;
    quietRawAt[e] = Integer.MIN_VALUE;
  }

  FurnaceCycleDetector detector() {
    return detector;
  }

  void reset(int e) {
    cycleKw[e] = 0;
    swingKw[e] = 0;
    cycleHours[e] = 0;
    historyDays[e] = 0;
    cyclingDays[e] = 0;
    shownCyclingDays[e] = 0;
    learnedPeakWh[e] = 0;
    quietAt[e] = Integer.MIN_VALUE;
    quietRawAt[e] = Integer.MIN_VALUE;
    quietHeatsAt[e] = Integer.MIN_VALUE;
    quietSpellHours[e] = 0;
  }

  double learnedCycleKw(int e) {
    return cycleKw[e];
  }

  /**
   * Copies the slots [last - span + 1, last] as load above the enterprise's own hourly baseline
   * (clipped at zero; MISSING where a meter has not reported): a furnace on top of a working
   * plant then stands out as it would in an empty warehouse. Without a learned baseline, the raw
   * load, or, for a second reading where no working day is learned, the load above its own level
   * ({@link OwnLevel}).
   * Written into above (slot last - span + 1 + i at i): the detector's window, or the day's.
   */
  private void aboveBaseline(int[] wh, byte[] counts, int need, int base, int mask, int last,
      int span, HourlyBaseline b, int e, int warmupDays, int[] above) {
    boolean workWarm = b.days(e, 0) >= warmupDays;
    boolean restWarm = b.restWarm(e, warmupDays);
    int first = last - span + 1;
    // The baseline is hourly: its levels first, day by day (the day type once), hour by hour.
    int firstHour = first >> 2;
    int lastHour = last >> 2;
    for (int hour = firstHour; hour <= lastHour; ) {
      int d = Math.floorDiv(hour, HourlyBaseline.HOURS);
      boolean rest = !days.isWorkingDay(d);
      int type = rest && restWarm ? 1 : 0;
      boolean levels = (type == 1 || workWarm) && !(rest && restingRaw);
      int row = b.levelRow(e, type) - d * HourlyBaseline.HOURS; // (hour of day d at row + hour)
      int dayLastHour = Math.min(lastHour, d * HourlyBaseline.HOURS + HourlyBaseline.HOURS - 1);
      for (; hour <= dayLastHour; hour++) {
        int levelWh = levels ? (int) (b.levelAt(row + hour) * 250) : 0;
        int at = 4 * (hour - firstHour);
        slotBaseWh[at] = levelWh;
        slotBaseWh[at + 1] = levelWh;
        slotBaseWh[at + 2] = levelWh;
        slotBaseWh[at + 3] = levelWh;
      }
    }
    int from = base + (first & mask);
    int off = first - 4 * firstHour; // slot first's level in slotBaseWh
    if ((first & mask) + span <= mask + 1) {
      // the window does not wrap round the ring (most): a select the JIT compiles without a
      // branch, slot by slot, twice as fast as testing completeness first
      for (int i = 0; i < span; i++) {
        int v = wh[from + i];
        boolean known = FurnaceCycleDetector.known(wh, counts, need, from + i);
        above[i] = known ? Math.max(0, v - slotBaseWh[off + i]) : DailyFeatures.MISSING;
      }
    } else {
      for (int i = 0; i < span; i++) {
        int v = FurnaceCycleDetector.complete(wh, counts, need, base + (first + i & mask));
        above[i] = v == DailyFeatures.MISSING ? v : Math.max(0, v - slotBaseWh[off + i]);
      }
    }
    if (aboveOwnLevel && !workWarm) {
      ownLevel.subtract(wh, counts, need, base, mask, first, span, above);
    }
  }

  /** {@link #aboveBaseline}'s levels in Wh per slot, from its first hour's first slot. */
  private final int[] slotBaseWh = new int[SLOTS_PER_DAY + 64 + 8];

  private final OwnLevel ownLevel = new OwnLevel();
  /** Legal steel's recent rest, read from the ring ({@link #judge} places it). */
  private final SteelRestReads steelRest;

  /**
   * Whether legal steel e rested two neighbouring idle hours in the 36 hours to slot s, on the
   * ring the last {@link #judge} of e placed ({@link SteelRestReads#restedLately}).
   */
  boolean restedLately(int e, int s, HourlyBaseline b, int warmupDays) {
    return steelRest.restedLately(e, s, b, warmupDays);
  }

  /** Set while a site with no working day learned is judged above its own level (OwnLevel). */
  private boolean aboveOwnLevel;
  /** Set while a rest day the plant does not work is judged on its raw load ({@link RestingPlant}). */
  private boolean restingRaw;
  private final RestingPlant resting;

  /** Screens the window ending at slot last, above the hourly baseline. */
  boolean screenAbove(int[] wh, byte[] counts, int need, int base, int mask, int last,
      HourlyBaseline b, int e, DetectionProfile p, boolean lenient) {
    return screenAbove(wh, counts, need, base, mask, last, b, e, p, lenient, false);
  }

  private boolean screenAbove(int[] wh, byte[] counts, int need, int base, int mask, int last,
      HourlyBaseline b, int e, DetectionProfile p, boolean lenient, boolean readGaps) {
    int w = p.furnace().windowSlots();
    aboveBaseline(wh, counts, need, base, mask, last, w, b, e, p.general().warmupDays(),
        detector.window());
    return detector.screenWindow(last, p.furnace(), lenient, readGaps);
  }

  /**
   * {@link #screenAbove} as the rule judges: a row or two the window lacks may hide a tap. Rows
   * re-collected days later would otherwise keep a furnace's first night from showing its cycles.
   */
  private boolean screenJudged(int[] wh, byte[] counts, int need, int base, int mask, int last,
      HourlyBaseline b, int e, DetectionProfile p, boolean quietHoursOnly) {
    // Not at legal steel: its many meters leave a row out of most windows, and its own swings
    // split at a gap would add up, hour by hour, into the quiet spells of a furnace.
    detector.closeLastHeatHours = quietHoursOnly ? busyHours(b, e) : 0;
    try {
      return screenAbove(wh, counts, need, base, mask, last, b, e, p, false, !quietHoursOnly);
    } finally {
      detector.closeLastHeatHours = 0;
    }
  }

  /** The hours of the working day whose learned level is at least half its busiest (a mask). */
  private static int busyHours(HourlyBaseline b, int e) {
    double max = 0;
    for (int h = 0; h < 24; h++) {
      max = Math.max(max, b.mean(e, 0, h));
    }
    int busy = 0;
    for (int h = 0; h < 24; h++) {
      if (max > 0 && b.mean(e, 0, h) >= 0.5 * max) {
        busy |= 1 << h;
      }
    }
    return busy;
  }

  /**
   * The hours of the plant's working day (a mask): the busy hours ({@link #busyHours}) joined to
   * its busiest, across a one-hour break (lunch). Busy hours apart from it, such as nights it
   * works on some days only, are not part of it.
   */
  private static int workingDayHours(HourlyBaseline b, int e) {
    int busy = busyHours(b, e);
    if (busy == 0) {
      return 0;
    }
    int peak = 0;
    for (int h = 1; h < 24; h++) {
      if (b.mean(e, 0, h) > b.mean(e, 0, peak)) {
        peak = h;
      }
    }
    int day = 1 << peak;
    for (int dir = -1; dir <= 1; dir += 2) {
      for (int k = 1, h = peak; k < 24; k++) {
        int next = Math.floorMod(h + dir, 24);
        int after = Math.floorMod(h + 2 * dir, 24);
        if ((busy >>> next & 1) != 0) {
          h = next;
        } else if ((busy >>> after & 1) != 0) {
          h = after; // across the break
          k++;
        } else {
          break;
        }
        day |= 1 << h;
      }
    }
    return day;
  }

  /** FFT confirmation of the window last screened by {@link #judge} (ending at slot last). */
  void confirmLast(int last, DetectionProfile.Furnace p) {
    detector.confirm(p);
  }

  /**
   * Teaches the cycling seen on local day d: windows every four hours (every two at a site that
   * has cycled), above the baseline, and in the raw load where a furnace is licensed.
   */
  void learnDay(int e, int[] wh, byte[] counts, int need, int base, int mask, int d,
      HourlyBaseline b, DetectionProfile profile, boolean licensedFurnace) {
    DetectionProfile.Furnace p = profile.furnace();
    int dayEnd = (d + 1) * SLOTS_PER_DAY - 1;
    boolean cycled = false;
    boolean cycledRaw = false;
    // Windows every four hours, every two at a site that has cycled: a compressor's cycling
    // screens in some windows only, and hours never seen cycling are what makes heats new. Not
    // at legal steel (furnace rule off): its own swings would fill its quiet hours.
    boolean dense = cyclingDays[e] > 0 && p.enabled();
    detector.countLastHeat = countsLastHeat(false, licensedFurnace, p); // (learned as judged)
    // The windows overlap (each slot lies in two to four): the load above the baseline, which
    // nothing changes while the day is learned, is read once for all of them.
    int w = p.windowSlots();
    int from = dayEnd - SLOTS_PER_DAY + (dense ? 8 : 16) - w + 1; // the oldest window's first slot
    aboveBaseline(wh, counts, need, base, mask, dayEnd, dayEnd - from + 1, b, e,
        profile.general().warmupDays(), dayAbove);
    for (int end = dayEnd; end > dayEnd - SLOTS_PER_DAY; end -= 8) {
      boolean fourHourly = ((dayEnd - end) & 8) == 0;
      if (!fourHourly && !dense) {
        continue;
      }
      System.arraycopy(dayAbove, end - w + 1 - from, detector.window(), 0, w);
      boolean positive = detector.screenWindow(end, p, false);
      swingKw[e] = Math.max(swingKw[e], (float) detector.swingKw());
      if (positive) {
        cycleKw[e] = Math.max(cycleKw[e], (float) (detector.plateauKw - detector.baseKw));
        cycleHours[e] |= detector.heatHours;
        cycled = true;
      }
      if (!fourHourly || !licensedFurnace) {
        continue; // the raw load: only where a furnace is licensed, every four hours is enough
      }
      // The raw load too: a licensed furnace that melts every working day is its own baseline,
      // and above it its heats are too shallow to screen, yet they are cycling the site has shown.
      if (detector.screen(wh, counts, need, base, mask, end, p, false)) {
        cycleHours[e] |= detector.heatHours;
        cycledRaw = true;
      }
    }
    detector.countLastHeat = false;
    if (licensedFurnace) {
      for (int slot = dayEnd - SLOTS_PER_DAY + 1; slot <= dayEnd; slot++) {
        int v = FurnaceCycleDetector.complete(wh, counts, need, base + (slot & mask));
        learnedPeakWh[e] = Math.max(learnedPeakWh[e], v); // (MISSING is negative)
      }
    }
    historyDays[e]++;
    if (cycled && cyclingDays[e] < Byte.MAX_VALUE) {
      cyclingDays[e]++;
    }
    if ((cycled || cycledRaw) && shownCyclingDays[e] < Byte.MAX_VALUE) {
      shownCyclingDays[e]++;
    }
  }

  /** {@link #learnDay}'s load above the baseline: its windows' slots, the oldest first. */
  private final int[] dayAbove = new int[SLOTS_PER_DAY + 64];

  /**
   * The heat hours of the last screen (a 24-bit mask), never seen cycling, at which the heat
   * exceeds the learned level plus four sigmas of working and rest days alike (a Saturday's work
   * at working-day hours is not new, nor are hours a furnace has been learned cycling in while
   * the slow baseline rises). At an hour of a rest day that the enterprise rests (its rest-day
   * level at most half its working level), the rest day's own level is enough: a furnace started
   * on a Saturday in a day-shift plant's working hours. Reliably (legal steel): the level plus
   * two sigmas is below a third of the heat (an evening sometimes worked), or below the heat
   * itself where the heat's top was held flat (a plant that sometimes works its nights, quiet
   * beneath the furnace this time). None before warmupDays working days are learned, unless rest
   * days make up the number (a holiday week); then only hours whose level plus two sigmas, of
   * working and rest days alike, is below a third of the heat. s: the window's end.
   */
  private int quietHeatHours(int e, HourlyBaseline b, int warmupDays, boolean reliably, int s) {
    boolean restKnown = b.restWarm(e, warmupDays);
    // (not at legal steel after a holiday week: its quiet hours need the working days learned)
    boolean fewWorkingDays = b.days(e, 0) < warmupDays;
    if (fewWorkingDays && (reliably || !b.workWarm(e, warmupDays))) {
      return 0;
    }
    int quiet = 0;
    for (int bits = newHours; bits != 0; bits &= bits - 1) {
      int h = Integer.numberOfTrailingZeros(bits);
      if (reliably || fewWorkingDays) {
        double usual = usualHigh(b, e, h, restKnown);
        boolean flat = reliably && (detector.flatHeatHours >>> h & 1) != 0;
        if (usual * 3 < heatKw || flat && usual < heatKw) {
          quiet |= 1 << h;
        }
      } else if (restKnown && steelRest.restDayHour(h, s) && b.mean(e, 1, h) <= 0.5 * b.mean(e, 0, h)
          ? heatKw > steadyLimit(b, e, 1, h)
          : heatKw > steadyLimit(b, e, 0, h) && (!restKnown || heatKw > steadyLimit(b, e, 1, h))) {
        quiet |= 1 << h;
      }
    }
    return quiet;
  }

  /**
   * The heat hours of the last screen (a 24-bit mask) that fall on a rest day in hours the site
   * rests on rest days (its rest-day level at most half its working level, and the heat above
   * its rest-day level plus four sigmas), where the dips between the heats fall to that resting
   * floor: well below the plant's working level at those hours. The cycling a plant learned on
   * its working days says nothing of these: its own work, an overtime Saturday, runs on its
   * working floor, and its own swings never fall to the idle floor in between; a furnace melting
   * on the idle site does. Heats on such hours are new even at hours the plant cycles on working
   * days.
   */
  private int restingSiteHeatHours(int e, HourlyBaseline b, int warmupDays, int s) {
    if (b.days(e, 0) < warmupDays || !b.restWarm(e, warmupDays)) {
      return 0;
    }
    int hours = 0;
    for (int bits = detector.heatHours; bits != 0; bits &= bits - 1) {
      int h = Integer.numberOfTrailingZeros(bits);
      double work = b.mean(e, 0, h);
      double rest = b.mean(e, 1, h);
      if (steelRest.restDayHour(h, s) && rest <= 0.5 * work && heatKw > steadyLimit(b, e, 1, h)
          && detector.dipKw <= RESTING_FLOOR_SHARE * (work - rest)) {
        hours |= 1 << h;
      }
    }
    return hours;
  }

  /** Dips at most this share of the working level above the rest-day level: the site is idle. */
  private static final double RESTING_FLOOR_SHARE = 0.25;

  /**
   * The largest heat a steady hour could hide: its level plus four sigmas. Heats above it double
   * the hour's usual high (level plus two sigmas) at least; a night floor of lights and fans
   * cannot, nor can a compressor's cycling, whose heats above the hour's level are smaller than
   * the level itself.
   */
  private static double steadyLimit(HourlyBaseline b, int e, int type, int h) {
    return b.mean(e, type, h) + 4 * b.sigma(e, type, h);
  }

  /**
   * An hour's usual high: its learned level plus two sigmas (an evening sometimes worked), of
   * working and (restKnown) rest days alike. Legal steel's test of a quiet hour.
   */
  static double usualHigh(HourlyBaseline b, int e, int h, boolean restKnown) {
    double work = b.mean(e, 0, h) + 2 * b.sigma(e, 0, h);
    return restKnown ? Math.max(work, b.mean(e, 1, h) + 2 * b.sigma(e, 1, h)) : work;
  }

  /**
   * Judges the window ending at slot s (an hour end).
   *
   * @param quietHoursOnly only heats in hours the enterprise is usually all but idle are new: a
   *     legal steel plant's own equipment swings through its working hours in heat-like steps,
   *     a furnace added to it shows where the plant is otherwise quiet (the night, the evening)
   * @param newSite a new account in its first days: whatever cycles is new, having no history
   * @return true if it shows new, unlicensed furnace cycling (detector fields describe it)
   */
  boolean judge(int e, int[] wh, byte[] counts, int need, int base, int mask, int s,
      int oldestSlot, EnterpriseContext c, HourlyBaseline b, DetectionProfile profile,
      boolean quietHoursOnly, boolean newSite) {
    DetectionProfile.Furnace p = profile.furnace();
    steelRest.at(wh, counts, need, base, mask, oldestSlot);
    boolean noHistory = historyDays[e] < p.historyDays();
    if (noHistory && !newSite) {
      return false;
    }
    byBeyondLicence = false;
    if (judgeScreened(e, wh, counts, need, base, mask, s, c, b, profile, quietHoursOnly, newSite,
        noHistory)) {
      return true;
    }
    if (!quietHoursOnly && !noHistory && beyondLicence(e, wh, counts, need, base, mask, s, c, p)) {
      return true;
    }
    // A rest day the plant itself rests, below a level learned from the rest days it worked:
    // read again on the raw load, as a second reading, so the first's findings all stand.
    // (not where that reading's window an hour before screened quiet: it would end there unread)
    if (!quietHoursOnly && !noHistory && !quietWithin(quietRawAt[e], s, p)
        && resting.belowUsual(wh, counts, need, base, mask, s, b, e, profile)) {
      restingRaw = true;
      try {
        if (judgeScreened(e, wh, counts, need, base, mask, s, c, b, profile, false, newSite, false)) {
          return true;
        }
      } finally {
        restingRaw = false;
      }
    }
    // A site with no working day learned yet (a new account; a watch begun in a holiday) may melt
    // on top of its own working day, whose level the raw load keeps under the heats: read again
    // above its own level (OwnLevel), as a second reading, so the first's findings all stand.
    // At a site watched before, only heats of at least half the level beneath them: a busy
    // plant's own swings stand on a level several times their size. (Not at legal steel, nor
    // where the trade's machines cycle from their first day: compressors and pumps cycling on top
    // of their own level read as heats.)
    if (b.days(e, 0) >= profile.general().warmupDays()
        || !newSite && (quietHoursOnly || p.newSiteDays() == 0)) {
      return false;
    }
    aboveOwnLevel = true;
    try {
      return judgeScreened(e, wh, counts, need, base, mask, s, c, b, profile, quietHoursOnly,
          newSite, noHistory)
          && (newSite || heatKw >= OWN_LEVEL_HEAT_SHARE * ownLevel.meanLevelKw());
    } finally {
      aboveOwnLevel = false;
    }
  }

  /** Share of the level beneath them a watched site's heats reach, read above its own level. */
  private static final double OWN_LEVEL_HEAT_SHARE = 0.5;

  /**
   * A second furnace melting beside the licensed one: in the window's raw load, at least
   * {@link #BEYOND_LICENCE_SLOTS} slots above the highest the site drew on its learned days, with
   * its licensed furnace at full power among them, by a furnace's heat (minPlateauKw, a quarter
   * of the licensed kW at least), and above the licensed kW times its tolerance, and the raw load
   * cycling. Run alone, after the licensed furnace's day, the second one looks like the licensed
   * furnace working late; run together with it, the site draws more than its licence lets it melt
   * with, if only for the half hour in which one's run ends as the other's begins. Not before the
   * licensed furnace has shown its cycling on learned days, nor where the learned peak is below
   * the licensed furnace's own kW: the peak would not hold it yet.
   */
  private boolean beyondLicence(int e, int[] wh, byte[] counts, int need, int base, int mask,
      int s, EnterpriseContext c, DetectionProfile.Furnace p) {
    double licensed = c.licensedFurnaceKw();
    double peakKw = learnedPeakKw(e);
    if (!(licensed > 0) || shownCyclingDays[e] < MIN_CYCLING_DAYS_SHOWN || peakKw < licensed) {
      return false;
    }
    // (and above what the licensed furnace could draw at its tolerance: one run below its rating
    // through the learned weeks, then at full power, stays within its licence)
    double limitKw = Math.max(peakKw + Math.max(p.minPlateauKw(), BEYOND_LICENCE_SHARE * licensed),
        licensed * p.licensedTolerance());
    int limitWh = (int) Math.ceil(limitKw * 250);
    int over = 0;
    for (int slot = s - p.windowSlots() + 1; slot <= s; slot++) {
      if (FurnaceCycleDetector.complete(wh, counts, need, base + (slot & mask)) > limitWh) {
        over++;
      }
    }
    if (over < BEYOND_LICENCE_SLOTS
        || !detector.screen(wh, counts, need, base, mask, s, p, false)) {
      return false;
    }
    heatKw = detector.plateauKw - detector.baseKw;
    newHours = 0;
    byNewSite = false;
    byRestingSite = false;
    byBeyondLicence = true;
    slotsBeyondLicence = over;
    beyondLicenceKw = limitKw;
    return true;
  }

  /** Slots above the limit: the half hour two furnaces' heats overlap at the least. */
  static final int BEYOND_LICENCE_SLOTS = 2;
  /** Share of the licensed kW a second furnace's heat adds at least. */
  private static final double BEYOND_LICENCE_SHARE = 0.25;
  /** Learned days the licensed furnace must have shown its cycling on. */
  private static final int MIN_CYCLING_DAYS_SHOWN = 3;

  double learnedPeakKw(int e) {
    return learnedPeakWh[e] / 250.0;
  }

  /**
   * Whether a window screened quiet at slot quiet decides the judgement of the window ending at
   * s (false) without a screen: it is one of the confirmEvaluations - 1 hour ends before s.
   */
  private static boolean quietWithin(int quiet, int s, DetectionProfile.Furnace p) {
    return quiet < s && quiet >= s - 4 * (p.confirmEvaluations() - 1);
  }

  private boolean judgeScreened(int e, int[] wh, byte[] counts, int need, int base, int mask, int s,
      EnterpriseContext c, HourlyBaseline b, DetectionProfile profile, boolean quietHoursOnly,
      boolean newSite, boolean noHistory) {
    detector.countLastHeat = countsLastHeat(quietHoursOnly, c.licensedFurnaceKw() > 0,
        profile.furnace());
    try {
      return judgeScreenedCounting(e, wh, counts, need, base, mask, s, c, b, profile,
          quietHoursOnly, newSite, noHistory);
    } finally {
      detector.countLastHeat = false;
    }
  }

  /**
   * Whether a run's last heat may count as the cycle a window lacks
   * ({@link FurnaceCycleDetector#countLastHeat}): not at legal steel (the rule off, or reading
   * quiet hours only), whose own runs end in its quiet hours; not where a furnace is licensed,
   * whose runs end so past its usual hours; not in trades whose machines cycle from their first
   * day (pumps, compressors: newSiteDays 0).
   */
  private static boolean countsLastHeat(boolean quietHoursOnly, boolean licensedFurnace,
      DetectionProfile.Furnace p) {
    return p.enabled() && !quietHoursOnly && !licensedFurnace && p.newSiteDays() > 0;
  }

  private boolean judgeScreenedCounting(int e, int[] wh, byte[] counts, int need, int base,
      int mask, int s, EnterpriseContext c, HourlyBaseline b, DetectionProfile profile,
      boolean quietHoursOnly, boolean newSite, boolean noHistory) {
    DetectionProfile.Furnace p = profile.furnace();
    // A window this judgement needs screened quiet, on the same data: most hours have no heats,
    // so every other hour end is decided without a screen.
    // (Not at legal steel: there one window may stand alone, below.)
    // (kept for the first reading and for the raw one; a new account's own level moves)
    int quiet = aboveOwnLevel ? Integer.MIN_VALUE : restingRaw ? quietRawAt[e] : quietAt[e];
    if (!quietHoursOnly && quietWithin(quiet, s, p)) {
      return false;
    }
    // The earlier windows first only when this one shows heats: most hours have none.
    if (!screenJudged(wh, counts, need, base, mask, s, b, e, profile, quietHoursOnly)) {
      if (restingRaw) {
        quietRawAt[e] = s;
      } else if (!aboveOwnLevel) {
        quietAt[e] = s;
      }
      return false;
    }
    boolean confirmed = true;
    for (int k = p.confirmEvaluations() - 1; k >= 1 && confirmed; k--) {
      confirmed = screenJudged(wh, counts, need, base, mask, s - 4 * k, b, e, profile,
          quietHoursOnly);
    }
    if (!confirmed && !quietHoursOnly) {
      return false;
    }
    if (p.confirmEvaluations() > 1
        && !screenJudged(wh, counts, need, base, mask, s, b, e, profile, quietHoursOnly)) {
      return false; // (re-screened: the fields below describe this window)
    }
    heatKw = detector.plateauKw - detector.baseKw;
    // Hours it cycled in, widened by an hour either side: heats start a little earlier or later.
    int h = cycleHours[e];
    int usual = h | ((h << 1) | (h >>> 23)) & 0xFFFFFF | ((h >>> 1) | (h << 23)) & 0xFFFFFF;
    newHours = detector.heatHours & ~usual;
    if (quietHoursOnly) {
      int warmupDays = profile.general().warmupDays();
      // (not the mill's working day: a day it runs its afternoon as hot as its morning is its own
      // production, above an afternoon level it keeps most days)
      int quietMask = quietHeatHours(e, b, warmupDays, true, s) & ~workingDayHours(b, e)
          | steelRest.idleLately(e, newHours & detector.flatHeatHours, heatKw, s, b, warmupDays);
      // One window unconfirmed by the hour before: a furnace's first morning, begun a few hours
      // before the plant's day, fills most of the window's quiet hours; an evening's work does not.
      if (!confirmed && Integer.bitCount(quietMask) < UNCONFIRMED_QUIET_HOURS) {
        return false;
      }
      return quietMask != 0 && furnaceSized(c, p) && quietSpells(e, s, quietMask)
          && detector.flatHeats >= FLAT_HEATS
          && steelRest.restedLately(e, s, b, warmupDays);
    }
    // New by hour: at hours it was never seen cycling (once its cycling hours are known), or at
    // hours where the site never drew anything like a heat (a second furnace at night beside a
    // licensed day-shift one, whose own heats the baseline averages away). A licensed furnace
    // never seen cycling may run when it likes: its hours are not known yet.
    int quietCount =
        Integer.bitCount(quietHeatHours(e, b, profile.general().warmupDays(), false, s));
    // On a rest day the site rests: heats falling to its resting floor are not its working days'
    // cycling (a licensed furnace may melt on a rest day too: only heats beyond its size).
    restingSiteHours = heatKw > c.licensedFurnaceKw() * p.licensedTolerance()
        ? restingSiteHeatHours(e, b, profile.general().warmupDays(), s) : 0;
    // (Not where the trade's own machines cycle from the first day, as demand asks: a water works'
    // pumps and a cold store's compressors switch at any hour, so hours they were not yet seen
    // cycling in say nothing; heats larger than theirs, or where the site never drew such a load, do.)
    // Since a Spring Festival holiday the hours a plant cycles in and the evenings it works are
    // known from its return alone (a day-shift plant's first evening of overtime after it reads
    // as heats in quiet hours, a two-shift plant's evening as hours new to its cycling): more new
    // hours, and more quiet ones, make heats new then, and never having cycled says nothing. Not
    // at a licensed foundry: its furnace cycles every working day, its hours learned again within
    // days of the return (a second furnace's day run beside it was raised at 10-13 h, 35-84 h so).
    boolean fewUsualDays = c.licensedFurnaceKw() <= 0
        && springFestival.learnedOnTheHolidayAndReturn(Math.floorDiv(s, SLOTS_PER_DAY));
    int minNewHours = fewUsualDays ? NEW_HOURS_SINCE_HOLIDAY : 3;
    int minQuietHours = fewUsualDays ? QUIET_HOURS_SINCE_HOLIDAY : 3;
    boolean newByHour = cyclingDays[e] >= MIN_CYCLING_DAYS
        && Integer.bitCount(newHours) >= minNewHours && p.newSiteDays() > 0
        || (c.licensedFurnaceKw() <= 0 || shownCyclingDays[e] >= 2) && quietCount >= minQuietHours
        // a site that never cycled in a week: two quiet hours among three new ones (a night run
        // begun under a two-shift plant's evening shift)
        || !fewUsualDays && c.licensedFurnaceKw() <= 0 && cyclingDays[e] == 0
        && historyDays[e] >= NEVER_CYCLED_DAYS && quietCount >= 2
        && Integer.bitCount(newHours) >= 3;
    // New by size: heats larger than any cycling learned, and the load swings more than it ever
    // did in eight hours (compressors alias into varying apparent heats; their swing stays put).
    // (learned in kW: scaled as the baseline is when the whole district runs above its own, at
    // least as far as it ran at its busiest over the day before: a plant's evening after a return
    // to work swings with its new load while the newest hours, a night, say the district rests)
    double sizeScale = Math.max(b.scale(), activity.busiestBefore(s >> 2));
    double windowSwingKw = detector.swingKw();
    boolean newBySize = heatKw > p.noveltyRatio() * cycleKw[e] * sizeScale
        && spanSwingKw(e, windowSwingKw) > p.noveltyRatio() * swingKw[e] * sizeScale;
    // Heats far beyond any cycling learned (none at all, or a busy plant's own small steps) need
    // the swing only to exceed its largest learned, if they repeat like a furnace's (the window's
    // autocorrelation at a period of an hour or more): a furnace run on top of a plant's working
    // day adds less than half again to how much that plant swings. Not where the trade's own
    // machines cycle from the first day (pumps, compressors: newSiteDays 0), as regularly.
    if (!newBySize && !noHistory && p.newSiteDays() > 0 && heatKw >= p.minPlateauKw()
        && heatKw > FAR_BEYOND_LEARNED * cycleKw[e] * sizeScale
        && windowSwingKw > swingKw[e] * sizeScale) {
      detector.confirm(p);
      newBySize = detector.autocorrelation >= REGULAR_CYCLING
          && detector.periodSlots >= MIN_FURNACE_PERIOD_SLOTS;
    }
    boolean restingSiteNew = Integer.bitCount(restingSiteHours) >= 3;
    byRestingSite = restingSiteNew && !newByHour && !newBySize && !noHistory;
    newByHour |= restingSiteNew;
    if (noHistory) {
      newByHour = newBySize = false; // (a new account) nothing learned to be new against
    }
    byNewSite = !newByHour && !newBySize;
    if (byNewSite && !(newSite && runBeganOnAQuietSite(e, wh, counts, need, base, mask, s, b,
        profile))) {
      return false; // it has always cycled like this
    }
    double licensed = c.licensedFurnaceKw();
    if (licensed > 0 && heatKw <= licensed * p.licensedTolerance() && !newByHour) {
      return false; // the licensed furnace at its usual hours
    }
    return furnaceSized(c, p);
  }

  /**
   * How much the heats of the last screen swing, to compare with the largest swing learned: over
   * the heats alone ({@link FurnaceCycleDetector#heatSpanSwingKw}) where their taps fall to the
   * plant's own level (dips at most {@link #SPAN_DIP_SHARE} of the heat above the baseline) and
   * {@link #SPAN_SWING_DAYS} of the plant's swings are learned, if more than over the whole window
   * (flat heats beside the plant's own steps swing less than the window); over the whole window
   * (windowSwingKw) otherwise. A furnace melting a few hours of the day on top of a working plant,
   * its heats long and its taps short, steps as often as ever while it melts; the window's quiet
   * hours dilute that into the plant's own swing (traced, seen sets 117-118: day runs of 240-600
   * kW raised at the second day's end or never, a window swing of 63-194 kW against a learned
   * 54-142). A load multiplied (pumps, a miner under the plant's own swings) keeps its dips above
   * the plant's level, and the largest swing of a few days has not yet met the plant's busiest.
   */
  private double spanSwingKw(int e, double windowSwingKw) {
    return detector.dipKw <= SPAN_DIP_SHARE * heatKw && historyDays[e] >= SPAN_SWING_DAYS
        ? Math.max(windowSwingKw, detector.heatSpanSwingKw()) : windowSwingKw;
  }

  /** Learned days (a week) before the heats' own swing is read against the plant's largest. */
  private static final int SPAN_SWING_DAYS = 7;
  /** Dips at most this share of the heat above the baseline: the taps fall to the plant's level. */
  private static final double SPAN_DIP_SHARE = 0.25;

  /**
   * A new account has no cycling of its own to compare with, so its run must have begun: the eight
   * hours before its first heat were reported and showed no heats. A furnace run starts and stops;
   * compressors and pumps cycling round the clock never began. Re-screens the window ending at s
   * last, so the detector's fields describe it again.
   */
  private boolean runBeganOnAQuietSite(int e, int[] wh, byte[] counts, int need, int base,
      int mask, int s, HourlyBaseline b, DetectionProfile profile) {
    int before = detector.firstHeatSlot - 1;
    boolean heatsBefore = screenAbove(wh, counts, need, base, mask, before, b, e, profile, false);
    boolean reported = !detector.incomplete;
    screenJudged(wh, counts, need, base, mask, s, b, e, profile, false);
    return reported && !heatsBefore;
  }

  /**
   * The quiet hours heats ran in over the last day and a half: at least three hours in two
   * separate spells (before the plant's day and over its lunch break, an evening and the next
   * morning), or one spell of five hours or more (a night), of four after midnight (a furnace
   * begun before the plant's day). A furnace added to a plant runs every day; the plant's own
   * evening of overtime is one spell after its working day, four hours long at times.
   */
  private boolean quietSpells(int e, int s, int hours) {
    int first = quietHeatsAt[e];
    if (first == Integer.MIN_VALUE || Math.abs(s - first) > SPELL_SLOTS) {
      quietHeatsAt[e] = s;
      quietSpellHours[e] = hours;
    } else {
      quietSpellHours[e] |= hours;
    }
    int seen = quietSpellHours[e];
    quietHours = Integer.bitCount(seen);
    quietSpellCount = spells(seen);
    return quietSpellCount >= 2 ? quietHours >= 3
        : quietHours >= 5 || quietHours >= 4 && (seen & ~BEFORE_THE_DAY) == 0;
  }

  /** Runs of set bits in a 24-hour mask, midnight wrapping round. */
  static int spells(int hours) {
    int rotated = ((hours << 1) | (hours >>> 23)) & 0xFFFFFF;
    return hours == 0xFFFFFF ? 1 : Integer.bitCount(hours & ~rotated);
  }

  private static final int SPELL_SLOTS = 36 * 4;
  /** The hours from midnight to 08:00, before a day shift begins. */
  private static final int BEFORE_THE_DAY = 0xFF;

  /**
   * Flat-topped heats a window at legal steel must show: a furnace added to the plant holds its
   * power heat after heat, the plant's own overtime in its quiet hours swings slot to slot.
   */
  static final int FLAT_HEATS = 2;

  /** Quiet heat hours a window at legal steel needs when the window an hour before showed none. */
  private static final int UNCONFIRMED_QUIET_HOURS = 4;

  private boolean furnaceSized(EnterpriseContext c, DetectionProfile.Furnace p) {
    return furnaceSized(c, p, detector);
  }

  /**
   * A heat averaging at least this share of minPlateauKw over its slots: the smallest melting
   * furnaces (0.25 t) draw 100-200 kW near their rating through a heat, while a small plant's own
   * machines, switched on and off through an evening, swing by 60-90 kW (clean plants of 315-400
   * kVA raised at 76-85 kW on seen sets 111-114; the smallest furnace raised there, 90 kW).
   */
  static final double SMALLEST_HEAT_SHARE = 0.85;

  /**
   * Whether the heats the detector last screened are a furnace's size: a share of the contracted
   * capacity where that is known, and the smallest furnace's heat, unless a furnace is on record.
   */
  static boolean furnaceSized(EnterpriseContext c, DetectionProfile.Furnace p, FurnaceCycleDetector d) {
    if (c.unlicensedFurnaceKw() > 0) {
      return true;
    }
    double cap = c.capacityKva();
    return d.plateauKw - d.baseKw >= SMALLEST_HEAT_SHARE * p.minPlateauKw()
        && (!(cap > 0) || d.plateauKw >= p.minCapacityShare() * cap * 0.9);
  }
}
