package org.furnacewatch.detect;

/**
 * PEER_OUTLIER for an enterprise in its first days on the watch (the watch's first days, or a new
 * account's; not a history restarted by a dated change). Its own baselines cannot yet say that a
 * site running round the clock near its contracted capacity, among peers that work one or two
 * shifts, is abnormal, and the learned-day peer stage waits past the horizon and for days in a
 * row. So each enterprise's day is offered as soon as nine in ten of its slots are complete (every
 * meter reported them), and again when all are: a re-collected row need not hold it back. A day
 * is open from when the newest reading of all reaches its last slot until a day later: while
 * open, it is scored after each batch that offered an enterprise alone, with whoever has
 * reported it by then (a half-day upload arrives over many requests), and once more as it
 * closes ({@link PeerStage#FIRST_DAYS}).
 */
final class FirstDaysPeers {
  private static final int SLOTS_PER_DAY = DetectionEngine.SLOTS_PER_DAY;
  /** How long a day stays open for peers whose rows come later. */
  private static final int OPEN_SLOTS = SLOTS_PER_DAY;
  /** Complete slots at which a day is first offered: 0.9 of the day, the default minCoverage. */
  private static final int FIRST_OFFER_SLOTS = 87;

  private final PeerStage stage = new PeerStage(PeerStage.FIRST_DAYS);
  /** Days up to this one are closed (scored for the last time). */
  private int closedThrough = Integer.MIN_VALUE;
  /** The newest day whose last slot the newest reading of all has reached. */
  private int lastOpen = Integer.MIN_VALUE;
  /** An enterprise alone was offered since the open days were last scored. */
  private boolean dirty;
  /**
   * Per enterprise, its two newest days (by day parity): the day times 128 plus its complete
   * slots (one int: this is read on every reading).
   */
  private int[] completeSlots = new int[0];
  /** And the Wh of those complete slots (summed as they complete: the day is not read again). */
  private long[] completeWh = new long[0];

  void ensureCapacity(int enterprises) {
    stage.ensureCapacity(enterprises);
    if (completeSlots.length < 2 * enterprises) {
      int old = completeSlots.length;
      completeSlots = java.util.Arrays.copyOf(completeSlots, 2 * enterprises);
      java.util.Arrays.fill(completeSlots, old, completeSlots.length, Integer.MIN_VALUE);
      completeWh = java.util.Arrays.copyOf(completeWh, 2 * enterprises);
    }
  }

  static int bytesPerEnterprise() {
    return PeerStage.bytesPerEnterprise() + 2 * (4 + 8);
  }

  /**
   * A slot of enterprise e has just become complete (its last meter reported it, wh in all):
   * whether its day should be offered now (enough of it is complete for the first time, or all
   * of it).
   */
  boolean slotCompleted(int e, int slot, int wh) {
    int d = Math.floorDiv(slot, SLOTS_PER_DAY);
    int i = 2 * e + (d & 1);
    int packed = completeSlots[i];
    int day = packed >> 7;
    if (day != d) {
      if (day > d && packed != Integer.MIN_VALUE) {
        return false; // a row of a day two back: its day was offered, or never will be
      }
      packed = d << 7;
      completeWh[i] = 0;
    }
    int n = packed & 127;
    if (n == SLOTS_PER_DAY) {
      return false; // every slot counted: a slot counted again (more meters expected) adds none
    }
    completeSlots[i] = ++packed;
    completeWh[i] += wh;
    n++;
    return (n == FIRST_OFFER_SLOTS || n == SLOTS_PER_DAY) && d > closedThrough;
  }

  /**
   * Offers enterprise e's local day d, the day of the slot that just completed, if enough of it
   * is complete: kWh per kVA (the complete slots' kWh scaled to the whole day).
   *
   * @param alone in its first days on the watch: only then can the day be a hit
   */
  void offer(int e, int d, int group, boolean alone, double minCoverage, EnterpriseContext c,
      DetectionProfile p) {
    double kva = c.capacityKva();
    int i = 2 * e + (d & 1);
    int complete = completeSlots[i] & 127;
    long sum = completeWh[i];
    if (group < 0 || !(kva > 0) || d <= closedThrough || complete < minCoverage * SLOTS_PER_DAY
        || sum <= 0) {
      return;
    }
    double kwh = sum / 1000.0 * SLOTS_PER_DAY / complete;
    stage.offer(e, d, group, Math.log(kwh / kva), alone, c, p);
    dirty |= alone;
  }

  /** The newest reading of all has reached newestSlot: opens the days it ends, closes older ones. */
  void advance(int newestSlot, int minPeers, PeerStage.Outlier out) {
    lastOpen = Math.max(lastOpen, Math.floorDiv(newestSlot + 1, SLOTS_PER_DAY) - 1);
    int closeThrough = Math.floorDiv(newestSlot + 1 - OPEN_SLOTS, SLOTS_PER_DAY) - 1;
    if (closedThrough == Integer.MIN_VALUE || closeThrough - closedThrough > PeerStage.DAYS) {
      closedThrough = Math.max(closedThrough, closeThrough - PeerStage.DAYS);
    }
    if (closeThrough > closedThrough) {
      scoreOpen(minPeers, out); // the closing days' last scoring
      closedThrough = closeThrough;
    }
  }

  /** After a batch: scores the open days if an enterprise alone was offered into them. */
  void flush(int minPeers, PeerStage.Outlier out) {
    scoreOpen(minPeers, out);
  }

  private void scoreOpen(int minPeers, PeerStage.Outlier out) {
    if (!dirty || lastOpen == Integer.MIN_VALUE) {
      return;
    }
    dirty = false;
    for (int d = Math.max(closedThrough + 1, lastOpen - PeerStage.DAYS + 1); d <= lastOpen; d++) {
      stage.score(d, minPeers, out);
    }
  }
}
