package org.furnacewatch.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.furnacewatch.registry.CreditCode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistrictSimulatorTest {
    static final LocalDate START = LocalDate.of(2025, 1, 13);
    static final ObjectMapper JSON = new ObjectMapper();

    static SimulatedDistrict sim(int n, int days, long seed) {
        return new DistrictSimulator(SimConfig.fuling(n, START, days, seed)).simulate();
    }

    static long readingsHash(SimulatedDistrict sd) {
        long h = 17;
        for (Iterator<Reading> it = sd.readings(); it.hasNext(); ) h = h * 31 + it.next().hashCode();
        return h;
    }

    @Test
    void simulate_sameSeed_isDeterministic() {
        SimulatedDistrict a = sim(150, 6, 7), b = sim(150, 6, 7), c = sim(150, 6, 8);
        assertEquals(SimJson.enterprisesNdjson(a.enterprises()), SimJson.enterprisesNdjson(b.enterprises()));
        assertEquals(a.truthCsv(), b.truthCsv());
        assertEquals(a.changes(), b.changes());
        assertEquals(a.declaredOutputCsv(), b.declaredOutputCsv());
        assertEquals(readingsHash(a), readingsHash(b));
        assertEquals(readingsHash(a), readingsHash(a), "the stream is re-iterable");
        assertNotEquals(SimJson.enterprisesNdjson(a.enterprises()), SimJson.enterprisesNdjson(c.enterprises()));
        assertNotEquals(readingsHash(a), readingsHash(c));
    }

    @Test
    void creditCodes_validAndUnique() {
        SimulatedDistrict sd = sim(2000, 1, 3);
        Set<String> seen = new HashSet<>();
        for (EnterpriseRecord r : sd.enterprises()) {
            assertTrue(CreditCode.isValid(r.creditCode()), r.creditCode());
            assertTrue(r.creditCode().startsWith("91500102"), r.creditCode());
            assertTrue(seen.add(r.creditCode()), "duplicate " + r.creditCode());
        }
        assertEquals(2000, seen.size());
    }

    @Test
    void enterpriseBody_hasExactlyTheContractFields() throws Exception {
        SimulatedDistrict sd = sim(300, 3, 5);
        Set<String> statuses = Set.of("OPERATING", "SUSPENDED", "RECTIFYING", "CLOSED", "SEALED", "BANNED");
        Set<String> meterIds = new HashSet<>();
        Set<String> industries = new HashSet<>();
        for (EnterpriseRecord r : sd.enterprises()) {
            JsonNode n = JSON.readTree(SimJson.putBody(r));
            Set<String> fields = new TreeSet<>();
            n.fieldNames().forEachRemaining(fields::add);
            assertEquals(new TreeSet<>(List.of("name", "district", "industry", "status", "capacityKva", "equipment", "meters", "effectiveFrom")), fields);
            assertTrue(n.get("name").asText().startsWith("重庆市涪陵区") && n.get("name").asText().endsWith("公司"), n.get("name").asText());
            assertEquals("500102", n.get("district").asText());
            assertTrue(n.get("industry").asText().matches("\\d{4}"));
            industries.add(n.get("industry").asText());
            assertTrue(statuses.contains(n.get("status").asText()));
            assertTrue(n.get("capacityKva").isInt() && n.get("capacityKva").asInt() > 0);
            for (JsonNode eq : n.get("equipment")) {
                assertEquals(3, eq.size());
                assertTrue(eq.get("type").isTextual() && eq.get("ratedKw").isInt() && eq.get("licensed").isBoolean());
            }
            assertFalse(n.get("meters").isEmpty());
            for (JsonNode m : n.get("meters")) {
                assertEquals(2, m.size());
                assertTrue(meterIds.add(m.get("id").asText()), "meter owned twice");
                assertTrue(m.get("multiplier").asInt() >= 1);
            }
            assertTrue(n.get("effectiveFrom").asText().matches("2025-01-13T00:00:00\\+08:00"));
        }
        assertTrue(industries.size() >= 12, "many industries: " + industries);
        JsonNode d = JSON.readTree(SimJson.putBody(sd.district()));
        assertEquals("涪陵区", d.get("name").asText());
        assertEquals("500000", d.get("parent").asText());
        JsonNode line = JSON.readTree(SimJson.enterpriseLine(sd.enterprises().getFirst()));
        assertEquals(sd.enterprises().getFirst().creditCode(), line.get("creditCode").asText());
    }

    @Test
    void positives_areASmallFractionAndEveryKindIsPresent() {
        SimulatedDistrict sd = sim(2000, 20, 11);
        Set<String> kinds = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        for (TruthEvent t : sd.truth()) {
            kinds.add(t.kind());
            assertTrue(hosts.add(t.creditCode()), "one positive per enterprise");
            assertTrue(!t.endTs().isBefore(t.onsetTs()));
            assertEquals(t.kind(), sd.model(t.creditCode()).injectedKind());
        }
        assertEquals(Set.of(SimConfig.KINDS), kinds);
        double share = hosts.size() / 2000.0;
        assertTrue(share >= 0.01 && share <= 0.03, "share " + share);
        assertTrue(sd.truthCsv().startsWith("kind,creditCode,onsetTs,endTs"));
    }

    @Test
    void readings_respectCapacity() {
        SimulatedDistrict sd = sim(400, 21, 21);
        Map<String, EnterpriseModel> owner = new HashMap<>();
        Map<String, Integer> mult = new HashMap<>();
        for (EnterpriseModel e : sd.models()) {
            for (EnterpriseModel.MeterModel m : e.meters) {
                owner.put(m.id, e);
                mult.put(m.id, m.multiplier);
                if (m.newId != null) {
                    owner.put(m.newId, e);
                    mult.put(m.newId, m.multiplier);
                }
            }
        }
        // per meter: ts -> interval kWh (kwh rows directly, register rows as difference x multiplier of consecutive rows)
        Map<String, java.util.TreeMap<Long, Double>> regs = new HashMap<>();
        Map<String, Double> perEnterpriseTs = new HashMap<>();
        long t0 = sd.dayStart(0).toEpochSecond();
        Set<String> seen = new HashSet<>();
        for (Iterator<Reading> it = sd.readings(); it.hasNext(); ) {
            Reading r = it.next();
            if (!seen.add(r.meter() + r.epochSecond())) continue;
            if (r.isRegister()) {
                regs.computeIfAbsent(r.meter(), k -> new java.util.TreeMap<>()).put(r.epochSecond(), r.register());
            } else {
                perEnterpriseTs.merge(owner.get(r.meter()).creditCode + "@" + r.epochSecond(), r.kwh(), Double::sum);
            }
        }
        for (var m : regs.entrySet()) {
            Long prevTs = null;
            double prev = 0;
            for (var e : m.getValue().entrySet()) {
                if (prevTs != null && e.getKey() - prevTs == 900 && e.getValue() >= prev) {
                    perEnterpriseTs.merge(owner.get(m.getKey()).creditCode + "@" + e.getKey(), (e.getValue() - prev) * mult.get(m.getKey()), Double::sum);
                }
                prevTs = e.getKey();
                prev = e.getValue();
            }
        }
        int checked = 0;
        for (var e : perEnterpriseTs.entrySet()) {
            String code = e.getKey().substring(0, 18);
            long ts = Long.parseLong(e.getKey().substring(19));
            int day = (int) ((ts - 900 - t0) / 86400);
            EnterpriseModel m = sd.model(code);
            double limit = m.capacityOn(day) * 0.25 + 0.002 * m.meters.size() + 0.0002 * m.meters.stream().mapToInt(x -> x.multiplier).max().orElse(1);
            assertTrue(e.getValue() <= limit, code + " at " + ts + ": " + e.getValue() + " > " + limit);
            checked++;
        }
        assertTrue(checked > 400 * 21 * 90, "checked " + checked);
    }

    @Test
    void registerMeters_differencesTimesMultiplierEqualIntendedKwh() {
        SimConfig cfg = SimConfig.fuling(120, START, 8, 31).withRegisterShare(1.0).withDelivery(0.05, 0.01, 0.02, 500, 0.05);
        SimulatedDistrict sd = new DistrictSimulator(cfg).simulate();
        Map<String, Object[]> meterOf = new HashMap<>(); // id -> {creditCode, meterIndex, multiplier}
        for (EnterpriseModel e : sd.models()) {
            for (int i = 0; i < e.meters.size(); i++) {
                EnterpriseModel.MeterModel m = e.meters.get(i);
                assertTrue(m.register);
                meterOf.put(m.id, new Object[] {e.creditCode, i, m.multiplier});
                if (m.newId != null) meterOf.put(m.newId, new Object[] {e.creditCode, i, m.multiplier});
            }
        }
        Set<String> resets = new HashSet<>();
        for (MeterEvent ev : sd.meterEvents()) resets.add(ev.newMeter() + "@" + ev.ts().toEpochSecond());
        Map<String, java.util.TreeMap<Long, Double>> series = new HashMap<>();
        for (Iterator<Reading> it = sd.readings(); it.hasNext(); ) {
            Reading r = it.next();
            assertTrue(r.isRegister() && Double.isNaN(r.kwh()));
            Double before = series.computeIfAbsent(r.meter(), k -> new java.util.TreeMap<>()).put(r.epochSecond(), r.register());
            if (before != null) assertEquals(before, r.register(), "a duplicate carries the same value");
        }
        long t0 = sd.dayStart(0).toEpochSecond();
        Map<String, double[][]> intended = new HashMap<>();
        int pairs = 0, gaps = 0;
        for (var s : series.entrySet()) {
            Object[] mo = meterOf.get(s.getKey());
            String code = (String) mo[0];
            int idx = (Integer) mo[1], mult = (Integer) mo[2];
            double[][] kwh = intended.computeIfAbsent(code + idx, k -> {
                double[][] x = new double[sd.days()][];
                for (int d = 0; d < sd.days(); d++) x[d] = sd.meterKwh(code, idx, d);
                return x;
            });
            Long prevTs = null;
            double prev = 0;
            for (var e : s.getValue().entrySet()) {
                long ts = e.getKey();
                if (prevTs != null && !resets.contains(s.getKey() + "@" + ts)) {
                    double want = 0;
                    for (long t = prevTs + 900; t <= ts; t += 900) {
                        long k = (t - t0) / 900 - 1;
                        want += kwh[(int) (k / 96)][(int) (k % 96)];
                    }
                    double got = (e.getValue() - prev) * mult;
                    assertEquals(want, got, 0.0001 * mult + 1e-6, s.getKey() + " at " + ts);
                    pairs++;
                    if (ts - prevTs > 900) gaps++;
                }
                prevTs = ts;
                prev = e.getValue();
            }
        }
        assertTrue(pairs > 120 * 8 * 90, "pairs " + pairs);
        assertTrue(gaps > 0, "some differences span gaps");
        assertFalse(sd.meterEvents().isEmpty());
        for (MeterEvent ev : sd.meterEvents()) {
            // the register restarts near 0
            double first = series.get(ev.newMeter()).ceilingEntry(ev.ts().toEpochSecond()).getValue();
            if (series.get(ev.newMeter()).containsKey(ev.ts().toEpochSecond())) assertTrue(first < 50, "restart near 0: " + first);
        }
    }

    @Test
    void furnaceHeats_haveStatedDurationAndDipStructure() {
        SimConfig cfg = SimConfig.fuling(300, START, 20, 41).withPositiveRates(Map.of("FURNACE_SIGNATURE", 0.02, "RESURGENCE", 0.01));
        SimulatedDistrict sd = new DistrictSimulator(cfg).simulate();
        int hosts = 0;
        for (TruthEvent t : sd.truth()) {
            EnterpriseModel e = sd.model(t.creditCode());
            List<FurnaceHeat> heats = e.heats();
            if (t.kind().equals("FURNACE_SIGNATURE")) {
                hosts++;
                assertTrue(e.illegalFurnaceKw() >= 150, "furnace " + e.illegalFurnaceKw());
                assertTrue(e.capacityOn(0) >= e.illegalFurnaceKw(), "the furnace fits the contracted capacity");
                // The unlicensed furnace is never on record; a foundry host has its licensed one beside it.
                assertTrue(e.industry().code().equals("3391")
                        || e.equipment.stream().noneMatch(q -> q.type().equals("INDUCTION_FURNACE") && q.licensed()));
                assertFalse(heats.isEmpty());
            }
            if (heats.isEmpty()) continue;
            assertEquals(t.onsetTs(), sd.dayStart(0).plusMinutes(((java.time.Duration.between(sd.dayStart(0), heats.getFirst().start()).toMinutes()) / 15 + 1) * 15));
            int run = 1;
            List<Integer> runs = new ArrayList<>();
            for (int i = 0; i < heats.size(); i++) {
                FurnaceHeat h = heats.get(i);
                assertTrue(h.minutes() >= 45 && h.minutes() <= 90, "heat of " + h.minutes() + " min");
                if (i + 1 < heats.size()) {
                    long dip = java.time.Duration.between(h.end(), heats.get(i + 1).start()).toMinutes();
                    if (dip <= 30) {
                        assertTrue(dip >= 10, "dip of " + dip + " min");
                        run++;
                    } else {
                        runs.add(run);
                        run = 1;
                    }
                }
                // the load during a heat is near the plateau; the dip right after it is clearly lower
                long fromStart = java.time.Duration.between(sd.dayStart(0), h.start()).toMinutes();
                long firstFull = (fromStart + 14) / 15, lastFull = (fromStart + h.minutes()) / 15 - 1;
                double plateauMin = Double.MAX_VALUE;
                if ((fromStart + h.minutes() + 30) / 1440 >= sd.days()) continue; // runs past the simulated period
                for (long k = firstFull; k <= lastFull; k++) {
                    double kwh = sd.enterpriseKwh(t.creditCode(), (int) (k / 96))[(int) (k % 96)];
                    assertTrue(kwh >= 0.85 * h.kw() * 0.25, "plateau " + kwh + " vs " + h.kw());
                    plateauMin = Math.min(plateauMin, kwh);
                }
                assertTrue(lastFull >= firstFull, "a heat of 45+ minutes covers whole intervals");
                if (i + 1 < heats.size() && java.time.Duration.between(h.end(), heats.get(i + 1).start()).toMinutes() <= 30) {
                    long endMin = fromStart + h.minutes();
                    long dip = java.time.Duration.between(h.end(), heats.get(i + 1).start()).toMinutes();
                    long k = (endMin + dip / 2) / 15; // the interval holding the middle of the dip has >= 5 dip minutes
                    double dipKwh = sd.enterpriseKwh(t.creditCode(), (int) (k / 96))[(int) (k % 96)];
                    assertTrue(dipKwh < plateauMin - 0.1 * h.kw() * 0.25, "dip visible: " + dipKwh + " vs plateau " + plateauMin);
                }
            }
            runs.add(run);
            assertTrue(runs.stream().allMatch(r -> r >= 3), "runs repeat for hours: " + runs);
        }
        assertEquals(6, hosts);
    }

    @Test
    void resurgence_closedSiteDrawsWellAboveStandbyAfterOnsetOnly() {
        SimConfig cfg = SimConfig.fuling(300, START, 20, 43).withPositiveRates(Map.of("RESURGENCE", 0.01));
        SimulatedDistrict sd = new DistrictSimulator(cfg).simulate();
        assertEquals(3, sd.truth().size());
        for (TruthEvent t : sd.truth()) {
            EnterpriseModel e = sd.model(t.creditCode());
            assertTrue(Set.of("CLOSED", "SEALED", "BANNED").contains(e.statusOn(0)));
            long onsetK = java.time.Duration.between(sd.dayStart(0), t.onsetTs()).toMinutes() / 15 - 1;
            double before = 0, after = 0;
            for (int d = 0; d < sd.days(); d++) {
                double[] kwh = sd.enterpriseKwh(t.creditCode(), d);
                for (int i = 0; i < 96; i++) {
                    if (d * 96L + i < onsetK) before = Math.max(before, kwh[i]);
                    else after = Math.max(after, kwh[i]);
                }
            }
            assertTrue(before <= Math.max(1, e.capacityOn(0) * 0.01 * 0.25 * 1.8), "standby before onset: " + before);
            assertTrue(after > 10 * Math.max(before, 0.5), "well above standby after onset: " + after + " vs " + before);
        }
    }

    @Test
    void declaredOutput_mismatchHostsDeclareFarLessThanTheirKwhImplies() {
        SimulatedDistrict sd = sim(600, 40, 17);
        Map<String, double[]> kwhByMonth = new HashMap<>();
        Set<String> mismatch = new HashSet<>();
        for (TruthEvent t : sd.truth()) if (t.kind().equals("INTENSITY_MISMATCH")) mismatch.add(t.creditCode());
        assertFalse(mismatch.isEmpty());
        int normal = 0;
        for (DeclaredOutput o : sd.declaredOutput()) {
            double kwh = 0;
            for (int d = 0; d < sd.days(); d++) {
                if (!java.time.YearMonth.from(sd.date(d)).equals(o.month())) continue;
                for (double v : sd.enterpriseKwh(o.creditCode(), d)) kwh += v;
            }
            double perTonne = kwh / o.tonnes();
            String ind = sd.model(o.creditCode()).industry().code();
            if (mismatch.contains(o.creditCode())) {
                assertTrue(perTonne > 2000, "mismatch implies " + perTonne + " kWh/t");
            } else if (!ind.equals("3130") && o.tonnes() > 1) {
                assertTrue(perTonne > 540 && perTonne < 780, ind + " implies " + perTonne + " kWh/t");
                normal++;
            }
        }
        assertTrue(normal > 0);
        assertTrue(sd.declaredOutput().stream().map(DeclaredOutput::creditCode).collect(java.util.stream.Collectors.toSet()).containsAll(mismatch));
    }

    @Test
    void registryChanges_areDatedAndConsistentWithTheModel() {
        SimulatedDistrict sd = new DistrictSimulator(SimConfig.fuling(600, START, 30, 19).withChangeRate(0.05)).simulate();
        Set<String> kinds = new HashSet<>();
        for (RegistryChange c : sd.changes()) {
            kinds.add(c.kind());
            assertEquals(SimulatedDistrict.iso(c.at()), c.record().effectiveFrom());
            assertEquals(c.creditCode(), c.record().creditCode());
            EnterpriseModel m = sd.model(c.creditCode());
            int day = (int) java.time.Duration.between(sd.dayStart(0), c.at()).toDays();
            assertEquals(m.statusOn(day), c.record().status());
            switch (c.kind()) {
                case "CLOSED" -> assertTrue(Set.of("CLOSED", "SEALED").contains(c.record().status()));
                case "REOPENED" -> assertEquals("OPERATING", c.record().status());
                case "CAPACITY_INCREASE" -> {
                    assertEquals(m.capacityOn(day), c.record().capacityKva());
                    assertTrue(c.record().capacityKva() > m.capacityOn(day - 1));
                }
                case "METER_REPLACED" -> assertTrue(c.note().contains("replaced"));
                default -> throw new AssertionError(c.kind());
            }
        }
        assertTrue(kinds.containsAll(Set.of("CLOSED", "CAPACITY_INCREASE", "METER_REPLACED")), kinds.toString());
        // a closed enterprise draws only standby after its closure
        for (RegistryChange c : sd.changes()) {
            if (!c.kind().equals("CLOSED")) continue;
            EnterpriseModel m = sd.model(c.creditCode());
            int day = (int) java.time.Duration.between(sd.dayStart(0), c.at()).toDays();
            double max = 0;
            for (double v : sd.enterpriseKwh(c.creditCode(), day)) max = Math.max(max, v);
            assertTrue(max <= Math.max(0.5, m.standbyKw * 0.25 * 2), "standby after closing: " + max);
        }
    }

    @Test
    void delivery_hasGapsDuplicatesAndDisorderUnlessClean() {
        SimulatedDistrict messy = sim(200, 5, 23);
        SimulatedDistrict clean = new DistrictSimulator(SimConfig.fuling(200, START, 5, 23).clean()).simulate();
        int meters = 0;
        for (EnterpriseModel e : clean.models()) meters += e.meters.size();
        long n = 0, prev = Long.MIN_VALUE;
        Set<String> keys = new HashSet<>();
        for (Iterator<Reading> it = clean.readings(); it.hasNext(); ) {
            Reading r = it.next();
            assertTrue(r.epochSecond() >= prev, "clean stream is in event-time order");
            prev = r.epochSecond();
            assertTrue(keys.add(r.meter() + r.ts()));
            n++;
        }
        assertEquals((long) meters * 96 * 5, n);
        long dups = 0, backwards = 0, m = 0;
        keys.clear();
        prev = Long.MIN_VALUE;
        for (Iterator<Reading> it = messy.readings(); it.hasNext(); ) {
            Reading r = it.next();
            if (!keys.add(r.meter() + r.ts())) dups++;
            if (r.epochSecond() < prev) backwards++;
            prev = r.epochSecond();
            m++;
        }
        assertTrue(dups > 0 && backwards > 0, dups + " duplicates, " + backwards + " out of order");
        assertTrue(m - dups < n, "gaps remove readings");
        assertTrue(m - dups > n * 0.95);
    }

    @Test
    void stream_scalesToThousandsOfEnterprises() {
        long t = System.nanoTime();
        SimulatedDistrict sd = sim(2000, 4, 29);
        long n = 0;
        for (Iterator<List<Reading>> it = sd.dayBatches(); it.hasNext(); ) n += it.next().size();
        double s = (System.nanoTime() - t) / 1e9;
        assertTrue(n > 2000 * 4 * 96, "readings " + n);
        assertTrue(s < 60, "took " + s + " s");
        assertNotNull(sd.truth());
    }
}
