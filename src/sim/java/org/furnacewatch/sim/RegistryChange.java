package org.furnacewatch.sim;

import java.time.OffsetDateTime;

/**
 * A dated change of the registry: the complete new record (a PUT replaces the record), carrying
 * {@code effectiveFrom} = {@code at}. {@code kind} is one of CLOSED, REOPENED, CAPACITY_INCREASE, METER_REPLACED,
 * {@code note} a short human explanation.
 */
public record RegistryChange(OffsetDateTime at, String creditCode, String kind, String note, EnterpriseRecord record) {}
