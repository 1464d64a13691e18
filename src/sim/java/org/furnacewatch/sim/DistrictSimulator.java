package org.furnacewatch.sim;

import org.furnacewatch.registry.CreditCode;
import org.furnacewatch.sim.EnterpriseModel.DayInfo;
import org.furnacewatch.sim.EnterpriseModel.MeterModel;
import org.furnacewatch.sim.Industries.Industry;
import org.furnacewatch.sim.Industries.Profile;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Builds a deterministic simulated district from a {@link SimConfig}: enterprises of many industries and sizes,
 * dated registry changes, injected positives with ground truth, declared output, and (lazily, as a stream) the
 * 15-minute readings. Same config (including seed) gives the same district, byte for byte.
 *
 * <pre>{@code
 * SimulatedDistrict d = new DistrictSimulator(SimConfig.fuling(2000, LocalDate.of(2025, 1, 13), 60, 42)).simulate();
 * d.enterprises();                 // EnterpriseRecord: PUT /api/v1/enterprises/{creditCode} bodies
 * d.forEachDay((date, rows) -> ...) // readings in delivery order, one day at a time
 * d.truth();                       // TruthEvent: kind, creditCode, onsetTs, endTs
 * }</pre>
 */
public final class DistrictSimulator {
    private static final String NAME_CHARS = "鑫华宏永金天盛恒瑞兴嘉润德丰通联博科源信达隆泰昌顺安富力新中益汇广利";
    private static final String[] FORMS = {"有限公司", "有限责任公司", "股份有限公司"};
    private static final String ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private final SimConfig cfg;
    private final SplittableRandom rng;
    private final DayInfo[] days;
    private final List<EnterpriseModel> models = new ArrayList<>();
    private final Set<String> codes = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    private int meterSeq;

    public DistrictSimulator(SimConfig cfg) {
        this.cfg = cfg;
        this.rng = new SplittableRandom(cfg.seed());
        this.days = new DayInfo[cfg.days()];
        for (int d = 0; d < cfg.days(); d++) {
            LocalDate date = cfg.start().plusDays(d);
            days[d] = new DayInfo(d, date, ChineseHolidays.type(date), ChineseHolidays.daysFromSpringFestival(date));
        }
    }

    public SimulatedDistrict simulate() {
        for (int i = 0; i < cfg.enterprises(); i++) models.add(create(i, pickIndustry(), pickStatus()));
        List<TruthEvent> truth = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        for (String kind : SimConfig.KINDS) {
            double rate = cfg.positiveRates().getOrDefault(kind, 0.0);
            if (rate <= 0) continue;
            int count = Math.max(1, (int) Math.round(rate * cfg.enterprises()));
            for (int k = 0; k < count && taken.size() < cfg.enterprises(); k++) {
                EnterpriseModel host = inject(kind, taken);
                taken.add(host.index);
                truth.add(truthOf(host));
            }
        }
        List<Change> changes = new ArrayList<>();
        int nChanges = (int) Math.round(cfg.changeRate() * cfg.enterprises());
        for (int k = 0; k < nChanges && taken.size() < cfg.enterprises(); k++) planChange(taken, changes);
        List<MeterEvent> meterEvents = new ArrayList<>();
        for (EnterpriseModel e : models) planMeterReplacements(e, changes, meterEvents);
        if (cfg.newAccountRate() > 0) planNewAccounts(truth);
        if (cfg.resumeRate() > 0) planResumes(truth);

        String from0 = SimulatedDistrict.iso(dayStart(0));
        List<EnterpriseRecord> records = new ArrayList<>();
        Map<String, EnterpriseRecord> current = new LinkedHashMap<>();
        for (EnterpriseModel e : models) {
            EnterpriseRecord r = new EnterpriseRecord(e.creditCode, e.name, cfg.districtCode(), e.industry.code(), e.initialStatus,
                    e.capacityKva, e.equipment, e.meters.stream().map(m -> new EnterpriseRecord.MeterSpec(m.id, m.multiplier)).toList(), from0);
            records.add(r);
            current.put(e.creditCode, r);
        }
        changes.sort(Comparator.comparing((Change c) -> c.at).thenComparing(c -> c.code));
        List<RegistryChange> registryChanges = new ArrayList<>();
        for (Change c : changes) {
            EnterpriseRecord next = c.apply.apply(current.get(c.code)).withEffectiveFrom(SimulatedDistrict.iso(c.at));
            current.put(c.code, next);
            registryChanges.add(new RegistryChange(c.at, c.code, c.kind, c.note, next));
        }
        truth.sort(Comparator.comparing(TruthEvent::onsetTs).thenComparing(TruthEvent::creditCode));
        meterEvents.sort(Comparator.comparing(MeterEvent::ts).thenComparing(MeterEvent::oldMeter));
        SimDistrict district = new SimDistrict(cfg.districtCode(), cfg.districtName(), cfg.parentCode());
        SimulatedDistrict sd = new SimulatedDistrict(cfg, district, models, records, registryChanges, truth, meterEvents, days);
        sd.setDeclaredOutput(declaredOutput(sd));
        return sd;
    }

