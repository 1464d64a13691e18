package org.furnacewatch.detect;

import java.util.Objects;

/**
 * What an enterprise WAS at an event time, as recorded in the registry's dated history. A known,
 * dated status change, meter replacement or approved capacity increase is context, not an alert.
 *
 * <p>Unknown numbers are {@code NaN} (never zero: zero is a declaration). Times are epoch seconds.
 *
 * @param status registry status in force
 * @param statusSince when that status took effect ({@link Long#MIN_VALUE} if unknown); a closure
 *     gets a grace period for wind-down
 * @param industry GB/T 4754-2017 code, e.g. "3391"; "" if unknown
 * @param district GB/T 2260 six-digit code; "" if unknown
 * @param capacityKva contracted capacity (报装容量), NaN if unknown
 * @param licensedFurnaceKw total rated kW of licensed induction furnaces, 0 if none
 * @param unlicensedFurnaceKw rated kW of furnaces on record that are not licensed (e.g. sealed), 0
 *     if none
 * @param standbyKw known standby load (lighting, guards, pumps) of the site, NaN if unknown
 * @param declaredMonthlyOutputTonnes declared steel output of the month containing the time, NaN
 *     if not imported
 * @param declaredMonthlySalesYuan invoiced sales of that month (税票), NaN if not imported
 * @param lastMeterChangeTs most recent meter replacement (换表) at or before the time, {@link
 *     Long#MIN_VALUE} if none; where the new meter reads on another scale the baseline is
 *     rebuilt after it instead of alerting
 * @param meters meters assigned to the enterprise then (0 if unknown): a slot every one of them
 *     has reported is complete and judged at once
 * @param validUntil first event time at which this record may no longer hold (the next dated
 *     change), {@link Long#MAX_VALUE} if unknown; the engine re-asks no later than then
 */
public record EnterpriseContext(
    EnterpriseStatus status,
    long statusSince,
    String industry,
    String district,
    double capacityKva,
    double licensedFurnaceKw,
    double unlicensedFurnaceKw,
    double standbyKw,
    double declaredMonthlyOutputTonnes,
    double declaredMonthlySalesYuan,
    long lastMeterChangeTs,
    int meters,
    long validUntil) {

  /** An operating enterprise about which nothing else is known. */
  public static final EnterpriseContext UNKNOWN = operating("", "", Double.NaN);

  public EnterpriseContext {
    Objects.requireNonNull(status, "status");
    industry = industry == null ? "" : industry;
    district = district == null ? "" : district;
  }

  /** An operating enterprise with no equipment, declarations or history on record. */
  public static EnterpriseContext operating(String industry, String district, double capacityKva) {
    return new EnterpriseContext(EnterpriseStatus.OPERATING, Long.MIN_VALUE, industry, district,
        capacityKva, 0, 0, Double.NaN, Double.NaN, Double.NaN, Long.MIN_VALUE, 0, Long.MAX_VALUE);
  }

  public EnterpriseContext withStatus(EnterpriseStatus newStatus, long since) {
    return new EnterpriseContext(newStatus, since, industry, district, capacityKva,
        licensedFurnaceKw, unlicensedFurnaceKw, standbyKw, declaredMonthlyOutputTonnes,
        declaredMonthlySalesYuan, lastMeterChangeTs, meters, validUntil);
  }

  public EnterpriseContext withCapacityKva(double kva) {
    return new EnterpriseContext(status, statusSince, industry, district, kva, licensedFurnaceKw,
        unlicensedFurnaceKw, standbyKw, declaredMonthlyOutputTonnes, declaredMonthlySalesYuan,
        lastMeterChangeTs, meters, validUntil);
  }

  public EnterpriseContext withFurnaces(double licensedKw, double unlicensedKw) {
    return new EnterpriseContext(status, statusSince, industry, district, capacityKva, licensedKw,
        unlicensedKw, standbyKw, declaredMonthlyOutputTonnes, declaredMonthlySalesYuan,
        lastMeterChangeTs, meters, validUntil);
  }

  public EnterpriseContext withStandbyKw(double kw) {
    return new EnterpriseContext(status, statusSince, industry, district, capacityKva,
        licensedFurnaceKw, unlicensedFurnaceKw, kw, declaredMonthlyOutputTonnes,
        declaredMonthlySalesYuan, lastMeterChangeTs, meters, validUntil);
  }

  public EnterpriseContext withDeclarations(double monthlyTonnes, double monthlySalesYuan) {
    return new EnterpriseContext(status, statusSince, industry, district, capacityKva,
        licensedFurnaceKw, unlicensedFurnaceKw, standbyKw, monthlyTonnes, monthlySalesYuan,
        lastMeterChangeTs, meters, validUntil);
  }

  public EnterpriseContext withLastMeterChange(long ts) {
    return new EnterpriseContext(status, statusSince, industry, district, capacityKva,
        licensedFurnaceKw, unlicensedFurnaceKw, standbyKw, declaredMonthlyOutputTonnes,
        declaredMonthlySalesYuan, ts, meters, validUntil);
  }

  public EnterpriseContext withMeters(int count) {
    return new EnterpriseContext(status, statusSince, industry, district, capacityKva,
        licensedFurnaceKw, unlicensedFurnaceKw, standbyKw, declaredMonthlyOutputTonnes,
        declaredMonthlySalesYuan, lastMeterChangeTs, count, validUntil);
  }

  public EnterpriseContext withValidUntil(long ts) {
    return new EnterpriseContext(status, statusSince, industry, district, capacityKva,
        licensedFurnaceKw, unlicensedFurnaceKw, standbyKw, declaredMonthlyOutputTonnes,
        declaredMonthlySalesYuan, lastMeterChangeTs, meters, ts);
  }
}
