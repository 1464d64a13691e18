package org.furnacewatch.sim;

import java.time.OffsetDateTime;

/** One injected induction-furnace heat (melt) at an illegal site: near-rated plateau from start to end. */
public record FurnaceHeat(String creditCode, OffsetDateTime start, OffsetDateTime end, double kw) {
    public long minutes() {
        return java.time.Duration.between(start, end).toMinutes();
    }
}