    // ---------------------------------------------------------------- enterprises

    private Industry pickIndustry() {
        double total = 0;
        for (Industry i : Industries.ALL) total += i.weight();
        double x = rng.nextDouble() * total;
        for (Industry i : Industries.ALL) {
            x -= i.weight();
            if (x < 0) return i;
        }
        return Industries.ALL.getLast();
    }

    private String pickStatus() {
        double x = rng.nextDouble();
        if (x < 0.86) return "OPERATING";
        if (x < 0.89) return "SUSPENDED";
        if (x < 0.92) return "RECTIFYING";
        if (x < 0.97) return "CLOSED";
        if (x < 0.985) return "SEALED";
        return "BANNED";
    }

    private int standardKva(double min, double max) {
        List<Integer> sizes = new ArrayList<>();
        for (int k : Industries.KVA) if (k >= min && k <= max) sizes.add(k);
        if (sizes.isEmpty()) return atLeastKva(min);
        // log-uniform over the standard sizes: smaller sizes are commoner
        double u = rng.nextDouble();
        return sizes.get((int) Math.min(sizes.size() - 1, Math.floor(u * u * sizes.size() * 1.0)));
    }

    static int atLeastKva(double kva) {
        for (int k : Industries.KVA) if (k >= kva) return k;
        return Industries.KVA[Industries.KVA.length - 1];
    }

    private double u(double a, double b) {
        return a + (b - a) * rng.nextDouble();
    }

    private String newCreditCode() {
        while (true) {
            StringBuilder org = new StringBuilder(9);
            int sum = 0;
            int[] w = {3, 7, 9, 10, 5, 8, 4, 2};
            for (int i = 0; i < 8; i++) {
                char c = ORG_ALPHABET.charAt(i == 0 ? 1 + rng.nextInt(9) : rng.nextInt(ORG_ALPHABET.length()));
                org.append(c);
                int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10; // GB 11714 values
                sum += v * w[i];
            }
            int c9 = 11 - sum % 11;
            org.append(c9 == 10 ? 'X' : c9 == 11 ? '0' : (char) ('0' + c9));
            String code = CreditCode.withCheck("91" + cfg.districtCode() + org);
            if (codes.add(code)) return code;
        }
    }

    private String newName(Industry ind) {
        String prefix = Districts.namePrefix(cfg.districtCode());
        for (int attempt = 0; ; attempt++) {
            char a = NAME_CHARS.charAt(rng.nextInt(NAME_CHARS.length()));
            char b = NAME_CHARS.charAt(rng.nextInt(NAME_CHARS.length()));
            if (a == b) continue;
            String n = prefix + a + b + ind.nameWord() + (attempt > 50 ? String.valueOf(attempt) : "") + FORMS[rng.nextInt(10) < 7 ? 0 : rng.nextInt(3)];
            if (names.add(n)) return n;
        }
    }

    private String newMeterId() {
        return "M" + cfg.districtCode() + "-" + String.format("%05d", ++meterSeq);
    }

