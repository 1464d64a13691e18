package org.furnacewatch.sim;

import java.time.OffsetDateTime;

/**
 * A meter replacement (换表). {@code kind} REGISTER_RESET: same id, the register restarts at 0 with the interval
 * ending at {@code ts}. NEW_ID: {@code oldMeter} reads up to {@code ts} minus 15 minutes, {@code newMeter} from
 * {@code ts} on (its register, if any, starts at 0).
 */
public record MeterEvent(String creditCode, String kind, String oldMeter, String newMeter, OffsetDateTime ts) {}
