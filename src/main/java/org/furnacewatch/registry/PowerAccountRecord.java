package org.furnacewatch.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One dated version of a power-company customer account (户号) as the customer file gives it: holder name (户名),
 * address and the site it resolves to, user category (用电类别), contracted capacity (报装容量, NaN if not given),
 * transformer (台区), coordinates (NaN if not given), the enterprise it belongs to (a credit code, or null), opening
 * and closing dates, and its metering points with their meters.
 */
public record PowerAccountRecord(
        String account,
        String name,
        String address,
        String district,
        long siteId,
        String category,
        double capacityKva,
        String transformer,
        double lat,
        double lon,
        String enterprise,
        LocalDate openedOn,
        LocalDate closedOn,
        List<Meter> meters,
        Instant effectiveFrom,
        String digest) {

    /** A metering point (计量点) and its meter, with the CT x PT multiplier (综合倍率). */
    public record Meter(String id, String point, double multiplier) {}

    public Meter meter(String id) {
        for (Meter m : meters) if (m.id().equals(id)) return m;
        return null;
    }
}