    private EnterpriseModel create(int index, Industry ind, String status) {
        String code = index < models.size() ? models.get(index).creditCode : newCreditCode();
        EnterpriseModel e = new EnterpriseModel(index, code, ind, EnterpriseModel.mix(cfg.seed(), index, 7, 3));
        e.name = index < models.size() ? models.get(index).name : newName(ind);
        e.initialStatus = status;
        e.capacityKva = standardKva(ind.minKva(), ind.maxKva());
        e.noise = u(0.03, 0.07);
        e.saturdayWork = u(0.1, 0.6);
        e.sundayWork = u(0, 0.15);
        e.startHour = u(7.5, 8.5);
        e.endHour = u(17, 18);
        e.weekOffset = rng.nextInt(52);
        e.standbyKw = Math.max(0.3, e.capacityKva * u(0.002, 0.01));
        if (status.equals("BANNED")) {
            if (rng.nextBoolean()) e.standbyKw = 0; // power cut (断电)
            e.equipment.add(new EnterpriseRecord.Equipment("INDUCTION_FURNACE", roundKw(e.capacityKva * u(0.4, 0.7)), false));
        }
        Profile p = ind.profile();
        e.peakKw = e.capacityKva * u(0.35, 0.65);
        e.baseFrac = switch (p) {
            case DAY_SHIFT -> u(0.05, 0.15);
            case TWO_SHIFT -> u(0.08, 0.15);
            case CONTINUOUS -> u(0.15, 0.25);
            case COLD_STORAGE -> u(0.1, 0.2);
            case WAREHOUSE -> u(0.1, 0.25);
            case COMMERCE -> u(0.15, 0.25);
            case FOUNDRY -> u(0.08, 0.15);
            case STEEL_PLANT -> 0;
        };
        if (p == Profile.WAREHOUSE) {
            e.startHour = u(7, 9);
            e.endHour = u(17, 19);
        }
        switch (ind.code()) {
            case "3120" -> {
                e.peakKw = e.capacityKva * u(0.7, 0.85);
                e.noise = 0.03;
                e.equipment.add(new EnterpriseRecord.Equipment("ELECTRIC_ARC_FURNACE", roundKw(e.capacityKva * 0.55), true));
                e.equipment.add(new EnterpriseRecord.Equipment("LADLE_FURNACE", roundKw(e.capacityKva * 0.12), true));
            }
            case "3130" -> {
                e.peakKw = e.capacityKva * u(0.7, 0.85);
                e.noise = 0.03;
                e.equipment.add(new EnterpriseRecord.Equipment("ROLLING_MILL", roundKw(e.capacityKva * 0.6), true));
            }
            case "3391" -> {
                e.peakKw = e.capacityKva * u(0.1, 0.2); // auxiliaries; the furnace comes on top
                e.licensedFurnaceKw = roundKw(e.capacityKva * u(0.4, 0.6));
                e.equipment.add(new EnterpriseRecord.Equipment("INDUCTION_FURNACE", (int) e.licensedFurnaceKw, true));
                e.legalHeats = legalHeats(e);
            }
            case "2614" -> e.equipment.add(new EnterpriseRecord.Equipment("REACTOR", roundKw(e.capacityKva * 0.3), true));
            case "5930" -> {
                e.equipment.add(new EnterpriseRecord.Equipment("REFRIGERATION_COMPRESSOR", roundKw(e.capacityKva * 0.5), true));
                e.cycleOnMin = 20 + rng.nextInt(21);
                e.cycleOffMin = 10 + rng.nextInt(11);
                e.cycleKw = e.peakKw * u(0.2, 0.5);
            }
            case "4610" -> {
                e.equipment.add(new EnterpriseRecord.Equipment("WATER_PUMP", roundKw(e.capacityKva * 0.4), true));
                e.cycleOnMin = 45 + rng.nextInt(76);
                e.cycleOffMin = 15 + rng.nextInt(46);
                e.cycleKw = e.peakKw * u(0.2, 0.5);
            }
            case "3311" -> e.equipment.add(new EnterpriseRecord.Equipment("WELDING_MACHINE", roundKw(e.capacityKva * 0.3), true));
            default -> { }
        }
        // meters
        int nMeters = e.capacityKva >= 4000 ? 2 + rng.nextInt(2) : e.capacityKva >= 1000 ? 1 + rng.nextInt(2) : rng.nextInt(10) == 0 ? 2 : 1;
        double[] shares = new double[nMeters];
        double sum = 0;
        for (int m = 0; m < nMeters; m++) sum += shares[m] = 0.5 + rng.nextDouble();
        for (int m = 0; m < nMeters; m++) {
            boolean register = rng.nextDouble() < cfg.registerShare();
            int mult = 1;
            if (register) {
                int[] choices = e.capacityKva <= 200 ? new int[] {1, 30, 40} : e.capacityKva <= 1000 ? new int[] {40, 50, 80, 100}
                        : e.capacityKva <= 5000 ? new int[] {100, 200, 300, 400} : new int[] {600, 1000, 2000};
                mult = choices[rng.nextInt(choices.length)];
            }
            double r0 = register ? Math.floor(u(100, 500_000) * 100) / 100 : 0;
            String id = index < models.size() && m < models.get(index).meters.size() ? models.get(index).meters.get(m).id : newMeterId();
            e.meters.add(new MeterModel(id, mult, register, shares[m] / sum, r0));
        }
        return e;
    }

