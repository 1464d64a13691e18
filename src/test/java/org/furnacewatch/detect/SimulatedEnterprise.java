package org.furnacewatch.detect;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.furnacewatch.sim.DistrictSimulator;
import org.furnacewatch.sim.EnterpriseRecord;
import org.furnacewatch.sim.PowerCompanyFeed;
import org.furnacewatch.sim.SimConfig;
import org.furnacewatch.sim.SimulatedDistrict;

/**
 * One enterprise of a simulated district, built as {@code DistrictReplay --seeds S --starts D} builds
 * it (2,000 enterprises, 60 days), judged alone by the shipped profiles and fed as the power company
 * feeds it: half-day uploads split over requests, rows shuffled, re-collected rows ({@link
 * #aDayAnUpload}: a day to an upload).
 */
final class SimulatedEnterprise {
  final EnterpriseRecord record;
  final SimulatedDistrict district;
  private final long seed;
  private final int index;
  private PowerCompanyFeed.Options feedOptions = PowerCompanyFeed.Options.typical();

  /** As {@code DistrictReplay} builds it with its default {@code --peer-rate} (0.003). */
  SimulatedEnterprise(long seed, LocalDate start, String creditCode) {
    this(seed, start, creditCode, 0.003);
  }

  /**
   * As {@code DistrictReplay --peer-rate} builds it: the share of peer outliers changes what the
   * simulator draws for every enterprise after them.
   */
  SimulatedEnterprise(long seed, LocalDate start, String creditCode, double peerRate) {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String k : List.of("RESURGENCE", "FURNACE_SIGNATURE", "LEVEL_SHIFT", "NIGHT_LOAD", "FLAT_CONTINUOUS")) {
      rates.put(k, 0.015);
    }
    rates.put("PEER_OUTLIER", peerRate);
    rates.put("INTENSITY_MISMATCH", 0.003);
    this.seed = seed;
    this.district = new DistrictSimulator(SimConfig.fuling(2000, start, 60, seed)
        .withPositiveRates(rates).withChangeRate(0.03).withNewAccounts(0.02).withMinShiftFactor(1.8)
        .withResumes(0)).simulate();
    List<EnterpriseRecord> ents = district.enterprises();
    int e = -1;
    for (int i = 0; i < ents.size(); i++) {
      if (ents.get(i).creditCode().equals(creditCode)) {
        e = i;
      }
    }
    this.index = e;
    this.record = ents.get(e);
  }

  /** Fed as a power company uploading a day at a time, after midnight, feeds it. */
  SimulatedEnterprise aDayAnUpload() {
    feedOptions = feedOptions.aDayAnUpload();
    return this;
  }

  /** Feeds this enterprise's rows, request by request, to an engine judging it in the context given. */
  DetectionEngine feed(Function<EnterpriseRecord, EnterpriseContext> context, RecordingSink sink) {
    DetectionEngine engine = Fixtures.engineWithShippedProfiles(
        new DatedContexts().set(0, context.apply(record).withMeters(record.meters().size())), sink);
    Map<String, Integer> meters = new HashMap<>();
    forEachRequest(engine, sink, req -> {
      for (PowerCompanyFeed.Row row : req.rows()) {
        if (row.enterprise() == index) {
          engine.onReading(meters.computeIfAbsent(row.meterId(), k -> meters.size()), 0, row.ts(), row.kwh());
        }
      }
    });
    return engine;
  }

  /**
   * Asserts that the enterprise, built as {@code DistrictReplay --peer-rate 0.015} builds it and judged alone as
   * operating, opens no FURNACE_SIGNATURE.
   */
  static void assertNoFurnace(long seed, LocalDate start, String code) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, code, 0.015).judged(SimulatedEnterprise::operating);
    org.junit.jupiter.api.Assertions.assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE),
        sink.findings.toString());
  }

  /** What an engine judging this enterprise alone in the context given found, fed as {@link #feed} feeds it. */
  RecordingSink judged(Function<EnterpriseRecord, EnterpriseContext> context) {
    RecordingSink sink = new RecordingSink();
    feed(context, sink);
    return sink;
  }

  /**
   * What one engine judging the district's enterprises that pass the filter found, each at its
   * index among them ({@link Finding#enterpriseIdx}), fed as {@link #feed} feeds them.
   */
  RecordingSink judgedTogether(java.util.function.Predicate<EnterpriseRecord> which,
      Function<EnterpriseRecord, EnterpriseContext> context, List<EnterpriseRecord> judged) {
    List<EnterpriseRecord> ents = district.enterprises();
    Map<Integer, Integer> dense = new HashMap<>();
    DatedContexts contexts = new DatedContexts();
    for (int i = 0; i < ents.size(); i++) {
      EnterpriseRecord r = ents.get(i);
      if (which.test(r)) {
        contexts.set(judged.size(), context.apply(r).withMeters(r.meters().size()));
        dense.put(i, judged.size());
        judged.add(r);
      }
    }
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engineWithShippedProfiles(contexts, sink);
    Map<String, Integer> meters = new HashMap<>();
    forEachRequest(engine, sink, req -> {
      for (PowerCompanyFeed.Row row : req.rows()) {
        Integer e = dense.get(row.enterprise());
        if (e != null) {
          engine.onReading(meters.computeIfAbsent(row.meterId(), k -> meters.size()), e, row.ts(),
              row.kwh());
        }
      }
    });
    return sink;
  }

  /**
   * The feed's requests to the engine as the service's runner gives them: each fed, then flushed;
   * between one upload and the next (half a day or a day on) the feed is quiet, the uploads whole.
   */
  private void forEachRequest(DetectionEngine engine, RecordingSink sink,
      java.util.function.Consumer<PowerCompanyFeed.Request> feed) {
    new PowerCompanyFeed(district, seed, feedOptions).forEachRequest(req -> {
      sink.currentTs = req.arrivalTs();
      feed.accept(req);
      engine.flush();
    }, engine::uploadsWhole); // (at the last upload's arrival: the quiet comes minutes after it)
  }

  /** The registered context: operating, in its industry, district and capacity. */
  static EnterpriseContext operating(EnterpriseRecord r) {
    return EnterpriseContext.operating(r.industry(), r.district(), r.capacityKva());
  }

  /** {@link #operating}, with the induction furnaces its registry lists, licensed or not. */
  static EnterpriseContext operatingWithItsFurnaces(EnterpriseRecord r) {
    double licensed = 0;
    double unlicensed = 0;
    for (EnterpriseRecord.Equipment q : r.equipment()) {
      if (q.type().equals("INDUCTION_FURNACE")) {
        if (q.licensed()) {
          licensed += q.ratedKw();
        } else {
          unlicensed += q.ratedKw();
        }
      }
    }
    return operating(r).withFurnaces(licensed, unlicensed);
  }
}
