package org.furnacewatch.detect;

import org.furnacewatch.calendar.DayTypes;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming detection over 15-minute readings, fed reading by reading in any arrival order.
 *
 * <h2>Design</h2>
 * Each enterprise owns a ring of 512 fifteen-minute slots (watt-hours as int, so a slot's value
 * does not depend on the order its meters' readings arrive in) and a byte per slot counting the
 * meters that reported it. Slots are indexed by local time, so slot / 96 is the local day. Power
 * companies upload half-days split over requests, in any row order, and re-collect missing
 * readings (补采) days later, so nothing here waits on arrival order:
 * <ol>
 *   <li><b>Judging.</b> A slot is judged as soon as every meter of the enterprise has reported it,
 *       or once it is {@code settleHours} behind the enterprise's newest reading. Judging a slot
 *       runs the rules on the windows that end there: {@link ResurgenceRule} at every slot, and at
 *       every hour end {@link FurnaceRule} (8 hours) and {@link LoadShapeRule} (24 hours against
 *       the hourly baseline). The rules are stateless over the ring, so a reading that lands in a
 *       slot already judged (re-collected, or a data concentrator that was quiet) simply marks its
 *       windows to be judged again in {@link #flush()}; {@link EpisodeTracker} keeps that from
 *       raising a second alert. Within {@code horizonHours} nothing is late.
 *   <li><b>Learning.</b> A day teaches the baselines ({@link HourlyBaseline}, the cycling history of
 *       {@link FurnaceRule}), the peer stage and the month's intensity once it is complete and at
 *       least {@code learnAfterHours} old, or at the horizon. An anomaly is therefore judged before
 *       it could become normal, and days with an active episode are not learned.
 *   <li><b>Peers.</b> {@link PeerStage} scores a day once the engine-wide watermark (the newest slot
 *       of all, minus horizon and peer delay) has passed it.
 *       An enterprise in its first days on the watch is judged sooner, on one half-day, by
 *       {@link FirstDaysPeers}: as soon as its peers have reported that half-day.
 * </ol>
 * Missing data is not zero: a missing slot stays {@link DailyFeatures#MISSING}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Feed each accepted (meter, ts) once: the service de-duplicates; a second delivery adds.
 *   <li>A reading more than the ring's reach (about 100 hours) behind its enterprise's newest is
 *       counted in {@link #lateReadings()} and ignored; within the horizon the same readings in
 *       any order give the same episodes.
 *   <li>Call {@link #flush()} after a batch (the service: after each commit) to re-judge windows
 *       that late readings touched.
 *   <li>Rebuild after restart: replay stored readings after {@link #alreadyEmittedUpTo(long)}.
 *   <li>Single-threaded. Findings are delivered synchronously on the calling thread.
 * </ul>
 *
 * <h2>Cost</h2>
 * A reading costs a zone-offset check, an int add, a byte increment and, once its slot is
 * complete, the slot rules; hourly rules read at most 96 + 64 ints. Nothing allocates unless a
 * finding is emitted. State: {@link #stateBytesPerEnterprise()}.
 */
public final class DetectionEngine {
  static final int SLOT_SECONDS = 900;
  private static final long HALF_DAY_SECONDS = 43_200;
  static final int SLOTS_PER_DAY = DailyFeatures.SLOTS_PER_DAY;
  static final int RING_BITS = 9;
  private static final int RING = 1 << RING_BITS;
  private static final int MASK = RING - 1;
  private static final int NONE = Integer.MIN_VALUE;
  private static final int MISSING = DailyFeatures.MISSING;
  /** A 15-minute reading above this is a unit error, not a load (400 MW). */
  private static final double MAX_KWH = 100_000_000;
  /** Low bits of a slot's count byte: meters reported; the high bit: its windows were judged. */
  private static final int JUDGED = 0x80;
  private static final int COUNT = 0x7f;
  /** Window ends a late reading re-judges: the longest window (24 h) and the furnace confirmation. */
  private static final int REJUDGE_SLOTS = SLOTS_PER_DAY + 8;
  /** How far behind the newest slot a reading is still written: the ring less one rule window. */
  private static final int REACH_SLOTS = RING - REJUDGE_SLOTS - 4;
  private static final FindingKind[] LEARN_BLOCKERS = {FindingKind.FURNACE_SIGNATURE,
      FindingKind.RESURGENCE, FindingKind.LEVEL_SHIFT, FindingKind.NIGHT_LOAD,
      FindingKind.FLAT_CONTINUOUS};

  private final ProfileResolver profiles;
  private final FindingSink sink;
  private final ZoneOffsets zone;
  private final Explanations text;
  private final ContextCache judgeCtx;
  private final ContextCache learnCtx;
  private final HourlyBaseline baseline = new HourlyBaseline();
  private final ActivityIndex activity = new ActivityIndex();
  private final SpringFestivalReturn springFestival;
  private final DayTypes days;
  private final FurnaceRule furnace;
  private final IdleHourHeats idleHeats;
  private final MeterScale meterScale = new MeterScale();
  private final LastDayTimes lastDayTimes;
  private final LoadShapeRule shape;
  private final PeerStage peers = new PeerStage(PeerStage.LEARNED_DAYS);
  private final FirstDaysPeers firstDays = new FirstDaysPeers();
  private final PeerStage.Outlier firstDaysOutlier = this::firstDaysPeerOutlier;
  private final EpisodeTracker episodes = new EpisodeTracker();
  private final OneAlertPerCause causes = new OneAlertPerCause(episodes);
  private final double[] day = new double[DailyFeatures.COUNT];
  private final double[] hourKwh = new double[HourlyBaseline.HOURS];
  private final IdleNoise idleNoise = new IdleNoise();

  private final int horizonSlots;
  private final int settleSlots;
  private final int learnAfterSlots;
  private final int peerDelaySlots;

  private int capacity;
  private int[] ring = new int[0];
  private byte[] counts = new byte[0];
  private int[] newest = new int[0];
  /**
   * Earliest slot of each new account's readings (how long it has drawn power here), or
   * KNOWN_FROM_THE_START.
   */
  private int[] firstSlot = new int[0];
  /** Every slot up to here has been judged, in time order. */
  private int[] judgedTo = new int[0];
  private int[] learnedDay = new int[0];
  private int[] dirtyFrom = new int[0];
  private int[] dirtyTo = new int[0];
  private int[] dirty = new int[0];
  private boolean[] listed = new boolean[0];
  /** The last load-shape evaluation saw raised (or too few known) hours: evaluate in full. */
  private boolean[] shapeActive = new boolean[0];
  private boolean rejudging;
  private int dirtyCount;
  private int[] expectedMeters = new int[0];
  private int[] metersSeen = new int[0];
  private int[] meterEnterprise = new int[0];
  /** What the baseline was learned under: capacity and status; a dated change restarts it. */
  private float[] capAtBase = new float[0];
  private byte[] statusAtBase = new byte[0];
  private long[] meterChangeAtBase = new long[0];
  /**
   * The local day of the meter replacement whose scale was read, and the day it was read on as days
   * after it: positive where it was the old scale, negative where another.
   */
  private int[] scaleReadFor = new int[0];
  private byte[] scaleRead = new byte[0];
  private final MonthTotals months = new MonthTotals();

  private int globalNewest = NONE;
  /** Earliest slot of any reading: when this watch (or its replay) began. */
  private int watchFirstSlot = NONE;
  private int nextPeerDay = NONE;
  private long suppressUpTo = Long.MIN_VALUE;
  private long accepted;
  private long late;
  private long invalid;
  private long rejudged;

  /** Engine judging days in Asia/Shanghai with the built-in default profile. */
  public DetectionEngine(ContextSource contexts, DayTypes days, FindingSink sink) {
    this(contexts, ProfileResolver.defaultsOnly(), days, sink, ZoneId.of("Asia/Shanghai"), 1024, 1024);
  }

  /**
   * @param contexts the registry's dated history
   * @param profiles thresholds; horizon, settle, learning and peer delays come from its default
   * @param days the working calendar (working days, weekends, holidays, 调休 make-up days) as data
   * @param sink receives findings
   * @param zone zone of days, nights and holidays
   * @param expectedEnterprises initial capacity (grows by doubling)
   * @param expectedMeters initial meter capacity (grows by doubling)
   */
  public DetectionEngine(ContextSource contexts, ProfileResolver profiles, DayTypes days,
      FindingSink sink, ZoneId zone, int expectedEnterprises, int expectedMeters) {
    this.profiles = profiles;
    this.days = days;
    this.furnace = new FurnaceRule(days, activity);
    this.idleHeats = new IdleHourHeats(days);
    this.lastDayTimes = new LastDayTimes(days);
    this.springFestival = new SpringFestivalReturn(days);
    this.shape = new LoadShapeRule(days, activity, springFestival);
    this.sink = sink;
    this.zone = new ZoneOffsets(zone);
    this.text = new Explanations(zone);
    Map<String, Integer> groups = new HashMap<>();
    this.judgeCtx = new ContextCache(contexts, profiles, this.zone, groups);
    this.learnCtx = new ContextCache(contexts, profiles, this.zone, groups);
    DetectionProfile.General g = profiles.defaults().general();
    this.horizonSlots = g.horizonHours() * 4;
    this.settleSlots = g.settleHours() * 4;
    this.learnAfterSlots = g.learnAfterHours() * 4;
    this.peerDelaySlots = g.peerDelayHours() * 4;
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
    if ((slot & 3) == 3) {
      prefetchHour(e, slot); // first: the memory system fetches while the bookkeeping below runs
    }
    int top = newest[e];
    boolean advanced = false;
    if (top == NONE) {
      if (watchFirstSlot == NONE || slot < watchFirstSlot) {
        watchFirstSlot = slot;
      }
      // New or not is decided when the account first reports: history sent later for others
      // (an earlier watch start) does not make an account known from the start a new one.
      firstSlot[e] = slot - watchFirstSlot >= NEW_SITE_AFTER_SLOTS ? slot : KNOWN_FROM_THE_START;
      newest[e] = slot;
      judgedTo[e] = slot - horizonSlots;
      learnedDay[e] = Math.floorDiv(slot - horizonSlots, SLOTS_PER_DAY) - 1;
      judgeContext(e, slot, endTs(slot));
      advanced = true;
    } else if (slot > top) {
      if (slot - learnAfterSlots - (learnedDay[e] + 2) * SLOTS_PER_DAY + 1 >= 0) {
        prefetchDay(e, learnedDay[e] + 1); // its learning is due on this reading or the next
      }
      clearRing(e, top + 1, slot);
      newest[e] = slot;
      advanced = true;
    } else if (slot <= top - REACH_SLOTS) {
      late++;
      return;
    } else if (slot < firstSlot[e]) { // (never below KNOWN_FROM_THE_START)
      firstSlot[e] = slot;
    }
    int idx = (e << RING_BITS) + (slot & MASK);
    int cur = ring[idx];
    int wh = (int) Math.round(kwh * 1000);
    ring[idx] = cur == MISSING ? wh : cur + wh;
    int c = counts[idx] & 0xff;
    int n = Math.min(COUNT, (c & COUNT) + 1);
    counts[idx] = (byte) ((c & JUDGED) | n);
    accepted++;
    if (n == expectedMeters[e]) {
      int offer = firstDays.slotCompleted(e, slot, ring[idx]);
      if (offer != 0) {
        offerFirstDays(e, slot, offer);
      }
    }
    if ((c & JUDGED) != 0 || slot <= judgedTo[e]) {
      rejudged++;
      markDirty(e, slot);
      learn(e); // (a re-collected row may complete a day: learned now, whatever came before it)
    } else if (advanced || (slot == judgedTo[e] + 1 && n >= expectedMeters[e])) {
      advanceJudged(e);
      if (dirtyFrom[e] != NONE && judgedTo[e] > dirtyTo[e] + settleSlots) {
        rejudge(e); // without a flush from the caller, a re-judgement waits at most the settle time
      }
      learn(e);
    }
    if (advanced && slot > globalNewest) {
      globalNewest = slot;
      closePeerDays(slot - horizonSlots - peerDelaySlots);
      firstDays.advance(slot, minPeers(), firstDaysOutlier);
    }
  }

  /**
   * Reads one word of each cache line that the rules of the hour ending at slot s read first: the
   * ring's and the counts' lines of the furnace window (32 slots, written hours ago and evicted
   * since by the other enterprises' readings) and the hour's learned levels. Java has no prefetch
   * instruction; loads that nothing waits on, issued before the reading's bookkeeping, overlap it
   * instead of stalling the screen (CPU time per reading 4-7 % lower in a one-JVM comparison of
   * DetectionEngineBenchmark's feed, session 23). Reads only.
   */
  private void prefetchHour(int e, int s) {
    int base = e << RING_BITS;
    prefetched += ring[base + ((s - 31) & MASK)] + ring[base + ((s - 15) & MASK)]
        + counts[base + ((s - 31) & MASK)] + baseline.prefetch(e, Math.floorMod(s >> 2, 24));
  }

  /**
   * The same for learning day d ({@link #learnDay}): its counts and slots, and the 16 slots before
   * it that the furnace's learning windows begin with, all written a day and a half ago. Several
   * passes read the day in turn, the first of them slot by slot, so each of its lines arrived
   * only when the pass reached it.
   */
  private void prefetchDay(int e, int d) {
    int base = e << RING_BITS;
    int first = d * SLOTS_PER_DAY - 16;
    int sum = counts[base + (first & MASK)] + counts[base + ((first + 56) & MASK)]
        + counts[base + ((first + 111) & MASK)] + ring[base + ((first + 111) & MASK)];
    for (int k = 0; k < 112; k += 16) {
      sum += ring[base + ((first + k) & MASK)];
    }
    prefetched += sum;
  }

  /** What {@link #prefetchHour} read (meaningless): stored, so that the JIT keeps the reads. */
  private int prefetched;

  /** Re-judges the windows that readings into already judged slots touched. Call after a batch. */
  public void flush() {
    for (int k = 0; k < dirtyCount; k++) {
      rejudge(dirty[k]);
      listed[dirty[k]] = false;
    }
    dirtyCount = 0;
    firstDays.flush(minPeers(), firstDaysOutlier);
  }

  /**
   * Declares the uploads delivered so far whole (the feed went quiet: a power company's next upload
   * comes half a day or a day on). Each enterprise whose newest reading closes a half-day (11:45
   * or 23:45) that every meter reported has everything through it judged, rows missing before it
   * or not: a row a meter missed inside an upload comes, if at all, with a later upload, and
   * without this the hours after such a gap wait settleHours behind a reading only the next upload
   * brings (a daily upload's evening, judged a day later: past 36 h from a morning's onset). Rows
   * re-collected later re-judge their windows, as any late row does. Not called per request: an
   * upload split over requests in any row order is judged whole, not on its first part.
   */
  public void uploadsWhole() {
    flush();
    for (int e = 0; e < capacity; e++) {
      uploadWhole(e);
    }
  }

  /** {@link #uploadsWhole} for one enterprise, whose feed went quiet (after a {@link #flush}). */
  public void uploadWhole(int e) {
    int top = e < capacity ? newest[e] : NONE;
    if (top != NONE && judgedTo[e] < top && closesHalfDay(top)
        && (counts[(e << RING_BITS) + (top & MASK)] & COUNT) >= expectedMeters[e]) {
      judgeThrough(e, top);
      learn(e);
    }
  }

  /** Whether slot s (local) is the last of a half-day: 11:45-12:00 or 23:45-24:00. */
  static boolean closesHalfDay(int s) {
    return (s + 1) % (SLOTS_PER_DAY / 2) == 0;
  }

  private void rejudge(int e) {
    if (dirtyFrom[e] == NONE) {
      return;
    }
    int to = Math.min(judgedTo[e], dirtyTo[e] + REJUDGE_SLOTS);
    rejudging = true;
    for (int s = dirtyFrom[e]; s <= to; s++) {
      judgeSlot(e, s);
    }
    rejudging = false;
    dirtyFrom[e] = NONE;
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
   * come any more (end of a replay, or a feed known complete): every slot through it is judged,
   * every day through it learned, and the days it completes are scored against peers.
   */
  public void advanceTo(long tsEpochSecond) {
    int target = (int) Math.floorDiv(tsEpochSecond + zone.offsetAt(tsEpochSecond), SLOT_SECONDS) - 1;
    flush();
    for (int e = 0; e < capacity; e++) {
      if (newest[e] != NONE) {
        judgeThrough(e, Math.min(target, newest[e]));
        learnThrough(e, target);
      }
    }
    closePeerDays(target);
    firstDays.advance(target, minPeers(), firstDaysOutlier);
    firstDays.flush(minPeers(), firstDaysOutlier);
  }

  public long acceptedReadings() {
    return accepted;
  }

  /** Readings that arrived beyond the ring's reach (about 100 hours behind) and were ignored. */
  public long lateReadings() {
    return late;
  }

  /** Readings that arrived after their slot was judged and re-judged its windows. */
  public long rejudgedReadings() {
    return rejudged;
  }

  public long invalidReadings() {
    return invalid;
  }

  /** Event time up to which every slot of the enterprise is judged ({@link Long#MIN_VALUE} if none). */
  public long watermark(int enterpriseIdx) {
    if (enterpriseIdx >= capacity || newest[enterpriseIdx] == NONE) {
      return Long.MIN_VALUE;
    }
    return endTs(judgedTo[enterpriseIdx]);
  }

  /** Bytes of detector state per enterprise, counted from the arrays (compressed references). */
  public int stateBytesPerEnterprise() {
    return RING * 5 // slot ring and counts: the horizon's slots
        + 4 * 8 + 4 + 1 + 8 + 2 // frontiers, dirty range, meters; capacity, status, meter at base; flags
        + 4 + 1 // a replaced meter's scale read: its day, and when and what was read
        + 2 * (4 + 4 + 4 + 4 + 8 + 8) // two context caches
        + MonthTotals.BYTES_PER_ENTERPRISE
        + HourlyBaseline.bytesPerEnterprise()
        + FurnaceRule.bytesPerEnterprise()
        + IdleHourHeats.bytesPerEnterprise()
        + PeerStage.bytesPerEnterprise()
        + FirstDaysPeers.bytesPerEnterprise()
        + EpisodeTracker.bytesPerEnterprise();
  }

  /** Bytes per enterprise beyond the horizon's slots (the ring and its counts). */
  public int stateBytesBeyondSlots() {
    return stateBytesPerEnterprise() - RING * 5;
  }

  /** Total bytes of preallocated detector state (capacity, not use). */
  public long stateBytes() {
    return (long) stateBytesPerEnterprise() * capacity + 4L * meterEnterprise.length;
  }

  int ringSlots() {
    return RING;
  }

  // ---------------------------------------------------------------- judging

  private void judge(int e, int s) {
    int idx = (e << RING_BITS) + (s & MASK);
    counts[idx] = (byte) (counts[idx] | JUDGED);
    judgeSlot(e, s);
  }

  /**
   * Judges slots in time order while the next one is settled: every meter reported it, or it is
   * settleHours behind the newest reading (a gap, or a row to be re-collected later). Windows are
   * so judged in the same order, on the same data, whatever order the readings came in.
   */
  private void advanceJudged(int e) {
    int base = e << RING_BITS;
    int top = newest[e];
    int s = Math.max(judgedTo[e] + 1, top - REACH_SLOTS);
    for (; s <= top; s++) {
      boolean settled = s <= top - settleSlots
          || (counts[base + (s & MASK)] & COUNT) >= expectedMeters[e];
      if (!settled) {
        break;
      }
      judge(e, s);
    }
    judgedTo[e] = s - 1;
  }

  /** Judges every slot through {@code to}, settled or not (the feed declared it complete). */
  private void judgeThrough(int e, int to) {
    int s = Math.max(judgedTo[e] + 1, newest[e] - REACH_SLOTS);
    for (; s <= to; s++) {
      judge(e, s);
    }
    judgedTo[e] = Math.max(judgedTo[e], to);
  }

  private void markDirty(int e, int s) {
    furnace.forgetQuiet(e); // a judged slot changed
    if (dirtyFrom[e] == NONE) {
      if (!listed[e]) {
        listed[e] = true;
        dirty[dirtyCount++] = e;
      }
      dirtyFrom[e] = s;
      dirtyTo[e] = s;
    } else {
      dirtyFrom[e] = Math.min(dirtyFrom[e], s);
      dirtyTo[e] = Math.max(dirtyTo[e], s);
    }
  }

  private EnterpriseContext judgeContext(int e, int s, long endTs) {
    if (!judgeCtx.holds(e, endTs)) {
      return newJudgeContext(e, s, endTs);
    }
    // (most slots: the record and its profile as before, only the meters seen may have changed)
    EnterpriseContext c = judgeCtx.cached(e);
    expectMeters(e, c, false);
    return c;
  }

  private EnterpriseContext newJudgeContext(int e, int s, long endTs) {
    DetectionProfile before = judgeCtx.profile(e);
    EnterpriseContext c = judgeCtx.at(e, s, endTs);
    expectMeters(e, c, judgeCtx.profile(e) != before);
    return c;
  }

  private void expectMeters(int e, EnterpriseContext c, boolean newProfile) {
    int need = c.meters() > 0 ? c.meters() : Math.max(1, metersSeen[e]);
    if (need != expectedMeters[e] || newProfile) {
      furnace.forgetQuiet(e); // what the furnace screen reads changed
    }
    expectedMeters[e] = need;
  }

  private void judgeSlot(int e, int s) {
    long endTs = endTs(s);
    EnterpriseContext c = judgeContext(e, s, endTs);
    DetectionProfile p = judgeCtx.profile(e);
    if (c.status().mustBeDark()) {
      resurgence(e, s, endTs, c, p);
      return;
    }
    if ((s & 3) != 3) {
      return;
    }
    if (meterChangeAtBase[e] != c.lastMeterChangeTs()) {
      int replacedDay = replacedDay(c.lastMeterChangeTs());
      if (scaleReadFor[e] != replacedDay) {
        readReplacedMeterScale(e, s, c.lastMeterChangeTs(), replacedDay, p.general());
      }
    }
    boolean holds = baselineHolds(e, c, endTs);
    if (!holds && !(statusAtBase[e] == NOTHING_LEARNED && newSite(e, s, p.furnace()))) {
      return; // a dated change since the history was learned: wait until it is learned anew
    }
    // (a new account's first day, before anything is learned: only the furnace rule can judge it)
    baseline.judgeAt(activity.scaleFor(s >> 2)); // (the district's activity, ActivityIndex)
    boolean melting = furnaceCheck(e, s, endTs, c, p);
    if (!melting && holds && c.status().judgedByShape()) {
      shapeCheck(e, s, endTs, c, p);
    }
    baseline.judgeAt(1);
  }

  private void resurgence(int e, int s, long endTs, EnterpriseContext c, DetectionProfile p) {
    DetectionProfile.Resurgence r = p.resurgence();
    int base = e << RING_BITS;
    int v = ring[base + (s & MASK)];
    if (!r.enabled() || v == MISSING || ResurgenceRule.inGrace(c, r, endTs)) {
      return;
    }
    double ceilingKw = ResurgenceRule.ceilingKw(c, r);
    double loadKw = v * 0.004;
    if (loadKw <= ceilingKw) {
      return;
    }
    // The last windowSlots readings (missing slots do not shift the window).
    int over = 0;
    int firstSlot = s;
    for (int k = s, seen = 0; seen < r.windowSlots() && k > s - 32; k--) {
      int x = ring[base + (k & MASK)];
      if (x == MISSING) {
        continue;
      }
      seen++;
      if (x * 0.004 > ceilingKw) {
        over++;
        firstSlot = k;
      }
    }
    if (over < r.triggerSlots()) {
      return;
    }
    long firstTs = endTs(firstSlot);
    int phase = episodes.evidence(e, FindingKind.RESURGENCE, firstTs, endTs,
        exceedScore(loadKw, ceilingKw), gapSeconds(p), Math.floorDiv(s, SLOTS_PER_DAY));
    if (!shouldEmit(phase, endTs)) {
      return;
    }
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("loadKw", loadKw);
    f.put("standbyCeilingKw", ceilingKw);
    f.put("slotsOverCeiling", (double) over);
    f.put("windowSlots", (double) r.windowSlots());
    f.put("capacityKva", c.capacityKva());
    f.put("standbyKw", c.standbyKw());
    List<String> thr = List.of(
        "loadKw " + fmt(loadKw) + " > standbyCeilingKw " + fmt(ceilingKw),
        "slotsOverCeiling " + over + " >= triggerSlots " + r.triggerSlots() + " of "
            + r.windowSlots(),
        "status " + c.status() + " must be dark");
    String why = text.resurgence(c, episodes.start(e, FindingKind.RESURGENCE), loadKw, ceilingKw,
        over, r.windowSlots());
    emit(e, FindingKind.RESURGENCE, phase, f, thr, why, s, SLOTS_PER_DAY);
  }

  /** @return whether new furnace cycling is seen now (it then explains any extra load). */
  private boolean furnaceCheck(int e, int s, long endTs, EnterpriseContext c, DetectionProfile p) {
    DetectionProfile.Furnace fp = p.furnace();
    boolean furnaceRule = fp.enabled() || c.unlicensedFurnaceKw() > 0;
    boolean addedToSteel = !furnaceRule && legalSteel(p);
    if (!furnaceRule && !addedToSteel) {
      return false;
    }
    int base = e << RING_BITS;
    boolean newSite = !addedToSteel && newSite(e, s, fp);
    if (!furnace.judge(e, ring, counts, expectedMeters[e], base, MASK, s, newest[e] - MASK, c,
        baseline, p, addedToSteel, newSite)) {
      return addedToSteel && heatsInIdleHours(e, s, endTs, c, p);
    }
    FurnaceCycleDetector d = furnace.detector();
    furnace.confirmLast(s, fp);
    if (d.autocorrelation < fp.minAutocorrelation()) {
      return false;
    }
    if (addedToSteel) {
      addedFurnaceEvidence(e, s, endTs, c, p, endTs(d.firstHeatSlot), d.cycles, false);
      return true;
    }
    String whyNew = furnace.byBeyondLicence
        ? "slotsBeyondLicence " + furnace.slotsBeyondLicence + " >= minSlots "
            + FurnaceRule.BEYOND_LICENCE_SLOTS + " above beyondLicenceKw "
            + fmt(furnace.beyondLicenceKw) + " (learnedPeakKw " + fmt(furnace.learnedPeakKw(e))
            + " + max(minPlateauKw, 0.25 x licensedFurnaceKw), at least licensedFurnaceKw x "
            + fp.licensedTolerance() + "): a second furnace drawing beside the licensed one"
        : furnace.byNewSite
        ? "hoursSinceFirstReading " + (s - firstSlot[e]) / 4 + " < newSiteDays " + fp.newSiteDays()
            + " x 24: a new account, no cycling of its own yet"
        : furnace.byRestingSite
        ? "heats in " + Integer.bitCount(furnace.restingSiteHours) + " hours of a rest day the site"
            + " rests (rest-day level <= 0.5 x working level), dips at that resting floor: not the"
            + " cycling of its working days"
        : "heatKw " + fmt(furnace.heatKw) + " > noveltyRatio " + fp.noveltyRatio()
            + " x learnedCycleKw " + fmt(furnace.learnedCycleKw(e)) + " or heats in "
            + Integer.bitCount(furnace.newHours) + " hours never seen cycling";
    furnaceEvidence(e, s, endTs, c, p, whyNew);
    return true;
  }

  /**
   * Whether enterprise e is a new account at slot s: when it first reported, its reading was at
   * least {@link #NEW_SITE_AFTER_SLOTS} after the watch's first (an enterprise present from the
   * start is not new, only unknown), and it was less than newSiteDays ago. Operators rekindle
   * under new accounts: a furnace that melts from its first night has no cycling of its own to be
   * new against.
   */
  private boolean newSite(int e, int s, DetectionProfile.Furnace fp) {
    return fp.newSiteDays() > 0 && firstSlot[e] != KNOWN_FROM_THE_START
        && s - firstSlot[e] < fp.newSiteDays() * SLOTS_PER_DAY;
  }

  private static final byte NOTHING_LEARNED = -1;
  /** firstSlot of an account that reported within three days of the watch's first reading. */
  private static final int KNOWN_FROM_THE_START = Integer.MIN_VALUE;

  /** Three days: a district's first uploads, late rows and quiet concentrators included, come within. */
  private static final int NEW_SITE_AFTER_SLOTS = 3 * SLOTS_PER_DAY;

  /**
   * Legal steel (its profile raises a LEVEL_SHIFT only with heats): its own arc furnaces and mills
   * swing through the working hours, so the furnace rule does not judge it, but heats in hours the
   * plant is otherwise all but idle are equipment it did not have: a rise in its load.
   */
  private static boolean legalSteel(DetectionProfile p) {
    return p.levelShift().enabled() && p.levelShift().requireHeats();
  }

  /**
   * LEVEL_SHIFT at legal steel from heats counted one at a time in its idle hours
   * ({@link IdleHourHeats}): a furnace whose runs the mill's working day splits, so that no window
   * of the furnace screen holds three heats.
   */
  private boolean heatsInIdleHours(int e, int s, long endTs, EnterpriseContext c, DetectionProfile p) {
    int warm = p.general().warmupDays();
    double minKw = p.furnace().minPlateauKw();
    int base = e << RING_BITS;
    if (!idleHeats.newestHourHot(ring, counts, expectedMeters[e], base, MASK, s, newest[e] - MASK,
            baseline, e, warm, minKw)
        || !idleHeats.find(ring, counts, expectedMeters[e], base, MASK, s, newest[e] - MASK, baseline, e,
            warm, minKw)) {
      return false;
    }
    double cap = c.capacityKva();
    if (cap > 0 && idleHeats.heatKw < p.furnace().minCapacityShare() * cap * 0.9) {
      return false; // (sized as the furnace screen sizes its heats)
    }
    // Only where the mill rested lately: a mill whose idle hours all ran on (a rush order, a
    // campaign) may be melting on its own through them.
    if (!furnace.restedLately(e, s, baseline, warm)) {
      return false;
    }
    addedFurnaceEvidence(e, s, endTs, c, p, endTs(idleHeats.firstSlot), idleHeats.blocks, true);
    return true;
  }

  /**
   * LEVEL_SHIFT at legal steel: heats in its quiet hours, from the detector's last screen or
   * (byBlocks) from {@link IdleHourHeats}.
   */
  private void addedFurnaceEvidence(int e, int s, long endTs, EnterpriseContext c,
      DetectionProfile p, long firstTs, int heats, boolean byBlocks) {
    double cyclesPart = Math.min(1, (heats - p.furnace().minCycles() + 1) / 3.0);
    int phase = episodes.evidence(e, FindingKind.LEVEL_SHIFT, firstTs, endTs,
        0.6 + 0.4 * cyclesPart, gapSeconds(p), Math.floorDiv(s, SLOTS_PER_DAY));
    if (!shouldEmit(phase, endTs)
        || causes.explainedByOtherShape(e, FindingKind.LEVEL_SHIFT, phase, firstTs, endTs,
            gapSeconds(p))) {
      return;
    }
    FurnaceCycleDetector d = furnace.detector();
    double heatKw = byBlocks ? idleHeats.heatKw : furnace.heatKw;
    double heatMinutes = (byBlocks ? idleHeats.meanHeatSlots : d.meanHeatSlots) * 15;
    int quietHours = byBlocks ? Integer.bitCount(idleHeats.hours) : furnace.quietHours;
    int flatHeats = byBlocks ? heats : d.flatHeats;
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("cycles", (double) heats);
    f.put("plateauKw", byBlocks ? heatKw : d.plateauKw);
    f.put("heatKw", heatKw);
    f.put("meanHeatMinutes", heatMinutes);
    if (!byBlocks) {
      f.put("cycleMinutes", d.cycleSlots * 15);
    }
    f.put("quietHours", (double) quietHours);
    f.put("quietSpells", (double) (byBlocks ? idleHeats.spells : furnace.quietSpellCount));
    f.put("flatHeats", (double) flatHeats);
    f.put("capacityKva", c.capacityKva());
    List<String> thr = byBlocks ? idleBlockThresholds(e) : List.of(
        "cycles " + d.cycles + " >= minCycles " + p.furnace().minCycles() + " in "
            + p.furnace().windowSlots() * 15 + " min, in " + p.furnace().confirmEvaluations()
            + " hourly windows (in one where it fills >= 4 quiet hours)",
        "heats within 36 h in " + furnace.quietHours + " hours never seen cycling whose learned"
            + " baseline + 2 sigma is below a third of heatKw " + fmt(furnace.heatKw)
            + " (below heatKw itself where a heat's top was held flat; or, held flat, whose"
            + " learned baseline is below a third of heatKw and which ran below it on both days"
            + " before), in " + furnace.quietSpellCount
            + " spells (>= 3 hours in two spells, or >= 5 in one)",
        "flatHeats " + d.flatHeats + " >= " + FurnaceRule.FLAT_HEATS
            + ": heats whose top was held flat (two neighbouring slots within "
            + Math.round(FurnaceCycleDetector.FLAT_STEP * 100) + " %)",
        "levelShift.requireHeats: legal steel, judged on heats in its quiet hours");
    String why = text.furnaceAddedToSteel(c, episodes.start(e, FindingKind.LEVEL_SHIFT), heats,
        heatKw, heatMinutes, flatHeats, quietHours);
    emit(e, FindingKind.LEVEL_SHIFT, phase, f, thr, why, s, p.furnace().windowSlots() * 2);
  }

  private List<String> idleBlockThresholds(int e) {
    return List.of(
        "blocks " + idleHeats.blocks + " >= " + IdleHourHeats.MIN_BLOCKS + " heats of one power (within "
            + Math.round(IdleHourHeats.SAME_POWER * 100) + " %) in the last "
            + IdleHourHeats.SPAN_SLOTS / 4 + " h, each its top held flat (within "
            + Math.round(FurnaceCycleDetector.FLAT_STEP * 100) + " %; the quarter hours it began and ended"
            + " in partly on) and switched on or off (a slot beside it below half its top), or tapped (below "
            + Math.round(IdleHourHeats.NEAR_TOP * 100) + " % of it) within a batch switched on or off (or"
            + " off between its heats), one side of it unseen where it melts on into the mill's working hours",
        "in hours whose learned level + 2 sigma is below a third of heatKw " + fmt(idleHeats.heatKw)
            + ", or whose level is below " + Math.round(IdleHourHeats.IDLE_SHARE * 100) + " % of the busiest"
            + " hour's (on a rest day, its working days' level too) and which drew below a third of it on two"
            + " of the four days before of its type; in "
            + idleHeats.spells + " idle spells",
        "the mill rested two neighbouring idle hours (learned level <= a quarter of its busiest) in"
            + " the last 36 h, at most twice their level",
        "each heat > " + IdleHourHeats.NOVELTY + " x the largest block the mill drew before in the"
            + " two-hour bands of its hours and the hour either side, " + fmt(idleHeats.familiarKw)
            + " at most",
        "levelShift.requireHeats: legal steel, judged on heats in its quiet hours");
  }

  /**
   * FURNACE_SIGNATURE from the detector's last screen. {@code whyNew} says what makes the cycling
   * new: larger or at other hours than ever learned, or the hours it runs in raised far above
   * the enterprise's own baseline (a second furnace beside a licensed one, a furnace atop a
   * working plant).
   */
  private void furnaceEvidence(int e, int s, long endTs, EnterpriseContext c, DetectionProfile p,
      String whyNew) {
    DetectionProfile.Furnace fp = p.furnace();
    FurnaceCycleDetector d = furnace.detector();
    double cyclesPart = Math.min(1, (d.cycles - fp.minCycles() + 1) / 3.0);
    double score = 0.6 + 0.2 * cyclesPart + 0.2 * Math.max(0, d.autocorrelation);
    long firstTs = endTs(d.firstHeatSlot);
    if (causes.flatLoadSwitching(e, firstTs, d, furnace.heatKw)
        || causes.levelShiftedLoadCycling(e, firstTs, endTs, c, d, furnace.heatKw,
            learnedLevelKw(e, s, p), gapSeconds(p))) {
      return;
    }
    int phase = episodes.evidence(e, FindingKind.FURNACE_SIGNATURE, firstTs, endTs, score,
        gapSeconds(p), Math.floorDiv(s, SLOTS_PER_DAY));
    if (!shouldEmit(phase, endTs)) {
      return;
    }
    double licensed = c.licensedFurnaceKw();
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("cycles", (double) d.cycles);
    f.put("plateauKw", d.plateauKw);
    f.put("baseKw", d.baseKw);
    f.put("heatKw", furnace.heatKw);
    f.put("meanHeatMinutes", d.meanHeatSlots * 15);
    f.put("cycleMinutes", d.cycleSlots * 15);
    f.put("autocorrelation", d.autocorrelation);
    f.put("learnedCycleKw", furnace.learnedCycleKw(e));
    f.put("newHours", (double) Integer.bitCount(furnace.newHours));
    f.put("newSite", furnace.byNewSite ? 1.0 : 0.0);
    if (furnace.byBeyondLicence) {
      f.put("learnedPeakKw", furnace.learnedPeakKw(e));
      f.put("beyondLicenceKw", furnace.beyondLicenceKw);
      f.put("slotsBeyondLicence", (double) furnace.slotsBeyondLicence);
    }
    f.put("licensedFurnaceKw", licensed);
    f.put("unlicensedFurnaceKw", c.unlicensedFurnaceKw());
    f.put("capacityKva", c.capacityKva());
    List<String> thr = List.of(
        "cycles " + d.cycles + " >= minCycles " + fp.minCycles() + " in "
            + fp.windowSlots() * 15 + " min, in " + fp.confirmEvaluations() + " hourly windows",
        whyNew,
        licensed > 0 ? "not covered by licensedFurnaceKw " + fmt(licensed) + " x "
            + fp.licensedTolerance() + " at its usual hours" : "no licensed induction furnace");
    String why = text.furnace(c, episodes.start(e, FindingKind.FURNACE_SIGNATURE), d,
        fp.windowSlots(), furnace.byNewSite ? (s - firstSlot[e]) / 4 : -1, furnace.byRestingSite,
        furnace.byBeyondLicence ? furnace.learnedPeakKw(e) : -1, furnace.slotsBeyondLicence * 15);
    emit(e, FindingKind.FURNACE_SIGNATURE, phase, f, thr, why, s, fp.windowSlots() * 2);
  }

  /** The learned kW of the hours the furnace screen's window ending at slot s covers, by day type. */
  private double learnedLevelKw(int e, int s, DetectionProfile p) {
    boolean restWarm = baseline.restWarm(e, p.general().warmupDays());
    int hours = p.furnace().windowSlots() / 4;
    double sum = 0;
    for (int k = 0; k < hours; k++) {
      int hour = (s >> 2) - k;
      boolean rest = !days.isWorkingDay(Math.floorDiv(hour, HourlyBaseline.HOURS));
      sum += baseline.mean(e, rest && restWarm ? 1 : 0, Math.floorMod(hour, HourlyBaseline.HOURS));
    }
    return sum / hours;
  }

  /**
   * The history was learned under this capacity, status and meter: after a dated change the new
   * load is not judged against the old history until the history has been learned anew, or a
   * replaced meter's first whole day has shown it reads on the old scale ({@link MeterScale}).
   */
  private boolean baselineHolds(int e, EnterpriseContext c, long endTs) {
    double cap = c.capacityKva();
    double at = capAtBase[e];
    if (!Double.isNaN(cap) && !Double.isNaN(at) && Math.abs(cap - at) > 0.01 * at) {
      return false;
    }
    long replacedAt = c.lastMeterChangeTs();
    return statusAtBase[e] == c.status().ordinal()
        && (meterChangeAtBase[e] == replacedAt
        || scaleReadFor[e] == replacedDay(replacedAt) && scaleRead[e] > 0);
  }

  private void shapeCheck(int e, int s, long endTs, EnterpriseContext c, DetectionProfile p) {
    // where furnaces melt legally the floor at rest is their holding load, not the plant's level
    shape.floorAlone = !p.levelShift().requireHeats() && !(c.licensedFurnaceKw() > 0);
    if (!rejudging && !shapeActive[e] && shape.newestHourQuiet(ring, counts, expectedMeters[e],
        e << RING_BITS, MASK, s, baseline, e, p, c.capacityKva())) {
      offerActivity(s, shape.newestRatio);
      return; // nothing raised in the window before, nor now: the 24-hour evaluation cannot find anything
    }
    shape.deliveredTo = newest[e];
    boolean found = shape.evaluate(ring, counts, expectedMeters[e], e << RING_BITS, MASK, s,
        baseline, e, p, c.capacityKva());
    offerActivity(s, shape.newestRatio);
    shapeActive[e] = shape.raisedHours > 0 || shape.knownHours < LoadShapeRule.MIN_KNOWN;
    if (!found) {
      return;
    }
    FindingKind kind = shape.kind;
    if (kind == FindingKind.NIGHT_LOAD && shape.bridgedNightHours > 0
        && !deliveredRowsSteady(e, shape.firstSlot, shape.lastRaisedSlot)) {
      return; // a night's hours not delivered may hide a furnace's taps, as the rows around them show
    }
    if (kind == FindingKind.LEVEL_SHIFT && p.levelShift().requireHeats()
        && c.status() == EnterpriseStatus.OPERATING && heatsIn(e, p, false) != HEATS) {
      return; // legal steel: a rise without heats is its own wide swing (suspended, any rise is production)
    }
    if (kind == FindingKind.FLAT_CONTINUOUS && p.furnace().enabled() && shape.lastRaisedSlot >= 0
        && heatsIn(e, p, false) == HEATS) {
      return; // a flat excess does not melt in heats: the furnace rule names that load
    }
    if (kind != FindingKind.FLAT_CONTINUOUS && shape.lastRaisedSlot >= 0
        && (p.furnace().enabled() || c.unlicensedFurnaceKw() > 0)
        && shape.actualKwh >= HEATS_RAISE_RATIO * shape.expectedKwh
        && c.status() == EnterpriseStatus.OPERATING) { // (suspended: even licensed heats are production)
      int heats = heatsIn(e, p, true);
      double heatKw = furnace.detector().plateauKw - furnace.detector().baseKw;
      boolean licensed = c.licensedFurnaceKw() > 0
          && heatKw <= c.licensedFurnaceKw() * p.furnace().licensedTolerance();
      boolean furnaceSized = FurnaceRule.furnaceSized(c, p.furnace(), furnace.detector());
      boolean raisedFloor = heats == HEATS && OneAlertPerCause.raisedFloor(c, furnace.detector(),
          shape.expectedKwh / Math.max(1, shape.raisedHours));
      if (heats == HEATS && !c.status().mustBeDark() && !licensed && furnaceSized && !raisedFloor) {
        // The raised hours are furnace heats: one alert, of the kind that names the cause.
        furnace.heatKw = heatKw;
        furnace.detector().autocorrelation = 0; // not computed on this path
        furnaceEvidence(e, shape.lastRaisedSlot, endTs(shape.lastRaisedSlot), c, p,
            "the hours the heats run in are raised: " + shape.raisedHours + " hours at "
                + fmt(shape.actualKwh / Math.max(shape.expectedKwh, 1e-9))
                + " x the enterprise's own baseline");
      }
      if (heats != NO_HEATS && !raisedFloor) {
        return; // (a raised floor under the heats: the whole load rose, judged as its shape)
      }
    }
    if (kind == FindingKind.LEVEL_SHIFT && c.licensedFurnaceKw() > 0
        && c.status() == EnterpriseStatus.OPERATING // (suspended: even licensed heats are production)
        && (shape.actualKwh - shape.expectedKwh) / Math.max(1, shape.raisedHours)
            <= c.licensedFurnaceKw() * p.furnace().licensedTolerance()) {
      return; // its licensed furnace melting longer hours than usual: within its licence
    }
    boolean enabled = switch (kind) {
      case LEVEL_SHIFT -> p.levelShift().enabled();
      case NIGHT_LOAD -> p.nightLoad().enabled();
      default -> p.flatContinuous().enabled();
    };
    if (!enabled) {
      return;
    }
    DetectionProfile.LevelShift lp = p.levelShift();
    double ratio = shape.actualKwh / Math.max(shape.expectedKwh, 1e-9);
    double score = exceedScore(shape.actualKwh, lp.minRatio() * shape.expectedKwh);
    long firstTs = endTs(shape.firstSlot);
    int phase = episodes.evidence(e, kind, firstTs, endTs, score, gapSeconds(p),
        Math.floorDiv(s, SLOTS_PER_DAY));
    if (kind == FindingKind.FLAT_CONTINUOUS) {
      episodes.flatLoad(e, shape.flat.excessKw());
    } else if (kind == FindingKind.LEVEL_SHIFT) {
      episodes.levelLoad(e, (shape.actualKwh - shape.expectedKwh) / Math.max(1, shape.raisedHours));
    }
    // (around the Spring Festival a flat floor alone does not rename a level shift already raised:
    // a plant closed for the holiday has only its floor, multiplied)
    boolean reshapes = kind != FindingKind.FLAT_CONTINUOUS || shape.flat.workConfirmed()
        || !FlatWindow.nearSpringFestival(days, Math.floorDiv(s, SLOTS_PER_DAY));
    if (!shouldEmit(phase, endTs) || causes.explainedByMelting(e, endTs, gapSeconds(p))
        || causes.explainedByOtherShape(e, kind, phase, firstTs, endTs, gapSeconds(p), reshapes)) {
      return;
    }
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("raisedHours", (double) shape.raisedHours);
    f.put("raisedNightHours", (double) shape.raisedNightHours);
    f.put("knownHours", (double) shape.knownHours);
    f.put("actualKwh", shape.actualKwh);
    f.put("baselineKwh", shape.expectedKwh);
    f.put("ratio", ratio);
    f.put("workingDayBaselineKwh", baseline.dayKwh(e, 0));
    f.put("capacityKva", c.capacityKva());
    String ratioLine = "actualKwh/baselineKwh " + fmt(ratio) + " >= minRatio " + lp.minRatio();
    String why;
    List<String> thr;
    if (kind == FindingKind.FLAT_CONTINUOUS) {
      FlatClaim flat = shape.flat;
      f.put("flatExcessKw", flat.excessKw());
      if (flat.workedHours() > 0) {
        f.put("flatWorkedHours", (double) flat.workedHours());
        f.put("flatWorkedExcessKw", flat.workedExcessKw());
      }
      // no ratio line: a constant excess on a busy plant may add less than minRatio in total
      thr = List.of(flat.thresholdLine(p.flatContinuous().maxExcessCv()),
          "working-day baseline has a daily shape (cv >= " + p.flatContinuous().minShapeCv() + ")");
      // (the hours judged: a first evening's run begins an hour after the episode's onset hour)
      why = text.flat(endTs(s - 4 * flat.hours() + 1), flat, c);
    } else if (kind == FindingKind.NIGHT_LOAD) {
      int notDelivered = shape.bridgedNightHours;
      f.put("nightHoursNotDelivered", (double) notDelivered);
      thr = List.of(ratioLine, notDelivered == 0
          ? "raisedNightHours " + shape.raisedNightHours + " >= minHours " + p.nightLoad().minHours()
          : "raisedNightHours+notDeliveredBetween " + (shape.raisedNightHours + notDelivered)
              + " >= minHours " + p.nightLoad().minHours(), "the morning after not raised");
      why = text.nightLoad(firstTs, shape.raisedNightHours, notDelivered, shape.actualKwh,
          shape.expectedKwh);
    } else if (shape.floorOnly) {
      thr = List.of(ratioLine, "floorHours " + shape.raisedHours + " >= restFloorHours "
          + shape.restFloorNeeded() + " of the last " + p.flatContinuous().minHours()
          + ", no working hours among them", "each floor hour but one >= minRatio " + lp.minRatio()
          + " x its own level, >= minZ " + lp.minZ() + " sigma and >= " + HourWindow.REST_EXCESS_SHARE
          + " x max(minExcessKw " + lp.minExcessKw() + ", " + lp.minExcessCapacityShare()
          + " x kVA)", "the floor's slot-to-slot steps grew with it (multiplied, not a load added)");
      why = text.levelShift(firstTs, shape.raisedHours, shape.actualKwh, shape.expectedKwh, c);
    } else {
      thr = List.of(ratioLine, "raisedHours " + shape.raisedHours + " >= minHours "
          + lp.minHours() + " of the last 24", "each raised hour >= minZ " + lp.minZ()
          + " sigma and >= max(minExcessKw " + lp.minExcessKw() + ", "
          + lp.minExcessCapacityShare() + " x kVA)");
      why = text.levelShift(firstTs, shape.raisedHours, shape.actualKwh, shape.expectedKwh, c);
    }
    emit(e, kind, phase, f, thr, why, s, SLOTS_PER_DAY);
  }

  /** The newest hour's load over its learned level (unscaled), to the district's activity. */
  private void offerActivity(int s, double ratio) {
    // Working days only: a rest day's hour is judged against the larger of its own and the working
    // day's level, a ratio that says how much the enterprise rests, not how the district moves.
    if (!Double.isNaN(ratio) && days.isWorkingDay(Math.floorDiv(s, SLOTS_PER_DAY))) {
      activity.offer(s >> 2, ratio * baseline.scale());
    }
  }

  /**
   * Whether furnace-like cycling shows in the eight hours up to the newest raised hour, or those
   * hours lack too much data to rule it out ({@link #UNKNOWN}: judged again when the rows come).
   *
   * @param wholeRaisedSpan clear heats are also read in windows ending anywhere in the raised hours
   *     (up to eight hours back), for the furnace they would name; a flat excess and legal steel
   *     read the newest windows only
   */
  private int heatsIn(int e, DetectionProfile p, boolean wholeRaisedSpan) {
    FurnaceCycleDetector d = furnace.detector();
    boolean incomplete = false;
    // Clear heats in any window of the raised hours (up to eight back), where they would name the
    // cause: a furnace run in a plant's day may end in an evening whose peak sets the last
    // windows' range.
    int span = wholeRaisedSpan
        ? Math.min(HEATS_WINDOWS_BACK, shape.lastRaisedSlot - shape.firstSlot) : 0;
    for (int back = 0; back <= Math.max(8, span); back += 4) {
      if (furnace.screenAbove(ring, counts, expectedMeters[e], e << RING_BITS, MASK,
          shape.lastRaisedSlot - back, baseline, e, p, false)) {
        return HEATS; // clear heats above the baseline: the cause is named
      }
    }
    for (int back = 0; back <= 8; back += 4) {
      int end = shape.lastRaisedSlot - back;
      if (furnace.screenAbove(ring, counts, expectedMeters[e], e << RING_BITS, MASK, end,
          baseline, e, p, true) && !lastDayTimes(e, end, p)) {
        return UNKNOWN; // something like heats: neither kind is raised on it
      }
      incomplete |= d.incomplete && !raisedRowsSteady(e, end, p.furnace().windowSlots());
      if (d.screen(ring, counts, expectedMeters[e], e << RING_BITS, MASK, end, p.furnace(), true)
          && !lastDayTimes(e, end, p)) {
        return UNKNOWN;
      }
    }
    return incomplete ? UNKNOWN : NO_HEATS;
  }

  /**
   * Whether the window ending at slot end is the last like day's quarter hours times one factor
   * ({@link LastDayTimes}): what the lenient screen read as heats is the plant's own timetable,
   * multiplied with the rest of its load.
   */
  private boolean lastDayTimes(int e, int end, DetectionProfile p) {
    return lastDayTimes.holds(ring, counts, expectedMeters[e], e << RING_BITS, MASK, end,
        p.furnace().windowSlots(), newest[e] - MASK);
  }

  /**
   * Whether the window's rows from the first raised hour on hold no tap: three quarters of them
   * delivered (the screen reads the rest as taps), and no delivered quarter hour below half their
   * peak between two at it or above (a part quarter hour may start or end the run). Rows missing
   * before the raised hours (an evening not delivered yet, before night work began at midnight)
   * cannot complete heats that the raised hours do not show.
   */
  private boolean raisedRowsSteady(int e, int end, int windowSlots) {
    int from = Math.max(end - windowSlots + 1, shape.firstSlot);
    int base = e << RING_BITS;
    int missing = 0;
    for (int i = from; i <= end; i++) {
      if (FurnaceCycleDetector.complete(ring, counts, expectedMeters[e], base + (i & MASK))
          == DailyFeatures.MISSING) {
        missing++;
      }
    }
    return missing * 4 <= end - from + 1 && deliveredRowsSteady(e, from, end);
  }

  /**
   * Whether no delivered quarter hour of slots [from, end] lies below half their peak between two
   * at it or above (a tap between two heats).
   */
  private boolean deliveredRowsSteady(int e, int from, int end) {
    int base = e << RING_BITS;
    int max = 0;
    for (int i = from; i <= end; i++) {
      max = Math.max(max,
          FurnaceCycleDetector.complete(ring, counts, expectedMeters[e], base + (i & MASK)));
    }
    boolean high = false;
    boolean dipped = false;
    for (int i = from; i <= end; i++) {
      int v = FurnaceCycleDetector.complete(ring, counts, expectedMeters[e], base + (i & MASK));
      if (v == DailyFeatures.MISSING) {
        continue;
      }
      boolean up = v >= STEADY_SHARE * max;
      if (up && dipped) {
        return false; // a dip between two high quarter hours: a tap, perhaps
      }
      high |= up;
      dipped |= high && !up;
    }
    return true;
  }

  /** The least share of their peak raised rows keep where no tap can be hidden in them. */
  private static final double STEADY_SHARE = 0.5;

  /**
   * Raised hours are read for heats only where they rose this much: a busy plant whose load rose by
   * a third swings in heat-like steps at its new level, and a furnace that raises a plant this little
   * is left to the furnace rule's own screens. A furnace half the size of a plant's working load
   * lifts it by half: read, so that its heats name the cause and no level shift comes beside it.
   */
  private static final double HEATS_RAISE_RATIO = 1.45;
  /** Slots back from the newest raised hour whose window ends are read for clear heats. */
  private static final int HEATS_WINDOWS_BACK = 32;

  private static final int NO_HEATS = 0;
  private static final int HEATS = 1;
  private static final int UNKNOWN = 2;

  // ---------------------------------------------------------------- learning

  /** Learns the days that are due: complete and learnAfterHours old, or at the horizon. */
  private void learn(int e) {
    int top = newest[e];
    while (true) {
      int d = learnedDay[e] + 1;
      int last = (d + 1) * SLOTS_PER_DAY - 1;
      if (last > top - learnAfterSlots || last > judgedTo[e]) {
        return;
      }
      if (last > top - horizonSlots && !dayComplete(e, d)) {
        return;
      }
      if (last > top) {
        return;
      }
      learnDay(e, d);
      learnedDay[e] = d;
    }
  }

  private void learnThrough(int e, int target) {
    while ((learnedDay[e] + 2) * SLOTS_PER_DAY - 1 <= Math.min(target, newest[e])) {
      int d = learnedDay[e] + 1;
      learnDay(e, d);
      learnedDay[e] = d;
    }
  }

  /**
   * The day's kWh (hourKwh) over its learned level times the district's activity hour by hour
   * (the median plant's, below 1 too: early in the return the district still runs below levels
   * learned before the holiday): NaN if fewer than half the hours can be read.
   */
  private double paceAgainstTheDistrict(int e, int d) {
    double actual = 0;
    double expected = 0;
    int hours = 0;
    for (int h = 0; h < HourlyBaseline.HOURS; h++) {
      double level = activity.levelAt(d * HourlyBaseline.HOURS + h);
      if (Double.isNaN(hourKwh[h]) || Double.isNaN(level) || !baseline.known(e, 0, h)) {
        continue;
      }
      actual += hourKwh[h];
      expected += baseline.learnedMean(e, 0, h) * level;
      hours++;
    }
    return hours >= HourlyBaseline.HOURS / 2 && expected > 0 ? actual / expected : Double.NaN;
  }

  private boolean dayComplete(int e, int d) {
    int base = e << RING_BITS;
    int need = expectedMeters[e];
    for (int s = d * SLOTS_PER_DAY; s < (d + 1) * SLOTS_PER_DAY; s++) {
      if ((counts[base + (s & MASK)] & COUNT) < need) {
        return false;
      }
    }
    return true;
  }

  private void learnDay(int e, int d) {
    furnace.forgetQuiet(e); // the baselines may change
    int last = (d + 1) * SLOTS_PER_DAY - 1;
    long endTs = endTs(last);
    EnterpriseContext c = learnCtx.at(e, last, endTs);
    DetectionProfile p = learnCtx.profile(e);
    DetectionProfile.General g = p.general();
    int base = e << RING_BITS;
    DailyFeatures.coverageAndKwh(ring, base, MASK, d * SLOTS_PER_DAY, day); // (all it reads)
    boolean judged = day[DailyFeatures.COVERAGE] >= g.minCoverage();
    int month = LocalDays.monthIndex(d);
    months.add(e, d, month, day[DailyFeatures.COVERAGE], day[DailyFeatures.KWH]);
    if (judged && c.capacityKva() > 0 && day[DailyFeatures.KWH] > 0 && learnCtx.group(e) >= 0) {
      peers.offer(e, d, learnCtx.group(e), Math.log(day[DailyFeatures.KWH] / c.capacityKva()), false,
          c, p);
    }
    if (judged && restartOnKnownChange(e, d, c, g)) {
      boolean quiet = !episodeDuring(e, d);
      if (quiet && !c.status().mustBeDark()) {
        // (learned under a rectification order too: the furnace rule screens above it)
        hourlyKwh(base, d);
        int type = days.isWorkingDay(d) ? 0 : 1;
        if (baseline.days(e, 0) >= g.warmupDays()) {
          baseline.learnIdleStep(e, idleNoise.relativeStep(ring, counts, expectedMeters[e], base,
              MASK, d * SLOTS_PER_DAY, HourlyBaseline.HOURS, baseline.idleHours(e, type)),
              p.levelShift().baselineAlpha());
        }
        if (type == 0 && baseline.days(e, 0) >= g.warmupDays()) {
          baseline.notePace(e, paceAgainstTheDistrict(e, d), springFestival.restLevelsLag(d));
        }
        baseline.learn(e, type, hourKwh, p.levelShift().baselineAlpha(), p.levelShift().idleRatio());
      }
      if (quiet && !c.status().mustBeDark()) {
        furnace.learnDay(e, ring, counts, expectedMeters[e], base, MASK, d, baseline, p,
            c.licensedFurnaceKw() > 0);
        if (!(p.furnace().enabled() || c.unlicensedFurnaceKw() > 0) && legalSteel(p)) {
          idleHeats.learnDay(e, ring, counts, expectedMeters[e], base, MASK, d, newest[e] - MASK,
              baseline, g.warmupDays(), p.furnace().minPlateauKw());
        }
      }
    }
    if (LocalDays.monthIndex(d + 1L) != month) {
      intensity(e, d, endTs, month, c, p);
    }
  }

  private void hourlyKwh(int base, int d) {
    int need = expectedMeters[base >> RING_BITS];
    for (int h = 0; h < HourlyBaseline.HOURS; h++) {
      int sum = 0;
      int present = 0;
      for (int s = d * SLOTS_PER_DAY + 4 * h, k = 0; k < 4; k++, s++) {
        int i = base + (s & MASK);
        int v = ring[i];
        // selects, not a branch: a slot missing at random costs no misprediction
        boolean known = FurnaceCycleDetector.known(ring, counts, need, i);
        sum += known ? v : 0;
        present += known ? 1 : 0;
      }
      hourKwh[h] = present < 3 ? Double.NaN : sum * 4.0 / present / 1000.0;
    }
  }

  /**
   * A dated capacity increase or status change (reopening) restarts the history. A meter
   * replacement does only where the new meter reads the load on another scale: its first whole
   * day, once judged ({@link #readReplacedMeterScale}), told. The days until then were not judged,
   * and are not learned: a load they hold was never looked at.
   *
   * @return whether day d may be learned
   */
  private boolean restartOnKnownChange(int e, int d, EnterpriseContext c,
      DetectionProfile.General g) {
    double cap = c.capacityKva();
    double at = capAtBase[e];
    boolean changed = statusAtBase[e] != c.status().ordinal()
        || (!Double.isNaN(cap) && !Double.isNaN(at) && Math.abs(cap - at) > 0.01 * at);
    long replacedAt = c.lastMeterChangeTs();
    if (!changed && meterChangeAtBase[e] != replacedAt) {
      int replacedDay = replacedDay(replacedAt);
      boolean read = scaleReadFor[e] == replacedDay;
      boolean same = read && scaleRead[e] > 0;
      if (same ? d <= replacedDay + scaleRead[e] : !read && d <= replacedDay + METER_SCALE_DAYS
          && baseline.workWarm(e, g.warmupDays())) {
        return false;
      }
      changed = !same; // (another scale, or none read within METER_SCALE_DAYS: relearned from here)
    }
    if (changed) {
      baseline.reset(e);
      furnace.reset(e);
      idleHeats.reset(e);
    }
    capAtBase[e] = (float) cap;
    statusAtBase[e] = (byte) c.status().ordinal();
    meterChangeAtBase[e] = replacedAt;
    return true;
  }

  /** Days after a replacement's own day its scale may wait to be read; then it relearns. */
  private static final int METER_SCALE_DAYS = 3;

  private int replacedDay(long replacedAt) {
    return replacedAt == Long.MIN_VALUE ? Integer.MIN_VALUE + 1 // (none: never a day read)
        : (int) Math.floorDiv(replacedAt + zone.offsetAt(replacedAt), 86_400L);
  }

  /**
   * At the end of a replaced meter's first whole day (slot s its last): whether the new meter
   * reads the load on the old scale ({@link MeterScale}). With its multiplier recorded the load
   * runs on in kWh, and the rules judge it on the history from the next slot on; relearning that
   * history from scratch left the site unjudged for a week of working days, and then learned
   * whatever ran meanwhile as its own. A rest day without warm rest-day levels leaves it to the
   * next day.
   */
  private void readReplacedMeterScale(int e, int s, long replacedAt, int replacedDay,
      DetectionProfile.General g) {
    int d = Math.floorDiv(s, SLOTS_PER_DAY);
    int type = days.isWorkingDay(d) ? 0 : 1;
    if (s != (d + 1) * SLOTS_PER_DAY - 1 || zone.toEpochSecond((long) d * 86_400) < replacedAt
        || d > replacedDay + METER_SCALE_DAYS || !baseline.workWarm(e, g.warmupDays())
        || type == 1 && !baseline.restWarm(e, g.warmupDays())) {
      return;
    }
    hourlyKwh(e << RING_BITS, d);
    MeterScale.Verdict scale = meterScale.judge(hourKwh, baseline, e, type);
    if (scale != MeterScale.Verdict.UNDECIDED) {
      scaleReadFor[e] = replacedDay;
      scaleRead[e] = (byte) (scale == MeterScale.Verdict.SAME ? d - replacedDay : replacedDay - d);
    }
  }

  /** Whether an episode of a load kind was active during local day d (that day is not normal). */
  private boolean episodeDuring(int e, int d) {
    long from = zone.toEpochSecond((long) d * 86_400);
    long to = zone.toEpochSecond((d + 1L) * 86_400);
    for (FindingKind k : LEARN_BLOCKERS) {
      long start = episodes.start(e, k);
      if (start != Long.MIN_VALUE && start <= to && episodes.last(e, k) > from) {
        return true;
      }
    }
    return false;
  }

  private void intensity(int e, int d, long endTs, int month, EnterpriseContext c,
      DetectionProfile p) {
    DetectionProfile.IntensityMismatch ip = p.intensityMismatch();
    if (!ip.enabled() || months.month(e) != month) {
      return;
    }
    double coverage = months.slots(e) / (double) (LocalDays.daysInMonth(month) * SLOTS_PER_DAY);
    if (coverage < ip.minCoverage()) {
      return;
    }
    double kwh = months.kwh(e) / coverage;
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
    int firstDay = months.firstDay(e);
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

  // ---------------------------------------------------------------- peers

  private void closePeerDays(int finalSlot) {
    int lastDay = Math.floorDiv(finalSlot + 1, SLOTS_PER_DAY) - 1;
    if (nextPeerDay == NONE) {
      nextPeerDay = lastDay + 1;
      return;
    }
    if (lastDay - nextPeerDay > 366) {
      nextPeerDay = lastDay - 366; // a jump of years: nothing to compare in between
    }
    int minPeers = minPeers();
    while (nextPeerDay <= lastDay) {
      peers.score(nextPeerDay++, minPeers, this::peerOutlier);
    }
  }

  /** The half-day of slot s, as enterprise e's peers in its first days read it. */
  private void offerFirstDays(int e, int s, int offer) {
    EnterpriseContext c = learnCtx.at(e, s, endTs(s)); // (the judging cache stays on its slot)
    DetectionProfile p = learnCtx.profile(e);
    // Alone: in its first warmupDays on the watch (by event time, whatever order rows come in),
    // before it has a history of its own. Not a history restarted by a dated change: a replaced
    // meter or an approved expansion does not make a site new.
    int d = Math.floorDiv(s, SLOTS_PER_DAY);
    int first = firstSlot[e] == KNOWN_FROM_THE_START ? watchFirstSlot : firstSlot[e];
    boolean alone = d - Math.floorDiv(first, SLOTS_PER_DAY) < p.general().warmupDays();
    firstDays.offer(e, d, offer, learnCtx.group(e), alone, c, p);
  }

  private int minPeers() {
    return profiles.defaults().peerOutlier().minPeers();
  }

  /**
   * An enterprise in its first days on the watch, far above its peers on one half-day (period
   * 2d: day d's morning, 2d + 1: its afternoon, {@link FirstDaysPeers}).
   */
  private void firstDaysPeerOutlier(int e, int period, EnterpriseContext c, DetectionProfile p,
      double x, double z, double diff, double topDiff, int size, int streak) {
    DetectionProfile.PeerOutlier pp = p.peerOutlier();
    double ratio = Math.exp(diff);
    boolean morning = (period & 1) == 0;
    long firstTs = zone.toEpochSecond(period * HALF_DAY_SECONDS + SLOT_SECONDS);
    long endTs = zone.toEpochSecond((period + 1) * HALF_DAY_SECONDS);
    int phase = peerPhase(e, firstTs, endTs, Math.floorDiv(period, 2),
        exceedScore(ratio, pp.firstDaysMinRatio()), p);
    if (phase == EpisodeTracker.NONE) {
      return;
    }
    double loadFactor = Math.exp(x) / 24;
    Map<String, Double> f = peerFeatures(x, z, diff, size);
    f.put("ratioToPeerTopTenth", Math.exp(topDiff));
    f.put("loadFactor", loadFactor);
    List<String> thr = List.of(
        "ratioToPeerMedian " + fmt(ratio) + " >= firstDaysMinRatio " + pp.firstDaysMinRatio(),
        "ratioToPeerTopTenth " + fmt(Math.exp(topDiff)) + " >= firstDaysMinRatioToTopTenth "
            + pp.firstDaysMinRatioToTopTenth(),
        morning ? "loadFactor " + fmt(loadFactor) + " >= firstDaysMinLoadFactor "
            + pp.firstDaysMinLoadFactor() + " (0-12 h)"
            : "loadFactor " + fmt(loadFactor) + " >= firstDaysMinAfternoonLoadFactor "
            + pp.firstDaysMinAfternoonLoadFactor() + " (12-24 h)",
        "peers " + size + " >= minPeers " + pp.minPeers(),
        "in its first warmupDays " + p.general().warmupDays() + " days on the watch");
    emitPeer(e, phase, f, thr, text.peerFirstDays(endTs, morning, ratio, size, loadFactor, c));
  }

  private void peerOutlier(int e, int d, EnterpriseContext c, DetectionProfile p, double x,
      double z, double diff, double topDiff, int size, int streak) {
    DetectionProfile.PeerOutlier pp = p.peerOutlier();
    double ratio = Math.exp(diff);
    int phase = peerPhase(e, dayFirstTs(d - streak + 1), dayEndTs(d), d, exceedScore(z, pp.minZ()), p);
    if (phase == EpisodeTracker.NONE) {
      return;
    }
    Map<String, Double> f = peerFeatures(x, z, diff, size);
    f.put("consecutiveDays", (double) streak);
    List<String> thr = List.of(
        "robustZ " + fmt(z) + " >= minZ " + pp.minZ(),
        "ratioToPeerMedian " + fmt(ratio) + " >= minRatio " + pp.minRatio(),
        "peers " + size + " >= minPeers " + pp.minPeers(),
        "consecutiveDays " + streak + " >= " + pp.consecutiveDays());
    emitPeer(e, phase, f, thr, text.peer(dayEndTs(d), ratio, size, streak, c));
  }

  /**
   * PEER_OUTLIER evidence over [firstTs, endTs], ending on local day d: the phase to emit, or
   * NONE (nothing new to say, or a melting or a more specific shape already names the load).
   */
  private int peerPhase(int e, long firstTs, long endTs, int d, double score, DetectionProfile p) {
    int phase = episodes.evidence(e, FindingKind.PEER_OUTLIER, firstTs, endTs, score,
        gapSeconds(p), d);
    boolean explained = !shouldEmit(phase, endTs)
        || causes.explainedByMelting(e, endTs, gapSeconds(p))
        || causes.explainedByOtherShape(e, FindingKind.PEER_OUTLIER, phase, firstTs, endTs,
            gapSeconds(p));
    return explained ? EpisodeTracker.NONE : phase;
  }

  /** A scored day's features against its peers (x: log kWh per kVA, diff: x less the median). */
  private static Map<String, Double> peerFeatures(double x, double z, double diff, int size) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("kwhPerKva", Math.exp(x));
    f.put("peerMedianKwhPerKva", Math.exp(x - diff));
    f.put("ratioToPeerMedian", Math.exp(diff));
    f.put("robustZ", z);
    f.put("peers", (double) size);
    return f;
  }

  private void emitPeer(int e, int phase, Map<String, Double> f, List<String> thr, String why) {
    sink.onFinding(new Finding(e, FindingKind.PEER_OUTLIER, phaseOf(phase),
        episodes.score(e, FindingKind.PEER_OUTLIER), episodes.start(e, FindingKind.PEER_OUTLIER),
        episodes.last(e, FindingKind.PEER_OUTLIER), f, thr, why, new long[0], new double[0]));
  }

  /** End of local day d, epoch seconds. */
  private long dayEndTs(int d) {
    return zone.toEpochSecond((d + 1L) * 86_400);
  }

  // ---------------------------------------------------------------- helpers

  private boolean shouldEmit(int phase, long lastTs) {
    return phase != EpisodeTracker.NONE && lastTs > suppressUpTo;
  }

  private static Finding.Phase phaseOf(int phase) {
    return phase == EpisodeTracker.OPENED ? Finding.Phase.OPENED : Finding.Phase.UPDATED;
  }

  private void emit(int e, FindingKind kind, int phase, Map<String, Double> features,
      List<String> thresholds, String explanation, int lastSlot, int slots) {
    int n = Math.min(slots, REACH_SLOTS);
    long[] ts = new long[n];
    double[] kwh = new double[n];
    int base = e << RING_BITS;
    for (int i = 0; i < n; i++) {
      int s = lastSlot - n + 1 + i;
      ts[i] = endTs(s);
      int v = ring[base + (s & MASK)];
      kwh[i] = v == MISSING || s > newest[e] ? Double.NaN : v / 1000.0;
    }
    sink.onFinding(new Finding(e, kind, phaseOf(phase), episodes.score(e, kind),
        episodes.start(e, kind), episodes.last(e, kind), features, thresholds, explanation, ts,
        kwh));
  }

  private long endTs(int slot) {
    return zone.toEpochSecond((long) (slot + 1) * SLOT_SECONDS);
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

  /** A threshold line's figure (two decimals). */
  static String fmt(double v) {
    return String.format("%.2f", v);
  }

  private void clearRing(int e, int from, int to) {
    int base = e << RING_BITS;
    for (int s = Math.max(from, to - MASK); s <= to; s++) {
      ring[base + (s & MASK)] = MISSING;
      counts[base + (s & MASK)] = 0;
    }
  }

  private void trackMeter(int m, int e) {
    if (m >= meterEnterprise.length) {
      growMeters(Math.max(m + 1, meterEnterprise.length * 2));
    }
    int old = meterEnterprise[m];
    if (old != e) {
      if (old >= 0) {
        metersSeen[old]--;
      }
      meterEnterprise[m] = e;
      metersSeen[e]++;
    }
  }

  private void growMeters(int n) {
    int old = meterEnterprise.length;
    meterEnterprise = Arrays.copyOf(meterEnterprise, n);
    Arrays.fill(meterEnterprise, old, n, -1);
  }

  private void growEnterprises(int n) {
    int old = capacity;
    ring = Arrays.copyOf(ring, n << RING_BITS);
    Arrays.fill(ring, old << RING_BITS, n << RING_BITS, MISSING);
    counts = Arrays.copyOf(counts, n << RING_BITS);
    newest = grow(newest, n, old);
    firstSlot = grow(firstSlot, n, old);
    judgedTo = grow(judgedTo, n, old);
    learnedDay = grow(learnedDay, n, old);
    dirtyFrom = grow(dirtyFrom, n, old);
    dirtyTo = Arrays.copyOf(dirtyTo, n);
    dirty = Arrays.copyOf(dirty, n);
    listed = Arrays.copyOf(listed, n);
    shapeActive = Arrays.copyOf(shapeActive, n);
    Arrays.fill(shapeActive, old, n, true);
    expectedMeters = Arrays.copyOf(expectedMeters, n);
    Arrays.fill(expectedMeters, old, n, 1);
    metersSeen = Arrays.copyOf(metersSeen, n);
    capAtBase = Arrays.copyOf(capAtBase, n);
    Arrays.fill(capAtBase, old, n, Float.NaN);
    statusAtBase = Arrays.copyOf(statusAtBase, n);
    meterChangeAtBase = Arrays.copyOf(meterChangeAtBase, n);
    Arrays.fill(meterChangeAtBase, old, n, Long.MIN_VALUE);
    scaleReadFor = Arrays.copyOf(scaleReadFor, n);
    Arrays.fill(scaleReadFor, old, n, Integer.MIN_VALUE);
    scaleRead = Arrays.copyOf(scaleRead, n);
    Arrays.fill(statusAtBase, old, n, NOTHING_LEARNED);
    judgeCtx.ensureCapacity(n);
    learnCtx.ensureCapacity(n);
    baseline.ensureCapacity(n);
    furnace.ensureCapacity(n);
    idleHeats.ensureCapacity(n);
    peers.ensureCapacity(n);
    firstDays.ensureCapacity(n);
    months.ensureCapacity(n);
    episodes.ensureCapacity(n);
    capacity = n;
  }

  private static int[] grow(int[] a, int n, int old) {
    int[] b = Arrays.copyOf(a, n);
    Arrays.fill(b, old, n, NONE);
    return b;
  }
}