    private static int roundKw(double kw) {
        return (int) Math.max(50, Math.round(kw / 50) * 50);
    }

    private long dayMinute(int day) {
        return day * 1440L;
    }

    OffsetDateTime dayStart(int day) {
        return cfg.start().plusDays(day).atStartOfDay(cfg.zone()).toOffsetDateTime();
    }

    /** Day-shift heats of a licensed foundry furnace on its working days. */
    private Segments legalHeats(EnterpriseModel e) {
        Segments s = new Segments();
        SplittableRandom r = new SplittableRandom(EnterpriseModel.mix(cfg.seed(), e.index, 11, 5));
        for (int d = 0; d < days.length; d++) {
            boolean work = days[d].working() || (days[d].dow() == java.time.DayOfWeek.SATURDAY && !days[d].holiday() && r.nextDouble() < e.saturdayWork);
            if (!work || r.nextDouble() < 0.1) continue;
            long t = dayMinute(d) + 8 * 60 + r.nextInt(60);
            int n = 3 + r.nextInt(4);
            heats(s, null, e, r, t, n, e.licensedFurnaceKw, 50, 80, 15, 25);
        }
        return s;
    }

    /** Appends a run of {@code n} heats (plateau near rated) separated by dips to {@code s}; returns the run's end. */
    private long heats(Segments s, List<FurnaceHeat> out, EnterpriseModel e, SplittableRandom r, long t, int n, double rated,
                       int minHeat, int maxHeat, int minDip, int maxDip) {
        for (int h = 0; h < n; h++) {
            int dur = minHeat + r.nextInt(maxHeat - minHeat + 1);
            double kw = rated * (0.88 + 0.1 * r.nextDouble());
            s.add(t, t + dur, kw);
            if (out != null) out.add(new FurnaceHeat(e.creditCode, minuteTime(t), minuteTime(t + dur), kw));
            t += dur;
            if (h < n - 1) {
                int dip = minDip + r.nextInt(maxDip - minDip + 1);
                s.add(t, t + dip, rated * (0.03 + 0.09 * r.nextDouble()));
                t += dip;
            }
        }
        return t;
    }

    OffsetDateTime minuteTime(long absMinute) {
        return dayStart((int) (absMinute / 1440)).plusMinutes(absMinute % 1440);
    }

    /**
     * Suspended sites (停产整顿) that resume production with no dated reopening, on a generator of their own: their load
     * returns from standby to the trade's production from the resume day on, while the registry still says SUSPENDED.
     */
    private void planResumes(List<TruthEvent> truth) {
        SplittableRandom r = new SplittableRandom(EnterpriseModel.mix(cfg.seed(), 8, 8, 88));
        for (EnterpriseModel e : models) {
            if (!e.initialStatus.equals("SUSPENDED") || e.injectedKind != null || e.statusChangeDay >= 0
                    || r.nextDouble() >= cfg.resumeRate()) continue;
            int day = Math.max(1, (int) Math.floor(cfg.days() * (0.3 + 0.4 * r.nextDouble())));
            e.resumeDay = day;
            e.injectedKind = "LEVEL_SHIFT";
            e.shiftFromInterval = Long.MAX_VALUE; // (the factor stays 1: the onset below is ground truth only)
            // Onset: the first interval whose load leaves standby (a day-shift site resumed on a holiday starts after it).
            for (int d = day; d < cfg.days() && e.shiftFromInterval == Long.MAX_VALUE; d++) {
                double[] kw = e.dayKw(days[d]);
                for (int i = 0; i < 96; i++) {
                    if (kw[i] > e.standbyKw * 1.5 + 0.02 * e.peakKw) {
                        e.shiftFromInterval = d * 96L + i;
                        break;
                    }
                }
            }
            if (e.shiftFromInterval == Long.MAX_VALUE) {
                e.resumeDay = -1;
                e.injectedKind = null;
                continue;
            }
            e.detail = "suspended site resumes production from day " + day + " without a dated reopening";
            truth.add(truthOf(e));
        }
    }

