package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A licensed foundry's second, unlicensed furnace, fed as the power company feeds it, in the first
 * weeks after a holiday (国庆, 清明): two to four working days learned, the rest rest days. Its
 * heats are the licensed furnace's size, so only their hours make them new, and the hours a site
 * is quiet in waited for five working days learned: the night runs were raised after 70 hours and
 * more. Rest days now make up the warmup, where the hours lie far below the heat on both kinds of
 * day; a licensed furnace's own afternoon, on a working day's level learned from three days, does
 * not.
 */
class SecondFurnaceAfterAHolidayFedAsPowerCompanyTest {
  /**
   * <ul>
   *   <li>seed 106001 (from 2026-09-29): 220 kW beside a licensed 250 kW, nights from 19:45 on
   *       2026-10-09, after National Day; before: raised at 77 h;
   *   <li>seed 105002 (from 2026-03-28): 210 kW beside a licensed 350 kW, nights from 22:15 on
   *       2026-04-07, after Qingming; before: 74 h;
   *   <li>seed 105006 (from 2025-10-02): 310 kW beside a licensed 450 kW, a day run from 15:30
   *       on 2025-10-15 into the night; before: 57 h.
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({"106001, 2026-09-29, 9150010260QQGCDK11, 2026-10-09T19:45+08:00",
      "105002, 2026-03-28, 915001023827JA1N7X, 2026-04-07T22:15+08:00",
      "105006, 2025-10-02, 915001025P1PL8F98W, 2025-10-15T15:30+08:00"})
  void secondFurnace_raisedWithin36Hours(long seed, LocalDate start, String creditCode,
      String onset) {
    new SimulatedEnterprise(seed, start, creditCode, 0.015)
        .judged(SimulatedEnterprise::operatingWithItsFurnaces)
        .assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, onset);
  }

  /**
   * Seed 102010 (from 2026-01-02, New Year): the licensed 1150 kW furnace melting into the
   * afternoon of 2026-01-08, at hours a working day's level learned from three days puts below
   * it. Not new: its second furnace begins only on the evening of 2026-01-12.
   */
  @Test
  void licensedFurnaceAfterNewYear_notRaisedBeforeTheSecondFurnace() {
    RecordingSink sink = new SimulatedEnterprise(102010, LocalDate.of(2026, 1, 2),
        "91500102525XGB3E45", 0.015).judged(SimulatedEnterprise::operatingWithItsFurnaces);
    long onset = OffsetDateTime.parse("2026-01-12T19:30+08:00").toEpochSecond();
    assertTrue(sink.opened(FindingKind.FURNACE_SIGNATURE).stream()
        .allMatch(f -> f.firstTs() >= onset), sink.findings.toString());
  }
}
