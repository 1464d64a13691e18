package org.furnacewatch.detect;

import java.util.Arrays;

/**
 * One open episode per (enterprise, kind), in primitive arrays. Decides whether a piece of
 * evidence opens an episode, updates it visibly, or only extends it silently, so that an active
 * episode emits at most one finding per local day (plus one whenever its score rises by 0.1):
 * emission allocates, evidence must not.
 */
final class EpisodeTracker {
  static final int NONE = 0;
  static final int OPENED = 1;
  static final int UPDATED = 2;

  private static final int KINDS = FindingKind.VALUES.length;
  private static final long NO_EPISODE = Long.MIN_VALUE;

  private long[] start = new long[0];
  private long[] last = new long[0];
  private float[] score = new float[0];
  private float[] emittedScore = new float[0];
  private int[] emittedDay = new int[0];
  /** The flat load's size per enterprise: the largest smallest-excess kW of its FLAT_CONTINUOUS episode. */
  private float[] flatLoadKw = new float[0];
  /** The level shift's size per enterprise: its LEVEL_SHIFT episode's largest mean excess kW per raised hour. */
  private float[] levelLoadKw = new float[0];
  /** Per enterprise, a bit per kind: its episode opened as the echo of another cause ({@link #markEcho}). */
  private byte[] echo = new byte[0];

  void ensureCapacity(int enterprises) {
    int n = enterprises * KINDS;
    if (n <= start.length) {
      return;
    }
    int old = start.length;
    start = Arrays.copyOf(start, n);
    last = Arrays.copyOf(last, n);
    score = Arrays.copyOf(score, n);
    emittedScore = Arrays.copyOf(emittedScore, n);
    emittedDay = Arrays.copyOf(emittedDay, n);
    Arrays.fill(start, old, n, NO_EPISODE);
    flatLoadKw = Arrays.copyOf(flatLoadKw, enterprises);
    levelLoadKw = Arrays.copyOf(levelLoadKw, enterprises);
    echo = Arrays.copyOf(echo, enterprises);
  }

  static int bytesPerEnterprise() {
    return KINDS * (8 + 8 + 4 + 4 + 4) + 4 + 4 + 1;
  }

  /**
   * Records evidence spanning [firstTs, lastTs].
   *
   * @return {@link #OPENED}, {@link #UPDATED} or {@link #NONE} (nothing to emit)
   */
  int evidence(int e, FindingKind kind, long firstTs, long lastTs, double s, long gapSeconds,
      int localDay) {
    int i = e * KINDS + kind.ordinal();
    if (start[i] == NO_EPISODE || firstTs - last[i] > gapSeconds) {
      start[i] = firstTs;
      last[i] = lastTs;
      score[i] = (float) s;
      emittedScore[i] = (float) s;
      emittedDay[i] = localDay;
      echo[e] &= (byte) ~(1 << kind.ordinal());
      if (kind == FindingKind.FLAT_CONTINUOUS) {
        flatLoadKw[e] = 0; // a new episode, whichever path opened it, is sized anew
      } else if (kind == FindingKind.LEVEL_SHIFT) {
        levelLoadKw[e] = 0;
      }
      return OPENED;
    }
    boolean earlier = firstTs < start[i]; // a window judged again after a late reading
    start[i] = Math.min(start[i], firstTs);
    last[i] = Math.max(last[i], lastTs);
    score[i] = Math.max(score[i], (float) s);
    if (earlier || emittedDay[i] != localDay || score[i] >= emittedScore[i] + 0.1f) {
      emittedDay[i] = localDay;
      emittedScore[i] = score[i];
      return UPDATED;
    }
    return NONE;
  }

  /**
   * Records a FLAT_CONTINUOUS evidence's smallest excess: the largest of the episode is its size
   * (a window with a gap or a late shoulder hour reads less).
   */
  void flatLoad(int e, double excessKw) {
    flatLoadKw[e] = Math.max(flatLoadKw[e], (float) excessKw);
  }

  double flatLoadKw(int e) {
    return flatLoadKw[e];
  }

  /** Records a LEVEL_SHIFT evidence's mean excess per raised hour: the episode's largest is its size. */
  void levelLoad(int e, double excessKw) {
    levelLoadKw[e] = Math.max(levelLoadKw[e], (float) excessKw);
  }

  double levelLoadKw(int e) {
    return levelLoadKw[e];
  }

  /** Records that the kind's episode, just opened, is the echo of another cause, not raised. */
  void markEcho(int e, FindingKind kind) {
    echo[e] |= (byte) (1 << kind.ordinal());
  }

  /** Whether the kind's episode opened as the echo of another cause ({@link #markEcho}). */
  boolean echo(int e, FindingKind kind) {
    return (echo[e] >> kind.ordinal() & 1) != 0;
  }

  long start(int e, FindingKind kind) {
    return start[e * KINDS + kind.ordinal()];
  }

  long last(int e, FindingKind kind) {
    return last[e * KINDS + kind.ordinal()];
  }

  double score(int e, FindingKind kind) {
    return score[e * KINDS + kind.ordinal()];
  }
}