    /**
     * Accounts that open during the period, on a generator of their own (a seed's district is otherwise unchanged): one
     * in five unlicensed furnaces melts from within three days of its account's first reading, and newAccountRate of the
     * operating enterprises without a positive (any trade: cold stores, foundries, steel, plants) open legally.
     */
    private void planNewAccounts(List<TruthEvent> truth) {
        SplittableRandom r = new SplittableRandom(EnterpriseModel.mix(cfg.seed(), 7, 7, 77));
        Map<String, EnterpriseModel> byCode = new HashMap<>();
        for (EnterpriseModel e : models) byCode.put(e.creditCode, e);
        for (int i = 0; i < truth.size(); i++) {
            EnterpriseModel e = byCode.get(truth.get(i).creditCode());
            if (!"FURNACE_SIGNATURE".equals(e.injectedKind) || e.licensedFurnaceKw > 0 || r.nextDouble() >= 0.2) continue;
            int first = (int) (e.anomalySegments.firstStart() / 1440) - r.nextInt(4);
            if (first < 4) continue;
            e.firstDay = first;
            e.detail = "new account from day " + first + ": " + e.detail;
            truth.set(i, truthOf(e));
        }
        for (EnterpriseModel e : models) {
            if (e.injectedKind == null && e.initialStatus.equals("OPERATING") && e.statusChangeDay < 0 && e.expansionDay < 0
                    && r.nextDouble() < cfg.newAccountRate()) {
                e.firstDay = 4 + r.nextInt(Math.max(1, cfg.days() - 11));
            }
        }
    }

    // ---------------------------------------------------------------- injected positives

    private EnterpriseModel pick(Set<Integer> taken, Predicate<EnterpriseModel> ok) {
        List<EnterpriseModel> pool = new ArrayList<>();
        for (EnterpriseModel e : models) if (!taken.contains(e.index) && ok.test(e)) pool.add(e);
        return pool.isEmpty() ? null : pool.get(rng.nextInt(pool.size()));
    }

    /** Replaces a random free enterprise by a fresh one of the given industry and status (keeps its code and name). */
    private EnterpriseModel convert(Set<Integer> taken, String industry, String status) {
        EnterpriseModel old = pick(taken, x -> true);
        EnterpriseModel e = create(old.index, Industries.byCode(industry), status);
        if (!e.industry.code().equals(old.industry.code())) {
            names.remove(old.name);
            e.name = newName(e.industry);
        }
        models.set(old.index, e);
        return e;
    }

    private int onsetDay(double from, double to) {
        int d = (int) Math.floor(cfg.days() * u(from, to));
        return Math.max(Math.min(1, cfg.days() - 1), Math.min(cfg.days() - 1, d));
    }

