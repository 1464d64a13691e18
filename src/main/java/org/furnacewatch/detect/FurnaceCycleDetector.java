package org.furnacewatch.detect;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Recognizes induction-furnace melting (中频炉熔炼) in a window of 15-minute slots: heats of
 * roughly 45-90 minutes near a high plateau, repeating, separated by short dips while the melt is
 * tapped and the furnace recharged (DOMAIN.md: a 325 kW supply melts 550 kg in about 64 minutes).
 *
 * <p>Two stages. {@link #screen} runs hourly per enterprise on the hot path: two passes over at
 * most 64 ints, no allocation. It classifies each slot against the window's own range as heat
 * (>= highLevel), dip (<= dipLevel) or between, and counts heat runs of plausible length that end
 * in a short dip reaching the dip level. Day-shift, two-shift and 24/7 loads have long runs and
 * at most a lunch or shift-change dip, so they rarely show three such cycles in eight hours.
 * {@link #confirm} runs only for a positive screen: the FFT autocorrelation (commons-math3) of the
 * window gives the cycle period and how regular it is, for the evidence and the score.
 *
 * <p>Not thread-safe: results live in fields so the screen allocates nothing.
 */
final class FurnaceCycleDetector {
  /** Slots of the last screened window (the first of {@link #win}), and whether none is missing. */
  private int windowSlots;
  private boolean windowWhole;
  /** The last screen had too many slots without data to tell. */
  boolean incomplete;
  /** Counted heats of the last screen whose top was held flat ({@link #FLAT_STEP}). */
  int flatHeats;
  /** Bit h set: a flat-topped counted heat ran in local hour h. */
  int flatHeatHours;
  private int windowFirst;
  /** Cycles found by the last screen. */
  int cycles;
  /**
   * Local hours (a 24-bit mask, 0: none) in which a window may end in the tap after a run's last
   * heat and still count that heat: hours whose baseline is the plant's busy day, above which no
   * next heat can show to close the last one's cycle (legal steel, a furnace's morning run before
   * the mill's day). Where the hours after a run are quiet, only as {@link #countLastHeat} allows.
   * Set by the caller for its screens.
   */
  int closeLastHeatHours;
  /**
   * Whether a run's last heat, its tap read, counts as the cycle a window lacks: a furnace's short
   * run (an evening of three or four heats) otherwise shows one cycle fewer than it has heats, and
   * its first evening too few. Not across a run split at a gap (its heats are a guess already).
   * Set by the caller for its screens, where a run's end is not the site's own cycling.
   */
  boolean countLastHeat;
  /** Mean kW of heat slots. */
  double plateauKw;
  /** Lowest kW in the window. */
  double baseKw;
  /** Mean kW of the read dips between counted heats (0 if none). */
  double dipKw;
  /** Mean heat length in slots. */
  double meanHeatSlots;
  /** Absolute slot at which the first counted heat started. */
  int firstHeatSlot;
  /** Slot after the last counted heat's last (valid while cycles > 0). */
  int lastHeatEnd;
  /** Mean slots from one counted heat's start to the next (heat plus dip); 0 below two cycles. */
  double cycleSlots;
  /** Bit h set: a counted heat ran in local hour h. */
  int heatHours;
  /** From {@link #confirm}: dominant period in slots and its autocorrelation. */
  int periodSlots;
  double autocorrelation;

  private final FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
  /**
   * The window being screened, slot first + i at index i (MISSING where unknown): read once from
   * the ring (or written by {@link FurnaceRule} as load above the baseline), so the passes below
   * need no ring index or completeness test.
   */
  private final int[] win = new int[64];

  /**
   * @param last absolute slot of the window's last (finalized) slot
   * @return whether the window shows at least {@code minCycles} furnace-like cycles
   */
  /**
   * @param missingAsDip the lenient reading, to ask whether heats could explain a load, never to
   *     raise a finding: a slot without data counts as a dip, a blurred dip (a 10-minute tap
   *     averaged into a 15-minute slot) up to 0.7 of the range counts, one cycle fewer is enough
   */
  boolean screen(int[] wh, byte[] counts, int need, int base, int mask, int last,
      DetectionProfile.Furnace p, boolean missingAsDip) {
    int w = p.windowSlots();
    for (int i = 0, s = last - w + 1; i < w; i++, s++) {
      win[i] = complete(wh, counts, need, base + (s & mask));
    }
    return screenWindow(last, p, missingAsDip);
  }

  /** The window {@link #screen} reads: {@link FurnaceRule} fills it and calls {@link #screenWindow}. */
  int[] window() {
    return win;
  }

  /**
   * Mean absolute step between consecutive known slots of the last screened window, in kW. Read
   * from the window when asked (learning, and a judgement whose screen showed heats): most
   * screens are not asked. The window stays as screened until the next is written.
   */
  double swingKw() {
    if (windowWhole) { // (most: a loop without a branch)
      long swingSum = 0;
      for (int i = 1; i < windowSlots; i++) {
        swingSum += Math.abs(win[i] - win[i - 1]);
      }
      return windowSlots <= 1 ? 0 : swingSum * 0.004 / (windowSlots - 1);
    }
    return meanStepKw(0, windowSlots - 1);
  }

  /**
   * {@link #swingKw} over the counted heats alone, from the slot before the first to the slot
   * after the last: a furnace melting a few hours of an eight-hour window, its heats long and
   * its taps short, steps as often as ever while it melts, and the quiet hours around it would
   * dilute that into a plant's own swing. The whole window where no heat was counted.
   */
  double heatSpanSwingKw() {
    if (cycles == 0) {
      return swingKw();
    }
    return meanStepKw(Math.max(0, firstHeatSlot - windowFirst - 1),
        Math.min(windowSlots - 1, lastHeatEnd - windowFirst));
  }

  /** Mean absolute step between consecutive known slots of window indices [from, to], in kW. */
  private double meanStepKw(int from, int to) {
    long swingSum = 0;
    int steps = 0;
    int prev = DailyFeatures.MISSING;
    for (int i = from; i <= to; i++) {
      int v = win[i];
      if (v == DailyFeatures.MISSING) {
        continue;
      }
      if (prev != DailyFeatures.MISSING) {
        swingSum += Math.abs(v - prev);
        steps++;
      }
      prev = v;
    }
    return steps == 0 ? 0 : swingSum * 0.004 / steps;
  }

  /** {@link #screen} of the window already in {@link #window()}, slots [last - w + 1, last]. */
  boolean screenWindow(int last, DetectionProfile.Furnace p, boolean missingAsDip) {
    return screenWindow(last, p, missingAsDip, false);
  }

  /**
   * @param readGaps a row or two the window lacks may be read as a tap (a heat either side):
   *     for the furnace rule's own judgement, whose windows are judged again when the row comes
   */
  boolean screenWindow(int last, DetectionProfile.Furnace p, boolean missingAsDip, boolean readGaps) {
    cycles = 0;
    lastHeatEnd = Integer.MIN_VALUE;
    flatHeats = 0;
    flatHeatHours = 0;
    int w = p.windowSlots();
    int first = last - w + 1;
    windowFirst = first;
    int[] x = win;
    int min = Integer.MAX_VALUE;
    int max = 0;
    int missing = 0;
    for (int i = 0; i < w; i++) {
      missing += x[i] == DailyFeatures.MISSING ? 1 : 0;
    }
    if (missing == 0) {
      // Most windows are whole: the range in a loop without a branch, which the JIT unrolls
      // (nearly every screen ends at the range test or the rises after it).
      for (int i = 0; i < w; i++) {
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
      }
    } else {
      for (int i = 0; i < w; i++) {
        int v = x[i];
        if (v != DailyFeatures.MISSING) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    int range = max - min;
    incomplete = missing * 4 > w;
    windowSlots = w;
    windowWhole = missing == 0;
    if (incomplete || range * 0.004 < p.minPlateauKw() || range < p.minDepthShare() * max) {
      return false;
    }
    // On/off runs around a middle level, not a high one: a heat's 15-minute averages vary with
    // the charge and a slot half in a dip reads half way, so only the middle separates them. A
    // cycle is an on-run of heat length, then a short off-run that reaches the dip level, then
    // the next on-run.
    double on = min + p.highLevel() * range;
    int need = missingAsDip ? Math.max(2, p.minCycles() - 1) : p.minCycles();
    // A row or two not delivered after the rest of the window came (re-collected days later) may
    // hide a tap; a window still coming in, request by request, has many, and is read as it is.
    readGaps &= !missingAsDip && missing > 0 && missing <= MAX_GAPS_READ;
    long onWh = (long) Math.ceil(on);
    if (!missingAsDip && atOrAbove(x, w, onWh) < need
        || rises(x, w, onWh, min, missingAsDip, readGaps) < need) {
      return false; // most windows that pass the range end here, before the notch and run passes
    }
    // The lenient reading takes any off slot as a dip (a blurred tap).
    double lo = min + (missingAsDip ? p.highLevel() : p.dipLevel()) * range;
    int maxOff = p.maxDipSlots() + 1; // a dip's partial slots on either side
    long notches = notches(x, first, last, on, readGaps);
    int onRun = 0;
    int onStart = 0;
    int prevOn = 0;
    int prevOnStart = 0;
    int offRun = 0;
    boolean offLow = false;
    int offMin = Integer.MAX_VALUE;
    long dipSum = 0;
    int dips = 0;
    int readDips = 0;
    boolean offLowRead = false;
    long heatSum = 0;
    int heatSlots = 0;
    int heatLenSum = 0;
    int lastCountedStart = 0;
    heatHours = 0;
    // Slots not delivered inside an on-run: the run's slots before them, how many, and where the
    // slots after them start (-1: none yet).
    int beforeGap = -1;
    int gapSlots = 0;
    int afterGapStart = -1;
    boolean splitOnce = false;
    for (int s = first; s <= last; s++) {
      int v = x[s - first];
      boolean delivered = v != DailyFeatures.MISSING;
      if (v == DailyFeatures.MISSING) {
        if (!missingAsDip) {
          // unknown, not a dip: a slot not yet delivered must not break a heat (but see splitAtGap)
          if (readGaps && onRun > 0 && afterGapStart < 0) {
            beforeGap = beforeGap < 0 ? onRun : beforeGap;
            gapSlots++;
          }
          continue;
        }
        v = min;
      }
      boolean notch = (notches >>> (s - first) & 1) != 0;
      if (v >= on && !notch) {
        heatSum += v;
        heatSlots++;
        if (onRun > 0 && beforeGap > 0 && afterGapStart < 0) {
          afterGapStart = s;
        }
        if (onRun == 0) {
          if (prevOn >= p.minHeatSlots() && prevOn <= p.maxHeatSlots()
              && offRun >= 1 && offRun <= maxOff && offLow) {
            countHeat(prevOnStart, prevOn);
            dips++;
            readDips += offLowRead ? 1 : 0;
            dipSum += offMin;
            heatLenSum += prevOn;
            lastCountedStart = prevOnStart;
          }
          onStart = s;
          offRun = 0;
          offLow = false;
          offLowRead = false;
          offMin = Integer.MAX_VALUE;
        }
        onRun++;
      } else {
        if (onRun > 0) {
          prevOn = onRun;
          prevOnStart = onStart;
          if (!splitOnce && splitAtGap(onRun, beforeGap, gapSlots, afterGapStart, p)) {
            splitOnce = true;
            countHeat(onStart, beforeGap);
            heatLenSum += beforeGap;
            lastCountedStart = onStart;
            prevOn = onRun - beforeGap;
            prevOnStart = afterGapStart;
          }
          onRun = 0;
        }
        beforeGap = -1;
        gapSlots = 0;
        afterGapStart = -1;
        offRun++;
        offLow |= v <= lo || notch;
        offLowRead |= delivered && (v <= lo || notch);
        offMin = Math.min(offMin, v);
      }
    }
    if (onRun > 0 && !splitOnce && splitAtGap(onRun, beforeGap, gapSlots, afterGapStart, p)) {
      countHeat(onStart, beforeGap); // the window ends in the heat after the gap
      heatLenSum += beforeGap;
      lastCountedStart = onStart;
    } else if (onRun == 0 && cycles > 0 && offLowRead
        && ((closeLastHeatHours >>> Math.floorMod(Math.floorDiv(last, 4), 24) & 1) != 0
            || countLastHeat && cycles == need - 1 && !missingAsDip && !splitOnce)
        && prevOn >= p.minHeatSlots() && prevOn <= p.maxHeatSlots()) {
      countHeat(prevOnStart, prevOn); // the run's last heat, its tap read
      dips++;
      readDips++;
      dipSum += offMin;
      heatLenSum += prevOn;
      lastCountedStart = prevOnStart;
    }
    plateauKw = heatSlots == 0 ? 0 : heatSum * 0.004 / heatSlots;
    // Tapping empties the furnace: its dips fall most of the way from the heats' level. Noise on
    // a high floor (a miner, a busy line) crosses the middle of its range but never falls that far.
    // Only dips that were read count here, and at least one must have been.
    if (cycles > 0 && (dips == 0 || plateauKw - dipSum * 0.004 / dips < p.minDepthShare() * plateauKw)) {
      cycles = 0;
    }
    // Read leniently, rows not delivered yet stand in for dips, but not for all of them: a
    // flat block of work with rows still to come is not a furnace's heats.
    if (missingAsDip && readDips == 0) {
      cycles = 0;
    }
    baseKw = min * 0.004;
    dipKw = dips == 0 ? 0 : dipSum * 0.004 / dips;
    meanHeatSlots = cycles == 0 ? 0 : heatLenSum / (double) cycles;
    cycleSlots = cycles < 2 ? 0 : (lastCountedStart - firstHeatSlot) / (double) (cycles - 1);
    return cycles >= need;
  }

  /**
   * Whether an on-run with slots not yet delivered inside it is two heats with a dip in the gap:
   * heat-long on both sides, and too long to be one heat if the gap was on too. A re-collected
   * row comes up to three days late; a furnace's first night has three or four cycles, and
   * reading the gap as heat would lose one of them until it comes. Once a window: a machine's
   * long runs split at two gaps would make cycles of their own.
   */
  private static boolean splitAtGap(int onRun, int beforeGap, int gapSlots, int afterGapStart,
      DetectionProfile.Furnace p) {
    int after = onRun - beforeGap;
    return afterGapStart >= 0 && gapSlots <= p.maxDipSlots()
        && beforeGap >= p.minHeatSlots() && beforeGap <= p.maxHeatSlots()
        && after >= p.minHeatSlots() && after <= p.maxHeatSlots()
        && onRun + gapSlots > p.maxHeatSlots();
  }

  /** Counts the heat of the given slots as a cycle (ended by a dip, read or not delivered yet). */
  private void countHeat(int start, int slots) {
    if (cycles == 0) {
      firstHeatSlot = start;
    }
    lastHeatEnd = Math.max(lastHeatEnd, start + slots);
    cycles++;
    int hours = 0;
    for (int k = start; k < start + slots; k++) {
      hours |= 1 << Math.floorMod(Math.floorDiv(k, 4), 24);
    }
    heatHours |= hours;
    if (heldFlat(start - windowFirst, slots)) {
      flatHeats++;
      flatHeatHours |= hours;
    }
  }

  /** Whether two neighbouring slots of the heat at window index i read within FLAT_STEP. */
  private boolean heldFlat(int i, int slots) {
    for (int k = Math.max(0, i); k < i + slots - 1 && k + 1 < win.length; k++) {
      int a = win[k];
      int b = win[k + 1];
      if (a != DailyFeatures.MISSING && b != DailyFeatures.MISSING
          && Math.abs(a - b) <= FLAT_STEP * Math.max(a, b)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A furnace's converter holds its power while it melts: two whole slots of one heat read within
   * this share of each other where the load beneath is quiet. A plant's own machines swing more
   * from one quarter hour to the next.
   */
  static final double FLAT_STEP = 0.05;

  /**
   * Slots at or above on (none missing: MISSING is below any level): a bound on {@link #rises}
   * that reads without a branch, which the JIT vectorizes. Most windows of a working plant that
   * pass the range have a spike or two above the middle, too few to start three cycles.
   */
  private static int atOrAbove(int[] x, int w, long on) {
    int n = 0;
    for (int i = 0; i < w; i++) {
      n += x[i] >= on ? 1 : 0;
    }
    return n;
  }

  /**
   * An upper bound on the cycles {@link #screenWindow} can count, in one light pass: a cycle is
   * counted where an on-run starts right after an off slot (the previous slot it reads), and that
   * slot is below the middle level, or a missing slot read as a dip, or a notch, which reads at
   * most {@link #NOTCH_PAIR_MAX} of the slot after it (an upper bound: the run pass counts no more).
   * on: the middle level rounded up, which an int reaches exactly when it reaches the level.
   */
  private static int rises(int[] x, int w, long on, int min, boolean missingAsDip,
      boolean readGaps) {
    int rises = 0;
    int prev = DailyFeatures.MISSING; // no slot read yet: the first cannot start a counted cycle
    boolean gap = false;
    for (int i = 0; i < w; i++) {
      int v = x[i];
      if (v == DailyFeatures.MISSING) {
        if (!missingAsDip) {
          gap = readGaps; // a heat after a gap may count (splitAtGap)
          continue;
        }
        v = min;
      }
      if (v >= on && prev != DailyFeatures.MISSING
          && (prev < on || prev <= NOTCH_PAIR_MAX * v || gap)) {
        rises++;
      }
      gap = false;
      prev = v;
    }
    return rises;
  }

  /**
   * Autocorrelation of the window by FFT (Wiener-Khinchin: inverse transform of the power
   * spectrum of the zero-padded, mean-removed series) of the window last screened. Allocates;
   * call only after a positive screen. Sets {@link #periodSlots} and {@link #autocorrelation}.
   */
  void confirm(DetectionProfile.Furnace p) {
    int w = p.windowSlots();
    double[] x = new double[Integer.highestOneBit(w - 1) << 2]; // >= 2w, power of two
    double mean = 0;
    int n = 0;
    for (int i = 0; i < w; i++) {
      int v = win[i];
      if (v != DailyFeatures.MISSING) {
        mean += v;
        n++;
      }
    }
    mean = n == 0 ? 0 : mean / n;
    for (int i = 0; i < w; i++) {
      int v = win[i];
      x[i] = v == DailyFeatures.MISSING ? 0 : v - mean;
    }
    Complex[] spectrum = fft.transform(x, TransformType.FORWARD);
    double[] power = new double[spectrum.length];
    for (int i = 0; i < spectrum.length; i++) {
      power[i] = spectrum[i].getReal() * spectrum[i].getReal()
          + spectrum[i].getImaginary() * spectrum[i].getImaginary();
    }
    Complex[] acf = fft.transform(power, TransformType.INVERSE);
    double r0 = acf[0].getReal();
    periodSlots = 0;
    autocorrelation = 0;
    if (r0 <= 0) {
      return;
    }
    int minLag = p.minHeatSlots() + 1;
    int maxLag = Math.min(w / 2, p.maxHeatSlots() + p.maxDipSlots());
    for (int lag = minLag; lag <= maxLag; lag++) {
      // Unbiased: the overlap shrinks with the lag.
      double r = acf[lag].getReal() / r0 * w / (w - lag);
      if (r > autocorrelation) {
        autocorrelation = r;
        periodSlots = lag;
      }
    }
    autocorrelation = Math.min(1, autocorrelation);
  }

  /**
   * Slots (bit i for first + i) that dip to at most {@link #NOTCH} of the heats on both sides,
   * or two slots that average {@link #NOTCH_PAIR}: a 10-minute tap inside a 15-minute average
   * reads half way down, or two-thirds up in each of two slots, above the middle of a tall
   * window's range, yet it separates two heats.
   */
  private static long notches(int[] x, int first, int last, double on, boolean readGaps) {
    long bits = 0;
    for (int s = first + 1; s < last; s++) {
      int before = x[s - 1 - first];
      if (readGaps && before == DailyFeatures.MISSING && s - 2 >= first) {
        before = x[s - 2 - first]; // a row not delivered yet beside the notch: the heat beyond it
      }
      int v = x[s - first];
      if (before == DailyFeatures.MISSING || v == DailyFeatures.MISSING || before < on) {
        continue;
      }
      for (int width = 1; width <= 2 && s + width <= last; width++) {
        int after = x[s + width - first];
        if (readGaps && width == 1 && after == DailyFeatures.MISSING && s + 2 <= last) {
          after = x[s + 2 - first];
        }
        int second = width == 1 ? v : x[s + 1 - first];
        if (after == DailyFeatures.MISSING || second == DailyFeatures.MISSING || after < on) {
          continue;
        }
        int around = Math.min(before, after);
        boolean notch = width == 1 ? v <= NOTCH * around
            // a 10-minute tap astride two slots takes about a third off each
            : v + second <= 2 * NOTCH_PAIR * around && Math.max(v, second) <= NOTCH_PAIR_MAX * around;
        if (notch) {
          bits |= (width == 1 ? 1L : 3L) << (s - first);
          break;
        }
      }
    }
    return bits;
  }

  /** Slots without data a window may have for its gaps to be read as possible taps. */
  private static final int MAX_GAPS_READ = 2;

  /** A notch reaches at most this share of the heats around it. */
  private static final double NOTCH = 0.7;
  /** A two-slot notch: the mean of its slots, and the higher of them. */
  private static final double NOTCH_PAIR = 0.75;
  private static final double NOTCH_PAIR_MAX = 0.85;

  /**
   * A slot's value if every meter reported it, else {@link DailyFeatures#MISSING}: a slot one
   * meter has not delivered yet reads low, and a few of them look like tapping dips.
   */
  static int complete(int[] wh, byte[] counts, int need, int idx) {
    return (counts[idx] & 0x7f) >= need ? wh[idx] : DailyFeatures.MISSING;
  }

  /**
   * Whether {@link #complete} has a value for the slot: for loops that sum slots with selects
   * instead of a branch (a slot missing at random then costs no misprediction).
   */
  static boolean known(int[] wh, byte[] counts, int need, int idx) {
    return (counts[idx] & 0x7f) >= need && wh[idx] != DailyFeatures.MISSING;
  }
}
