package org.furnacewatch.bench.series;

import java.util.List;
import org.furnacewatch.detect.SeriesScorer;

public final class Debug {
  public static void main(String[] args) throws Exception {
    List<LabelledSeries> corpus = new SeriesCorpus().build(args[0], Integer.parseInt(args[1]));
    LabelledSeries s = corpus.get(Integer.parseInt(args[2]));
    double[] sc = new SeriesScorer().score(s.ts(), s.values());
    System.out.println(s.name() + " " + java.util.Arrays.toString(s.onsets()) + " " + String.join(",", s.types()));
    int n = sc.length;
    // top 15 rows by score
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(sc[b], sc[a]));
    for (int i = 0; i < 20; i++) System.out.printf("  row %6d  p=%.3g  v=%.4g%n", idx[i], 1 - sc[idx[i]], s.values()[idx[i]]);
    for (int o : s.onsets()) for (int i = Math.max(0, o - 3); i < Math.min(n, o + 6); i++) System.out.printf("   @%d p=%.3g v=%.4g%n", i, 1 - sc[i], s.values()[i]);
  }
}
