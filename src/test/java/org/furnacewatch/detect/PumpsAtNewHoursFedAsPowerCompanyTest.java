package org.furnacewatch.detect;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Water works (4610) with nothing added, fed as the power company feeds them. Their pumps switch
 * as demand asks, at any hour: an evening they usually ran through, cycling for once, is three
 * hours they were never seen cycling in, with heats the size of their own (251-556 kW against a
 * learned 235-871). Hours not yet seen cycling say nothing where the trade's machines cycle from
 * the first day ({@code furnace.newSiteDays} 0); heats larger than theirs would.
 */
class PumpsAtNewHoursFedAsPowerCompanyTest {
  @Test
  void waterWorksPumpsCyclingAnEveningTheyUsuallyRanThrough_areNoFurnace() {
    SimulatedEnterprise.assertNoFurnace(113004, LocalDate.of(2026, 10, 5), "9150010216BEKLAD9W");
    SimulatedEnterprise.assertNoFurnace(114007, LocalDate.of(2026, 8, 17), "915001022261JELE4N");
  }

  @Test
  void moreWaterWorksPumpsAtHoursNotYetSeen_areNoFurnace() {
    SimulatedEnterprise.assertNoFurnace(114003, LocalDate.of(2025, 11, 20), "9150010240WKQJW46L");
    SimulatedEnterprise.assertNoFurnace(114005, LocalDate.of(2026, 9, 6), "915001025PQWR1FC8F");
    SimulatedEnterprise.assertNoFurnace(111005, LocalDate.of(2026, 1, 8), "91500102589TKNQE04");
  }
}