    private EnterpriseModel inject(String kind, Set<Integer> taken) {
        EnterpriseModel e;
        switch (kind) {
            case "RESURGENCE" -> {
                e = pick(taken, x -> Set.of("CLOSED", "SEALED", "BANNED").contains(x.initialStatus) && x.statusChangeDay < 0);
                if (e == null) e = convert(taken, rng.nextBoolean() ? "3120" : "3391", "CLOSED");
                if (e.capacityKva < 400) e.capacityKva = atLeastKva(u(400, 2000));
                e.anomalySegments = new Segments();
                boolean furnace = rng.nextBoolean();
                double level = e.capacityKva * u(0.4, 0.75);
                int start = onsetDay(0.2, 0.7);
                for (int d = start; d < cfg.days(); d++) {
                    if (d > start && rng.nextDouble() < 0.2) continue;
                    long t = dayMinute(d) + 21 * 60 + rng.nextInt(240);
                    if (furnace) {
                        heats(e.anomalySegments, e.heats, e, rng, t, 3 + rng.nextInt(4), level, 45, 90, 10, 25);
                    } else {
                        long end = t + 180 + rng.nextInt(240);
                        while (t < end) {
                            long len = 15 + rng.nextInt(46);
                            e.anomalySegments.add(t, Math.min(end, t + len), level * u(0.8, 1.0));
                            t += len;
                        }
                    }
                }
                e.detail = (furnace ? "furnace heats" : "machinery") + " at night, ~" + Math.round(level) + " kW on a " + e.initialStatus + " site";
            }
            case "FURNACE_SIGNATURE" -> {
                // A second, unlicensed furnace beside a licensed one in a foundry, or one in an office, warehouse,
                // day-shift or two-shift plant; by night or by day; 20-90 % of the contracted capacity.
                boolean foundry = rng.nextDouble() < 0.2;
                e = foundry ? pick(taken, x -> x.initialStatus.equals("OPERATING") && x.legalHeats != null)
                        : pick(taken, x -> x.initialStatus.equals("OPERATING") && x.licensedFurnaceKw == 0
                        && Set.of(Profile.WAREHOUSE, Profile.DAY_SHIFT, Profile.TWO_SHIFT, Profile.COMMERCE).contains(x.profile));
                if (e == null) e = convert(taken, foundry ? "3391" : "5920", "OPERATING");
                if (e.capacityKva < 400) {
                    double ratio = atLeastKva(u(400, 2500)) / (double) e.capacityKva;
                    e.capacityKva = atLeastKva(e.capacityKva * ratio);
                    e.standbyKw *= ratio;
                }
                double rated = foundry ? Math.max(150, e.licensedFurnaceKw * u(0.5, 1.0))
                        : Math.max(150, Math.min(e.capacityKva * u(0.2, 0.9), 0.95 * e.capacityKva - e.peakKw));
                rated = Math.round(rated / 10) * 10.0;
                e.anomalySegments = new Segments();
                boolean night = rng.nextDouble() < (foundry ? 0.7 : 0.6);
                int start = onsetDay(0.15, 0.6);
                int last = Math.min(cfg.days() - 1, start + 7 + rng.nextInt(Math.max(1, cfg.days())));
                long free = 0;
                for (int d = start; d <= last; d++) {
                    if (d > start && rng.nextDouble() < 0.15) continue;
                    long t = dayMinute(d) + (night ? 19 * 60 + rng.nextInt(270) : (foundry ? 13 : 7) * 60 + rng.nextInt(180));
                    free = heats(e.anomalySegments, e.heats, e, rng, Math.max(t, free + 60), 4 + rng.nextInt(5), rated, 45, 90, 10, 30);
                }
                e.detail = (foundry ? "second, unlicensed furnace beside a licensed one, " : "unlicensed induction furnace ")
                        + Math.round(rated) + " kW, " + (night ? "night" : "day") + " runs, " + e.heats.size() + " heats";
                e.illegalFurnaceKw = rated;
            }
            case "LEVEL_SHIFT" -> {
                e = pick(taken, x -> x.initialStatus.equals("OPERATING") && x.legalHeats == null && Set.of(Profile.DAY_SHIFT,
                        Profile.TWO_SHIFT, Profile.CONTINUOUS, Profile.WAREHOUSE, Profile.COMMERCE).contains(x.profile));
                if (e == null) e = convert(taken, "3484", "OPERATING");
                int from = onsetDay(0.35, 0.7);
                if (rng.nextDouble() < 0.2) {
                    // A legal rolling mill or steelworks that adds an induction furnace: heats on top of its real load.
                    EnterpriseModel mill = pick(taken, x -> x.initialStatus.equals("OPERATING") && x.profile == Profile.STEEL_PLANT
                            && x.expansionDay < 0);
                    if (mill != null) {
                        e = mill;
                        double rated = Math.round(e.capacityKva * u(0.2, 0.4) / 10) * 10.0;
                        e.anomalySegments = new Segments();
                        long t = 0;
                        for (int d = from; d < cfg.days(); d++) {
                            t = Math.max(t + 30, dayMinute(d) + rng.nextInt(8 * 60));
                            long end = dayMinute(d) + 23 * 60;
                            while (t < end) t = heats(e.anomalySegments, e.heats, e, rng, t, 3 + rng.nextInt(4), rated, 45, 90, 10, 30) + 20 + rng.nextInt(60);
                        }
                        e.shiftFromInterval = Long.MAX_VALUE;
                        e.detail = "steel plant adds an induction furnace of " + Math.round(rated) + " kW";
                        break;
                    }
                }
                e.shiftFactor = u(cfg.minShiftFactor(), 4);
                e.peakKw = Math.min(e.peakKw, 0.98 * e.capacityKva / (e.shiftFactor * 1.25));
                e.shiftFromInterval = from * 96L + rng.nextInt(96);
                e.detail = String.format("load x%.2f from onset", e.shiftFactor);
            }
            case "NIGHT_LOAD" -> {
                e = pick(taken, x -> x.initialStatus.equals("OPERATING") && x.profile == Profile.DAY_SHIFT);
                if (e == null) e = convert(taken, "3311", "OPERATING");
                e.nightFromDay = onsetDay(0.35, 0.7);
                e.nightFrom = 21 + rng.nextInt(3);
                e.nightTo = 5 + rng.nextInt(3);
                e.peakKw = Math.min(e.peakKw * 1.3, 0.7 * e.capacityKva);
                e.detail = "day-shift work moved to 22:00-06:00";
            }
            case "FLAT_CONTINUOUS" -> {
                e = pick(taken, x -> x.initialStatus.equals("OPERATING") && Set.of(Profile.WAREHOUSE, Profile.COMMERCE, Profile.DAY_SHIFT,
                        Profile.TWO_SHIFT).contains(x.profile));
                if (e == null) e = convert(taken, "5920", "OPERATING");
                if (e.capacityKva < 200) e.capacityKva = atLeastKva(u(200, 1000));
                e.flatKw = Math.max(0.1 * e.capacityKva, Math.min(e.capacityKva * u(0.15, 0.8), 0.95 * e.capacityKva - 1.3 * e.peakKw));
                e.flatFromInterval = onsetDay(0.3, 0.6) * 96L + rng.nextInt(96);
                e.detail = String.format("crypto mining, flat %.0f kW 24/7", e.flatKw);
            }
            case "PEER_OUTLIER" -> {
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (EnterpriseModel x : models) if (x.initialStatus.equals("OPERATING")) counts.merge(x.industry.code(), 1, Integer::sum);
                e = pick(taken, x -> x.initialStatus.equals("OPERATING") && counts.getOrDefault(x.industry.code(), 0) >= 5
                        && (x.profile == Profile.DAY_SHIFT || x.profile == Profile.TWO_SHIFT));
                if (e == null) e = convert(taken, "3484", "OPERATING");
                e.capacityKva = atLeastKva(e.industry.maxKva());
                e.peakKw = 0.9 * e.capacityKva;
                e.baseFrac = 0.9;
                e.peerOutlier = true;
                e.detail = "runs 24/7 at ~90% of " + e.capacityKva + " kVA while peers work one or two shifts";
            }
            case "INTENSITY_MISMATCH" -> {
                e = pick(taken, x -> x.initialStatus.equals("OPERATING") && (x.industry.code().equals("3120") || x.industry.code().equals("3391")));
                if (e == null) e = convert(taken, "3391", "OPERATING");
                e.detail = "declares ~1/4 of the output its kWh implies";
            }
            default -> throw new IllegalArgumentException(kind);
        }
        e.injectedKind = kind;
        return e;
    }

