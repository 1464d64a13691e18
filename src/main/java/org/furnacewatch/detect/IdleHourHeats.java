package org.furnacewatch.detect;

import org.furnacewatch.calendar.DayTypes;

/**
 * A furnace added to a legal steel mill, read one heat at a time in the mill's idle hours. The
 * furnace runs all day, but through the mill's working hours its heats drown in the mill's own
 * swings; what shows is a heat or two before the mill's day and after it, or a night of them: a
 * flat block of the same power on an idle plant. No eight-hour window need hold three of them,
 * so the furnace screen ({@link FurnaceCycleDetector}) cannot count them; this counts them across
 * the last day and a half instead: blocks of one power (within {@link #SAME_POWER}), each held
 * flat (every slot near its top within 5 % of it) and switched on or off (the load beside it
 * below half its top), or tapped within a batch of heats switched on or off as a whole
 * ({@link #batch}). An hour is idle where it draws three times its usual high, or, in hours the
 * mill usually idles, three times what it drew on two of the days before ({@link #quietBefore}).
 * The mill's own work is not flat at one power block after block. Read at a quarter hour's
 * resolution, a heat begins and ends inside a slot (that slot partly on), may melt on into the
 * mill's working hours (its end not seen), and a meter's row beside it may not have come yet (the
 * slot one further tells). Reads the slot ring; nothing allocates.
 */
final class IdleHourHeats {
  /** How far back heats are counted: the evening before, and the morning after. */
  static final int SPAN_SLOTS = 36 * 4;
  /** Blocks counted must lie within this share of one another's power. */
  static final double SAME_POWER = 0.12;
  /** Blocks of one power needed (in one idle spell or more: a furnace's night of batches is one). */
  static final int MIN_BLOCKS = 3;
  /** Blocks this many slots apart or more lie in separate idle spells. */
  private static final int SPELL_GAP_SLOTS = 3 * 4;
  /** The longest block read as one heat (two hours); longer is the mill's own work. */
  private static final int MAX_BLOCK_SLOTS = 8;
  private static final int MAX_BLOCKS = SPAN_SLOTS / 3;
  /** Slots at this share of a block's top or more are its top; below, a heat's partial first or last slot. */
  static final double NEAR_TOP = 0.75;
  /**
   * How much larger than any block the mill drew around their hours before the day and a half
   * the heats must be (as the furnace screen's noveltyRatio): the mill's own machines repeat.
   */
  static final double NOVELTY = 1.5;
  private static final int H = HourlyBaseline.HOURS;
  /** Hours of the day per band of {@link #learned}. */
  private static final int BAND_HOURS = 2;
  private static final int BANDS = H / BAND_HOURS;
  /** {@link #learned}'s steps: 5 % of kW a step, a byte a band (the state's budget). */
  private static final double LOG_STEP = Math.log(1.05);
  /**
   * The largest block learned per enterprise and two hours of the day ({@link #learnDay}), on a
   * log scale: a machine of the mill's own runs at the hours the mill runs it; a block drawn one
   * evening says nothing of heats through the small hours.
   */
  private byte[] learned = new byte[0];
  /** Of the last {@link #find}: the largest block learned around its new blocks' hours. */
  double familiarKw;

  private final DayTypes days;
  private final double[] usualKw = new double[HourlyBaseline.HOURS];
  private double busiestKw;
  /**
   * Hours whose learned level (of their own day type) is at most this share of the busiest
   * working-day hour's are the mill's idle ones, where its last days may say it rests them
   * ({@link #quietBefore}); a mill's working hours after a week it rested are its own work.
   */
  static final double IDLE_SHARE = 0.25;
  private final double[] blockKw = new double[MAX_BLOCKS];
  private final int[] blockFirst = new int[MAX_BLOCKS];
  private final int[] blockSlots = new int[MAX_BLOCKS];
  private int count;

  /** Of the last {@link #find} that succeeded: blocks of one power, their spells, their kW above the level. */
  int blocks;
  int spells;
  double heatKw;
  double meanHeatSlots;
  /** First slot of the earliest block counted. */
  int firstSlot;
  /** Idle hours the counted blocks ran in (a 24-bit mask). */
  int hours;

  IdleHourHeats(DayTypes days) {
    this.days = days;
  }

