package org.furnacewatch.sim;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of a simulated district.
 *
 * @param districtCode     six-digit GB/T 2260 code, e.g. "500102"
 * @param districtName     its name, e.g. "涪陵区" (null: looked up in {@link Districts})
 * @param parentCode       parent division, e.g. "500000" (null: derived)
 * @param enterprises      number of enterprises
 * @param start            first simulated day (local)
 * @param days             number of days
 * @param zone             zone that days, nights and holidays are reckoned in (Asia/Shanghai)
 * @param seed             everything is a deterministic function of the seed and the other settings
 * @param positiveRates    fraction of enterprises carrying an injected positive, per alert kind (at least one per
 *                         kind whose rate is above 0)
 * @param registerShare    fraction of meters that report cumulative {@code register} values (with a CT x PT multiplier)
 * @param gapRate          probability per meter and day of a gap (1-16 missing readings)
 * @param duplicateRate    probability per reading of being sent twice (the copy arrives later)
 * @param lateRate         probability per meter and day that the whole day arrives one day late (backfill)
 * @param shuffleWindow    readings are delivered in event-time order, each displaced by a random amount within this
 *                         many positions (0: strictly ordered within a day, apart from duplicates and late days)
 * @param meterReplacementRate probability per meter of one replacement (换表) during the period
 * @param changeRate       fraction of enterprises with a dated registry change (closure, reopening, expansion)
 * @param newAccountRate   fraction of operating enterprises without a positive whose account opens during the period
 *                         (no readings before); when above 0, one in five unlicensed furnaces is also a new account
 *                         that melts from its first days (operators rekindle under new accounts)
 * @param minShiftFactor   an injected LEVEL_SHIFT multiplies the load by a factor drawn from [this, 4]
 * @param resumeRate       fraction of suspended enterprises (停产整顿, no dated change) that resume production during the
 *                         period without a dated reopening: a LEVEL_SHIFT truth each
 */
public record SimConfig(
        String districtCode,
        String districtName,
        String parentCode,
        int enterprises,
        LocalDate start,
        int days,
        ZoneId zone,
        long seed,
        Map<String, Double> positiveRates,
        double registerShare,
        double gapRate,
        double duplicateRate,
        double lateRate,
        int shuffleWindow,
        double meterReplacementRate,
        double changeRate,
        double newAccountRate,
        double minShiftFactor,
        double resumeRate) {

    public static final String[] KINDS = {
        "RESURGENCE", "FURNACE_SIGNATURE", "LEVEL_SHIFT", "NIGHT_LOAD", "FLAT_CONTINUOUS", "PEER_OUTLIER", "INTENSITY_MISMATCH"};

    public SimConfig {
        if (!districtCode.matches("\\d{6}")) throw new IllegalArgumentException("districtCode must be six digits");
        if (enterprises < 1 || days < 1) throw new IllegalArgumentException("enterprises and days must be positive");
        if (districtName == null) districtName = Districts.name(districtCode);
        if (parentCode == null) parentCode = Districts.parent(districtCode);
        positiveRates = Map.copyOf(positiveRates);
        for (String k : positiveRates.keySet()) {
            if (!java.util.Arrays.asList(KINDS).contains(k)) throw new IllegalArgumentException("unknown kind " + k);
        }
    }

    /** Defaults: 0.3% of enterprises per kind (about 2% positives in all), realistic data-quality problems. */
    public static SimConfig of(String districtCode, int enterprises, LocalDate start, int days, long seed) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String k : KINDS) rates.put(k, 0.003);
        return new SimConfig(districtCode, null, null, enterprises, start, days, ZoneId.of("Asia/Shanghai"), seed,
                rates, 0.3, 0.02, 0.002, 0.005, 200, 0.01, 0.02, 0, 1.8, 0);
    }

    /** The default district: 500102 涪陵区, 重庆市. */
    public static SimConfig fuling(int enterprises, LocalDate start, int days, long seed) {
        return of("500102", enterprises, start, days, seed);
    }

    public SimConfig withPositiveRates(Map<String, Double> rates) {
        return new SimConfig(districtCode, districtName, parentCode, enterprises, start, days, zone, seed, rates,
                registerShare, gapRate, duplicateRate, lateRate, shuffleWindow, meterReplacementRate, changeRate, newAccountRate, minShiftFactor, resumeRate);
    }

    /** Same district with all delivery problems switched off: no gaps, duplicates, late days, shuffling or meter swaps. */
    public SimConfig clean() {
        return new SimConfig(districtCode, districtName, parentCode, enterprises, start, days, zone, seed, positiveRates,
                registerShare, 0, 0, 0, 0, 0, changeRate, newAccountRate, minShiftFactor, resumeRate);
    }

    public SimConfig withDelivery(double gapRate, double duplicateRate, double lateRate, int shuffleWindow, double meterReplacementRate) {
        return new SimConfig(districtCode, districtName, parentCode, enterprises, start, days, zone, seed, positiveRates,
                registerShare, gapRate, duplicateRate, lateRate, shuffleWindow, meterReplacementRate, changeRate, newAccountRate, minShiftFactor, resumeRate);
    }

    public SimConfig withRegisterShare(double share) {
        return new SimConfig(districtCode, districtName, parentCode, enterprises, start, days, zone, seed, positiveRates,
                share, gapRate, duplicateRate, lateRate, shuffleWindow, meterReplacementRate, changeRate, newAccountRate, minShiftFactor, resumeRate);
    }

    public SimConfig withChangeRate(double rate) {
        return new SimConfig(districtCode, districtName, parentCode, enterprises, start, days, zone, seed, positiveRates,
                registerShare, gapRate, duplicateRate, lateRate, shuffleWindow, meterReplacementRate, rate, newAccountRate, minShiftFactor, resumeRate);
    }

    public SimConfig withSeed(long newSeed) {
        return new SimConfig(districtCode, districtName, parentCode, enterprises, start, days, zone, newSeed, positiveRates,
                registerShare, gapRate, duplicateRate, lateRate, shuffleWindow, meterReplacementRate, changeRate, newAccountRate, minShiftFactor, resumeRate);
    }

    public SimConfig withNewAccounts(double rate) {
        return new SimConfig(districtCode, districtName, parentCode, enterprises, start, days, zone, seed, positiveRates,
                registerShare, gapRate, duplicateRate, lateRate, shuffleWindow, meterReplacementRate, changeRate, rate, minShiftFactor, resumeRate);
    }

    public SimConfig withMinShiftFactor(double factor) {
        return new SimConfig(districtCode, districtName, parentCode, enterprises, start, days, zone, seed, positiveRates,
                registerShare, gapRate, duplicateRate, lateRate, shuffleWindow, meterReplacementRate, changeRate, newAccountRate,
                factor, resumeRate);
    }

    public SimConfig withResumes(double rate) {
        return new SimConfig(districtCode, districtName, parentCode, enterprises, start, days, zone, seed, positiveRates,
                registerShare, gapRate, duplicateRate, lateRate, shuffleWindow, meterReplacementRate, changeRate, newAccountRate,
                minShiftFactor, rate);
    }
}
