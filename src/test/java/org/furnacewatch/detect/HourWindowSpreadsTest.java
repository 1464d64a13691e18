package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A two-shift plant's afternoon and evening multiplied x2.3, its dinner hour 20 % below the rest,
 * that hour judged on three quarter hours (the break's own one not delivered yet): its mean reads
 * as high as the working hours.
 */
class HourWindowSpreadsTest {
  private final HourWindow w = new HourWindow();

  HourWindowSpreadsTest() {
    for (int k = 14; k < HourlyBaseline.HOURS; k++) {
      w.ex[k] = k == 18 ? 80 : 100;
      w.a[k] = k == 18 ? 230 : 2.3 * w.ex[k];
      w.x[k] = w.a[k] - w.ex[k];
      w.workday[k] = true;
      w.partial[k] = k == 18;
    }
  }

  @Test
  void aBreakHourOnThreeQuarterHours_readsAsAConstantAdded() {
    w.spreads(14, false);
    assertEquals(10, w.spreadHours);
    assertTrue(w.plusResidual < w.timesResidual);
  }

  @Test
  void wholeHoursOnly_leaveItOut() {
    w.spreads(14, false, true);
    assertEquals(9, w.spreadHours);
    assertEquals(0, w.timesResidual, 1e-6);
  }
}