  /**
   * Whether the newest hour (ending at slot s) holds a heat in an idle hour: only then can a new
   * block have ended, and the day and a half is read ({@link #find}).
   */
  boolean newestHourHot(int[] wh, byte[] counts, int need, int base, int mask, int s, int oldestSlot,
      HourlyBaseline b, int e, int warmupDays, double minPlateauKw) {
    if (b.days(e, 0) < warmupDays) {
      return false;
    }
    int hour = Math.floorMod(s >> 2, HourlyBaseline.HOURS);
    // (the four slots of one hour: its usual alone)
    usualKw[hour] = FurnaceRule.usualHigh(b, e, hour, b.restWarm(e, warmupDays));
    learnBusiest(b, e);
    for (int t = s - 3; t <= s; t++) {
      double kw = kw(wh, counts, need, base, mask, t);
      if (hot(kw, wh, counts, need, base, mask, t, oldestSlot, b, e, warmupDays, minPlateauKw)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Counts the flat blocks in idle hours over the day and a half to slot s (oldest: the ring's
   * oldest slot still held), where {@link #newestHourHot} found the newest hour hot; true if
   * enough of one power, each larger than any learned around its hours ({@link #learnDay}).
   */
  boolean find(int[] wh, byte[] counts, int need, int base, int mask, int s, int oldestSlot,
      HourlyBaseline b, int e, int warmupDays, double minPlateauKw) {
    learnUsual(b, e, warmupDays);
    scan(wh, counts, need, base, mask, Math.max(s - SPAN_SLOTS + 1, oldestSlot + 1), s, oldestSlot, b,
        e, warmupDays, minPlateauKw);
    dropFamiliar(e);
    return cluster();
  }

  /** Keeps the blocks larger by NOVELTY than any the mill drew around their hours before. */
  private void dropFamiliar(int e) {
    int kept = 0;
    familiarKw = 0;
    for (int i = 0; i < count; i++) {
      double learnedKw = learnedAround(e, blockFirst[i], blockSlots[i]);
      if (blockKw[i] > NOVELTY * learnedKw) {
        familiarKw = Math.max(familiarKw, learnedKw);
        blockKw[kept] = blockKw[i];
        blockFirst[kept] = blockFirst[i];
        blockSlots[kept] = blockSlots[i];
        kept++;
      }
    }
    count = kept;
  }

  /**
   * The largest block learned in the bands of the hours of slots [first, first + slots) and of
   * the hour either side (a machine's run drifts by the hour).
   */
  private double learnedAround(int e, int first, int slots) {
    int step = 0;
    for (int hour = (first >> 2) - 1; hour <= (first + slots - 1 >> 2) + 1; hour++) {
      step = Math.max(step, learned[band(e, hour)] & 0xff);
    }
    return step == 0 ? 0 : Math.exp(step * LOG_STEP);
  }

  private static int band(int e, int hour) {
    return e * BANDS + Math.floorMod(hour, H) / BAND_HOURS;
  }

  /**
   * Learns the largest block the mill drew in its idle hours on local day d - 2, older than the
   * day and a half {@link #find} reads (a furnace begun yesterday is judged before it is learned):
   * a mill whose own machine runs at one power through its evenings shows it every week.
   */
  void learnDay(int e, int[] wh, byte[] counts, int need, int base, int mask, int d, int oldestSlot,
      HourlyBaseline b, int warmupDays, double minPlateauKw) {
    if (b.days(e, 0) < warmupDays) {
      return;
    }
    learnUsual(b, e, warmupDays);
    int first = (d - 2) * DetectionEngine.SLOTS_PER_DAY;
    scan(wh, counts, need, base, mask, Math.max(first, oldestSlot + 1),
        first + DetectionEngine.SLOTS_PER_DAY - 1, oldestSlot, b, e, warmupDays, minPlateauKw);
    for (int i = 0; i < count; i++) {
      int last = blockFirst[i] + blockSlots[i] - 1 >> 2;
      // (rounded up: a block learned reads as large as it was, or a step larger)
      int step = (int) Math.min(255, Math.ceil(Math.log(Math.max(1, blockKw[i])) / LOG_STEP));
      for (int hour = blockFirst[i] >> 2; hour <= last; hour++) {
        int k = band(e, hour);
        learned[k] = (byte) Math.max(learned[k] & 0xff, step);
      }
    }
  }

  /** Collects the blocks of slots [from, to] (their edges judged within it). */
  private void scan(int[] wh, byte[] counts, int need, int base, int mask, int from, int to,
      int oldestSlot, HourlyBaseline b, int e, int warmupDays, double minPlateauKw) {
    count = 0;
    int runStart = -1;
    for (int t = from; t <= to + 1; t++) {
      boolean hot = t <= to && hot(kw(wh, counts, need, base, mask, t), wh, counts, need, base, mask,
          t, oldestSlot, b, e, warmupDays, minPlateauKw);
      if (hot && runStart < 0) {
        runStart = t;
      } else if (!hot && runStart >= 0) {
        int before = count;
        if (t - runStart <= MAX_BLOCK_SLOTS) {
          block(wh, counts, need, base, mask, runStart, t - 1, from, to, b, e, warmupDays);
        }
        if (count == before) {
          batch(wh, counts, need, base, mask, runStart, t - 1, from, to, b, e, warmupDays);
        }
        runStart = -1;
      }
    }
  }

  void ensureCapacity(int enterprises) {
    learned = java.util.Arrays.copyOf(learned, Math.max(enterprises * BANDS, learned.length));
  }

  void reset(int e) {
    java.util.Arrays.fill(learned, e * BANDS, e * BANDS + BANDS, (byte) 0);
  }

  static int bytesPerEnterprise() {
    return BANDS;
  }

  /** Records the run [first, last] as a block if it is a heat: short, its top held flat, switched on or off. */
  private void block(int[] wh, byte[] counts, int need, int base, int mask, int first, int last,
      int from, int s, HourlyBaseline b, int e, int warmupDays) {
    int n = last - first + 1;
    if (n < 2 || n > MAX_BLOCK_SLOTS || count == MAX_BLOCKS) {
      return;
    }
    // Held flat: every slot near the top (a heat's first and last slots are partial) within
    // FLAT_STEP of it, two at least. An induction furnace melts at constant power; a mill's own
    // evening work varies slot to slot.
    double top = 0;
    for (int t = first; t <= last; t++) {
      top = Math.max(top, kw(wh, counts, need, base, mask, t));
    }
    int atTop = 0;
    double sum = 0;
    boolean tapped = false;
    for (int t = first; t <= last; t++) {
      double x = kw(wh, counts, need, base, mask, t);
      if (x >= NEAR_TOP * top) {
        if (x < (1 - FurnaceCycleDetector.FLAT_STEP) * top) {
          if (t == first || t == last) {
            continue; // the quarter hour a heat began or ended in: partly on
          }
          return;
        }
        if (tapped) {
          return; // a tap between two tops: heats of a batch (batch reads them)
        }
        atTop++;
        sum += x;
      } else if (atTop > 0) {
        tapped = true;
      }
    }
    if (atTop < 2) {
      return;
    }
    double flat = sum / atTop;
    boolean offBefore = beside(wh, counts, need, base, mask, first - 1, -1, from, s) < 0.5 * flat;
    boolean offAfter = beside(wh, counts, need, base, mask, last + 1, 1, from, s) < 0.5 * flat;
    if (!offBefore && !offAfter) {
      return; // not switched on or off: the mill's own load running on into hours it works
    }
    blockKw[count] = flat - level(first, b, e, warmupDays);
    blockFirst[count] = first;
    blockSlots[count] = n;
    count++;
  }

  /**
   * Records the heats of a run that is not one heat [first, last] as blocks: a furnace melting in
   * batches, heats back to back, tapped and charged between them in minutes, so that a quarter
   * hour's reading dips below its top (under {@link #NEAR_TOP} of it) without switching off. Each
   * stretch held flat (every slot within FLAT_STEP of its top, two at least, two hours at most),
   * below its top on both sides and tapped or off on one, is a heat, if the run as a whole was
   * switched on or off and, over two hours, its heats fill half of it: the mill's own work running
   * on varies slot to slot.
   */
  private void batch(int[] wh, byte[] counts, int need, int base, int mask, int first, int last,
      int from, int s, HourlyBaseline b, int e, int warmupDays) {
    int before = count;
    int heatSlots = 0;
    boolean switched = false;
    double lowest = Double.POSITIVE_INFINITY;
    for (int t = first; t <= last; t++) {
      lowest = Math.min(lowest, kw(wh, counts, need, base, mask, t));
    }
    double beforeKw = beside(wh, counts, need, base, mask, first - 1, -1, from, s);
    double afterKw = beside(wh, counts, need, base, mask, last + 1, 1, from, s);
    for (int t = first, end; t <= last; t = end + 1) {
      double top = kw(wh, counts, need, base, mask, t);
      double low = top;
      double sum = top;
      end = t;
      while (end < last) {
        double x = kw(wh, counts, need, base, mask, end + 1);
        if (Math.min(low, x) < (1 - FurnaceCycleDetector.FLAT_STEP) * Math.max(top, x)) {
          break;
        }
        top = Math.max(top, x);
        low = Math.min(low, x);
        sum += x;
        end++;
      }
      int n = end - t + 1;
      double flat = sum / n;
      // A heat: below its top on both sides, tapped or off on one.
      if (n < 2 || n > MAX_BLOCK_SLOTS || count == MAX_BLOCKS
          || !heatEdges(wh, counts, need, base, mask, t, end, first, last, from, s, flat)) {
        continue;
      }
      // (switched off between two heats of the run counts too)
      switched |= beforeKw < 0.5 * flat || afterKw < 0.5 * flat || lowest < 0.5 * flat;
      blockKw[count] = flat - level(t, b, e, warmupDays);
      blockFirst[count] = t;
      blockSlots[count] = n;
      count++;
      heatSlots += n;
    }
    if (!switched || last - first >= MAX_BLOCK_SLOTS && 2 * heatSlots < last - first + 1) {
      count = before; // the mill's own work running on
    }
  }

  /**
   * Whether the stretch [t, end] of the run [first, last], held flat at flat kW, is a heat by its
   * edges: below its top on both sides and tapped or off on one. The quarter hour a heat began or
   * ended in is partly on: where that is the run's own first or last slot, the slot beyond it
   * tells. A heat at the run's end may go on melting: at the newest reading (s), or into an hour
   * the mill works, where the run ends at no edge of the heat; then its other side must be tapped.
   */
  private static boolean heatEdges(int[] wh, byte[] counts, int need, int base, int mask, int t,
      int end, int first, int last, int from, int s, double flat) {
    double top = (1 - FurnaceCycleDetector.FLAT_STEP) * flat;
    double prevKw = beside(wh, counts, need, base, mask, t - 1, -1, from, s);
    double nextKw = beside(wh, counts, need, base, mask, end + 1, 1, from, s);
    if (t - 1 == first && prevKw < top) {
      prevKw = lower(prevKw, edgeKw(wh, counts, need, base, mask, t - 2, from, s));
    }
    if (end + 1 == last && nextKw < top) {
      nextKw = lower(nextKw, edgeKw(wh, counts, need, base, mask, end + 2, from, s));
    }
    // (beyond the run, an hour the mill works or the newest reading: the heat's end not seen)
    if (end == last && (end == s || !(nextKw < top))) {
      return prevKw < NEAR_TOP * flat;
    }
    if (t == first && !(prevKw < top)) {
      return nextKw < NEAR_TOP * flat;
    }
    return Math.max(prevKw, nextKw) < top && Math.min(prevKw, nextKw) < NEAR_TOP * flat;
  }

  /** The lower of a partly-on slot's kW and the known kW beyond it. */
  private static double lower(double partKw, double beyondKw) {
    return Double.isNaN(beyondKw) ? partKw : Math.min(partKw, beyondKw);
  }

  /**
   * The kW of slot t beside a heat, or where t is not known (a meter's row not delivered yet),
   * of the slot one further (step -1 or 1); NaN outside [from, s] or not known either.
   */
  private static double beside(int[] wh, byte[] counts, int need, int base, int mask, int t,
      int step, int from, int s) {
    double kw = edgeKw(wh, counts, need, base, mask, t, from, s);
    return Double.isNaN(kw) && t >= from && t <= s
        ? edgeKw(wh, counts, need, base, mask, t + step, from, s) : kw;
  }

  /** The kW of slot t beside a heat, NaN outside [from, s] or not known. */
  private static double edgeKw(int[] wh, byte[] counts, int need, int base, int mask, int t,
      int from, int s) {
    return t < from || t > s ? Double.NaN : kw(wh, counts, need, base, mask, t);
  }

  /** The largest group of blocks of one power; true if it has enough blocks (spells counted for the alert). */
  private boolean cluster() {
    int best = 0;
    double bestRef = 0;
    for (int i = 0; i < count; i++) {
      int n = 0;
      for (int j = 0; j < count; j++) {
        if (Math.abs(blockKw[j] - blockKw[i]) <= SAME_POWER * blockKw[i]) {
          n++;
        }
      }
      if (n > best) {
        best = n;
        bestRef = blockKw[i];
      }
    }
    if (best < MIN_BLOCKS) {
      return false;
    }
    int n = 0;
    int sp = 0;
    int prevEnd = Integer.MIN_VALUE;
    double kwSum = 0;
    int slotSum = 0;
    int mask = 0;
    int first = Integer.MAX_VALUE;
    for (int i = 0; i < count; i++) {
      if (Math.abs(blockKw[i] - bestRef) > SAME_POWER * bestRef) {
        continue;
      }
      if (prevEnd == Integer.MIN_VALUE || blockFirst[i] - prevEnd >= SPELL_GAP_SLOTS) {
        sp++;
      }
      prevEnd = blockFirst[i] + blockSlots[i];
      n++;
      kwSum += blockKw[i];
      slotSum += blockSlots[i];
      first = Math.min(first, blockFirst[i]);
      for (int t = blockFirst[i]; t < blockFirst[i] + blockSlots[i]; t++) {
        mask |= 1 << Math.floorMod(t >> 2, HourlyBaseline.HOURS);
      }
    }
    blocks = n;
    spells = sp;
    heatKw = kwSum / n;
    meanHeatSlots = slotSum / (double) n;
    firstSlot = first;
    hours = mask;
    return true;
  }

  /**
   * A slot drawing at least minPlateauKw above its hour's level, and three times the hour's usual
   * high (level plus two sigmas, of working and rest days alike), or, in an hour the mill usually
   * idles ({@link #IDLE_SHARE}), three times what it drew on two of the four days before of its
   * type: a heat where the mill idles. (A mill whose nights were once worked has a wide spread
   * there, which hides a furnace added on the nights it now rests; its last days say it rests
   * them.)
   */
  private boolean hot(double kw, int[] wh, byte[] counts, int need, int base, int mask, int t,
      int oldestSlot, HourlyBaseline b, int e, int warmupDays, double minPlateauKw) {
    double level = level(t, b, e, warmupDays);
    if (Double.isNaN(kw) || kw - level < minPlateauKw) {
      return false;
    }
    int h = Math.floorMod(t >> 2, HourlyBaseline.HOURS);
    // (an hour the mill idles on a rest day must be idle on its working days too: a holiday it
    // works is its own work in its working hours, however idle its rest days were)
    return kw >= 3 * usualKw[h] || Math.max(level, b.mean(e, 0, h)) <= IDLE_SHARE * busiestKw
        && quietBefore(kw, wh, counts, need, base, mask, t, oldestSlot);
  }

  /**
   * Whether slot t's hour drew below a third of kw on two of the four days before (those of its
   * own type, working or rest, still in the ring): a furnace that ran last night does not hide
   * tonight's heats, nights the mill rested before it do not.
   */
  private boolean quietBefore(double kw, int[] wh, byte[] counts, int need, int base, int mask,
      int t, int oldestSlot) {
    int day = Math.floorDiv(t, DetectionEngine.SLOTS_PER_DAY);
    boolean working = days.isWorkingDay(day);
    int hourFirst = t - Math.floorMod(t, 4);
    int quiet = 0;
    for (int back = 1; back <= 4 && quiet < 2; back++) {
      int first = hourFirst - back * DetectionEngine.SLOTS_PER_DAY;
      if (first <= oldestSlot) {
        break;
      }
      if (days.isWorkingDay(day - back) != working) {
        continue;
      }
      if (3 * SteelRestReads.hourKw(wh, counts, need, base, mask, first) < kw) {
        quiet++; // (an hour not known is not quiet)
      }
    }
    return quiet == 2;
  }

  /** Each hour's usual high (legal steel's test of a quiet hour), read once per scan. */
  private void learnUsual(HourlyBaseline b, int e, int warmupDays) {
    boolean restKnown = b.restWarm(e, warmupDays);
    for (int h = 0; h < HourlyBaseline.HOURS; h++) {
      usualKw[h] = FurnaceRule.usualHigh(b, e, h, restKnown);
    }
    learnBusiest(b, e);
  }

  /** The learned level of the mill's busiest working-day hour. */
  private void learnBusiest(HourlyBaseline b, int e) {
    busiestKw = 0;
    for (int h = 0; h < HourlyBaseline.HOURS; h++) {
      busiestKw = Math.max(busiestKw, b.mean(e, 0, h));
    }
  }

  /** The learned level of slot t's hour, of its own day type. */
  private double level(int t, HourlyBaseline b, int e, int warmupDays) {
    int h = Math.floorMod(t >> 2, HourlyBaseline.HOURS);
    boolean rest = !days.isWorkingDay(Math.floorDiv(t, DetectionEngine.SLOTS_PER_DAY));
    return b.mean(e, rest && b.restWarm(e, warmupDays) ? 1 : 0, h);
  }

  private static double kw(int[] wh, byte[] counts, int need, int base, int mask, int t) {
    int v = FurnaceCycleDetector.complete(wh, counts, need, base + (t & mask));
    return v == DailyFeatures.MISSING ? Double.NaN : v / 250.0; // (Wh a slot: kW x 250)
  }
}
