package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Miners and level shifts begun on a weekend or a holiday morning, fed as a power company that
 * uploads a day at a time sends them: the first upload holds the rest day from the onset to
 * midnight, and the next comes past 36 h. There are no working hours to compare with.
 * <ul>
 *   <li>A miner: the evening's idle hours risen fivefold, with the rest day's other hours carrying
 *       the same kW over their own level, at a miner's steady draw
 *       ({@code LoadShapeRule.firstEveningFlat}).
 *   <li>A miner whose kW lifts the rest day past half the working level, which reads as overtime
 *       against the working day's level: the rest day's hours over their own level by the same kW,
 *       through the hours the working day breaks in, or on into its idle evening
 *       ({@code FlatWindow.testRestDay}).
 *   <li>A level shift: the floor risen from the onset's hour on, read from there and not from
 *       the morning before it, over more hours than a shift's ({@code HourWindow.floorRaisedAtRest}).
 * </ul>
 * Every row raised here fails on main (raised 37-41 h after the onset).
 */
class RisenOnARestDayFedADayAtATimeTest {
  @ParameterizedTest
  @CsvSource({
      "FLAT_CONTINUOUS, 122007, 2026-04-06, 915001029RKLUC0A85, 2026-04-26T11:00+08:00", // 1819, a Sunday, 390 kW
      "FLAT_CONTINUOUS, 122007, 2026-04-06, 91500102786UE0F19G, 2026-05-03T09:45+08:00", // 1819, Labour Day, 694 kW
      "FLAT_CONTINUOUS, 122007, 2026-04-06, 915001021M42M7CD9E, 2026-05-04T09:30+08:00", // 1819, Labour Day, 258 kW
      "FLAT_CONTINUOUS, 122008, 2026-10-25, 915001028RC7EE843E, 2026-11-15T12:00+08:00", // 5920, a Sunday, 248 kW
      "FLAT_CONTINUOUS, 122010, 2026-05-23, 915001029YGBACJ82K, 2026-06-27T10:30+08:00", // 5920, a Saturday, 772 kW
      "FLAT_CONTINUOUS, 122009, 2026-01-21, 91500102785HH25A7G, 2026-02-18T11:45+08:00", // 1819, Spring Festival, 118 kW
      // a rest day's own level raised past half the working level, through the working day's breaks
      // (FlatWindow.testRestDay): read against overtime, which follows the working day
      "FLAT_CONTINUOUS, 132006, 2025-10-22, 915001025UXHDAFG6C, 2025-11-16T11:15+08:00", // 3311, Sun
      "FLAT_CONTINUOUS, 132009, 2026-12-09, 915001026GAMGJ6G9W, 2026-12-27T11:45+08:00", // 2929, Sun
      "FLAT_CONTINUOUS, 132007, 2026-03-07, 915001026WL9NPFM66, 2026-04-11T10:15+08:00", // 5165, Sat
      "FLAT_CONTINUOUS, 132005, 2025-12-27, 9150010234T5T9R68N, 2026-01-24T11:45+08:00", // 5920, Sat
      "LEVEL_SHIFT, 122001, 2026-06-19, 915001027Y9D66YP33, 2026-07-26T10:00+08:00", // 3484, a Sunday, x3.5
      "LEVEL_SHIFT, 122007, 2026-04-06, 915001025TFKFY6T86, 2026-05-17T08:30+08:00", // 1713, a Sunday, x2.9
      "LEVEL_SHIFT, 122008, 2026-10-25, 915001026M5RTMUB7H, 2026-11-28T10:15+08:00"}) // 2929, a Saturday, x1.9
  void begunAtRest_raisedFromTheFirstUpload(FindingKind kind, long seed, LocalDate start,
      String creditCode, String onset) {
    new SimulatedEnterprise(seed, start, creditCode, 0.015).aDayAnUpload()
        .judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(kind, onset);
  }

