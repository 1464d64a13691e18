package org.furnacewatch.detect;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Miners and level shifts begun by day, fed as a power company that uploads a day at a time sends
 * them: the day's rows after midnight, so the onset's first night comes a day later, past 36 h.
 * What the first upload holds must tell them. A miner at a day-shift plant: the evening's idle
 * hours carry the same kW as the busy ones ({@code LoadShapeRule.firstEveningFlat}). A level shift
 * at a two-shift plant, working until midnight: no idle hour yet, but its lunch break and shift
 * shoulders follow a factor by far ({@code LoadShapeRule.TIMES_BY_FAR}). Every row fails on main
 * (raised 38-43 h after the onset).
 */
class LoadRisenFedADayAtATimeTest {
  @ParameterizedTest
  @CsvSource({
      // miners at day-shift plants
      "FLAT_CONTINUOUS, 117003, 2025-12-24, 915001024PDQR2X27Y, 2026-01-15T09:00+08:00", // 3311, 70 kW
      "FLAT_CONTINUOUS, 117005, 2026-04-23, 915001024U8EN9PT21, 2026-05-19T12:15+08:00",
      "FLAT_CONTINUOUS, 117009, 2026-04-27, 91500102448BLP8K6F, 2026-05-29T09:00+08:00",
      // level shifts
      "LEVEL_SHIFT, 117003, 2025-12-24, 915001024HBTUYGU1J, 2026-01-14T11:00+08:00", // 3670 two shifts, x2.3
      "LEVEL_SHIFT, 117001, 2026-01-31, 915001027RTP4UA530, 2026-03-04T08:00+08:00",
      "LEVEL_SHIFT, 117005, 2026-04-23, 915001026TNEME2T2H, 2026-05-28T11:30+08:00"})
  void begunByDay_raisedFromTheFirstUpload(FindingKind kind, long seed, LocalDate start,
      String creditCode, String onset) {
    new SimulatedEnterprise(seed, start, creditCode, 0.015).aDayAnUpload()
        .judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(kind, onset);
  }
}
