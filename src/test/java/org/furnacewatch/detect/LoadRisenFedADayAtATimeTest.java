package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Miners and level shifts begun by day, fed as a power company that uploads a day at a time sends
 * them: the day's rows after midnight, so the onset's first night comes a day later, past 36 h.
 * What the first upload holds must tell them. A miner at a day-shift plant: the evening's idle
 * hours carry the same kW as the busy ones ({@code LoadShapeRule.firstEveningFlat}). A level shift
 * at a two-shift plant, working until midnight: no idle hour yet, but its lunch break and shift
 * shoulders follow a factor by far ({@code LoadShapeRule.TIMES_LOG_LIKELIER}), and its breaks fall
 * on the day before's quarter hours ({@code LastDayTimes}), read without the unsteady first hour of
 * work (whose level moves with the time work starts); a miner there carries the same kW
 * through them ({@code FlatWindow.testBusyDay}), and begun before dawn, through the few idle
 * hours before work too, or begun at midday, through the few idle hours after work before
 * midnight. Every row fails on main (raised 37-44 h after the onset).
 */
class LoadRisenFedADayAtATimeTest {
  @ParameterizedTest
  @CsvSource({
      // miners at day-shift plants
      "FLAT_CONTINUOUS, 117003, 2025-12-24, 915001024PDQR2X27Y, 2026-01-15T09:00+08:00", // 3311, 70 kW
      "FLAT_CONTINUOUS, 117005, 2026-04-23, 915001024U8EN9PT21, 2026-05-19T12:15+08:00",
      "FLAT_CONTINUOUS, 117009, 2026-04-27, 91500102448BLP8K6F, 2026-05-29T09:00+08:00",
      // miners at two-shift plants, working from the morning's onset to midnight: no idle hour
      // yet, but the hours off the working level (lunch, a shift's change) carry the same kW
      // (FlatWindow.testBusyDay)
      "FLAT_CONTINUOUS, 128004, 2026-06-19, 915001021XFGWJC532, 2026-07-13T07:30+08:00", // 3670
      "FLAT_CONTINUOUS, 128004, 2026-06-19, 91500102283BWBW75B, 2026-07-15T07:15+08:00", // 1713
      "FLAT_CONTINUOUS, 128006, 2025-12-08, 915001029J4NDUCK66, 2025-12-31T13:00+08:00", // 2929
      "FLAT_CONTINUOUS, 128010, 2026-03-13, 915001029P6T8FRHXQ, 2026-04-10T09:45+08:00", // 5212
      // miners begun before dawn at two-shift plants: a few idle hours carry the kW, then the
      // working day to midnight (its first hour, the start of work, left out of the fit)
      "FLAT_CONTINUOUS, 132001, 2026-04-30, 915001023KQ7WH552J, 2026-06-04T06:30+08:00", // 3360
      "FLAT_CONTINUOUS, 132003, 2026-04-27, 915001023CTGK5P56X, 2026-05-28T04:15+08:00", // 3670
      "FLAT_CONTINUOUS, 132004, 2025-11-01, 915001026EEDPELY94, 2025-12-01T06:00+08:00", // 3360
      "FLAT_CONTINUOUS, 132009, 2026-12-09, 91500102349DQUWY0M, 2026-12-31T06:15+08:00", // 2929
      // a miner at a two-shift plant from midday: its busy hours to the end of work, then the idle
      // hours before midnight, carry the same kW (FlatWindow.MAX_IDLE_AFTER; raised at midnight,
      // where the day's upload ends)
      "FLAT_CONTINUOUS, 220002, 2026-10-27, 915001027LBCMGNQ12, 2026-12-01T12:45+08:00", // 5212
      // level shifts
      "LEVEL_SHIFT, 117003, 2025-12-24, 915001024HBTUYGU1J, 2026-01-14T11:00+08:00", // 3670 two shifts, x2.3
      "LEVEL_SHIFT, 117001, 2026-01-31, 915001027RTP4UA530, 2026-03-04T08:00+08:00",
      "LEVEL_SHIFT, 117005, 2026-04-23, 915001026TNEME2T2H, 2026-05-28T11:30+08:00",
      // level shifts at two-shift plants whose lunch hour alone is off the working level: ten to
      // twelve hours, where "times" is likelier by far but its squares not three times fewer
      "LEVEL_SHIFT, 130006, 2026-09-04, 915001024ELCQCYW2A, 2026-09-30T11:15+08:00", // 2929, x2.47
      "LEVEL_SHIFT, 130002, 2026-05-06, 915001026P2QLBJX8C, 2026-06-11T12:15+08:00", // 3670, x2.80
      "LEVEL_SHIFT, 128007, 2026-06-05, 915001021W0U0BMCXY, 2026-07-10T11:45+08:00", // 3670
      // x3.41 from 07:30, the onset's part hour an idle one before the plant's day
      "LEVEL_SHIFT, 134001, 2026-06-05, 915001025P1KRBCW32, 2026-07-03T07:30+08:00", // 1713
      // x3.64 from 06:30 at a two-shift plant: the first hour of work, whose level moves with the
      // time work starts, rose eight times and fit a constant better; left out, the lunch and
      // supper breaks follow the factor by far
      "LEVEL_SHIFT, 150004, 2026-01-05, 9150010287R7MTK57J, 2026-01-29T06:30+08:00"}) // 3360
  void begunByDay_raisedFromTheFirstUpload(FindingKind kind, long seed, LocalDate start,
      String creditCode, String onset) {
    new SimulatedEnterprise(seed, start, creditCode, 0.015).aDayAnUpload()
        .judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(kind, onset);
  }

