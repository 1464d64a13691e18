package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ActivityIndexTest {
  @Test
  void scaleFor_theMedianOfTheNewestEarlierHourEnoughEnterprisesGave() {
    ActivityIndex index = new ActivityIndex();
    for (int e = 0; e < 40; e++) {
      index.offer(100, 1.5 + 0.5 * e / 39); // 1.5 .. 2.0, median 1.75
      index.offer(101, 3);
    }
    assertEquals(1.75, index.scaleFor(101), 0.07);
    assertEquals(3, index.scaleFor(102), 0.11);
    assertEquals(3, index.scaleFor(150), 0.11);
  }

  @Test
  void scaleFor_oneWithTooFewEnterprisesOrADistrictWindingDown() {
    ActivityIndex index = new ActivityIndex();
    for (int e = 0; e < ActivityIndex.MIN_ENTERPRISES - 1; e++) {
      index.offer(100, 2);
    }
    assertEquals(1, index.scaleFor(101));
    for (int e = 0; e < 40; e++) {
      index.offer(200, 0.4);
    }
    assertEquals(1, index.scaleFor(201)); // never below its own baseline: a plant that works on is no suspect
  }

  @Test
  void scaleFor_anHourJudgedAgainAfterNewerOnesReadsTheHoursBeforeIt() {
    ActivityIndex index = new ActivityIndex();
    for (int e = 0; e < 40; e++) {
      index.offer(100, 2);
      index.offer(110, 1.2);
    }
    assertEquals(2, index.scaleFor(105), 0.07);
    assertEquals(1.2, index.scaleFor(110 + 16 * 24 - 1), 0.05);
    assertEquals(1, index.scaleFor(110 + 16 * 24)); // older than the ring holds
  }

  @Test
  void busiestBefore_theHighestMedianOfTheDayBefore() {
    ActivityIndex index = new ActivityIndex();
    for (int e = 0; e < 40; e++) {
      index.offer(100, 2.8); // a working afternoon after the return: the district at 2.8 times its baselines
      index.offer(110, 1.0); // its night: every plant rests at its usual floor
      index.offer(90, 3.5); // older than a day before hour 115
    }
    assertEquals(1.0, index.scaleFor(115), 0.05); // levels: the newest hour
    assertEquals(2.8, index.busiestBefore(115), 0.1); // sizes of heats and swings: the busiest of the day before
    assertEquals(3.5, index.busiestBefore(111), 0.15);
    assertEquals(1, index.busiestBefore(90)); // nothing stands in the day before it
    assertEquals(1, new ActivityIndex().busiestBefore(5));
  }

  @Test
  void bin_countsTheEdgesAtOrBelowTheRatio() {
    for (double r = 1e-3; r < 20; r = Math.nextUp(r * 1.0007)) {
      int below = 0;
      for (int k = 1; k < 48; k++) {
        below += Math.exp(-1.6 + k * 2 * 1.6 / 48) <= r ? 1 : 0;
      }
      assertEquals(below, ActivityIndex.bin(r), "ratio " + r);
    }
    for (int k = 1; k < 48; k++) { // the edges themselves, and just below them
      double edge = Math.exp(-1.6 + k * 2 * 1.6 / 48);
      assertEquals(k, ActivityIndex.bin(edge));
      assertEquals(k - 1, ActivityIndex.bin(Math.nextDown(edge)));
    }
    assertEquals(0, ActivityIndex.bin(Double.MIN_VALUE));
    assertEquals(47, ActivityIndex.bin(Double.MAX_VALUE));
  }
}
