package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.furnacewatch.sim.DistrictSimulator;
import org.furnacewatch.sim.EnterpriseRecord;
import org.furnacewatch.sim.PowerCompanyFeed;
import org.furnacewatch.sim.SimConfig;
import org.furnacewatch.sim.SimulatedDistrict;
import org.junit.jupiter.api.Test;


/**
 * A steel-structure works of a simulated district (seed 38006, from 2026-04-18) where an unlicensed
 * 310 kW furnace melts on most days from 2026-04-27, fed as the power company feeds it (half-day
 * uploads split over requests, rows shuffled, re-collected rows). Its alerts name the furnace;
 * once its hours are learned its heats are not new, and between two of its alerts the load it
 * raises is the same cause, not a level shift of the works.
 */
class FurnaceFedAsPowerCompanyTest {
  private static final String WORKS = "915001022LW460FJ7T";

  @Test
  void furnaceMeltingForWeeks_isFurnaceAlerts_neverALevelShiftBetweenThem() {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String k : List.of("RESURGENCE", "FURNACE_SIGNATURE", "LEVEL_SHIFT", "NIGHT_LOAD", "FLAT_CONTINUOUS")) {
      rates.put(k, 0.015);
    }
    rates.put("PEER_OUTLIER", 0.003);
    rates.put("INTENSITY_MISMATCH", 0.003);
    SimulatedDistrict district = new DistrictSimulator(SimConfig.fuling(2000, LocalDate.of(2026, 4, 18), 60, 38006)
        .withPositiveRates(rates).withChangeRate(0.03).withNewAccounts(0.02).withMinShiftFactor(1.8)
        .withResumes(0)).simulate();
    List<EnterpriseRecord> ents = district.enterprises();
    int e = -1;
    for (int i = 0; i < ents.size(); i++) {
      if (ents.get(i).creditCode().equals(WORKS)) {
        e = i;
      }
    }
    EnterpriseRecord r = ents.get(e);
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engineWithShippedProfiles(new DatedContexts().set(0,
        EnterpriseContext.operating(r.industry(), r.district(), r.capacityKva()).withMeters(r.meters().size())), sink);
    Map<String, Integer> meters = new HashMap<>();
    int target = e;
    new PowerCompanyFeed(district, 38006, PowerCompanyFeed.Options.typical()).forEachRequest(req -> {
      sink.currentTs = req.arrivalTs();
      for (PowerCompanyFeed.Row row : req.rows()) {
        if (row.enterprise() == target) {
          engine.onReading(meters.computeIfAbsent(row.meterId(), k -> meters.size()), 0, row.ts(), row.kwh());
        }
      }
      engine.flush();
    });
    assertFalse(sink.opened(FindingKind.FURNACE_SIGNATURE).isEmpty(), sink.findings.toString());
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT));
  }
}
