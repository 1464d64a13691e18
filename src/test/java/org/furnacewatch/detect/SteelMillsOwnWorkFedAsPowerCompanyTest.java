package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * Rolling mills (3130, the real steel plant's shape) of simulated districts with nothing added,
 * fed as the power company feeds them. Some evenings and nights the mill works on at 500-850 kW
 * in hours it usually idles, in spells that start and stop: counted as heats one at a time
 * ({@link IdleHourHeats}) they read as a furnace, unless a heat's top must be held flat (the
 * mill's own work varies slot to slot) and larger than the blocks the mill drew before.
 */
class SteelMillsOwnWorkFedAsPowerCompanyTest {
  @Test
  void millWorkingItsEveningsInSpells_isNotAFurnaceAdded() {
    RecordingSink sink = new SimulatedEnterprise(71001, LocalDate.of(2025, 10, 30), "9150010279KBAN6P0H")
        .judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT), sink.findings.toString());
  }

  @Test
  void anotherMillWorkingItsEveningsInSpells_isNotAFurnaceAdded() {
    RecordingSink sink = new SimulatedEnterprise(71002, LocalDate.of(2025, 12, 11), "915001021B55908D8E")
        .judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT), sink.findings.toString());
  }

  @Test
  void millsRunningTheirAfternoonsHotterThanUsual_areNotAFurnaceAdded() {
    // 93009 (3130) and 93004 (3120): afternoons at about half the morning's level most days, run
    // at the morning's level after a holiday or a weekend; they read as quiet hours the heats ran in
    assertNoLevelShift(93009, LocalDate.of(2025, 12, 28), "915001027WG4EU7R4B");
    assertNoLevelShift(93004, LocalDate.of(2026, 3, 30), "91500102794JH6K488");
  }

  @Test
  void millsWorkingTheSpringFestivalHoliday_areNotAFurnaceAdded() {
    // 127010 (3130, 2026): back at work on days the calendar gives the holiday (2026-02-16 to 20,
    // a Saturday's morning on 02-21), after days idle: their working hours, idle on the holiday's
    // rest days before, read as quiet hours, and the mill's own even steps there as heats
    assertNoLevelShift(127010, LocalDate.of(2026, 1, 12), "915001026Y2G8KAR9L");
    assertNoLevelShift(127010, LocalDate.of(2026, 1, 12), "9150010274YRE0EX8U");
    assertNoLevelShift(127010, LocalDate.of(2026, 1, 12), "9150010270XX89JX08");
  }

  private static void assertNoLevelShift(long seed, LocalDate start, String code) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, code, 0.015).judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT), sink.findings.toString());
  }
}
