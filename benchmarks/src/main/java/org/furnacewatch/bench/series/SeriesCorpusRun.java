package org.furnacewatch.bench.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.furnacewatch.detect.SeriesScorer;

/**
 * Scores the labelled corpus ({@link SeriesCorpus}) with the series scorer and the benchmark's window
 * reward ({@link WindowScore}), the threshold swept over the corpus as the benchmark does.
 *
 * <pre>./watch bench org.furnacewatch.bench.series.SeriesCorpusRun dev 180
 * ./watch bench org.furnacewatch.bench.series.SeriesCorpusRun heldout 220</pre>
 */
public final class SeriesCorpusRun {
  public static void main(String[] args) throws Exception {
    String split = args.length > 0 ? args[0] : "dev";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 180;
    boolean verbose = args.length > 2 && args[2].equals("-v");
    List<LabelledSeries> corpus = new SeriesCorpus().build(split, count);
    List<double[]> scores = new ArrayList<>();
    List<WindowScore.Layout> layouts = new ArrayList<>();
    long rows = 0;
    long t0 = System.nanoTime();
    for (LabelledSeries s : corpus) {
      scores.add(new SeriesScorer().score(s.ts(), s.values()));
      layouts.add(WindowScore.Layout.of(s));
      rows += s.values().length;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double bestT = 1;
    WindowScore.Tally best = null;
    for (int k = 10; k <= 150; k++) {
      double threshold = 1 - Math.pow(10, -k / 10.0);
      WindowScore.Tally t = WindowScore.corpus(scores, layouts, threshold);
      if (verbose && k % 5 == 0) {
        System.out.printf("  threshold 1 - %.1g: %.1f (hits %d, false alarms %d)%n", 1 - threshold, t.normalised(), t.hits,
            t.falseAlarms);
      }
      if (best == null || t.normalised() > best.normalised()) {
        best = t;
        bestT = threshold;
      }
    }
    System.out.printf("%s: %d series, %,d rows, %d windows, scored in %.2f s%n", split, corpus.size(), rows,
        best.windows, secs);
    System.out.printf("best threshold 1 - %.3g: normalised score %.1f (hits %d/%d, false alarms %d)%n", 1 - bestT,
        best.normalised(), best.hits, best.windows, best.falseAlarms);
    Map<String, int[]> byType = new TreeMap<>();
    Map<String, double[]> byKind = new TreeMap<>();
    for (int i = 0; i < corpus.size(); i++) {
      LabelledSeries s = corpus.get(i);
      boolean[] hit = new boolean[s.onsets().length];
      WindowScore.Tally t = WindowScore.score(scores.get(i), layouts.get(i), bestT, hit);
      for (int j = 0; j < hit.length; j++) {
        int[] c = byType.computeIfAbsent(s.types()[j], x -> new int[2]);
        c[0] += hit[j] ? 1 : 0;
        c[1]++;
      }
      double[] k = byKind.computeIfAbsent(s.kind(), x -> new double[4]);
      k[0] += t.reward;
      k[1] += t.windows;
      k[2] += t.falseAlarms;
      k[3] += t.hits;
      if (verbose) {
        System.out.printf("  %-28s n=%6d %-40s hits %d/%d fa %d%n", s.name(), s.values().length,
            String.join(",", s.types()), t.hits, t.windows, t.falseAlarms);
        for (int j = 0; j < hit.length; j++) {
          double minP = 1;
          int at = -1;
          for (int q = layouts.get(i).left()[j]; q <= layouts.get(i).right()[j]; q++) {
            if (1 - scores.get(i)[q] < minP) {
              minP = 1 - scores.get(i)[q];
              at = q;
            }
          }
          System.out.printf("    %-10s onset %6d  min p in window %.2g at %+d  %s%n", s.types()[j], s.onsets()[j], minP,
              at - s.onsets()[j], s.name());
        }
      }
    }
    System.out.println("detected at that threshold, by anomaly type:");
    byType.forEach((k, c) -> System.out.printf("  %-11s %3d / %3d%n", k, c[0], c[1]));
    System.out.println("by base kind (normalised score, false alarms):");
    byKind.forEach((k, c) -> System.out.printf("  %-10s %6.1f  hits %3.0f/%3.0f  fa %4.0f%n", k,
        100 * (c[0] + c[1]) / (2 * c[1]), c[3], c[1], c[2]));
  }
}
