package org.furnacewatch.sim;

import java.time.YearMonth;

/**
 * Output an enterprise declared for a month (tonnes of steel / castings / rolled product), as from tax-invoice or
 * statistics data. {@code days} is how many days of that month the simulation covers; the tonnes refer to those
 * days only. Normal melt shops declare kWh / (560..760 kWh/t); INTENSITY_MISMATCH positives declare far less.
 */
public record DeclaredOutput(String creditCode, YearMonth month, int days, double tonnes) {}
