package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Miners (a flat load added around the clock) of simulated districts, fed as the power company
 * feeds them: started where the flat window had only one kind of hour to compare the floor's
 * excess with.
 */
class MinerFedAsPowerCompanyTest {
  /**
   * Seed 51001 (from 2025-10-08): a 5165 trader that works its weekends at half its weekday level
   * starts 112 kW of miners at 01:45 on Sunday 2025-11-02. Its Sunday hours, worked at their own
   * rest-day level, carry the floor's excess: the flat day is told from a multiplied one on the
   * weekend's data, not only once Monday's working hours come (37 h after the onset by arrival).
   */
  @Test
  void minerStartedOnASunday_foundOnTheWeekendsOwnHours() {
    RecordingSink sink = new SimulatedEnterprise(51001, LocalDate.of(2025, 10, 8), "915001021DAMUYWU92")
        .judged(SimulatedEnterprise::operating);
    long onset = OffsetDateTime.parse("2025-11-02T01:45+08:00").toEpochSecond();
    long after = sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onset;
    assertTrue(after <= 30 * 3600, "raised " + after / 3600 + " h after onset");
    assertTrue(sink.opened(FindingKind.LEVEL_SHIFT).isEmpty(), openedKinds(sink));
  }

  /**
   * Seed 51005 (from 2026-03-15): a 2929 two-shift plant (busy 08:00-24:00, idle at night) gets 176
   * kW of miners at 14:00 on Friday 2026-04-10. The window after its first night holds Friday's
   * busy hours (all of one level) and Saturday's: "times a factor" fitted those busy hours no
   * worse than "plus a constant", which says nothing where every hour has the same level, and
   * the excess was raised as a LEVEL_SHIFT hours before the same upload's flat day.
   */
  @Test
  void minerAtATwoShiftPlant_isOneFlatAlertNotALevelShift() {
    RecordingSink sink = new SimulatedEnterprise(51005, LocalDate.of(2026, 3, 15), "9150010234L1F9AT32")
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), openedKinds(sink));
    assertTrue(sink.opened(FindingKind.LEVEL_SHIFT).isEmpty(), openedKinds(sink));
  }

  /**
   * Seed 64001 (from 2025-10-13): a 5212 shop gets 318 kW of miners at 05:00 on 2025-11-04. Sixteen
   * hours after the first raised hour (04:00-05:00, the miners coming on) the flat window began
   * with it; its excess read as uneven, and the level shift was raised an hour before the same
   * upload's flat day.
   */
  @Test
  void minerStartedOnTheHour_isOneFlatAlertNotALevelShiftAnHourBefore() {
    RecordingSink sink = new SimulatedEnterprise(64001, LocalDate.of(2025, 10, 13), "9150010298G2XNTDXG")
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), openedKinds(sink));
    assertTrue(sink.opened(FindingKind.LEVEL_SHIFT).isEmpty(), openedKinds(sink));
  }

  /**
   * Seed 64001 (from 2025-10-13): 78 kW of miners at a 2929 plant, raised as FLAT_CONTINUOUS on
   * 2025-11-03. On 11-12 the miners went off and on three times within a morning (the load
   * above the plant's level fell to nothing and came back at the miners' size), and that was
   * raised as FURNACE_SIGNATURE: the same load, already with the district.
   */
  @Test
  void minerGoingOffAndOnDaysAfterItsFlatAlert_isNotAFurnace() {
    RecordingSink sink = new SimulatedEnterprise(64001, LocalDate.of(2025, 10, 13), "915001027780UNWQ4T")
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), openedKinds(sink));
    assertTrue(sink.opened(FindingKind.FURNACE_SIGNATURE).isEmpty(), openedKinds(sink));
  }

  /**
   * Miners started while a day-shift plant works below its learned level around the Spring
   * Festival: its busy hours, short of their level, carry less than the floor's excess, and were
   * taken for a load multiplied (a level shift) until the plant was back at its level.
   * <ul>
   *   <li>seed 77011 (from 2025-01-01): 569 kW at a 3670 plant at 02:15 on 2025-02-05, the first
   *       working day after the holiday, raised 96 h later;
   *   <li>seed 77003 (from 2026-01-20): 489 kW at a 1713 plant at 02:45 on 2026-02-10, five days
   *       before the holiday, 142 h.
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({"77011, 2025-01-01, 915001023N1YQ1H95L, 2025-02-05T02:15+08:00",
      "77003, 2026-01-20, 915001023RUFL4YD70, 2026-02-10T02:45+08:00"})
  void minerStartedWhileThePlantWorksBelowItsLevelForTheSpringFestival_raisedWithin36Hours(
      long seed, LocalDate start, String creditCode, OffsetDateTime onset) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode).judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), openedKinds(sink));
    long after = sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onset.toEpochSecond();
    assertTrue(after <= 36 * 3600, "raised " + after / 3600 + " h after onset");
  }

  /**
   * Miners raised as a LEVEL_SHIFT hours before their flat day, the window holding a night of idle
   * hours raised by the miners' kW and a few hours of another level:
   * - seed 77010 (from 2026-11-30): a 3311 plant gets 80 kW of miners at 19:00 on Monday
   *   2026-12-21, an evening it worked late. By 09:00 the next day the window held eleven idle
   *   hours raised by about 80 kW, the first working hour by 81 and the two evening hours by 265
   *   and 283;
   * - seed 77003 (from 2026-01-20): a 5212 shop gets 215 kW of miners at 09:00 on Sunday
   *   2026-02-08, a week before the Spring Festival.
   * Judged by the spread of each about its own mean, the ratio looked the steadier (over hours of
   * one level its spread is the excess's divided by the whole load, always the smaller). In kW a
   * constant leaves less unexplained than any factor.
   */
  @ParameterizedTest
  @CsvSource({"77010, 2026-11-30, 915001025APTTP5U9R", "77003, 2026-01-20, 915001026K53WCDK2C"})
  void minerSeenOverANightAndHoursOfAnotherLevel_isOneFlatAlertNotALevelShift(
      long seed, LocalDate start, String code) {
    assertOneFlatAlertAndNo(FindingKind.LEVEL_SHIFT, seed, start, code);
  }

  /**
   * Miners switched on in an evening before a rest day, raised as NIGHT_LOAD the next morning:
   * - seed 77001 (from 2025-10-15): a 5165 trader (70 kW at work, 14 kW idle) gets 43 kW of
   *   miners at 21:45 on Friday 2025-11-14. Its night hours stood 42 kW up; its Saturday morning
   *   hours drew 76-77 kW, 6-7 above the working day's level, so the morning read as back to
   *   normal;
   * - seed 77008 (from 2026-09-03): a 1713 plant gets 127 kW of miners at 22:30 on 2026-10-06,
   *   in the National Day holiday.
   * A rest day is judged against the larger of its own and the working day's level: what that
   * forgives (a Saturday worked at the working level) is no morning back from night work. The
   * morning must also be back to the rest day's own level.
   */
  @ParameterizedTest
  @CsvSource({"77001, 2025-10-15, 9150010276GY2A8537", "77008, 2026-09-03, 915001023FXHA77352"})
  void minerSwitchedOnTheEveningBeforeARestDay_isNotNightWork(
      long seed, LocalDate start, String code) {
    assertOneFlatAlertAndNo(FindingKind.NIGHT_LOAD, seed, start, code);
  }

  /**
   * Seed 77007 (from 2026-07-22): a 3484 plant whose floor draws 7 kW gets 102 kW of miners at 14:45
   * on Saturday 2026-08-15. Its floor hours stood at 109-160 kW, fifteen times their level, and
   * the miners' own slot-to-slot noise grew the floor's steps as a multiple would: the floor at
   * rest read as the plant's load multiplied and was raised as a LEVEL_SHIFT 10 h after the onset,
   * 12 h before the flat day. A floor risen fivefold is a load added, as the flat window reads it.
   */
  @Test
  void minerOnASaturdayAtAPlantWithASmallFloor_isOneFlatAlertNotALevelShift() {
    assertOneFlatAlertAndNo(FindingKind.LEVEL_SHIFT, 77007, LocalDate.of(2026, 7, 22), "91500102962A116X7L");
  }

  /**
   * Miners switched on next to an evening the plant worked late, seed 93008 (from 2025-12-15,
   * {@code DistrictReplay --peer-rate 0.015}):
   * - a 3484 plant (about 100 kW at work, 10 kW idle) gets 492 kW of miners at 22:45 on
   *   2026-01-15, after three evening hours raised by 30-50 kW and one quiet hour;
   * - a 3311 plant gets 74 kW at 05:15 on 2026-01-16 and works until 22:00 that evening, 290 kW
   *   above its level;
   * - a 3311 plant gets 210 kW at 06:15 on 2026-01-19, and 800 kW more in two evening hours.
   * The level shift waited for the flat window only while the run of raised hours, back to two
   * idle hours not raised, was younger than the window. Reaching back through one such hour to
   * the evening's, the run was older, and a LEVEL_SHIFT was raised 14-20 h after the onset,
   * hours before the flat day (whose window the evening's hours kept from being flat). A miner's
   * excess raises every idle hour: one idle hour not raised ends its run, and the level shift
   * waits while that run is younger than the flat window.
   */
  @ParameterizedTest
  @CsvSource({"915001028NRLWU0M75", "915001027PCXH2YF1A", "915001025B33JXLC0U"})
  void minerNextToAnEveningWorkedLate_isOneFlatAlertNotALevelShift(String code) {
    RecordingSink sink = new SimulatedEnterprise(93008, LocalDate.of(2025, 12, 15), code, 0.015)
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), openedKinds(sink));
    assertTrue(sink.opened(FindingKind.LEVEL_SHIFT).isEmpty(), openedKinds(sink));
  }

  /**
   * Miners beside hours the plant works on some days ({@code DistrictReplay --peer-rate 0.015},
   * set 127):
   * - seed 127004 (from 2026-07-16): 409 kW at a 3311 plant at 15:45 on Friday 2026-08-07. Its
   *   evening hours, worked late on some days, spread so widely that the miners' excess there
   *   (330 kW, four times their level) was not raised: read as quiet idle hours, they ended the
   *   run two hours before the newest, too short to read as a load added;
   * - seed 127003 (from 2026-07-25): 154 kW at a 3311 plant at 12:15 on 2026-08-26, the same;
   * - seed 127007 (from 2025-10-13): 640 kW at a 1819 plant at 15:30 on 2025-11-12, which began
   *   its morning an hour early: that lone raised hour made the run older than the flat window,
   *   and the level shift did not wait for it.
   * Each was raised as a LEVEL_SHIFT 10-12 h after the onset, 10-14 h before its flat day.
   */
  @ParameterizedTest
  @CsvSource({"127004, 2026-07-16, 915001024KH6UT8D98, 2026-08-07T15:45+08:00",
      "127003, 2026-07-25, 91500102686QQ4N078, 2026-08-26T12:15+08:00",
      "127007, 2025-10-13, 915001027XJN0DJC1E, 2025-11-12T15:30+08:00"})
  void minerBesideHoursThePlantWorksOnSomeDays_isOneFlatAlertNotALevelShift(
      long seed, LocalDate start, String code, OffsetDateTime onset) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, code, 0.015)
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), openedKinds(sink));
    assertTrue(sink.opened(FindingKind.LEVEL_SHIFT).isEmpty(), openedKinds(sink));
    long after = sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onset.toEpochSecond();
    assertTrue(after <= 36 * 3600, "raised " + after / 3600 + " h after onset");
  }

  private static void assertOneFlatAlertAndNo(
      FindingKind other, long seed, LocalDate start, String code) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, code)
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), openedKinds(sink));
    assertTrue(sink.opened(other).isEmpty(), openedKinds(sink));
  }

  private static String openedKinds(RecordingSink sink) {
    return sink.findings.stream().filter(f -> f.phase() == Finding.Phase.OPENED)
        .map(f -> f.kind() + " " + java.time.Instant.ofEpochSecond(f.firstTs())).toList().toString();
  }
}
