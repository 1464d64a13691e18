package org.furnacewatch.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * An enterprise's registry record. Serialised with {@link SimJson} it is exactly the body of
 * {@code PUT /api/v1/enterprises/{creditCode}} (CONTRACT.md); the credit code itself goes in the path
 * and is not part of the body. {@code effectiveFrom} (ISO-8601 with offset) is omitted when null.
 */
@JsonPropertyOrder({"name", "district", "industry", "status", "capacityKva", "equipment", "meters", "effectiveFrom"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnterpriseRecord(
        @JsonIgnore String creditCode,
        String name,
        String district,
        String industry,
        String status,
        int capacityKva,
        List<Equipment> equipment,
        List<MeterSpec> meters,
        String effectiveFrom) {

    public EnterpriseRecord {
        equipment = List.copyOf(equipment);
        meters = List.copyOf(meters);
    }

    /** One piece of registered equipment, e.g. {@code {"type":"INDUCTION_FURNACE","ratedKw":500,"licensed":true}}. */
    @JsonPropertyOrder({"type", "ratedKw", "licensed"})
    public record Equipment(String type, int ratedKw, boolean licensed) {}

    /** One meter: {@code {"id":"M0001","multiplier":1}} (multiplier = CT x PT ratio, 综合倍率). */
    @JsonPropertyOrder({"id", "multiplier"})
    public record MeterSpec(String id, int multiplier) {}

    /** The request path of the PUT. */
    @JsonIgnore
    public String path() {
        return "/api/v1/enterprises/" + creditCode;
    }

    public EnterpriseRecord withStatus(String newStatus, String from) {
        return new EnterpriseRecord(creditCode, name, district, industry, newStatus, capacityKva, equipment, meters, from);
    }

    public EnterpriseRecord withCapacity(int kva, List<Equipment> eq, String from) {
        return new EnterpriseRecord(creditCode, name, district, industry, status, kva, eq, meters, from);
    }

    public EnterpriseRecord withMeters(List<MeterSpec> m, String from) {
        return new EnterpriseRecord(creditCode, name, district, industry, status, capacityKva, equipment, m, from);
    }

    public EnterpriseRecord withEffectiveFrom(String from) {
        return new EnterpriseRecord(creditCode, name, district, industry, status, capacityKva, equipment, meters, from);
    }
}
