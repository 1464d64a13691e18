package org.furnacewatch.detect;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Furnaces melting a few hours of a working plant's day, fed as a power company feeds them. Their
 * heats are long and their taps short: over the eight-hour window, its quiet hours included, they
 * stepped no more than half again above the plant's own largest swing learned, so the first day's
 * run was held back and the furnace raised with the second day's upload, or never. Over the heats
 * alone, where the taps fall to the plant's level, they do ({@code FurnaceRule.spanSwingKw}). Every
 * row fails on main (in the district replay raised 41-42 h after the onset, or never).
 */
class FurnaceDayRunsFedAsPowerCompanyTest {
  @ParameterizedTest
  @CsvSource({
      "117004, 2026-01-16, 915001027C0WYKF0X8, 2026-01-30T07:45+08:00", // 2929, 240 kW; main never
      "117006, 2026-12-06, 915001024215CQFY3K, 2027-01-02T10:00+08:00", // 1713, 320 kW; main 41 h
      "118001, 2026-09-30, 915001027EC2U1GN23, 2026-10-20T08:00+08:00", // 3360, 400 kW; main 42 h
      "118007, 2026-04-04, 91500102636T7XQ815, 2026-04-17T07:45+08:00", // 1713, 440 kW; main 41 h
      "118008, 2026-02-28, 915001024B6H0HYGXU, 2026-03-17T08:15+08:00"}) // 3484, 250 kW; main never
  void furnaceInAPlantsDayHours_raisedWithin36Hours(long seed, LocalDate start, String creditCode,
      String onset) {
    new SimulatedEnterprise(seed, start, creditCode, 0.015).judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, onset);
  }
}
