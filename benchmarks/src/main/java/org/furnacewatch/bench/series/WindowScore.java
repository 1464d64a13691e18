package org.furnacewatch.bench.series;

import java.util.List;

/**
 * The window-based reward of the standard streaming anomaly benchmark (the NAB scoring rules), written
 * from its published description:
 * <ul>
 *   <li>each anomaly has a window centred on its onset; the windows of a series share 10 % of its
 *       length equally;
 *   <li>the first detection in a window earns {@code A_TP * sigma(position)} normalised so the window's
 *       first row earns 1, with the scaled sigmoid {@code 2 / (1 + e^(5x)) - 1} and x = -(right - i + 1)
 *       / width (-1 at the left edge, 0 past the right edge); later detections in the window count nothing;
 *   <li>a detection outside every window costs {@code A_FP * sigma(x)} with x its distance past the
 *       previous window's right edge in window widths (so just after a window costs almost nothing;
 *       before any window, or more than 3 widths after, the full {@code A_FP});
 *   <li>a window with no detection costs {@code A_FN};
 *   <li>rows in the probationary period (the first 15 %, at most 750 rows) are not judged;
 *   <li>standard profile: A_TP = 1, A_FP = -0.11, A_FN = -1; one threshold for the whole corpus, the
 *       best one; normalised so that never alarming is 0 and perfect is 100.
 * </ul>
 */
final class WindowScore {
  static final double A_TP = 1;
  static final double A_FP = -0.11;
  static final double A_FN = -1;

  /** Per-series window layout, precomputed once. */
  record Layout(int probation, int[] left, int[] right) {
    static Layout of(LabelledSeries s) {
      int n = s.values().length;
      int k = s.onsets().length;
      int width = Math.max(1, n / 10 / k);
      int[] l = new int[k];
      int[] r = new int[k];
      for (int j = 0; j < k; j++) {
        l[j] = Math.max(0, s.onsets()[j] - width / 2);
        r[j] = Math.min(n - 1, l[j] + width - 1);
      }
      return new Layout(Math.min((int) Math.floor(0.15 * n), 750), l, r);
    }
  }

  static double scaledSigmoid(double x) {
    return x > 3 ? -1 : 2 / (1 + Math.exp(5 * x)) - 1;
  }

  /** Tallies of one series or a whole corpus at one threshold. */
  static final class Tally {
    double reward;
    int windows;
    int hits;
    int falseAlarms;

    void add(Tally t) {
      reward += t.reward;
      windows += t.windows;
      hits += t.hits;
      falseAlarms += t.falseAlarms;
    }

    double normalised() {
      return 100 * (reward + windows) / (2.0 * windows); // null = -windows, perfect = +windows
    }
  }

  static Tally score(double[] scores, Layout w, double threshold, boolean[] hitOut) {
    Tally t = new Tally();
    int k = w.left().length;
    t.windows = k;
    double maxTp = scaledSigmoid(-1);
    boolean[] hit = new boolean[k];
    int j = 0; // next window not yet passed
    for (int i = w.probation(); i < scores.length; i++) {
      while (j < k && i > w.right()[j]) {
        j++;
      }
      if (!(scores[i] >= threshold)) {
        continue;
      }
      if (j < k && i >= w.left()[j]) {
        if (!hit[j]) {
          int width = w.right()[j] - w.left()[j] + 1;
          double pos = -(w.right()[j] - i + 1) / (double) width;
          t.reward += A_TP * scaledSigmoid(pos) / maxTp;
          hit[j] = true;
        }
      } else if (j == 0) {
        t.reward += A_FP; // before any window: full cost (A_FP is negative)
        t.falseAlarms++;
      } else {
        int width = w.right()[j - 1] - w.left()[j - 1] + 1;
        double pos = Math.abs(w.right()[j - 1] - i) / (double) Math.max(1, width - 1);
        t.reward += -A_FP * scaledSigmoid(pos);
        t.falseAlarms++;
      }
    }
    for (int q = 0; q < k; q++) {
      if (hit[q]) {
        t.hits++;
      } else {
        t.reward += A_FN;
      }
      if (hitOut != null) {
        hitOut[q] = hit[q];
      }
    }
    return t;
  }

  static Tally corpus(List<double[]> scores, List<Layout> layouts, double threshold) {
    Tally all = new Tally();
    for (int i = 0; i < scores.size(); i++) {
      all.add(score(scores.get(i), layouts.get(i), threshold, null));
    }
    return all;
  }
}