    private TruthEvent truthOf(EnterpriseModel e) {
        long firstInterval, lastInterval; // absolute interval indexes (interval i ends at start + 15 (i+1) min)
        long endAll = cfg.days() * 96L - 1;
        switch (e.injectedKind) {
            case "RESURGENCE", "FURNACE_SIGNATURE" -> {
                firstInterval = e.anomalySegments.firstStart() / 15;
                lastInterval = Math.min(endAll, (e.anomalySegments.lastEnd() - 1) / 15);
            }
            case "LEVEL_SHIFT" -> {
                firstInterval = e.anomalySegments != null ? e.anomalySegments.firstStart() / 15 : e.shiftFromInterval;
                lastInterval = endAll;
            }
            case "FLAT_CONTINUOUS" -> { firstInterval = e.flatFromInterval; lastInterval = endAll; }
            case "NIGHT_LOAD" -> { firstInterval = e.nightFromDay * 96L; lastInterval = endAll; }
            default -> { firstInterval = 0; lastInterval = endAll; }
        }
        return new TruthEvent(e.injectedKind, e.creditCode, minuteTime((firstInterval + 1) * 15), minuteTime((lastInterval + 1) * 15), e.detail);
    }

    // ---------------------------------------------------------------- registry changes and meters

    /** A dated change to apply to the record current at that time. */
    record Change(OffsetDateTime at, String code, String kind, String note, UnaryOperator<EnterpriseRecord> apply) {}

