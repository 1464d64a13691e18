package org.furnacewatch.registry;

/** A piece of registered power equipment, e.g. an INDUCTION_FURNACE of 500 kW, licensed or not. */
public record Equipment(String type, double ratedKw, boolean licensed) {
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isInductionFurnace() {
        return "INDUCTION_FURNACE".equals(type);
    }
}
