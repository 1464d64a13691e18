package org.furnacewatch.registry;

/**
 * A place that enterprises and accounts occupy over time: one per district and normalised address
 * ({@link Addresses#key}), with its supply transformer (台区) and coordinates where known (NaN otherwise).
 */
public record Site(long id, String district, String addressKey, String address, String transformer, double lat, double lon) {}