    private void planChange(Set<Integer> taken, List<Change> changes) {
        double x = rng.nextDouble();
        int day = onsetDay(0.2, 0.8);
        if (x < 0.4) {
            EnterpriseModel e = pick(taken, m -> m.initialStatus.equals("OPERATING") && m.injectedKind == null);
            if (e == null) return;
            taken.add(e.index);
            e.statusChangeDay = day;
            e.statusAfter = rng.nextDouble() < 0.8 ? "CLOSED" : "SEALED";
            String st = e.statusAfter;
            changes.add(new Change(dayStart(day), e.creditCode, "CLOSED", "依法关停 closed: status " + st, r -> r.withStatus(st, null)));
        } else if (x < 0.6) {
            EnterpriseModel e = pick(taken, m -> (m.initialStatus.equals("SUSPENDED") || m.initialStatus.equals("RECTIFYING")) && m.injectedKind == null);
            if (e == null) return;
            taken.add(e.index);
            e.statusChangeDay = day;
            e.statusAfter = "OPERATING";
            changes.add(new Change(dayStart(day), e.creditCode, "REOPENED", "整改完成/复产 back to OPERATING", r -> r.withStatus("OPERATING", null)));
        } else {
            EnterpriseModel e = pick(taken, m -> m.initialStatus.equals("OPERATING") && m.injectedKind == null && !m.peerOutlier);
            if (e == null) return;
            taken.add(e.index);
            int newCap = atLeastKva(e.capacityKva * u(1.5, 2.0));
            e.expansionDay = day;
            e.capacityAfter = newCap;
            e.loadFactorAfter = Math.min(u(1.4, 1.8), 0.7 * newCap / e.peakKw);
            List<EnterpriseRecord.Equipment> eq = new ArrayList<>(e.equipment);
            if (e.legalHeats != null) {
                eq.add(new EnterpriseRecord.Equipment("INDUCTION_FURNACE", roundKw((newCap - e.capacityKva) * 0.5), true));
            } else {
                eq.add(new EnterpriseRecord.Equipment("MOTOR", roundKw((newCap - e.capacityKva) * 0.5), true));
            }
            changes.add(new Change(dayStart(day), e.creditCode, "CAPACITY_INCREASE",
                    "增容 approved capacity increase " + e.capacityKva + " -> " + newCap + " kVA", r -> r.withCapacity(newCap, eq, null)));
        }
    }

    private void planMeterReplacements(EnterpriseModel e, List<Change> changes, List<MeterEvent> events) {
        if (cfg.meterReplacementRate() <= 0 || cfg.days() < 2) return;
        for (MeterModel m : e.meters) {
            if (rng.nextDouble() >= cfg.meterReplacementRate()) continue;
            m.replaceDay = 1 + rng.nextInt(cfg.days() - 1);
            m.replaceInterval = rng.nextInt(96);
            OffsetDateTime at = minuteTime(m.replaceDay * 1440L + 15L * m.replaceInterval);
            if (m.register && rng.nextBoolean()) {
                m.replaceKind = "REGISTER_RESET";
                events.add(new MeterEvent(e.creditCode, "REGISTER_RESET", m.id, m.id, at.plusMinutes(15)));
            } else {
                m.replaceKind = "NEW_ID";
                m.newId = newMeterId();
                String oldId = m.id, newId = m.newId;
                int mult = m.multiplier;
                events.add(new MeterEvent(e.creditCode, "NEW_ID", oldId, newId, at));
                changes.add(new Change(at, e.creditCode, "METER_REPLACED", "换表 meter " + oldId + " replaced by " + newId,
                        r -> r.withMeters(r.meters().stream().map(s -> s.id().equals(oldId) ? new EnterpriseRecord.MeterSpec(newId, mult) : s).toList(), null)));
            }
        }
    }

    // ---------------------------------------------------------------- declared output

    private List<DeclaredOutput> declaredOutput(SimulatedDistrict sd) {
        List<DeclaredOutput> out = new ArrayList<>();
        for (EnterpriseModel e : models) {
            if (!Industries.producesMetal(e.industry.code())) continue;
            SplittableRandom r = new SplittableRandom(EnterpriseModel.mix(cfg.seed(), e.index, 13, 17));
            Map<YearMonth, double[]> months = new LinkedHashMap<>(); // kWh, days, operating days
            for (DayInfo d : days) {
                double[] acc = months.computeIfAbsent(YearMonth.from(d.date()), k -> new double[3]);
                double[] kw = e.dayKw(d);
                double sum = 0;
                for (double v : kw) sum += v * 0.25;
                acc[0] += sum;
                acc[1]++;
                if (!EnterpriseModel.isStopped(e.statusOn(d.day()))) acc[2]++;
            }
            for (Map.Entry<YearMonth, double[]> m : months.entrySet()) {
                double[] acc = m.getValue();
                if (acc[2] == 0) continue;
                double intensity = "INTENSITY_MISMATCH".equals(e.injectedKind) ? u(2500, 4000)
                        : e.industry.code().equals("3130") ? 90 + 60 * r.nextDouble() : 560 + 200 * r.nextDouble();
                out.add(new DeclaredOutput(e.creditCode, m.getKey(), (int) acc[1], Math.round(acc[0] / intensity * 10) / 10.0));
            }
        }
        return out;
    }
}
