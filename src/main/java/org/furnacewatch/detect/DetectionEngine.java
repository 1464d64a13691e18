package org.furnacewatch.detect;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming detection over 15-minute readings, fed reading by reading in any arrival order.
 *
 * <h2>Design</h2>
 * Each enterprise owns a ring of 15-minute slots (watt-hours as int; integer sums make the slot
 * value independent of the order in which its meters' readings arrive). Slots are indexed by local
 * time (the zone's offsets are precomputed), so slot / 96 is the local day. A slot becomes final
 * by EVENT time: when a reading arrives whose interval ends more than the profile's lateness after
 * the slot's, i.e. the enterprise's watermark (newest slot seen minus the lateness) passed it.
 * Final slots are processed strictly in time order, so detection never depends on arrival order:
 * <ol>
 *   <li>slot rules: {@link ResurgenceRule} for enterprises that must be dark, and every hour the
 *       {@link FurnaceCycleDetector} screen over the last eight hours;
 *   <li>when a day's last slot is final: {@link DailyFeatures} of the day, then the baseline rules
 *       (LEVEL_SHIFT, NIGHT_LOAD, FLAT_CONTINUOUS, via {@link SeasonalBaseline}) and, at month end,
 *       INTENSITY_MISMATCH;
 *   <li>when the engine-wide watermark (newest slot of all minus lateness minus peerDelay) passes a
 *       day, every enterprise is closed through it and the day is scored against peers
 *       ({@link PeerScorer}).
 * </ol>
 * Missing data is not zero: a missing slot is {@link DailyFeatures#MISSING}, never counted as low
 * load; days below the profile's coverage are not judged and do not teach the baseline.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Feed each accepted (meter, ts) once: the service de-duplicates; a second delivery adds.
 *   <li>A reading whose slot is already final is late: counted in {@link #lateReadings()} and
 *       ignored. Replaying readings in any order in which no reading is late yields the same
 *       findings (as a set; per enterprise in the same order).
 *   <li>Rebuild after restart: replay stored readings after calling {@link
 *       #alreadyEmittedUpTo(long)} with the event time up to which findings were emitted; the
 *       episodes are rebuilt silently and only newer evidence is emitted, under the same keys.
 *   <li>Single-threaded. Findings are delivered synchronously on the calling thread.
 * </ul>
 *
 * <h2>Cost</h2>
 * A reading costs a zone-offset check, an int add into the ring and, for an in-order feed, the
 * processing of one final slot; nothing allocates unless a finding is emitted (and, hourly, the
 * FFT confirmation of an enterprise whose screen is positive). State: see {@link
 * #stateBytesPerEnterprise()} (~0.9 KiB per enterprise; per meter only an int).
 */
public final class DetectionEngine {
  static final int SLOT_SECONDS = 900;
  static final int SLOTS_PER_DAY = DailyFeatures.SLOTS_PER_DAY;
  private static final int NONE = Integer.MIN_VALUE;
  private static final int MISSING = DailyFeatures.MISSING;
  /** A 15-minute reading above this is a unit error, not a load (400 MW). */
  private static final double MAX_KWH = 100_000_000;
  private static final int PEER_DAYS = 4;
  /** How far back before the first crossing day a LEVEL_SHIFT's step start is looked for. */
  private static final int STEP_LOOKBACK_DAYS = 3;

  // Per-enterprise int counters, stride C.
  private static final int C_N_WORK = 0;
  private static final int C_N_REST = 1;
  private static final int C_N_NIGHT = 2;
  private static final int C_JUDGED = 3;
  private static final int C_FLAT_BITS = 4;
  private static final int C_STREAK_LEVEL = 5;
  private static final int C_STREAK_NIGHT = 6;
  private static final int C_STREAK_FLAT = 7;
  private static final int C_STREAK_PEER = 8;
  private static final int C_FURNACE_STREAK = 9;
  private static final int C_RES_BITS = 10;
  private static final int C_MONTH = 11;
  private static final int C_MONTH_SLOTS = 12;
  private static final int C_STATUS_AT_BASE = 13;
  private static final int C_METERS = 14;
  private static final int C_LEVEL_START = 15;
  private static final int C_FLAT_WORK = 16;
  /** First local day of the current month with any reading: where a month's evidence starts. */
  private static final int C_MONTH_FIRST = 17;
  /** First slot of the raised run that reaches the end of the last closed day (see stepTail). */
  private static final int C_STEP_FROM = 18;
  private static final int C = 19;
  // Per-enterprise double statistics, stride S.
  private static final int S_MU_WORK = 0;
  private static final int S_DEV_WORK = 1;
  private static final int S_NIGHT_SHARE = 4;
  private static final int S_NIGHT_KWH = 5;
  private static final int S_CAP_AT_BASE = 6;
  private static final int S_MONTH_KWH = 7;
  /** Sum of (slot kWh - minRatio x baseline slot kWh) over that run; 0 if the day ends low. */
  private static final int S_STEP_SUM = 8;
  private static final int S = 9;

  private final ContextSource contexts;
  private final ProfileResolver profiles;
  private final FindingSink sink;
  private final ZoneOffsets zone;
  private final Explanations text;
  private final FurnaceCycleDetector furnace = new FurnaceCycleDetector();
  private final PeerScorer peerScorer = new PeerScorer();
  private final EpisodeTracker episodes = new EpisodeTracker();
  private final double[] day = new double[DailyFeatures.COUNT];

  private final int latenessSlots;
  private final int peerDelaySlots;
  private final int ringBits;
  private final int ringMask;

  private int capacity;
  private int[] ring = new int[0];
  private int[] maxSlot = new int[0];
  private int[] finSlot = new int[0];
  private int[] counters = new int[0];
  private double[] stats = new double[0];
  private long[] meterChangeSeen = new long[0];
  private long[] ctxUntil = new long[0];
  private EnterpriseContext[] ctx = new EnterpriseContext[0];
  private DetectionProfile[] prof = new DetectionProfile[0];
  private int[] peerDay = new int[0];
  private float[] peerValue = new float[0];
  private EnterpriseContext[] peerCtx = new EnterpriseContext[0];
  private DetectionProfile[] peerProf = new DetectionProfile[0];
  private int[] peerGroupOf = new int[0];
  /** Peer group (industry|district) of each enterprise's current context; -1 if incomplete. */
  private int[] groupOf = new int[0];
  private int[] meterEnterprise = new int[0];

  private int globalMaxSlot = NONE;
  private int nextPeerDay = NONE;
  private long suppressUpTo = Long.MIN_VALUE;
  private long accepted;
  private long late;
  private long invalid;

  /** Engine judging days in Asia/Shanghai with the built-in default profile. */
  public DetectionEngine(ContextSource contexts, FindingSink sink) {
    this(contexts, ProfileResolver.defaultsOnly(), sink, ZoneId.of("Asia/Shanghai"), 1024, 1024);
  }

  /**
   * @param contexts the registry's dated history
   * @param profiles thresholds; lateness and peer delay are taken from its default (engine-wide)
   * @param sink receives findings
   * @param zone zone of days, nights and holidays
   * @param expectedEnterprises initial capacity (grows by doubling)
   * @param expectedMeters initial meter capacity (grows by doubling)
   */
  public DetectionEngine(ContextSource contexts, ProfileResolver profiles, FindingSink sink,
      ZoneId zone, int expectedEnterprises, int expectedMeters) {
    this.contexts = contexts;
    this.profiles = profiles;
    this.sink = sink;
    this.zone = new ZoneOffsets(zone);
    this.text = new Explanations(zone);
    DetectionProfile.General g = profiles.defaults().general();
    this.latenessSlots = (g.latenessMinutes() + 14) / 15;
    this.peerDelaySlots = g.peerDelayHours() * 4;
    // The ring must hold a whole day behind the oldest slot that may still change.
    this.ringBits = 32 - Integer.numberOfLeadingZeros(latenessSlots + SLOTS_PER_DAY + 1);
    this.ringMask = (1 << ringBits) - 1;
    growEnterprises(Math.max(1, expectedEnterprises));
    growMeters(Math.max(1, expectedMeters));
  }

  // ---------------------------------------------------------------- feeding

  /**
   * Feeds one reading. Allocation-free unless a finding is emitted.
   *
   * @param meterIdx dense meter index (>= 0)
   * @param enterpriseIdx dense enterprise index (>= 0) owning the meter at that time
   * @param tsEpochSecond end of the 15-minute interval, epoch seconds
   * @param kwh energy in the interval (>= 0); negative, NaN or absurd values are counted invalid
   */
  public void onReading(int meterIdx, int enterpriseIdx, long tsEpochSecond, double kwh) {
    if (!(kwh >= 0 && kwh < MAX_KWH) || meterIdx < 0 || enterpriseIdx < 0) {
      invalid++;
      return;
    }
    int e = enterpriseIdx;
    if (e >= capacity) {
      growEnterprises(Math.max(e + 1, capacity * 2));
    }
    trackMeter(meterIdx, e);
    int slot = (int) Math.floorDiv(tsEpochSecond - SLOT_SECONDS + zone.offsetAt(tsEpochSecond),
        SLOT_SECONDS);
    int max = maxSlot[e];
    if (slot > max) {
      if (max == NONE) {
        // First reading: earlier slots within the lateness may still come.
        max = slot - latenessSlots - 1;
        maxSlot[e] = max;
        finSlot[e] = max;
      }
      finalizeTo(e, slot - latenessSlots - 1);
      clearRing(e, maxSlot[e] + 1, slot);
      maxSlot[e] = slot;
    } else if (slot <= finSlot[e]) {
      late++;
      return;
    }
    int idx = (e << ringBits) + (slot & ringMask);
    int wh = (int) Math.round(kwh * 1000);
    int cur = ring[idx];
    ring[idx] = cur == MISSING ? wh : cur + wh;
    accepted++;
    if (slot > globalMaxSlot) {
      globalMaxSlot = slot;
      closePeerDays(slot - latenessSlots - 1 - peerDelaySlots);
    }
  }

  /**
   * Findings whose latest evidence is at or before this event time were emitted before (e.g.
   * before a restart): they are tracked but not emitted again. Call before replaying.
   */
  public void alreadyEmittedUpTo(long tsEpochSecond) {
    suppressUpTo = tsEpochSecond;
  }

  /**
   * Declares that no reading with an interval ending at or before {@code tsEpochSecond} will
   * come any more (end of a replay, or a feed known complete): every enterprise is finalized
   * through it and the days it completes are scored against peers. Readings at or before it that
   * arrive afterwards are late.
   */
  public void advanceTo(long tsEpochSecond) {
    int target = (int) Math.floorDiv(tsEpochSecond + zone.offsetAt(tsEpochSecond), SLOT_SECONDS) - 1;
    if (nextPeerDay == NONE) {
      return;
    }
    closePeerDays(target);
    for (int e = 0; e < capacity; e++) {
      if (maxSlot[e] != NONE && finSlot[e] < target) {
        finalizeTo(e, target);
      }
    }
  }

  public long acceptedReadings() {
    return accepted;
  }

  /** Readings that arrived after their slot was final (beyond the lateness). */
  public long lateReadings() {
    return late;
  }

  public long invalidReadings() {
    return invalid;
  }

  /** Event time up to which the enterprise's readings are final ({@link Long#MIN_VALUE} if none). */
  public long watermark(int enterpriseIdx) {
    if (enterpriseIdx >= capacity || finSlot[enterpriseIdx] == NONE) {
      return Long.MIN_VALUE;
    }
    return zone.toEpochSecond((long) (finSlot[enterpriseIdx] + 1) * SLOT_SECONDS);
  }

  /**
   * Bytes of detector state per enterprise, counted from the arrays (compressed references).
   * Per meter the engine keeps 4 bytes (its enterprise); everything else is per enterprise.
   */
  public int stateBytesPerEnterprise() {
    return (4 << ringBits) // slot ring
        + 4 + 4 // maxSlot, finSlot
        + 4 * C + 8 * S // counters, statistics
        + 8 + 8 // meterChangeSeen, ctxUntil
        + 4 + 4 // context and profile references (shared objects)
        + 4 // peer group
        + PEER_DAYS * (4 + 4 + 4 + 4 + 4) // peer table
        + EpisodeTracker.bytesPerEnterprise();
  }

  /** Total bytes of preallocated detector state (capacity, not use). */
  public long stateBytes() {
    return (long) stateBytesPerEnterprise() * capacity + 4L * meterEnterprise.length;
  }

  int ringSlots() {
    return 1 << ringBits;
  }

  // ---------------------------------------------------------------- slot pipeline

  private void finalizeTo(int e, int target) {
    int fin = finSlot[e];
    int max = maxSlot[e];
    int base = e << ringBits;
    while (fin < target) {
      fin++;
      int idx = base + (fin & ringMask);
      if (fin > max) {
        ring[idx] = MISSING; // never written: clear what the ring held one lap ago
      }
      finSlot[e] = fin;
      processSlot(e, fin, ring[idx]);
    }
    if (target > max) {
      maxSlot[e] = target;
    }
  }

  private void clearRing(int e, int from, int to) {
    int base = e << ringBits;
    for (int s = Math.max(from, to - ringMask); s <= to; s++) {
      ring[base + (s & ringMask)] = MISSING;
    }
  }

  private void processSlot(int e, int s, int wh) {
    long endTs = zone.toEpochSecond((long) (s + 1) * SLOT_SECONDS);
    if (endTs >= ctxUntil[e]) {
      refreshContext(e, s, endTs);
    }
    EnterpriseContext c = ctx[e];
    DetectionProfile p = prof[e];
    if (c.status().mustBeDark()) {
      if (wh != MISSING) {
        resurgence(e, s, wh, endTs, c, p);
      }
    } else {
      counters[e * C + C_RES_BITS] = 0;
    }
    if ((s & 3) == 3) {
      furnaceCheck(e, s, endTs, c, p);
    }
    if (Math.floorMod(s, SLOTS_PER_DAY) == SLOTS_PER_DAY - 1) {
      closeDay(e, Math.floorDiv(s, SLOTS_PER_DAY), endTs);
    }
  }

  private void refreshContext(int e, int s, long endTs) {
    EnterpriseContext c = contexts.at(e, endTs);
    if (c == null) {
      c = EnterpriseContext.UNKNOWN;
    }
    EnterpriseContext old = ctx[e];
    if (old == null || !old.industry().equals(c.industry())
        || !old.district().equals(c.district())) {
      prof[e] = profiles.resolve(c.industry(), c.district());
      groupOf[e] = c.industry().isEmpty() || c.district().isEmpty() ? -1
          : groupIds.computeIfAbsent(c.industry() + '|' + c.district(), k -> groupIds.size());
    }
    ctx[e] = c;
    long nextMidnight = zone.toEpochSecond(
        (Math.floorDiv(s, SLOTS_PER_DAY) + 1L) * SLOTS_PER_DAY * SLOT_SECONDS);
    ctxUntil[e] = Math.min(c.validUntil(), nextMidnight + 1);
  }

  // ---------------------------------------------------------------- RESURGENCE

  private void resurgence(int e, int s, int wh, long endTs, EnterpriseContext c,
      DetectionProfile p) {
    DetectionProfile.Resurgence r = p.resurgence();
    int ci = e * C + C_RES_BITS;
    if (!r.enabled() || ResurgenceRule.inGrace(c, r, endTs)) {
      counters[ci] = 0;
      return;
    }
    double ceilingKw = ResurgenceRule.ceilingKw(c, r);
    double loadKw = wh * 0.004;
    boolean over = loadKw > ceilingKw;
    int bits = ((counters[ci] << 1) | (over ? 1 : 0)) & ((1 << r.windowSlots()) - 1);
    counters[ci] = bits;
    int overCount = Integer.bitCount(bits);
    if (!over || overCount < r.triggerSlots()) {
      return;
    }
    // First exceeding slot of the window (missing slots do not shift the window).
    int firstSlot = s;
    int base = e << ringBits;
    for (int k = s - 1, seen = 1; seen < r.windowSlots() && k > s - 32; k--) {
      int v = ring[base + (k & ringMask)];
      if (v == MISSING) {
        continue;
      }
      seen++;
      if (v * 0.004 > ceilingKw) {
        firstSlot = k;
      }
    }
    long firstTs = zone.toEpochSecond((long) (firstSlot + 1) * SLOT_SECONDS);
    double score = exceedScore(loadKw, ceilingKw);
    int phase = episodes.evidence(e, FindingKind.RESURGENCE, firstTs, endTs, score,
        gapSeconds(p), Math.floorDiv(s, SLOTS_PER_DAY));
    if (!shouldEmit(phase, endTs)) {
      return;
    }
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("loadKw", loadKw);
    f.put("standbyCeilingKw", ceilingKw);
    f.put("slotsOverCeiling", (double) overCount);
    f.put("windowSlots", (double) r.windowSlots());
    f.put("capacityKva", c.capacityKva());
    f.put("standbyKw", c.standbyKw());
    List<String> thr = List.of(
        "loadKw " + fmt(loadKw) + " > standbyCeilingKw " + fmt(ceilingKw),
        "slotsOverCeiling " + overCount + " >= triggerSlots " + r.triggerSlots() + " of "
            + r.windowSlots(),
        "status " + c.status() + " must be dark");
    String why = text.resurgence(c, episodes.start(e, FindingKind.RESURGENCE), loadKw, ceilingKw,
        overCount, r.windowSlots());
    emit(e, FindingKind.RESURGENCE, phase, f, thr, why, s, SLOTS_PER_DAY);
  }

  // ---------------------------------------------------------------- FURNACE_SIGNATURE

  private void furnaceCheck(int e, int s, long endTs, EnterpriseContext c, DetectionProfile p) {
    DetectionProfile.Furnace fp = p.furnace();
    int ci = e * C + C_FURNACE_STREAK;
    // On a site that must be dark any load is RESURGENCE, the graver finding that already covers
    // melting there: one alert per cause, not a second one of another kind for the same load.
    boolean judged = (fp.enabled() || c.unlicensedFurnaceKw() > 0) && !c.status().mustBeDark();
    if (!judged || !furnace.screen(ring, e << ringBits, ringMask, s, fp)) {
      counters[ci] = 0;
      return;
    }
    double heatKw = furnace.plateauKw - furnace.baseKw;
    double licensed = c.licensedFurnaceKw();
    if (licensed > 0 && heatKw <= licensed * fp.licensedTolerance()) {
      counters[ci] = 0; // a licensed foundry running its furnace
      return;
    }
    double cap = c.capacityKva();
    if (c.unlicensedFurnaceKw() <= 0 && cap > 0
        && furnace.plateauKw < fp.minCapacityShare() * cap * 0.9) {
      counters[ci] = 0; // too small a share of the supply to be a melting furnace
      return;
    }
    if (++counters[ci] < fp.confirmEvaluations()) {
      return;
    }
    furnace.confirm(ring, e << ringBits, ringMask, s, fp);
    if (furnace.autocorrelation < fp.minAutocorrelation()) {
      return;
    }
    double cyclesPart = Math.min(1, (furnace.cycles - fp.minCycles() + 1) / 3.0);
    double score = 0.6 + 0.2 * cyclesPart + 0.2 * Math.max(0, furnace.autocorrelation);
    long firstTs = zone.toEpochSecond((long) (furnace.firstHeatSlot + 1) * SLOT_SECONDS);
    int phase = episodes.evidence(e, FindingKind.FURNACE_SIGNATURE, firstTs, endTs, score,
        gapSeconds(p), Math.floorDiv(s, SLOTS_PER_DAY));
    if (!shouldEmit(phase, endTs)) {
      return;
    }
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("cycles", (double) furnace.cycles);
    f.put("plateauKw", furnace.plateauKw);
    f.put("baseKw", furnace.baseKw);
    f.put("meanHeatMinutes", furnace.meanHeatSlots * 15);
    f.put("periodMinutes", furnace.periodSlots * 15.0);
    f.put("autocorrelation", furnace.autocorrelation);
    f.put("licensedFurnaceKw", licensed);
    f.put("unlicensedFurnaceKw", c.unlicensedFurnaceKw());
    f.put("capacityKva", cap);
    List<String> thr = new ArrayList<>();
    thr.add("cycles " + furnace.cycles + " >= minCycles " + fp.minCycles() + " in "
        + fp.windowSlots() * 15 + " min");
    thr.add("plateauKw-baseKw " + fmt(heatKw) + " >= minPlateauKw " + fmt(fp.minPlateauKw()));
    thr.add(licensed > 0 ? "heatKw " + fmt(heatKw) + " > licensedFurnaceKw x "
        + fp.licensedTolerance() + " = " + fmt(licensed * fp.licensedTolerance())
        : "no licensed induction furnace");
    thr.add("confirmed in " + counters[ci] + " hourly evaluations >= " + fp.confirmEvaluations());
    String why = text.furnace(c, episodes.start(e, FindingKind.FURNACE_SIGNATURE), furnace,
        fp.windowSlots());
    emit(e, FindingKind.FURNACE_SIGNATURE, phase, f, thr, why, s, fp.windowSlots() * 2);
  }

  // ---------------------------------------------------------------- day rules

  private void closeDay(int e, int d, long endTs) {
    EnterpriseContext c = ctx[e];
    DetectionProfile p = prof[e];
    DetectionProfile.General g = p.general();
    DailyFeatures.extract(ring, e << ringBits, ringMask, d * SLOTS_PER_DAY,
        g.nightStartHour() * 4, g.nightEndHour() * 4, day);
    int ci = e * C;
    int si = e * S;
    boolean judged = day[DailyFeatures.COVERAGE] >= g.minCoverage();

    int month = LocalDays.monthIndex(d);
    if (counters[ci + C_MONTH] != month) {
      counters[ci + C_MONTH] = month;
      counters[ci + C_MONTH_SLOTS] = 0;
      counters[ci + C_MONTH_FIRST] = NONE;
      stats[si + S_MONTH_KWH] = 0;
    }
    if (counters[ci + C_MONTH_FIRST] == NONE && day[DailyFeatures.COVERAGE] > 0) {
      counters[ci + C_MONTH_FIRST] = d;
    }
    counters[ci + C_MONTH_SLOTS] += (int) Math.round(day[DailyFeatures.COVERAGE] * SLOTS_PER_DAY);
    stats[si + S_MONTH_KWH] += day[DailyFeatures.KWH] * day[DailyFeatures.COVERAGE];

    if (judged && c.capacityKva() > 0 && day[DailyFeatures.KWH] > 0) {
      int pi = e * PEER_DAYS + (d & (PEER_DAYS - 1));
      peerDay[pi] = d;
      peerValue[pi] = (float) Math.log(day[DailyFeatures.KWH] / c.capacityKva());
      peerCtx[pi] = c;
      peerProf[pi] = p;
      peerGroupOf[pi] = groupOf[e];
    }
    if (judged) {
      rebaseOnKnownChange(e, c);
      int dayType = ChineseCalendar.isWorkingDay(d) ? 0 : 1;
      int stepFrom = counters[ci + C_STEP_FROM];
      double stepSum = stats[si + S_STEP_SUM];
      boolean level = levelShift(e, d, endTs, dayType, c, p, stepSum > 0 ? stepFrom : NONE);
      boolean night = nightLoad(e, d, endTs, dayType, c, p);
      flatContinuous(e, d, endTs, c, p);
      SeasonalBaseline.update(stats, si + S_MU_WORK + 2 * dayType, counters, ci + C_N_WORK + dayType,
          day[DailyFeatures.KWH], p.levelShift(), level);
      SeasonalBaseline.updateNight(stats, si + S_NIGHT_SHARE, counters, ci + C_N_NIGHT,
          day[DailyFeatures.NIGHT_SHARE], day[DailyFeatures.NIGHT_KWH],
          day[DailyFeatures.KWH] < p.levelShift().idleRatio() * stats[si + S_MU_WORK + 2 * dayType],
          night);
    }
    stepTail(e, d, p);
    if (LocalDays.monthIndex(d + 1L) != month) {
      intensity(e, d, endTs, month, c, p);
    }
  }

  /**
   * Where a raised load that runs up to the end of day d began: the start of the suffix with the
   * largest sum of (slot kWh - minRatio x the baseline's mean slot kWh), chained across days. A
   * step that starts late in a day, or before rest days the baseline cannot judge yet, first
   * makes a whole day cross on a later day; its episode starts here instead, at the step itself.
   * The suffix runs to midnight, so a normal evening and night after a daytime peak count
   * against it: mostly only a load still raised late in the day carries into the next day.
   */
  private void stepTail(int e, int d, DetectionProfile p) {
    int ci = e * C;
    int si = e * S;
    int dayType = ChineseCalendar.isWorkingDay(d) ? 0 : 1;
    int type = counters[ci + C_N_WORK + dayType] > 0 ? dayType
        : counters[ci + C_N_WORK] > 0 ? 0 : counters[ci + C_N_REST] > 0 ? 1 : -1;
    if (type < 0) {
      counters[ci + C_STEP_FROM] = NONE;
      stats[si + S_STEP_SUM] = 0;
      return;
    }
    double level = p.levelShift().minRatio() * stats[si + S_MU_WORK + 2 * type] / SLOTS_PER_DAY;
    int first = d * SLOTS_PER_DAY;
    int base = e << ringBits;
    double best = 0;
    int bestFrom = NONE;
    double suffix = 0;
    for (int i = SLOTS_PER_DAY - 1; i >= 0; i--) {
      int v = ring[base + ((first + i) & ringMask)];
      if (v != MISSING) {
        suffix += v / 1000.0 - level;
      }
      if (suffix > best) {
        best = suffix;
        bestFrom = first + i;
      }
    }
    double carried = stats[si + S_STEP_SUM];
    if (carried > 0 && suffix + carried > best) {
      best = suffix + carried;
      bestFrom = counters[ci + C_STEP_FROM];
    }
    counters[ci + C_STEP_FROM] = best > 0 ? bestFrom : NONE;
    stats[si + S_STEP_SUM] = best;
  }

  /** A dated meter replacement, capacity change or status change restarts the baseline. */
  private void rebaseOnKnownChange(int e, EnterpriseContext c) {
    int ci = e * C;
    int si = e * S;
    boolean reset = false;
    if (c.lastMeterChangeTs() != Long.MIN_VALUE && c.lastMeterChangeTs() != meterChangeSeen[e]) {
      reset = meterChangeSeen[e] != Long.MIN_VALUE || counters[ci + C_JUDGED] > 0;
      meterChangeSeen[e] = c.lastMeterChangeTs();
    }
    double cap = c.capacityKva();
    double capAtBase = stats[si + S_CAP_AT_BASE];
    if (!Double.isNaN(cap)) {
      if (!Double.isNaN(capAtBase) && Math.abs(cap - capAtBase) > 0.01 * capAtBase) {
        reset = true;
      }
      stats[si + S_CAP_AT_BASE] = cap;
    }
    int status = c.status().ordinal();
    if (counters[ci + C_STATUS_AT_BASE] != status) {
      reset |= counters[ci + C_STATUS_AT_BASE] >= 0;
      counters[ci + C_STATUS_AT_BASE] = status;
    }
    if (reset) {
      counters[ci + C_N_WORK] = 0;
      counters[ci + C_N_REST] = 0;
      counters[ci + C_N_NIGHT] = 0;
      counters[ci + C_JUDGED] = 0;
      counters[ci + C_FLAT_BITS] = 0;
      counters[ci + C_STREAK_LEVEL] = 0;
      counters[ci + C_STREAK_NIGHT] = 0;
      counters[ci + C_STREAK_FLAT] = 0;
      counters[ci + C_FLAT_WORK] = 0;
      counters[ci + C_STEP_FROM] = NONE;
      stats[si + S_STEP_SUM] = 0;
    }
  }

  private boolean levelShift(int e, int d, long endTs, int dayType, EnterpriseContext c,
      DetectionProfile p, int stepFrom) {
    DetectionProfile.LevelShift lp = p.levelShift();
    int ci = e * C;
    int n = counters[ci + C_N_WORK + dayType];
    double mu = stats[e * S + S_MU_WORK + 2 * dayType];
    double dev = stats[e * S + S_DEV_WORK + 2 * dayType];
    double kwh = day[DailyFeatures.KWH];
    if (c.status() != EnterpriseStatus.OPERATING) {
      counters[ci + C_STREAK_LEVEL] = 0;
      return false;
    }
    if (n < p.general().warmupDays()) {
      return false; // this day type has too little history to judge: the streak neither grows nor breaks
    }
    double z = (kwh - mu) / SeasonalBaseline.sigma(mu, dev);
    boolean hit = kwh >= lp.minRatio() * mu && z >= lp.minZ() && kwh - mu >= lp.minExcessKwh();
    if (!hit) {
      counters[ci + C_STREAK_LEVEL] = 0;
      return false;
    }
    if (counters[ci + C_STREAK_LEVEL]++ == 0) {
      // The step itself, if the load was already raised at the end of the day(s) before (at
      // most STEP_LOOKBACK_DAYS back); otherwise this day's first slot.
      int dayStart = d * SLOTS_PER_DAY;
      counters[ci + C_LEVEL_START] = stepFrom != NONE && stepFrom < dayStart
          && stepFrom >= dayStart - STEP_LOOKBACK_DAYS * SLOTS_PER_DAY ? stepFrom : dayStart;
    }
    int streak = counters[ci + C_STREAK_LEVEL];
    if (streak < lp.consecutiveDays() || !lp.enabled()) {
      return true;
    }
    long firstTs = zone.toEpochSecond((long) (counters[ci + C_LEVEL_START] + 1) * SLOT_SECONDS);
    double score = exceedScore(kwh, lp.minRatio() * mu);
    int phase = episodes.evidence(e, FindingKind.LEVEL_SHIFT, firstTs, endTs, score,
        gapSeconds(p), d);
    if (shouldEmit(phase, endTs) && !explainedByMelting(e, endTs, p)) {
      Map<String, Double> f = dayFeatures();
      f.put("baselineKwh", mu);
      f.put("ratio", kwh / mu);
      f.put("robustZ", z);
      f.put("consecutiveDays", (double) streak);
      f.put("workingDay", dayType == 0 ? 1.0 : 0.0);
      List<String> thr = List.of(
          "kwh/baseline " + fmt(kwh / mu) + " >= minRatio " + lp.minRatio(),
          "robustZ " + fmt(z) + " >= minZ " + lp.minZ(),
          "kwh-baseline " + fmt(kwh - mu) + " >= minExcessKwh " + lp.minExcessKwh(),
          "consecutiveDays " + streak + " >= " + lp.consecutiveDays());
      emit(e, FindingKind.LEVEL_SHIFT, phase, f, thr,
          text.levelShift(endTs, kwh, mu, dayType == 0, streak), d * SLOTS_PER_DAY + 95,
          SLOTS_PER_DAY);
    }
    return hit;
  }

  private boolean nightLoad(int e, int d, long endTs, int dayType, EnterpriseContext c,
      DetectionProfile p) {
    DetectionProfile.NightLoad np = p.nightLoad();
    DetectionProfile.General g = p.general();
    int ci = e * C;
    double baseShare = stats[e * S + S_NIGHT_SHARE];
    double baseNight = stats[e * S + S_NIGHT_KWH];
    double share = day[DailyFeatures.NIGHT_SHARE];
    double nightKwh = day[DailyFeatures.NIGHT_KWH];
    int nightHours = Math.floorMod(g.nightEndHour() - g.nightStartHour(), 24);
    double nightKw = nightKwh / Math.max(1, nightHours);
    boolean hit = counters[ci + C_N_NIGHT] >= g.warmupDays()
        && c.status() == EnterpriseStatus.OPERATING
        && share >= baseShare + np.minShareIncrease()
        && nightKwh >= np.minNightRatio() * Math.max(baseNight, 1)
        && nightKw >= np.minNightKw();
    int streak = hit ? ++counters[ci + C_STREAK_NIGHT] : (counters[ci + C_STREAK_NIGHT] = 0);
    if (!hit || streak < np.consecutiveDays() || !np.enabled()) {
      return hit;
    }
    long firstTs = dayFirstTs(d - streak + 1);
    double score = exceedScore(nightKwh, np.minNightRatio() * Math.max(baseNight, 1));
    int phase = episodes.evidence(e, FindingKind.NIGHT_LOAD, firstTs, endTs, score,
        gapSeconds(p), d);
    if (shouldEmit(phase, endTs) && !explainedByMelting(e, endTs, p)) {
      Map<String, Double> f = dayFeatures();
      f.put("baselineNightShare", baseShare);
      f.put("baselineNightKwh", baseNight);
      f.put("nightKw", nightKw);
      f.put("consecutiveDays", (double) streak);
      List<String> thr = List.of(
          "nightShare " + fmt(share) + " >= baseline " + fmt(baseShare) + " + "
              + np.minShareIncrease(),
          "nightKwh " + fmt(nightKwh) + " >= " + np.minNightRatio() + " x baseline "
              + fmt(baseNight),
          "nightKw " + fmt(nightKw) + " >= minNightKw " + np.minNightKw(),
          "consecutiveDays " + streak + " >= " + np.consecutiveDays());
      emit(e, FindingKind.NIGHT_LOAD, phase, f, thr,
          text.nightLoad(endTs, nightKwh, share, baseShare, nightKw, streak),
          d * SLOTS_PER_DAY + 95, SLOTS_PER_DAY);
    }
    return hit;
  }

  private void flatContinuous(int e, int d, long endTs, EnterpriseContext c, DetectionProfile p) {
    DetectionProfile.FlatContinuous fp = p.flatContinuous();
    int ci = e * C;
    boolean flat = day[DailyFeatures.CV] <= fp.maxCv() && day[DailyFeatures.MEAN_KW] >= fp.minKw();
    int history = counters[ci + C_FLAT_BITS];
    int judgedBefore = counters[ci + C_JUDGED];
    counters[ci + C_FLAT_BITS] = (history << 1) | (flat ? 1 : 0);
    counters[ci + C_JUDGED] = judgedBefore + 1;
    int streak = flat ? ++counters[ci + C_STREAK_FLAT] : (counters[ci + C_STREAK_FLAT] = 0);
    if (!flat) {
      counters[ci + C_FLAT_WORK] = 0;
      return;
    }
    // A plant's base load over a long holiday is flat too: a miner is flat on working days.
    int workingDays = ChineseCalendar.isWorkingDay(d) ? ++counters[ci + C_FLAT_WORK]
        : counters[ci + C_FLAT_WORK];
    if (streak < fp.consecutiveDays() || workingDays < fp.minWorkingDays() || !fp.enabled()
        || c.status() != EnterpriseStatus.OPERATING) {
      return;
    }
    double historyShare = 0;
    if (fp.requireNovelty()) {
      int shift = streak - 1; // the streak's earlier days are the newest history bits
      int len = Math.min(32 - shift, judgedBefore - shift);
      if (shift >= 32 || len < p.general().warmupDays()) {
        return;
      }
      int past = len == 32 ? history >>> shift : (history >>> shift) & ((1 << len) - 1);
      historyShare = Integer.bitCount(past) / (double) len;
      if (historyShare > fp.maxFlatHistoryShare()) {
        return; // it has always been like this: a 24/7 process, not a new miner
      }
    }
    long firstTs = dayFirstTs(d - streak + 1);
    double score = exceedScore(fp.maxCv(), Math.max(day[DailyFeatures.CV], 0.2 * fp.maxCv()));
    int phase = episodes.evidence(e, FindingKind.FLAT_CONTINUOUS, firstTs, endTs, score,
        gapSeconds(p), d);
    if (shouldEmit(phase, endTs)) {
      Map<String, Double> f = dayFeatures();
      f.put("consecutiveDays", (double) streak);
      f.put("flatHistoryShare", historyShare);
      List<String> thr = List.of(
          "cv " + fmt(day[DailyFeatures.CV]) + " <= maxCv " + fp.maxCv(),
          "meanKw " + fmt(day[DailyFeatures.MEAN_KW]) + " >= minKw " + fp.minKw(),
          "consecutiveDays " + streak + " >= " + fp.consecutiveDays(),
          "workingDays " + workingDays + " >= " + fp.minWorkingDays(),
          "flatHistoryShare " + fmt(historyShare) + " <= " + fp.maxFlatHistoryShare());
      emit(e, FindingKind.FLAT_CONTINUOUS, phase, f, thr,
          text.flat(endTs, day[DailyFeatures.MEAN_KW], day[DailyFeatures.CV], streak, c),
          d * SLOTS_PER_DAY + 95, SLOTS_PER_DAY);
    }
  }

  private void intensity(int e, int d, long endTs, int month, EnterpriseContext c,
      DetectionProfile p) {
    DetectionProfile.IntensityMismatch ip = p.intensityMismatch();
    if (!ip.enabled()) {
      return;
    }
    double coverage = counters[e * C + C_MONTH_SLOTS]
        / (double) (LocalDays.daysInMonth(month) * SLOTS_PER_DAY);
    if (coverage < ip.minCoverage()) {
      return;
    }
    double kwh = stats[e * S + S_MONTH_KWH] / coverage;
    if (kwh < ip.minMonthKwh()) {
      return;
    }
    double tonnes = c.declaredMonthlyOutputTonnes();
    double yuan = c.declaredMonthlySalesYuan();
    double expected;
    String why;
    String basis;
    if (!Double.isNaN(tonnes) && ip.kwhPerTonneMax() > 0) {
      expected = tonnes * ip.kwhPerTonneMax();
      why = text.intensityTonnes(endTs, kwh, tonnes, ip.kwhPerTonneMax(), Math.max(expected, 1));
      basis = "declaredTonnes " + fmt(tonnes) + " x " + ip.kwhPerTonneMax() + " kWh/t";
    } else if (!Double.isNaN(yuan) && ip.kwhPerYuanMax() > 0) {
      expected = yuan * ip.kwhPerYuanMax();
      why = text.intensitySales(endTs, kwh, yuan, ip.kwhPerYuanMax(), Math.max(expected, 1));
      basis = "declaredSalesYuan " + fmt(yuan) + " x " + ip.kwhPerYuanMax() + " kWh/yuan";
    } else {
      return;
    }
    double limit = Math.max(expected, 1) * ip.tolerance();
    if (kwh <= limit) {
      return;
    }
    // The month's evidence starts at its first reading (a month the data only partly covers starts later).
    int firstDay = counters[e * C + C_MONTH_FIRST];
    long firstTs = firstDay != NONE ? dayFirstTs(firstDay)
        : zone.toEpochSecond(LocalDays.firstDayOfMonth(month) * 86_400L + SLOT_SECONDS);
    int phase = episodes.evidence(e, FindingKind.INTENSITY_MISMATCH, firstTs, endTs,
        exceedScore(kwh, limit), 40L * 86_400, d);
    if (shouldEmit(phase, endTs)) {
      Map<String, Double> f = new LinkedHashMap<>();
      f.put("monthKwh", kwh);
      f.put("expectedKwh", expected);
      f.put("ratio", kwh / Math.max(expected, 1));
      f.put("monthCoverage", coverage);
      f.put("declaredMonthlyOutputTonnes", tonnes);
      f.put("declaredMonthlySalesYuan", yuan);
      List<String> thr = List.of(
          "monthKwh " + fmt(kwh) + " > " + basis + " x tolerance " + ip.tolerance(),
          "monthCoverage " + fmt(coverage) + " >= " + ip.minCoverage());
      emit(e, FindingKind.INTENSITY_MISMATCH, phase, f, thr, why, d * SLOTS_PER_DAY + 95,
          SLOTS_PER_DAY);
    }
  }

  // ---------------------------------------------------------------- PEER_OUTLIER

  /** Closes, for every enterprise, each day whose last slot is at or before {@code finalSlot}. */
  private void closePeerDays(int finalSlot) {
    int lastDay = Math.floorDiv(finalSlot + 1, SLOTS_PER_DAY) - 1;
    if (nextPeerDay == NONE) {
      nextPeerDay = lastDay + 1;
      return;
    }
    if (lastDay - nextPeerDay > 366) {
      nextPeerDay = lastDay - 366; // a jump of years: nothing to compare in between
    }
    while (nextPeerDay <= lastDay) {
      int d = nextPeerDay++;
      int target = (d + 1) * SLOTS_PER_DAY - 1;
      for (int e = 0; e < capacity; e++) {
        if (maxSlot[e] != NONE && finSlot[e] < target) {
          finalizeTo(e, target);
        }
      }
      scorePeers(d);
    }
  }

  private int[] peerRows = new int[0];
  private int[] peerGroup = new int[0];
  private double[] peerX = new double[0];
  private double[] peerZ = new double[0];
  private double[] peerDiff = new double[0];
  private int[] peerSize = new int[0];
  /** Peer group ids by "industry|district"; grows only when a new pair appears. */
  private final Map<String, Integer> groupIds = new HashMap<>();

  private void scorePeers(int d) {
    if (peerRows.length < capacity) {
      peerRows = new int[capacity];
      peerGroup = new int[capacity];
      peerX = new double[capacity];
      peerZ = new double[capacity];
      peerDiff = new double[capacity];
      peerSize = new int[capacity];
    }
    int n = 0;
    int slot = d & (PEER_DAYS - 1);
    for (int e = 0; e < capacity; e++) {
      int pi = e * PEER_DAYS + slot;
      if (peerDay[pi] != d) {
        continue;
      }
      if (peerGroupOf[pi] < 0) {
        continue;
      }
      peerRows[n] = e;
      peerGroup[n] = peerGroupOf[pi];
      peerX[n] = peerValue[pi];
      n++;
    }
    if (n == 0) {
      return;
    }
    int minPeers = profiles.defaults().peerOutlier().minPeers();
    peerScorer.score(n, peerGroup, peerX, peerZ, peerDiff, peerSize, Math.max(2, minPeers));
    long endTs = zone.toEpochSecond((d + 1L) * 86_400);
    for (int i = 0; i < n; i++) {
      int e = peerRows[i];
      EnterpriseContext c = peerCtx[e * PEER_DAYS + slot];
      DetectionProfile p = peerProf[e * PEER_DAYS + slot];
      DetectionProfile.PeerOutlier pp = p.peerOutlier();
      double ratio = Math.exp(peerDiff[i]);
      boolean hit = pp.enabled() && peerSize[i] >= pp.minPeers() && peerZ[i] >= pp.minZ()
          && ratio >= pp.minRatio() && c.status() == EnterpriseStatus.OPERATING;
      int ci = e * C + C_STREAK_PEER;
      int streak = hit ? ++counters[ci] : (counters[ci] = 0);
      if (!hit || streak < pp.consecutiveDays()) {
        continue;
      }
      int phase = episodes.evidence(e, FindingKind.PEER_OUTLIER, dayFirstTs(d - streak + 1),
          endTs, exceedScore(peerZ[i], pp.minZ()), gapSeconds(p), d);
      if (shouldEmit(phase, endTs) && !explainedByMelting(e, endTs, p)) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("kwhPerKva", Math.exp(peerX[i]));
        f.put("peerMedianKwhPerKva", Math.exp(peerX[i] - peerDiff[i]));
        f.put("ratioToPeerMedian", ratio);
        f.put("robustZ", peerZ[i]);
        f.put("peers", (double) peerSize[i]);
        f.put("consecutiveDays", (double) streak);
        List<String> thr = List.of(
            "robustZ " + fmt(peerZ[i]) + " >= minZ " + pp.minZ(),
            "ratioToPeerMedian " + fmt(ratio) + " >= minRatio " + pp.minRatio(),
            "peers " + peerSize[i] + " >= minPeers " + pp.minPeers(),
            "consecutiveDays " + streak + " >= " + pp.consecutiveDays());
        sink.onFinding(new Finding(e, FindingKind.PEER_OUTLIER, phaseOf(phase),
            episodes.score(e, FindingKind.PEER_OUTLIER), episodes.start(e, FindingKind.PEER_OUTLIER),
            episodes.last(e, FindingKind.PEER_OUTLIER), f, thr,
            text.peer(endTs, ratio, peerSize[i], streak, c), new long[0], new double[0]));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private boolean shouldEmit(int phase, long lastTs) {
    return phase != EpisodeTracker.NONE && lastTs > suppressUpTo;
  }

  /**
   * One alert per cause: an enterprise with an active FURNACE_SIGNATURE or RESURGENCE episode
   * (evidence within the episode gap) melts or draws power where it must not, and that alert
   * already names the load. Its coarser echoes - the day total jumping (LEVEL_SHIFT), the heats
   * falling at night (NIGHT_LOAD), the day far above peers (PEER_OUTLIER) - are tracked but not
   * raised as separate alerts.
   */
  private boolean explainedByMelting(int e, long endTs, DetectionProfile p) {
    long gap = gapSeconds(p);
    for (FindingKind k : MELTING) {
      if (episodes.start(e, k) != Long.MIN_VALUE && endTs - episodes.last(e, k) <= gap) {
        return true;
      }
    }
    return false;
  }

  private static final FindingKind[] MELTING = {FindingKind.FURNACE_SIGNATURE, FindingKind.RESURGENCE};

  private static Finding.Phase phaseOf(int phase) {
    return phase == EpisodeTracker.OPENED ? Finding.Phase.OPENED : Finding.Phase.UPDATED;
  }

  private void emit(int e, FindingKind kind, int phase, Map<String, Double> features,
      List<String> thresholds, String explanation, int lastSlot, int slots) {
    int n = Math.min(slots, (1 << ringBits) - latenessSlots - 1);
    long[] ts = new long[n];
    double[] kwh = new double[n];
    int base = e << ringBits;
    for (int i = 0; i < n; i++) {
      int s = lastSlot - n + 1 + i;
      ts[i] = zone.toEpochSecond((long) (s + 1) * SLOT_SECONDS);
      int v = ring[base + (s & ringMask)];
      kwh[i] = v == MISSING ? Double.NaN : v / 1000.0;
    }
    sink.onFinding(new Finding(e, kind, phaseOf(phase), episodes.score(e, kind),
        episodes.start(e, kind), episodes.last(e, kind), features, thresholds, explanation, ts,
        kwh));
  }

  private Map<String, Double> dayFeatures() {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("dayKwh", day[DailyFeatures.KWH]);
    f.put("coverage", day[DailyFeatures.COVERAGE]);
    f.put("meanKw", day[DailyFeatures.MEAN_KW]);
    f.put("maxKw", day[DailyFeatures.MAX_KW]);
    f.put("cv", day[DailyFeatures.CV]);
    f.put("nightKwh", day[DailyFeatures.NIGHT_KWH]);
    f.put("nightShare", day[DailyFeatures.NIGHT_SHARE]);
    return f;
  }

  /** Event time of the first reading of a local day (end of its first interval). */
  private long dayFirstTs(int d) {
    return zone.toEpochSecond((long) d * 86_400 + SLOT_SECONDS);
  }

  private static long gapSeconds(DetectionProfile p) {
    return p.general().episodeGapHours() * 3600L;
  }

  /** 0.5 at the threshold, rising towards 1 as x exceeds it: 0.75 at twice, 0.9 at five times. */
  static double exceedScore(double x, double threshold) {
    if (!(x > threshold) || threshold <= 0) {
      return x > threshold ? 1.0 : 0.5;
    }
    return 0.5 + 0.5 * (1 - threshold / x);
  }

  private static String fmt(double v) {
    return String.format("%.2f", v);
  }

  private void trackMeter(int m, int e) {
    if (m >= meterEnterprise.length) {
      growMeters(Math.max(m + 1, meterEnterprise.length * 2));
    }
    int old = meterEnterprise[m];
    if (old != e) {
      if (old >= 0) {
        counters[old * C + C_METERS]--;
      }
      meterEnterprise[m] = e;
      counters[e * C + C_METERS]++;
    }
  }

  private void growMeters(int n) {
    int old = meterEnterprise.length;
    meterEnterprise = Arrays.copyOf(meterEnterprise, n);
    Arrays.fill(meterEnterprise, old, n, -1);
  }

  private void growEnterprises(int n) {
    int old = capacity;
    ring = Arrays.copyOf(ring, n << ringBits);
    Arrays.fill(ring, old << ringBits, n << ringBits, MISSING);
    maxSlot = Arrays.copyOf(maxSlot, n);
    finSlot = Arrays.copyOf(finSlot, n);
    Arrays.fill(maxSlot, old, n, NONE);
    Arrays.fill(finSlot, old, n, NONE);
    counters = Arrays.copyOf(counters, n * C);
    for (int e = old; e < n; e++) {
      counters[e * C + C_STATUS_AT_BASE] = -1;
      counters[e * C + C_MONTH] = NONE;
    }
    stats = Arrays.copyOf(stats, n * S);
    for (int e = old; e < n; e++) {
      stats[e * S + S_CAP_AT_BASE] = Double.NaN;
    }
    meterChangeSeen = Arrays.copyOf(meterChangeSeen, n);
    Arrays.fill(meterChangeSeen, old, n, Long.MIN_VALUE);
    ctxUntil = Arrays.copyOf(ctxUntil, n);
    Arrays.fill(ctxUntil, old, n, Long.MIN_VALUE);
    ctx = Arrays.copyOf(ctx, n);
    prof = Arrays.copyOf(prof, n);
    peerDay = Arrays.copyOf(peerDay, n * PEER_DAYS);
    Arrays.fill(peerDay, old * PEER_DAYS, n * PEER_DAYS, NONE);
    peerValue = Arrays.copyOf(peerValue, n * PEER_DAYS);
    peerCtx = Arrays.copyOf(peerCtx, n * PEER_DAYS);
    peerProf = Arrays.copyOf(peerProf, n * PEER_DAYS);
    peerGroupOf = Arrays.copyOf(peerGroupOf, n * PEER_DAYS);
    groupOf = Arrays.copyOf(groupOf, n);
    episodes.ensureCapacity(n);
    capacity = n;
  }
}