  /** The midday miner's finding says which hours it read: the busy ones and those after work. */
  @Test
  void middayMiner_explainedAsRead() {
    RecordingSink sink = new SimulatedEnterprise(220002, LocalDate.parse("2026-10-27"),
        "915001027LBCMGNQ12", 0.015).aDayAnUpload().judged(SimulatedEnterprise::operating);
    Finding first = sink.opened(FindingKind.FLAT_CONTINUOUS).get(0);
    String why = first.explanation();
    assertTrue(why.contains("个小时（工作时段及收工后的 2 个小时，此后尚无数据）"), why);
    assertTrue(why.contains("收工后平时用电很低的时段也高出同样多"), why);
    assertTrue(first.thresholdsCrossed().get(0).contains(" working (2 idle after work) hours"),
        first.thresholdsCrossed().toString());
  }

  /**
   * A level shift's next working day, read on its busy hours alone, is no miner's onset: its night
   * rose with it (by few kW where a warehouse's night draws a few), and at a small contract the
   * day's load is held flat at the capacity. One alert, the level shift's.
   */
  @ParameterizedTest
  @CsvSource({
      "128001, 2026-12-09, 9150010245FAFC2P66", // 5920, x2.95 from 11:45
      "128007, 2026-06-05, 915001027YUCMR3A5W", // 5165, x3.26 from an evening
      "128004, 2026-06-19, 915001022T0YM05H2P", // 5165, x3.55, held at its 50 kVA
      // x3.65 from 05:30 at a two-shift plant: the multiplied start of work reads as a constant
      "132006, 2025-10-22, 915001023YN7UX4R41"}) // 2929
  void levelShiftsNextDay_isNoMiner(long seed, LocalDate start, String creditCode) {
    assertNoMiner(seed, start, creditCode);
  }

  /**
   * Two-shift plants back from the Spring Festival (129004, from the holiday's first day): levels
   * learned in the wind-down are no reference, and the return's busy hours read as anything added.
   */
  @ParameterizedTest
  @CsvSource({
      "129004, 2026-02-17, 915001021994JF3D0D", // 1713
      "129004, 2026-02-17, 915001026FHKUYB8XY"}) // 2929
  void comingBackFromTheSpringFestival_isNoMiner(long seed, LocalDate start, String creditCode) {
    assertNoMiner(seed, start, creditCode);
  }

  private static void assertNoMiner(long seed, LocalDate start, String creditCode) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode, 0.015).aDayAnUpload()
        .judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }
}
