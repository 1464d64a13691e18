package org.furnacewatch.registry;

import java.time.Instant;
import java.util.List;

/** One dated version of an enterprise: what it was from {@code effectiveFrom} until the next version. */
public record EnterpriseRecord(
        String creditCode,
        String name,
        String district,
        String industry,
        Status status,
        double capacityKva,
        List<Equipment> equipment,
        List<MeterSpec> meters,
        Instant effectiveFrom,
        Instant recordedAt,
        String recordedBy) {

    public MeterSpec meter(String meterId) {
        for (MeterSpec m : meters) if (m.id().equals(meterId)) return m;
        return null;
    }

    public double licensedFurnaceKw() {
        double kw = 0;
        for (Equipment e : equipment) if (e.isInductionFurnace() && e.licensed()) kw += e.ratedKw();
        return kw;
    }

    public double unlicensedFurnaceKw() {
        double kw = 0;
        for (Equipment e : equipment) if (e.isInductionFurnace() && !e.licensed()) kw += e.ratedKw();
        return kw;
    }
}
