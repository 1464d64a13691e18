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
    RecordingSinkCodes found = new RecordingSinkCodes(any.judgedTogether(
        r -> !injected.contains(r.creditCode()) && r.status().equals("OPERATING"),
        SimulatedEnterprise::operating, judged), judged);
    assertTrue(judged.size() >= 1_500, "clean plants judged: " + judged.size());
    assertEquals(List.of(), found.furnaces().stream()
        .filter(Set.of("915001024RE69HCC9B", "915001026BGTUQX04P", "915001022QW42EH68B",
            "915001026JNLUBXB8M")::contains).toList());
  }

  /** The credit codes of the enterprises a sink opened furnace findings for. */
  private record RecordingSinkCodes(Fixtures.RecordingSink sink, List<EnterpriseRecord> judged) {
    List<String> furnaces() {
      return sink.opened(FindingKind.FURNACE_SIGNATURE).stream()
          .map(f -> judged.get(f.enterpriseIdx()).creditCode()).toList();
    }
  }
}
