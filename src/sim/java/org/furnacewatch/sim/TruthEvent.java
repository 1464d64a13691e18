package org.furnacewatch.sim;

import java.time.OffsetDateTime;

/**
 * Ground truth of one injected positive: the alert {@code kind} (CONTRACT.md strings: RESURGENCE,
 * FURNACE_SIGNATURE, LEVEL_SHIFT, NIGHT_LOAD, FLAT_CONTINUOUS, PEER_OUTLIER, INTENSITY_MISMATCH), the enterprise,
 * {@code onsetTs} = the {@code ts} (interval end) of the first reading the anomaly affects and {@code endTs} = the
 * {@code ts} of the last one, i.e. the same convention as an alert's firstTs/lastTs. {@code detail} is free text
 * for humans (written as the last column of truth.csv).
 */
public record TruthEvent(String kind, String creditCode, OffsetDateTime onsetTs, OffsetDateTime endTs, String detail) {}
