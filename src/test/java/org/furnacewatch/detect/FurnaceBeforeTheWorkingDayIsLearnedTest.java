package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A furnace melting on top of a plant's working day before the watch has learned five working
 * days of it, fed as a power company feeds it. Without a working-day level the furnace rule reads
 * the raw load, and the plant's own level stays under the heats: a ten-minute tap, blurred into
 * two quarter hours, then takes a third off the heat above the plant's level but far less off the
 * raw load, and the heats run together. The rule reads such a site again above its own level
 * ({@link OwnLevel}), as it reads a new account.
 */
class FurnaceBeforeTheWorkingDayIsLearnedTest {
  /**
   * Seed 193007, watched from 2026-02-16, in the Spring Festival holiday: a 3311 day-shift plant
   * back at work since 02-24, two working days learned when a 780 kW furnace begins its day runs
   * at 07:15 on 02-26. On main (cafa31b) raised with the second day's runs, 41 h after the onset
   * in the district replay (half-day uploads).
   */
  @Test
  void dayRunsAfterAWatchBegunInTheHoliday_raisedWithin36Hours() {
    new SimulatedEnterprise(193007, LocalDate.of(2026, 2, 16), "9150010252P0UFEF6H", 0.015)
        .judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, "2026-02-26T07:15+08:00");
  }

  /**
   * Seed 196008, watched from 2026-01-16: a 3311 plant of 2500 kVA running round the clock at about
   * 2,000 kW, fed a day an upload. Read above its own level in the watch's first days, its own
   * swings of about 350 kW screen as heats; they stand on a level six times their size. No
   * furnace.
   */
  @Test
  void busyPlantsOwnSwingsInTheWatchsFirstDays_noFurnace() {
    RecordingSink sink = new SimulatedEnterprise(196008, LocalDate.of(2026, 1, 16),
        "915001029R76TMW47M", 0.015).aDayAnUpload().judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), sink.findings.toString());
  }

  /**
   * Seed 216002, watched from 2026-01-15: a cold store (5930), four working days learned on
   * 01-21. Its compressors cycle on top of its own level from the first day, as they always will:
   * not read above its own level. No furnace.
   */
  @Test
  void coldStoresCompressorsInTheWatchsFirstDays_noFurnace() {
    RecordingSink sink = new SimulatedEnterprise(216002, LocalDate.of(2026, 1, 15),
        "915001029UAFTMN36D", 0.015).judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), sink.findings.toString());
  }
}
