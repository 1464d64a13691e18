package org.furnacewatch.bench.detect;

import org.furnacewatch.detect.ContextSource;
import org.furnacewatch.detect.EnterpriseContext;
import org.furnacewatch.detect.EnterpriseStatus;
import org.furnacewatch.sim.EnterpriseRecord;
import org.furnacewatch.sim.RegistryChange;
import org.furnacewatch.sim.SimulatedDistrict;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The simulated district's dated registry as the detection core sees it (what RegistryContexts does in the service). */
final class SimContexts implements ContextSource {
  private final List<List<EnterpriseRecord>> versions = new ArrayList<>();
  private final List<long[]> from = new ArrayList<>();
  private final Map<String, Double> tonnes = new HashMap<>();
  private final List<String> codes = new ArrayList<>();
  private final java.time.ZoneId zone;

  SimContexts(SimulatedDistrict sd) {
    zone = sd.config().zone();
    for (var d : sd.declaredOutput()) tonnes.put(d.creditCode() + "|" + d.month(), d.tonnes());
    Map<String, Integer> idx = new HashMap<>();
    for (EnterpriseRecord r : sd.enterprises()) {
      codes.add(r.creditCode());
      idx.put(r.creditCode(), versions.size());
      versions.add(new ArrayList<>(List.of(r)));
    }
    for (RegistryChange c : sd.changes()) {
      versions.get(idx.get(c.creditCode())).add(c.record());
    }
    for (List<EnterpriseRecord> v : versions) {
      long[] f = new long[v.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = i == 0 ? Long.MIN_VALUE : OffsetDateTime.parse(v.get(i).effectiveFrom()).toEpochSecond();
      }
      from.add(f);
    }
  }

  @Override
  public EnterpriseContext at(int e, long ts) {
    List<EnterpriseRecord> v = versions.get(e);
    long[] f = from.get(e);
    long t = ts - 1;
    int cur = 0;
    for (int i = 0; i < f.length; i++) if (f[i] <= t) cur = i;
    EnterpriseRecord r = v.get(cur);
    long since = f[cur];
    for (int i = cur - 1; i >= 0 && v.get(i).status().equals(r.status()); i--) since = f[i];
    long meterChange = Long.MIN_VALUE;
    for (int i = 1; i <= cur; i++) if (!v.get(i).meters().equals(v.get(i - 1).meters())) meterChange = f[i];
    long until = cur + 1 < f.length ? f[cur + 1] + 1 : Long.MAX_VALUE;
    double lic = 0, unl = 0;
    for (EnterpriseRecord.Equipment q : r.equipment()) {
      if (q.type().equals("INDUCTION_FURNACE")) {
        if (q.licensed()) lic += q.ratedKw(); else unl += q.ratedKw();
      }
    }
    java.time.YearMonth month = java.time.YearMonth.from(java.time.Instant.ofEpochSecond(t).atZone(zone));
    long monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toEpochSecond() + 1;
    EnterpriseContext c = EnterpriseContext.operating(r.industry(), r.district(), r.capacityKva())
        .withStatus(EnterpriseStatus.valueOf(r.status()), since)
        .withFurnaces(lic, unl).withLastMeterChange(meterChange).withMeters(r.meters().size())
        .withValidUntil(Math.min(until, monthEnd));
    Double tons = tonnes.get(codes.get(e) + "|" + month);
    return tons == null ? c : c.withDeclarations(tons, Double.NaN);
  }
}
