package org.furnacewatch.detect;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Onsets whose first daily upload lacks a meter's row in its last hours (a gap, or a row to be
 * re-collected with a later upload). The hours after the gap used to wait settleHours behind a
 * reading only the next upload brings, a day later, past 36 h from the onset; every meter reported
 * 23:45, so the engine judges the day through it once the feed goes quiet after the upload
 * ({@code DetectionEngine.uploadsWhole}). Every row fails without it (raised 37-46 h after the
 * onset).
 */
class RowMissingLateInTheUploadFedADayAtATimeTest {
  @ParameterizedTest
  @CsvSource({
      // miners begun at midday: the evening's idle hours tell them
      "FLAT_CONTINUOUS, 133008, 2026-10-31, 915001022QHMG4JE4Q, 2026-12-04T14:00+08:00", // 3484
      "FLAT_CONTINUOUS, 133001, 2026-06-10, 915001024A4H7X8Q0U, 2026-07-03T12:45+08:00", // 3360
      "FLAT_CONTINUOUS, 133002, 2026-03-31, 9150010270JLMWBK6B, 2026-04-24T12:00+08:00", // 1713
      // mills adding a furnace: its heats in the evening's idle hours
      "LEVEL_SHIFT, 133007, 2026-11-18, 915001024APC2NPM5W, 2026-12-09T05:00+08:00", // 3120
      "LEVEL_SHIFT, 133003, 2026-06-04, 91500102640PFJ2M8Y, 2026-07-07T05:45+08:00", // 3130
      "LEVEL_SHIFT, 133004, 2026-03-15, 915001029GPXH7N16E, 2026-04-20T06:30+08:00", // 3120
      "LEVEL_SHIFT, 136005, 2026-05-10, 915001024NG63CLY9Y, 2026-06-10T07:15+08:00", // 3130
      "LEVEL_SHIFT, 136010, 2026-09-22, 915001022GEN8264XT, 2026-10-24T04:45+08:00"}) // 3120
  void judgedThroughTheUploadsLastSlot(FindingKind kind, long seed, LocalDate start,
      String creditCode, String onset) {
    new SimulatedEnterprise(seed, start, creditCode, 0.015).aDayAnUpload()
        .judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(kind, onset);
  }
}
