package org.furnacewatch.bench.detect;

import org.furnacewatch.sim.*;
import org.furnacewatch.detect.*;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.*;
import java.util.*;
/**
 * Fast furnace-threshold sweep without the service: the simulated district's intended loads (no delivery
 * problems, registry as at the start) straight into a DetectionEngine, FURNACE_SIGNATURE recall within 24 h and
 * alerts on other enterprises. Agrees with the full evaluate run on seed 42 (dipLevel 0.6: 19 here, 18 there).
 * {@code ./watch bench org.furnacewatch.bench.detect.FurnaceTune dipLevel 0.55} (-Dseed=N for other districts).
 */
@SuppressWarnings("unchecked")
public class FurnaceTune {
  public static void main(String[] a) throws Exception {
    SimulatedDistrict sd = new DistrictSimulator(SimConfig.fuling(2000, LocalDate.parse("2025-03-03"), 60, Long.getLong("seed", 42))).simulate();
    Map<String, Object> doc = new ObjectMapper().readValue(new java.io.File("models/default-profile.json"), Map.class);
    Map<String, Object> furnace = (Map<String, Object>) ((Map<String, Object>) doc.get("default")).get("furnace");
    for (int i = 0; i + 1 < a.length; i += 2) furnace.put(a[i], Double.parseDouble(a[i + 1]));
    ProfileResolver prof = ProfileResolver.fromDocument(doc);
    List<EnterpriseRecord> ents = sd.enterprises();
    EnterpriseContext[] ctx = new EnterpriseContext[ents.size()];
    for (int i = 0; i < ents.size(); i++) {
      EnterpriseRecord r = ents.get(i);
      double lic = 0, unl = 0;
      for (EnterpriseRecord.Equipment q : r.equipment()) if (q.type().equals("INDUCTION_FURNACE")) { if (q.licensed()) lic += q.ratedKw(); else unl += q.ratedKw(); }
      ctx[i] = EnterpriseContext.operating(r.industry(), r.district(), r.capacityKva()).withFurnaces(lic, unl)
          .withStatus(EnterpriseStatus.valueOf(r.status()), Long.MIN_VALUE);
    }
    Map<String, Long> first = new HashMap<>();
    DetectionEngine eng = new DetectionEngine((e, ts) -> ctx[e], prof, org.furnacewatch.calendar.WorkingCalendar.shipped().days(), f -> {
      if (f.kind() == FindingKind.FURNACE_SIGNATURE && f.phase() == Finding.Phase.OPENED) first.putIfAbsent(ents.get(f.enterpriseIdx()).creditCode(), f.lastTs());
    }, ZoneId.of("Asia/Shanghai"), 2048, 2048);
    long t0 = sd.dayStart(0).toEpochSecond();
    for (int d = 0; d < sd.days(); d++) {
      double[][] k = new double[ents.size()][];
      for (int e = 0; e < ents.size(); e++) k[e] = sd.enterpriseKwh(ents.get(e).creditCode(), d);
      for (int s = 0; s < 96; s++) for (int e = 0; e < ents.size(); e++) eng.onReading(e, e, t0 + (d * 96L + s + 1) * 900, k[e][s]);
    }
    Set<String> truth = new HashSet<>();
    int tp = 0, within = 0;
    for (TruthEvent t : sd.truth()) if (t.kind().equals("FURNACE_SIGNATURE")) {
      truth.add(t.creditCode());
      Long det = first.get(t.creditCode());
      if (det != null) { tp++; if (det - t.onsetTs().toEpochSecond() <= 86400) within++; }
      System.out.println("truth " + t.creditCode() + " det=" + (det == null ? "-" : (det - t.onsetTs().toEpochSecond()) / 3600.0 + "h"));
    }
    int fp = 0;
    for (String c : first.keySet()) if (!truth.contains(c)) { fp++; }
    Set<String> res = new HashSet<>(); for (TruthEvent t : sd.truth()) if (t.kind().equals("RESURGENCE")) res.add(t.creditCode());
    System.out.println(Arrays.toString(a) + " truth=" + truth.size() + " tp=" + tp + " within24=" + within + " fp(other enterprises)=" + fp);
  }
}
