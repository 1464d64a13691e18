package org.furnacewatch.detect;

/**
 * PEER_OUTLIER for an enterprise in its first days on the watch (the watch's first days, or a new
 * account's; not a history restarted by a dated change). Its own baselines cannot yet say that a
 * site running round the clock near its contracted capacity, among peers that work one or two
 * shifts, is abnormal, and the learned-day peer stage waits past the horizon and for days in a
 * row. So each enterprise's day is compared with its peers' same day, and its morning (0-12 h,
 * local: the night and the first hours of work) with their mornings: a power company uploads
 * half-days, and a concentrator that goes quiet may deliver a day's second half a day and more
 * late, so a whole day would wait for it. Not the afternoon alone: two-shift plants work all of
 * it, and on a rest day they stand far above peers at rest.
 *
 * <p>Periods are half-days: period 2d is day d's morning, 2d + 1 the whole of day d (both end
 * with their half-day). A period is offered as soon as nine in ten of its slots are complete
 * (every meter reported them), and again when all are: a re-collected row need not hold it back.
 * It is open from when the newest reading of all reaches its last slot until a day later: while
 * open, it is scored after each batch that offered an enterprise alone, with whoever has
 * reported it by then (an upload arrives over many requests), and once more as it closes
 * ({@link PeerStage#FIRST_DAYS}).
 */
final class FirstDaysPeers {
  private static final int SLOTS_PER_DAY = DetectionEngine.SLOTS_PER_DAY;
  private static final int MORNING_SLOTS = SLOTS_PER_DAY / 2;
  /** How long a period stays open for peers whose rows come later: a day. */
  private static final int OPEN_SLOTS = SLOTS_PER_DAY;
  /**
   * Complete slots at which a day, a morning, is offered: three quarters of it (a site with
   * several meters where one lacks a row in ten, the rest re-collected days later, or never), nine
   * in ten, and all of it. Scaled to a whole day, a quarter missing moves a site far above its
   * peers little; the rule's margins are wide.
   */
  private static final int DAY_OFFERS = 72, DAY_OFFER_AGAIN = 87;
  private static final int MORNING_OFFERS = 36, MORNING_OFFER_AGAIN = 44;
  /** What {@link #slotCompleted} asks to offer. */
  static final int OFFER_MORNING = 1;
  static final int OFFER_DAY = 2;

  private final PeerStage stage = new PeerStage(PeerStage.FIRST_DAYS);
  /** Periods up to this one are closed (scored for the last time). */
  private int closedThrough = Integer.MIN_VALUE;
  /** The newest period whose last slot the newest reading of all has reached. */
  private int lastOpen = Integer.MIN_VALUE;
  /** An enterprise alone was offered since the open periods were last scored. */
  private boolean dirty;
  /**
   * Per enterprise, its two newest days (by day parity), packed in one int (this is read on every
   * reading): the day, its morning's complete slots, the day's complete slots (7 bits each).
   */
  private int[] completeSlots = new int[0];
  /** And the Wh of those complete slots, the day's and the morning's (summed as slots complete). */
  private long[] completeWh = new long[0];
  private long[] morningWh = new long[0];

  void ensureCapacity(int enterprises) {
    stage.ensureCapacity(enterprises);
    if (completeSlots.length < 2 * enterprises) {
      int old = completeSlots.length;
      completeSlots = java.util.Arrays.copyOf(completeSlots, 2 * enterprises);
      java.util.Arrays.fill(completeSlots, old, completeSlots.length, Integer.MIN_VALUE);
      completeWh = java.util.Arrays.copyOf(completeWh, 2 * enterprises);
      morningWh = java.util.Arrays.copyOf(morningWh, 2 * enterprises);
    }
  }

  static int bytesPerEnterprise() {
    return PeerStage.bytesPerEnterprise() + 2 * (4 + 8 + 8);
  }

  /**
   * A slot of enterprise e has just become complete (its last meter reported it, wh in all):
   * which of its day and its morning should be offered now (enough of it complete for the first
   * time, or all of it): {@link #OFFER_MORNING}, {@link #OFFER_DAY}, both or 0.
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
      completeWh[i] = 0;
      morningWh[i] = 0;
    }
    int n = packed & 127;
    if (n == SLOTS_PER_DAY) {
      return 0; // every slot counted: a slot counted again (more meters expected) adds none
    }
    int offers = 0;
    n++;
    packed++;
    completeWh[i] += wh;
    if (n == DAY_OFFERS || n == DAY_OFFER_AGAIN || n == SLOTS_PER_DAY) {
      offers = OFFER_DAY;
    }
    if (slot - d * SLOTS_PER_DAY < MORNING_SLOTS) {
      int m = ((packed >> 7) & 127) + 1;
      packed += 1 << 7;
      morningWh[i] += wh;
      if (m == MORNING_OFFERS || m == MORNING_OFFER_AGAIN || m == MORNING_SLOTS) {
        offers |= OFFER_MORNING;
      }
    }
    completeSlots[i] = packed;
    if ((offers & OFFER_DAY) != 0 && 2 * d + 1 <= closedThrough) {
      offers &= ~OFFER_DAY;
    }
    if ((offers & OFFER_MORNING) != 0 && 2 * d <= closedThrough) {
      offers &= ~OFFER_MORNING;
    }
    return offers;
  }

  /**
   * Offers enterprise e's day d, or its morning, as slotCompleted asked, if enough of it is
   * complete: kWh per kVA at a daily rate (the complete slots' kWh scaled to a whole day), so that
   * the rule reads a morning as it reads a day.
   *
   * @param alone in its first days on the watch: only then can a period be a hit
   */
  void offer(int e, int d, int offers, int group, boolean alone, EnterpriseContext c,
      DetectionProfile p) {
    double kva = c.capacityKva();
    if (group < 0 || !(kva > 0)) {
      return;
    }
    int i = 2 * e + (d & 1);
    int packed = completeSlots[i];
    if ((offers & OFFER_MORNING) != 0) {
      offerPeriod(e, 2 * d, (packed >> 7) & 127, MORNING_SLOTS, morningWh[i], group, alone,
          kva, c, p);
    }
    if ((offers & OFFER_DAY) != 0) {
      offerPeriod(e, 2 * d + 1, packed & 127, SLOTS_PER_DAY, completeWh[i], group, alone,
          kva, c, p);
    }
  }

  private void offerPeriod(int e, int period, int complete, int slots, long wh, int group,
      boolean alone, double kva, EnterpriseContext c, DetectionProfile p) {
    if (period <= closedThrough || 4 * complete < 3 * slots || wh <= 0) {
      return;
    }
    double kwh = wh / 1000.0 * SLOTS_PER_DAY / complete;
    stage.offer(e, period, group, Math.log(kwh / kva), alone, c, p);
    dirty |= alone;
  }

  /** The newest reading of all has reached newestSlot: opens the periods it ends, closes older ones. */
  void advance(int newestSlot, int minPeers, PeerStage.Outlier out) {
    lastOpen = Math.max(lastOpen, Math.floorDiv(newestSlot + 1, MORNING_SLOTS) - 1);
    int closeThrough = Math.floorDiv(newestSlot + 1 - OPEN_SLOTS, MORNING_SLOTS) - 1;
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
