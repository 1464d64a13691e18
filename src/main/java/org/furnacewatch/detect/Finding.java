package org.furnacewatch.detect;

import java.util.List;
import java.util.Map;

/**
 * One alert-worthy finding of a detector: the opening of an episode or more evidence for it.
 *
 * <p>An episode is identified by {@link #key()}: (enterprise, kind, firstTs). The engine opens at
 * most one episode of a kind per enterprise at a time; evidence within the profile's
 * episodeGapHours of the previous evidence extends it (phase {@link Phase#UPDATED}, same key,
 * later {@code lastTs}, score never lower). The service keeps one open alert per key. Enterprise
 * indices are the engine's; a service whose indices are not stable across restarts de-duplicates
 * on (its enterprise id, kind, firstTs) instead.
 *
 * @param enterpriseIdx the engine's enterprise index
 * @param kind alert kind as in the contract
 * @param phase OPENED for a new episode, UPDATED for more evidence
 * @param score confidence in [0, 1]; at least 0.5 for anything emitted
 * @param firstTs event time of the first reading of the episode's evidence (interval end)
 * @param lastTs event time of the latest reading of the evidence (interval end)
 * @param features named measurements behind the finding (kW, kWh, ratios, counts)
 * @param thresholdsCrossed human-readable "feature >= threshold" lines, one per test passed
 * @param explanation plain Chinese for a district officer, no statistics needed
 * @param evidenceTs interval-end times of the evidence window, ascending
 * @param evidenceKwh kWh per interval of the evidence window, NaN where no reading arrived
 */
public record Finding(
    int enterpriseIdx,
    FindingKind kind,
    Phase phase,
    double score,
    long firstTs,
    long lastTs,
    Map<String, Double> features,
    List<String> thresholdsCrossed,
    String explanation,
    long[] evidenceTs,
    double[] evidenceKwh) {

  /** Whether a finding opens an episode or extends one. */
  public enum Phase { OPENED, UPDATED }

  /** Stable episode key: "enterpriseIdx:KIND:firstTs". */
  public String key() {
    return enterpriseIdx + ":" + kind + ":" + firstTs;
  }
}
