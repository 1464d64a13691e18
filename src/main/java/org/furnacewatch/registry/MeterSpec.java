package org.furnacewatch.registry;

/** A meter as an enterprise record lists it: its id and the combined CT x PT multiplier (综合倍率). */
public record MeterSpec(String id, double multiplier) {}
