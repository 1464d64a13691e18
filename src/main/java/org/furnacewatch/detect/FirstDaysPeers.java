package org.furnacewatch.detect;

/**
 * PEER_OUTLIER for an enterprise in its first days on the watch (the watch's first days, or a new
 * account's; not a history restarted by a dated change). Its own baselines cannot yet say that a
 * site running round the clock near its contracted capacity, among peers that work one or two
 * shifts, is abnormal, and the learned-day peer stage waits past the horizon and for days in a
 * row. So each half-day of the enterprise (morning 0-12 h, afternoon 12-24 h, local) is compared
 * with the same half-day of its peers: a power company uploads half-days, and a concentrator
 * that goes quiet may deliver one half a day and more late, or one meter of a site's two.
 *
 * <p>Periods: 2d is day d's morning, 2d + 1 its afternoon. A period is offered once three
 * quarters of its slots are complete (every meter reported them; one meter of several lacking a
 * row in ten, the rest re-collected days later or never), again at nine in ten, and when all
 * are. It is open from when the newest reading of all reaches its last slot until a day later:
 * while open, it is scored after each batch that offered an enterprise alone, with whoever has
 * reported it by then (an upload arrives over many requests), and once more as it closes
 * ({@link PeerStage#FIRST_DAYS}).
 */
final class FirstDaysPeers {
  private static final int SLOTS_PER_DAY = DetectionEngine.SLOTS_PER_DAY;
  static final int PERIOD_SLOTS = SLOTS_PER_DAY / 2;
  /** How long a period stays open for peers whose rows come later: a day. */
  private static final int OPEN_SLOTS = SLOTS_PER_DAY;
  /**
   * Complete slots at which a period is offered. Scaled to a whole day, a quarter missing moves
   * a site far above its peers little; the rule's margins are wide.
   */
  private static final int OFFERED = 36, OFFERED_AGAIN = 44;
  /** What {@link #slotCompleted} asks to offer. */
  static final int OFFER_MORNING = 1, OFFER_AFTERNOON = 2;

  private final PeerStage stage = new PeerStage(PeerStage.FIRST_DAYS);
  /** Periods up to this one are closed (scored for the last time). */
  private int closedThrough = Integer.MIN_VALUE;
  /** The newest period whose last slot the newest reading of all has reached. */
  private int lastOpen = Integer.MIN_VALUE;
  /** An enterprise alone was offered since the open periods were last scored. */
  private boolean dirty;
  /**
   * Per enterprise, its two newest days (by day parity), packed in one int (this is read on every
   * reading): the day, its morning's complete slots, its afternoon's (7 bits each).
   */
  private int[] completeSlots = new int[0];
  /** And the Wh of those complete slots, the morning's and the afternoon's (summed as slots complete). */
  private long[] morningWh = new long[0];
  private long[] afternoonWh = new long[0];

  void ensureCapacity(int enterprises) {
    stage.ensureCapacity(enterprises);
    if (completeSlots.length < 2 * enterprises) {
      int old = completeSlots.length;
      completeSlots = java.util.Arrays.copyOf(completeSlots, 2 * enterprises);
      java.util.Arrays.fill(completeSlots, old, completeSlots.length, Integer.MIN_VALUE);
      morningWh = java.util.Arrays.copyOf(morningWh, 2 * enterprises);
      afternoonWh = java.util.Arrays.copyOf(afternoonWh, 2 * enterprises);
    }
  }

  static int bytesPerEnterprise() {
    return PeerStage.bytesPerEnterprise() + 2 * (4 + 8 + 8);
  }

  /**
   * A slot of enterprise e has just become complete (its last meter reported it, wh in all):
   * whether its half-day should be offered now ({@link #OFFER_MORNING}, {@link #OFFER_AFTERNOON}
   * or 0).
   */
  int slotCompleted(int e, int slot, int wh) {
    int d = Math.floorDiv(slot, SLOTS_PER_DAY);
    int i = 2 * e + (d & 1);
    int packed = completeSlots[i];
    int day = packed >> 14;
    if (day != d) {
      if (day > d && packed != Integer.MIN_VALUE) {
        return 0; // a row of a day two back: it was offered, or never will be
      }
      packed = d << 14;
      morningWh[i] = 0;
      afternoonWh[i] = 0;
    }
    boolean morning = slot - d * SLOTS_PER_DAY < PERIOD_SLOTS;
    int shift = morning ? 0 : 7;
    int n = (packed >> shift & 127) + 1;
    if (n > PERIOD_SLOTS) {
      return 0; // every slot counted: a slot counted again (more meters expected) adds none
    }
    completeSlots[i] = packed + (1 << shift);
    if (morning) {
      morningWh[i] += wh;
    } else {
      afternoonWh[i] += wh;
    }
    boolean offer = (n == OFFERED || n == OFFERED_AGAIN || n == PERIOD_SLOTS)
        && 2 * d + (morning ? 0 : 1) > closedThrough;
    return !offer ? 0 : morning ? OFFER_MORNING : OFFER_AFTERNOON;
  }

  /**
   * Offers enterprise e's morning or afternoon of day d, as slotCompleted asked: kWh per kVA at a
   * daily rate (the complete slots' kWh scaled to a whole day), so that the rule reads a half-day
   * as it reads a day.
   *
   * @param alone in its first days on the watch: only then can a period be a hit
   */
  void offer(int e, int d, int offer, int group, boolean alone, EnterpriseContext c,
      DetectionProfile p) {
    double kva = c.capacityKva();
    int i = 2 * e + (d & 1);
    boolean morning = offer == OFFER_MORNING;
    int complete = completeSlots[i] >> (morning ? 0 : 7) & 127;
    long wh = morning ? morningWh[i] : afternoonWh[i];
    int period = 2 * d + (morning ? 0 : 1);
    if (group < 0 || !(kva > 0) || period <= closedThrough || wh <= 0) {
      return;
    }
    double kwh = wh / 1000.0 * SLOTS_PER_DAY / complete;
    stage.offer(e, period, group, Math.log(kwh / kva), alone, c, p);
    dirty |= alone;
  }

  /** The newest reading of all has reached newestSlot: opens the periods it ends, closes older ones. */
  void advance(int newestSlot, int minPeers, PeerStage.Outlier out) {
    lastOpen = Math.max(lastOpen, Math.floorDiv(newestSlot + 1, PERIOD_SLOTS) - 1);
    int closeThrough = Math.floorDiv(newestSlot + 1 - OPEN_SLOTS, PERIOD_SLOTS) - 1;
    if (closedThrough == Integer.MIN_VALUE || closeThrough - closedThrough > PeerStage.DAYS) {
      closedThrough = Math.max(closedThrough, closeThrough - PeerStage.DAYS);
    }
    if (closeThrough > closedThrough) {
      scoreOpen(minPeers, out); // the closing periods' last scoring
      closedThrough = closeThrough;
    }
  }

  /** After a batch: scores the open periods if an enterprise alone was offered into them. */
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
