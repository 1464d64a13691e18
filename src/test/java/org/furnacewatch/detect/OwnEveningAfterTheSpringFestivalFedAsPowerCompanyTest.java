package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.furnacewatch.sim.EnterpriseRecord;
import org.furnacewatch.sim.TruthEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plants watched from the Spring Festival holiday on, back at work in the weeks after it, fed as
 * a power company uploading a day at a time feeds them. What the watch knew of them was the
 * holiday and their return: a day-shift plant's first evening of overtime (an hour off after
 * work, then two and a half hours at three fifths of its day) read as three heats in hours never
 * seen cycling whose level had never varied; a two-shift plant's evening as hours new to five days
 * of learned cycling. Each was raised as an induction furnace (seen festival set, seeds
 * 130003-140004: 12 of 18 false furnace alerts on clean plants).
 */
class OwnEveningAfterTheSpringFestivalFedAsPowerCompanyTest {
  /**
   * Seed 135006 (from 2026-02-19, the holiday's fifth day), its clean plants judged together (the
   * district's activity scales what a plant's heats are read against): on the engine before,
   * 915001024RE69HCC9B (3311) and 915001026BGTUQX04P (1819) raised for their overtime on
   * 2026-03-06, 915001022QW42EH68B (2929) and 915001026JNLUBXB8M (3670) for their evenings on
   * 2026-03-10.
   */
  @Test
  void ownEveningsAfterTheHoliday_areNoFurnaces() {
    SimulatedEnterprise any = new SimulatedEnterprise(135006, LocalDate.of(2026, 2, 19),
        "915001024RE69HCC9B", 0.015).aDayAnUpload();
    Set<String> injected = any.district.truth().stream().map(TruthEvent::creditCode)
        .collect(Collectors.toSet());
    List<EnterpriseRecord> judged = new ArrayList<>();
    Fixtures.RecordingSink sink = any.judgedTogether(
        r -> !injected.contains(r.creditCode()) && r.status().equals("OPERATING"),
        SimulatedEnterprise::operating, judged);
    assertTrue(judged.size() >= 1_500, "clean plants judged: " + judged.size());
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE).stream()
        .map(f -> judged.get(f.enterpriseIdx()).creditCode())
        .filter(Set.of("915001024RE69HCC9B", "915001026BGTUQX04P", "915001022QW42EH68B",
            "915001026JNLUBXB8M")::contains).toList());
  }

  /**
   * A licensed foundry's second furnace in those weeks is still new by its hours: the licensed
   * furnace cycles every working day, and its hours are learned again within days of the return.
   * Festival set G, fed a day at a time (the district replay): with the stricter reading at
   * licensed foundries too, seed 153004's 690 kW beside a licensed furnace (day runs from 14:00 on
   * 2026-03-04) was raised at 35 h, not 13 h; seed 157009's 170 kW (from 14:45 on 2026-02-23, the
   * first working day after the holiday) at 84 h, not 12 h.
   */
  @ParameterizedTest
  @CsvSource({"153004, 2026-02-11, 915001023JG1A0KH25, 2026-03-04T14:00+08:00",
      "157009, 2026-01-27, 915001025GR52UQFXW, 2026-02-23T14:45+08:00"})
  void secondFurnaceBesideALicensedOneAfterTheHoliday_raisedWithin36Hours(long seed,
      LocalDate start, String code, String onset) {
    new SimulatedEnterprise(seed, start, code, 0.015).aDayAnUpload()
        .judged(SimulatedEnterprise::operatingWithItsFurnaces)
        .assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, onset);
  }
}
