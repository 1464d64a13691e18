package org.furnacewatch.detect;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * UTC offsets of a zone, precomputed from its rules so the hot path never calls java.time.
 *
 * <p>The transitions between 1900 and 2200 are flattened into two arrays; a lookup first checks
 * the interval that answered last time (Asia/Shanghai has had one offset since 1991, so in
 * practice every lookup is two compares) and falls back to a binary search. Not thread-safe
 * (the cached interval); each engine or scorer owns one.
 */
final class ZoneOffsets {
  private final ZoneId zone;
  /** transitions[i] is the epoch second at which offsets[i + 1] starts. */
  private final long[] transitions;
  private final int[] offsets;
  private long cachedFrom = 1;
  private long cachedUntil = 0;
  private int cachedOffset;

  ZoneOffsets(ZoneId zone) {
    this.zone = zone;
    ZoneRules rules = zone.getRules();
    long[] ts = new long[16];
    int[] off = new int[17];
    int n = 0;
    Instant cursor = Instant.parse("1900-01-01T00:00:00Z");
    Instant end = Instant.parse("2200-01-01T00:00:00Z");
    off[0] = rules.getOffset(cursor).getTotalSeconds();
    for (ZoneOffsetTransition t = rules.nextTransition(cursor);
        t != null && t.getInstant().isBefore(end);
        t = rules.nextTransition(t.getInstant())) {
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        off = Arrays.copyOf(off, n * 2 + 1);
      }
      ts[n] = t.getInstant().getEpochSecond();
      off[n + 1] = t.getOffsetAfter().getTotalSeconds();
      n++;
    }
    this.transitions = Arrays.copyOf(ts, n);
    this.offsets = Arrays.copyOf(off, n + 1);
  }

  ZoneId zone() {
    return zone;
  }

  /** Offset in seconds to add to an epoch second to get local seconds. */
  int offsetAt(long epochSecond) {
    if (epochSecond >= cachedFrom && epochSecond < cachedUntil) {
      return cachedOffset;
    }
    return lookUp(epochSecond); // (apart: what is left stays small enough for the JIT to inline)
  }

  private int lookUp(long epochSecond) {
    int i = Arrays.binarySearch(transitions, epochSecond);
    int idx = i >= 0 ? i + 1 : -i - 1; // number of transitions at or before epochSecond
    cachedFrom = idx == 0 ? Long.MIN_VALUE : transitions[idx - 1];
    cachedUntil = idx == transitions.length ? Long.MAX_VALUE : transitions[idx];
    cachedOffset = offsets[idx];
    return cachedOffset;
  }

  /** Epoch second of a local second (for gaps and overlaps of DST zones, the earlier offset). */
  long toEpochSecond(long localSecond) {
    int guess = offsetAt(localSecond - offsetAt(localSecond));
    return localSecond - guess;
  }
}
