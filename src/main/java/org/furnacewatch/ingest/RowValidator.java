package org.furnacewatch.ingest;

import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.MeterInfo;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.ReadingBatch;

/**
 * The per-row checks that need no database: a registered meter, a real timestamp, exactly one of kwh or
 * register, finite non-negative values, not in the future, and no more energy than the meter's enterprise
 * could draw in one interval. Register rows are checked against capacity in the writer, once their
 * interval is known.
 */
final class RowValidator {
    /** Readings are 15-minute interval energy (用电信息采集系统); a deployment with another interval sets it. */
    static final double INTERVAL_HOURS = 0.25;
    /** Headroom over contracted kVA x interval: power factor near 1 plus meter class tolerance. */
    static final double CAPACITY_TOLERANCE = 1.2;
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
        MeterInfo meter = registry.meter(f.meter);
        if (meter == null) { batch.reject(row, "未登记的电表 (unknown meter): " + RowFields.abbreviate(f.meter)); return; }
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
        EnterpriseRecord owner = registry.ownerAt(meter, ts - 1);
        if (owner == null) { batch.reject(row, "该时间电表不属于任何企业 (meter not assigned at that time): " + f.meter); return; }
        double multiplier = owner.meter(meter.id()).multiplier();
        if (f.hasKwh) {
            double limit = owner.capacityKva() * INTERVAL_HOURS * CAPACITY_TOLERANCE;
            if (value > limit) {
                batch.reject(row, String.format("电量超出报装容量可能 (kwh beyond capacity): %.1f kWh > %.1f kWh (%.0f kVA × 15 分钟)",
                        value, limit, owner.capacityKva()));
                return;
            }
        }
        batch.add(row, meter.key(), ts, f.hasKwh ? value : Double.NaN, f.hasRegister ? value : Double.NaN,
                f.hasKw ? f.kw : Double.NaN, owner.capacityKva(), multiplier);
    }
}
