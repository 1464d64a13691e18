package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A cold store of a simulated district (seed 24007, from 2026-01-05) registered under a
 * rectification order (限期整改) from the start, fed as the power company feeds it (half-day
 * uploads split over requests, rows shuffled, re-collected rows). No level is judged under that
 * status, but the furnace rule still screens its compressors, above a baseline it must learn.
 */
class RectifyingColdStoreFedAsPowerCompanyTest {
  private static final String COLD_STORE = "915001026K8JK3EY33";

  @Test
  void coldStoreUnderARectificationOrder_compressorsAreNotAFurnace() {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String k : List.of("RESURGENCE", "FURNACE_SIGNATURE", "LEVEL_SHIFT", "NIGHT_LOAD", "FLAT_CONTINUOUS")) {
      rates.put(k, 0.015);
    }
    rates.put("PEER_OUTLIER", 0.003);
    rates.put("INTENSITY_MISMATCH", 0.003);
    // as DistrictReplay --seeds 24007 --starts 2026-01-05 builds it
    SimulatedDistrict district = new DistrictSimulator(SimConfig.fuling(2000, LocalDate.of(2026, 1, 5), 60, 24007)
        .withPositiveRates(rates).withChangeRate(0.03).withNewAccounts(0.02).withMinShiftFactor(1.8)
        .withResumes(0)).simulate();
    List<EnterpriseRecord> ents = district.enterprises();
    int e = -1;
    for (int i = 0; i < ents.size(); i++) {
      if (ents.get(i).creditCode().equals(COLD_STORE)) {
        e = i;
      }
    }
    EnterpriseRecord r = ents.get(e);
    assertTrue(r.industry().equals("5930") && r.status().equals("RECTIFYING"), r.toString());
    assertTrue(district.changes().stream().noneMatch(c -> c.creditCode().equals(COLD_STORE)));
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engineWithShippedProfiles(new DatedContexts().set(0,
        EnterpriseContext.operating(r.industry(), r.district(), r.capacityKva())
            .withStatus(EnterpriseStatus.RECTIFYING, Long.MIN_VALUE).withMeters(r.meters().size())), sink);
    Map<String, Integer> meters = new HashMap<>();
    int target = e;
    new PowerCompanyFeed(district, 24007, PowerCompanyFeed.Options.typical()).forEachRequest(req -> {
      sink.currentTs = req.arrivalTs();
      for (PowerCompanyFeed.Row row : req.rows()) {
        if (row.enterprise() == target) {
          engine.onReading(meters.computeIfAbsent(row.meterId(), k -> meters.size()), 0, row.ts(), row.kwh());
        }
      }
      engine.flush();
    });
    assertTrue(engine.acceptedReadings() > 50 * 96, "fed " + engine.acceptedReadings());
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE));
  }
}