  /**
   * Rest days worked, and a furnace melting through a weekend night:
   * <ul>
   *   <li>worked at the working level and on into the evening, which raises the evening's idle
   *       hours fivefold too, and the working hours by far more over the rest day's own level;
   *   <li>worked a shift at a little under half the working level, 07:00 to 19:00, which raises
   *       the floor for a shift's hours and no more (a district's plants working the weekend of
   *       10-11 January 2026 so: with 12 floor hours for a rise begun within the window, not 13,
   *       the four rows of set 121 fail);
   *   <li>a 1,660 kW furnace's heats, whose hours' means lie as level as a miner's, not its slots
   *       (its mean step is 0.15 of its excess; a miner's, 0.005);
   *   <li>a two-shift plant's Saturday worked from 06:30, whose start of work reads as a constant
   *       added unless the hours where work starts are left out, and a warehouse's Saturday worked
   *       at half its level, all of one level but the hour it stops in.
   * </ul>
   * Nothing of that kind opens from the day before the rest day to its end (judged alone, a site
   * may show other findings on other days).
   */
  @ParameterizedTest
  @CsvSource({
      "FLAT_CONTINUOUS, 122005, 2025-11-06, 9150010246MFBHM95R, 2025-11-15", // 3311, a Saturday worked until 21:00
      "FLAT_CONTINUOUS, 122010, 2026-05-23, 91500102114UH9T677, 2026-05-31", // 3311, a Sunday worked until 21:00
      "LEVEL_SHIFT, 122010, 2026-05-23, 9150010259L29DXF71, 2026-06-27", // 5165, a Saturday worked at 45 %
      "LEVEL_SHIFT, 121006, 2025-12-30, 9150010210U7FW4H2Q, 2026-01-10", // the district's weekend shifts
      "LEVEL_SHIFT, 121006, 2025-12-30, 9150010221TJ92396G, 2026-01-11",
      "LEVEL_SHIFT, 121006, 2025-12-30, 915001023CJ6BNB09F, 2026-01-10",
      "LEVEL_SHIFT, 121010, 2025-12-30, 915001021FL3T6QK7B, 2026-01-11",
      "FLAT_CONTINUOUS, 122008, 2026-10-25, 915001026FKYBJ69XR, 2026-11-14", // 5212, heats, a Saturday
      "FLAT_CONTINUOUS, 132001, 2026-04-30, 915001021A67PLPN2G, 2026-05-16", // 1713, from 06:30
      "FLAT_CONTINUOUS, 132001, 2026-04-30, 915001024D75LLN45K, 2026-05-23"}) // 5920, at half its level
  void restDayWorkedOrMelted_notThatKind(FindingKind kind, long seed, LocalDate start,
      String creditCode, LocalDate restDay) {
    Fixtures.RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode, 0.015)
        .aDayAnUpload().judged(SimulatedEnterprise::operating);
    long from = restDay.minusDays(1).atStartOfDay(CHINA).toEpochSecond();
    long to = restDay.plusDays(1).atStartOfDay(CHINA).toEpochSecond();
    List<Finding> thatDay = sink.opened(kind).stream()
        .filter(f -> f.firstTs() >= from && f.firstTs() < to).toList();
    assertEquals(List.of(), thatDay, sink.findings.toString());
  }

  /**
   * The rest-day reading says what it read: a rest day's hours against the rest day's own level,
   * its night not delivered yet, from the hour after the onset's, and the excess it found there.
   */
  @Test
  void restDayMiner_explainedAsRead() {
    Fixtures.RecordingSink sink = new SimulatedEnterprise(132009, LocalDate.parse("2026-12-09"),
        "915001026GAMGJ6G9W", 0.015).aDayAnUpload().judged(SimulatedEnterprise::operating);
    Finding first = sink.opened(FindingKind.FLAT_CONTINUOUS).get(0);
    String why = first.explanation();
    assertTrue(why.startsWith("自 2026-12-27 12:00 起连续 "), why); // onset 11:45: its hour left out
    assertTrue(why.contains("个小时（休息日，此后尚无夜间数据）"), why);
    String excess = Explanations.num(first.features().get("flatExcessKw"));
    assertTrue(why.contains("高出至少 " + excess + " 千瓦"), why);
    assertTrue(first.thresholdsCrossed().get(0).contains(" rest-day hours raised by"),
        first.thresholdsCrossed().toString());
  }

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
}
