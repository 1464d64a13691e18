package org.furnacewatch.detect;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The registry record (and the profile it resolves to) in force for an enterprise's slot, cached
 * until the record's next dated change or the next local midnight. The engine keeps one cache
 * for judging (near the newest readings) and one for learning (a day or more behind), so the two
 * do not evict each other.
 */
final class ContextCache {
  private final ContextSource source;
  private final ProfileResolver profiles;
  private final ZoneOffsets zone;
  private final Map<String, Integer> groupIds;
  private EnterpriseContext[] ctx = new EnterpriseContext[0];
  private DetectionProfile[] prof = new DetectionProfile[0];
  private int[] group = new int[0];
  private long[] from = new long[0];
  private long[] until = new long[0];

  ContextCache(ContextSource source, ProfileResolver profiles, ZoneOffsets zone,
      Map<String, Integer> sharedGroupIds) {
    this.source = source;
    this.profiles = profiles;
    this.zone = zone;
    this.groupIds = sharedGroupIds;
  }

  static ContextCache withOwnGroups(ContextSource s, ProfileResolver p, ZoneOffsets z) {
    return new ContextCache(s, p, z, new HashMap<>());
  }

  void ensureCapacity(int n) {
    if (n <= ctx.length) {
      return;
    }
    int old = ctx.length;
    ctx = Arrays.copyOf(ctx, n);
    prof = Arrays.copyOf(prof, n);
    group = Arrays.copyOf(group, n);
    from = Arrays.copyOf(from, n);
    until = Arrays.copyOf(until, n);
    Arrays.fill(until, old, n, Long.MIN_VALUE);
  }

  /** Whether the context cached for e is the one of the slot ending at endTs. */
  boolean holds(int e, long endTs) {
    return endTs >= from[e] && endTs < until[e];
  }

  /** The context cached for e (the last {@link #at} returned). */
  EnterpriseContext cached(int e) {
    return ctx[e];
  }

  /** Context of the slot ending at endTs (cached forward to the next change or local midnight). */
  EnterpriseContext at(int e, int slot, long endTs) {
    if (holds(e, endTs)) {
      return ctx[e];
    }
    EnterpriseContext c = source.at(e, endTs);
    if (c == null) {
      c = EnterpriseContext.UNKNOWN;
    }
    EnterpriseContext old = ctx[e];
    if (old == null || !old.industry().equals(c.industry()) || !old.district().equals(c.district())) {
      prof[e] = profiles.resolve(c.industry(), c.district());
      group[e] = c.industry().isEmpty() || c.district().isEmpty() ? -1
          : groupIds.computeIfAbsent(c.industry() + '|' + c.district(), k -> groupIds.size());
    }
    ctx[e] = c;
    int day = Math.floorDiv(slot, DetectionEngine.SLOTS_PER_DAY);
    from[e] = endTs; // when the record took effect is not known here: earlier slots ask again
    long nextMidnight = zone.toEpochSecond((day + 1L) * 86_400);
    until[e] = Math.min(c.validUntil(), nextMidnight + 1);
    return c;
  }

  /** Profile of the context last returned for e. */
  DetectionProfile profile(int e) {
    return prof[e];
  }

  /** Peer group (industry|district) of the context last returned for e; -1 if incomplete. */
  int group(int e) {
    return group[e];
  }
}
