package org.furnacewatch.registry;

/**
 * A meter as the power company's customer file lists it at one time: the account (户号) it meters, that account's
 * district and contracted capacity (NaN when the file gives none), and the meter's CT x PT multiplier.
 */
public record AccountMeter(String account, String district, double capacityKva, double multiplier) {}
