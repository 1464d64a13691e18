package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A legal steelworks (3120, 5,000 kVA, the real steel plant's shape) of a simulated district
 * (seed 67001, from 2025-11-03) adds a 1,260 kW induction furnace from 07:00 on 2025-12-10, fed as
 * the power company feeds it. The mill works from mid-morning to past midnight, so the furnace
 * shows only before the mill's day: a heat or two each morning. No eight-hour window held three
 * heats in quiet hours until the second evening, and it was raised 55 hours after onset.
 */
class SteelAddingAFurnaceFedAsPowerCompanyTest {
  @Test
  void furnaceWhoseHeatsTheMillsDaySplits_raisedWithin36Hours() {
    RecordingSink sink = new SimulatedEnterprise(67001, LocalDate.of(2025, 11, 3), "91500102149A4G9D75")
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    long onset = OffsetDateTime.parse("2025-12-10T07:00+08:00").toEpochSecond();
    long after = sink.detectedAt(FindingKind.LEVEL_SHIFT) - onset;
    assertTrue(after >= 0 && after <= 36 * 3600, "raised " + after / 3600 + " h after onset");
  }
}
