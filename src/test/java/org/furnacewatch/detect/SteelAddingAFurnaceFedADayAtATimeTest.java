package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Legal steel (3120, 3130) adding an induction furnace, fed as a power company that uploads a
 * day at a time sends it: the first upload holds the onset's day to midnight, the next comes past
 * 36 h. The furnace shows only in the mill's idle hours: a heat or two before the mill's day, one
 * in its lunch hour, two or three after it, counted one at a time ({@link IdleHourHeats}). Read
 * at a quarter hour's resolution, a heat begins and ends inside a slot (partly on, at 75-95 % of
 * its top), melts on into the mill's working hours (no edge to see), taps to below its top
 * between heats of one run, and a meter's row may not have come yet beside it.
 * Every row raised here fails on main (raised 42-47 h after the onset).
 */
class SteelAddingAFurnaceFedADayAtATimeTest {
  @ParameterizedTest
  @CsvSource({
      "122001, 2026-06-19, 915001026LFKTBJL7U, 2026-07-29T05:30+08:00", // 3120, 1,520 kW, a day the mill rested
      "122001, 2026-06-19, 915001027G7A01XP9C, 2026-07-25T05:15+08:00", // 3120, 7,390 kW, a Saturday
      "122002, 2026-01-18, 915001026UNEBDL4X2, 2026-02-17T03:15+08:00", // 3120, 1,110 kW, Spring Festival
      "122004, 2026-03-04, 915001027XJ1MXT60J, 2026-04-06T02:45+08:00", // 3130, 1,710 kW
      "122005, 2025-11-06, 9150010282WJ63FQ04, 2025-12-10T06:15+08:00", // 3130, 1,290 kW
      "122006, 2026-10-09, 9150010217D9JLJ74E, 2026-11-10T05:30+08:00", // 3130, 1,370 kW
      "122008, 2026-10-25, 9150010248QXELPN7G, 2026-11-18T06:00+08:00", // 3120, 1,210 kW
      // heats through the small hours, where the mill never drew a block: its own evening or
      // Saturday blocks as large, learned weeks before, no longer hide them (raised at 47-49 h)
      "133003, 2026-06-04, 9150010224UH0PHT34, 2026-06-27T02:45+08:00", // 2,720 kW; 5,070 20:30
      "133005, 2026-10-29, 915001029JNDGXLQ2A, 2026-11-27T02:00+08:00", // 490 kW; 740 21:30
      "133008, 2026-10-31, 915001027BFXJR7D70, 2026-12-10T01:30+08:00"}) // 610 kW; 540 13:15
  void furnaceAddedToAMill_raisedFromTheFirstUpload(long seed, LocalDate start, String creditCode,
      String onset) {
    new SimulatedEnterprise(seed, start, creditCode, 0.015).aDayAnUpload()
        .judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(FindingKind.LEVEL_SHIFT, onset);
  }

  /**
   * A mill's own work, uploaded a day at a time:
   * <ul>
   *   <li>a steelworks idle for days, then working a Saturday: its afternoon steps between two
   *       levels in flat pairs, and every hour of a rest day the mill idles on its working days
   *       would read as idle (read against the working days before it, not its rest days);
   *   <li>mills working evenings and nights in spells that start and stop.
   * </ul>
   * No LEVEL_SHIFT opens from the day before to the day after.
   */
  @ParameterizedTest
  @CsvSource({
      "122003, 2026-08-02, 915001023P6PBGRD99, 2026-09-19", // 3120, a Saturday after days idle
      "71001, 2025-10-30, 9150010279KBAN6P0H, ", // 3130, evenings in spells: no day, the whole period
      "71002, 2025-12-11, 915001021B55908D8E, "})
  void millsOwnWork_notAFurnaceAdded(long seed, LocalDate start, String creditCode, LocalDate day) {
    Fixtures.RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode, 0.015)
        .aDayAnUpload().judged(SimulatedEnterprise::operating);
    long from = day == null ? Long.MIN_VALUE : day.minusDays(1).atStartOfDay(CHINA).toEpochSecond();
    long to = day == null ? Long.MAX_VALUE : day.plusDays(2).atStartOfDay(CHINA).toEpochSecond();
    List<Finding> then = sink.opened(FindingKind.LEVEL_SHIFT).stream()
        .filter(f -> f.firstTs() >= from && f.firstTs() < to).toList();
    assertEquals(List.of(), then, sink.findings.toString());
  }

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
}
