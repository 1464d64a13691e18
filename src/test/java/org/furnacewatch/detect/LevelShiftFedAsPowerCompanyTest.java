package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

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
}
