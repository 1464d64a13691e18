package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Random;
import org.furnacewatch.calendar.WorkingCalendar;
import org.junit.jupiter.api.Test;

/**
 * A two-shift plant's day (breaks at 12:00 and 17:30), read over the eight hours to 23:45 against
 * the last working day's same quarter hours.
 */
class LastDayTimesTest {
  private static final int MASK = 511;
  private static final int DAY = DetectionEngine.SLOTS_PER_DAY;
  private static final int WINDOW = 32;

  private final int[] wh = new int[MASK + 1];
  private final byte[] counts = new byte[MASK + 1];
  private final Random noise = new Random(3);
  private final LastDayTimes lastDay = new LastDayTimes(WorkingCalendar.shipped().days());

  private static int slot(LocalDate day, int quarter) {
    return (int) day.toEpochDay() * DAY + quarter;
  }

  /** The plant's usual day in Wh per quarter hour, each within 5 % of its level. */
  private void usualDay(LocalDate day, double factor) {
    for (int q = 0; q < DAY; q++) {
      boolean working = q >= 29;
      boolean onBreak = q == 48 || q == 49 || q == 70 || q == 71;
      double wh = working ? (onBreak ? 20 : 30) : 3.5;
      put(slot(day, q), wh * factor * (0.95 + 0.1 * noise.nextDouble()));
    }
  }

  private void put(int slot, double wh) {
    this.wh[slot & MASK] = (int) Math.round(wh * 1000);
    counts[slot & MASK] = 1;
  }

  private boolean holds(LocalDate day, int oldestSlot) {
    return lastDay.holds(wh, counts, 1, 0, MASK, slot(day, DAY - 1), WINDOW, oldestSlot);
  }

  private static final LocalDate TUESDAY = LocalDate.of(2026, 9, 29);
  private static final LocalDate WEDNESDAY = TUESDAY.plusDays(1);

  /** A usual Tuesday, then a Wednesday at that factor. */
  private void tuesdayThenWednesday(double factor) {
    usualDay(TUESDAY, 1);
    usualDay(WEDNESDAY, factor);
  }

  @Test
  void aLoadMultiplied_breaksAndAll_holds() {
    tuesdayThenWednesday(2.4);
    assertTrue(holds(WEDNESDAY, 0));
  }

  @Test
  void heatsAddedToTheLoad_doNotHold() {
    tuesdayThenWednesday(1);
    for (int q = 64; q < DAY; q++) { // 16:00 on: heats of an hour, a quarter hour's tap between
      int s = slot(WEDNESDAY, q);
      put(s, wh[s & MASK] / 1000.0 + (q % 5 == 4 ? 0 : 75));
    }
    assertFalse(holds(WEDNESDAY, 0));
  }

  @Test
  void aMonday_isReadAgainstTheFriday() {
    LocalDate friday = LocalDate.of(2026, 11, 13);
    usualDay(friday, 1);
    LocalDate monday = friday.plusDays(3);
    for (int s = slot(friday.plusDays(1), 0); s < slot(monday, 0); s++) {
      put(s, 3); // the weekend at rest
    }
    usualDay(monday, 2.4);
    assertTrue(holds(monday, 0));
    assertFalse(holds(monday, slot(friday, DAY - WINDOW)), "the Friday's hours left the ring");
  }

  @Test
  void aQuarterHourMissing_isSkipped_butAQuarterOfThemIsTooMany() {
    tuesdayThenWednesday(2.4);
    counts[slot(TUESDAY, 80) & MASK] = 0;
    assertTrue(holds(WEDNESDAY, 0));
    for (int q = 80; q < 89; q++) {
      counts[slot(WEDNESDAY, q) & MASK] = 0;
    }
    assertFalse(holds(WEDNESDAY, 0));
  }
}
