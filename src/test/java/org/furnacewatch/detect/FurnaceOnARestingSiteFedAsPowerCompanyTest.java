package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A furnace melting on a rest day at a plant that rests on rest days, in the hours the plant works
 * and cycles on its working days. The cycling learned on working days, heats as large as the
 * furnace's at the same hours, held the rest day's run back as the plant's own; it was raised with
 * the next working day's afternoon, after 36 hours. The plant's own work runs on its working floor;
 * the furnace's dips fall to the resting site's floor.
 */
class FurnaceOnARestingSiteFedAsPowerCompanyTest {
  @Test
  void furnaceOnASundayInHoursThePlantCyclesOnWorkingDays_raisedWithin36Hours() {
    // 98009 (2929): 240 kW from 07:15 on Sunday 2026-03-15, in the site's idle 45 kW; the plant's
    // own working-day cycling was learned at 213 kW in the same hours. Before: raised at 41 h.
    RecordingSink sink = new SimulatedEnterprise(98009, LocalDate.of(2026, 2, 22), "915001023K2PUJ1B3M", 0.015)
        .judged(SimulatedEnterprise::operating);
    sink.assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, "2026-03-15T07:15+08:00");
    // the evidence says why it is new: not "never seen cycling", which the plant's own work was
    Finding first = sink.opened(FindingKind.FURNACE_SIGNATURE).get(0);
    assertTrue(first.explanation().contains("休息日通常停产"), first.toString());
    assertTrue(first.thresholdsCrossed().stream().anyMatch(t -> t.contains("rest day the site rests")),
        first.toString());
  }

  @Test
  void licensedFurnaceMeltingOnARestDay_staysQuiet() {
    // 98009 (3391): a licensed foundry whose furnace melts some weekends on the idle site
    RecordingSink sink = new SimulatedEnterprise(98009, LocalDate.of(2026, 2, 22), "91500102682RYXXB78", 0.015)
        .judged(SimulatedEnterprise::operatingWithItsFurnaces);
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), sink.findings.toString());
  }
}
