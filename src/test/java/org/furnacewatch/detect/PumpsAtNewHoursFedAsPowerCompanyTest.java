package org.furnacewatch.detect;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Water works (4610) with nothing added, fed as the power company feeds them. Their pumps switch
 * as demand asks, at any hour: an evening they usually ran through, cycling for once, is three
 * hours they were never seen cycling in, with heats the size of their own (251-556 kW against a
 * learned 235-871). Hours not yet seen cycling say nothing where the trade's machines cycle from
 * the first day ({@code furnace.newSiteDays} 0); heats larger than theirs would.
 */
class PumpsAtNewHoursFedAsPowerCompanyTest {
  @ParameterizedTest
  @CsvSource({"113004, 2026-10-05, 9150010216BEKLAD9W", "114007, 2026-08-17, 915001022261JELE4N",
      "114003, 2025-11-20, 9150010240WKQJW46L", "114005, 2026-09-06, 915001025PQWR1FC8F",
      "111005, 2026-01-08, 91500102589TKNQE04"})
  void waterWorksPumpsCyclingAtHoursNotYetSeen_areNoFurnace(long seed, LocalDate start, String creditCode) {
    SimulatedEnterprise.assertNoFurnace(seed, start, creditCode);
  }
}
