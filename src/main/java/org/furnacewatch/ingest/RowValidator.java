package org.furnacewatch.ingest;

import org.furnacewatch.registry.AccountMeter;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.MeterInfo;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.ReadingBatch;

/**
 * The per-row checks that need no database: a meter id, a real timestamp, exactly one of kwh or register, finite
 * non-negative values, not in the future, and nothing physically impossible. A row of a meter nobody registered is
 * kept aside (unregistered); more energy than the contracted capacity allows is kept and flagged OVER_CAPACITY
 * (evidence). Register rows are converted in the writer, once their interval is known.
 */
final class RowValidator {
    /** Readings are 15-minute interval energy (用电信息采集系统); a deployment with another interval sets it. */
    static final double INTERVAL_HOURS = 0.25;
    /** Headroom over contracted kVA x interval: power factor near 1 plus meter class tolerance; beyond it OVER_CAPACITY. */
    static final double CAPACITY_TOLERANCE = 1.2;
    /**
     * Beyond contracted kVA x interval x this, a value is physically impossible (a unit error such as Wh sent as kWh,
     * which is x1000): no supply transformer carries ten times its rating for a quarter of an hour.
     */
    static final double PHYSICAL_LIMIT = 10;
    /** When no capacity is known: 1 GW for 15 minutes, more than any single metering point in the country. */
    static final double ABSOLUTE_MAX_KWH = 250_000;
    private static final long FUTURE_SKEW_SECONDS = 300;
    private static final long EARLIEST = 946_684_800L; // 2000-01-01

    private final Registry registry;
    private final long nowEpochSecond;

    RowValidator(Registry registry, long nowEpochSecond) {
        this.registry = registry;
        this.nowEpochSecond = nowEpochSecond;
    }

    void accept(int row, RowFields f, ReadingBatch batch) {
        if (f.problem != null) { batch.reject(row, f.problem); return; }
        if (f.meter == null || f.meter.isEmpty()) { batch.reject(row, "缺少 meter (missing meter)"); return; }
        if (f.meter.length() > 64 || org.furnacewatch.codec.Text.hasControl(f.meter)) {
            batch.reject(row, "meter 含控制字符或过长 (meter id with control characters or over 64 characters)");
            return;
        }
        if (f.ts == null) { batch.reject(row, "缺少 ts (missing timestamp)"); return; }
        long ts = Timestamps.parseWithOffset(f.ts);
        if (ts == Timestamps.INVALID) {
            batch.reject(row, "时间戳无效，须为带时区偏移的 ISO-8601 (bad timestamp): " + RowFields.abbreviate(f.ts));
            return;
        }
        if (ts > nowEpochSecond + FUTURE_SKEW_SECONDS) { batch.reject(row, "读数时间在未来 (reading in the future): " + f.ts); return; }
        if (ts < EARLIEST) { batch.reject(row, "读数时间早于2000年 (timestamp too old): " + f.ts); return; }
        if (f.hasKwh == f.hasRegister) {
            batch.reject(row, f.hasKwh ? "kwh 与 register 只能给一个 (both kwh and register given)"
                    : "缺少 kwh 或 register (neither kwh nor register given)");
            return;
        }
        double value = f.hasKwh ? f.kwh : f.register;
        String field = f.hasKwh ? "kwh" : "register";
        if (Double.isNaN(value) || Double.isInfinite(value)) { batch.reject(row, field + " 不是有限数值 (NaN or infinite)"); return; }
        if (value < 0) { batch.reject(row, field + " 为负 (negative " + field + "): " + value); return; }
        if (f.hasKw && (Double.isNaN(f.kw) || Double.isInfinite(f.kw) || f.kw < 0)) { batch.reject(row, "kw 无效 (bad kw): " + f.kw); return; }
        // A reading covers the interval ending at ts: judge it by the record in force inside that interval,
        // so a reading stamped exactly at a change's effectiveFrom still belongs to the record before it.
        MeterInfo meter = registry.meter(f.meter);
        EnterpriseRecord owner = meter == null ? null : registry.ownerAt(meter, ts - 1);
        AccountMeter account = owner == null ? registry.accountMeterAt(f.meter, ts - 1) : null;
        double capacity, multiplier;
        if (owner != null) {
            capacity = owner.capacityKva();
            multiplier = owner.meter(meter.id()).multiplier();
        } else if (account != null && meter != null) {
            capacity = account.capacityKva();
            multiplier = account.multiplier();
        } else if (meter == null) {
            // nobody registered this meter: keep the row, judge it once somebody does
            if (f.hasKwh && value > ABSOLUTE_MAX_KWH) { batch.reject(row, impossible(value, Double.NaN)); return; }
            batch.addUnregistered(row, f.meter, ts, f.hasKwh ? value : Double.NaN, f.hasRegister ? value : Double.NaN,
                    f.hasKw ? f.kw : Double.NaN);
            return;
        } else {
            batch.reject(row, "该时间电表不属于任何企业或户号 (meter not assigned at that time): " + RowFields.abbreviate(f.meter));
            return;
        }
        boolean over = false;
        if (f.hasKwh) {
            double possible = capacity > 0 ? capacity * INTERVAL_HOURS * PHYSICAL_LIMIT : ABSOLUTE_MAX_KWH;
            if (value > possible) { batch.reject(row, impossible(value, capacity)); return; }
            over = value > capacity * INTERVAL_HOURS * CAPACITY_TOLERANCE;
        }
        batch.add(row, meter.key(), ts, f.hasKwh ? value : Double.NaN, f.hasRegister ? value : Double.NaN,
                f.hasKw ? f.kw : Double.NaN, capacity, multiplier);
        if (over) batch.flagLast(ReadingBatch.FLAG_OVER_CAPACITY);
    }

    private static String impossible(double kwh, double capacityKva) {
        return Double.isNaN(capacityKva) || !(capacityKva > 0)
                ? String.format("电量物理上不可能 (physically impossible: %.1f kWh in 15 minutes is over %.0f kWh; a unit error?)", kwh, ABSOLUTE_MAX_KWH)
                : String.format("电量物理上不可能，超过报装容量十倍 (physically impossible, beyond capacity x10: %.1f kWh > %.1f kWh for %.0f kVA in 15 minutes; a unit error?)",
                        kwh, capacityKva * INTERVAL_HOURS * PHYSICAL_LIMIT, capacityKva);
    }
}
