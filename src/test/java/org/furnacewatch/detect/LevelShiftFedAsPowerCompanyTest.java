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
 * A level shift of a simulated district (seed 50008, from 2025-01-14), fed as the power company
 * feeds it: a 3484 plant's load rises 2.3-fold from 16:15 on the last day of the Spring Festival
 * holiday (2025-02-04). Its raised hours come in short spells between quiet ones, and the newest
 * spell held a single daytime hour: read as "all but two hours at night" with no night hour in it,
 * it was held for the night load's rule, and never raised.
 */
class LevelShiftFedAsPowerCompanyTest {
  @Test
  void levelShiftOnTheLastHolidayDay_raisedWithin36Hours() {
    RecordingSink sink = new SimulatedEnterprise(50008, LocalDate.of(2025, 1, 14), "915001025HU5WC5G8C")
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    long onset = OffsetDateTime.parse("2025-02-04T16:15+08:00").toEpochSecond();
    assertTrue(sink.detectedAt(FindingKind.LEVEL_SHIFT) - onset <= 36 * 3600,
        "raised " + (sink.detectedAt(FindingKind.LEVEL_SHIFT) - onset) / 3600 + " h after onset");
  }

  /**
   * Plants closed for the Spring Festival whose whole load was multiplied in the holiday: all they
   * show is their floor, risen two- to threefold, for days before the first working day. Held as
   * "the return" (a rest day's level lagging the district's), they waited for the working days.
   * <ul>
   *   <li>seed 77003 (from 2026-01-20): a 1819 plant x2.34 from 22:30 on 2026-02-17, the first day
   *       of the year, raised 172 h later;
   *   <li>seed 77011 (from 2025-01-01): a 1819 plant x2.98 from 20:30 on 2025-02-01, 102 h.
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({"77003, 2026-01-20, 915001021TMF96FK1X, 2026-02-17T22:30+08:00",
      "77011, 2025-01-01, 91500102534MHFK81C, 2025-02-01T20:30+08:00"})
  void levelShiftBegunInTheSpringFestivalHoliday_raisedWithin36Hours(long seed, LocalDate start,
      String creditCode, OffsetDateTime onset) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode).judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    long after = sink.detectedAt(FindingKind.LEVEL_SHIFT) - onset.toEpochSecond();
    assertTrue(after <= 36 * 3600, "raised " + after / 3600 + " h after onset");
  }
}
