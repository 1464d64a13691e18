package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A load multiplied from a two-shift plant's evening, fed as a power company feeds it (half-day
 * uploads). Its last working hours, night hours by the clock, rise by 70-230 kW; its night floor
 * of 8-9 kW by 9-19 kW; the first hour of its next morning by about as much. Read against the mean
 * excess of every raised night hour, the morning looked back at its level (night work), and the
 * evening's two hours lifted the busy hours' mean excess to the floor's (a miner). The morning is
 * read against the hours the plant usually idles in, and the busy hours by their typical hour.
 */
class LevelShiftInAnEveningShiftTest {
  /**
   * Seed 218005, watched from 2026-08-04: a 2929 plant working 07:00-24:00 at about 95 kW, its
   * load x3.46 from 21:15 on 09-03. On main (2a6c61b) a NIGHT_LOAD, and no LEVEL_SHIFT ever.
   */
  @Test
  void multipliedFromTheEveningShift_aLevelShiftNotNightWork() {
    RecordingSink sink = new SimulatedEnterprise(218005, LocalDate.of(2026, 8, 4),
        "915001027MRHG1J74M", 0.015).judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.NIGHT_LOAD), sink.findings.toString());
    sink.assertFirstWithin36Hours(FindingKind.LEVEL_SHIFT, "2026-09-03T21:15+08:00");
  }

  /**
   * The same district's 915001022CFD39K06U, the same trade and shape: x2.14 from 22:30 on Friday
   * 09-11, a rest day after. On main a NIGHT_LOAD and a FLAT_CONTINUOUS (thirteen busy hours raised
   * by 11.5 kW on average: two of them by 72 and 107 kW), and no LEVEL_SHIFT ever.
   */
  @Test
  void multipliedFromTheEveningShiftBeforeARestDay_noMinerNorNightWork() {
    RecordingSink sink = new SimulatedEnterprise(218005, LocalDate.of(2026, 8, 4),
        "915001022CFD39K06U", 0.015).judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
    assertEquals(List.of(), sink.opened(FindingKind.NIGHT_LOAD), sink.findings.toString());
    sink.assertFirstWithin36Hours(FindingKind.LEVEL_SHIFT, "2026-09-11T22:30+08:00");
  }
}
