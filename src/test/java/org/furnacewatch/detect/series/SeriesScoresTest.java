package org.furnacewatch.detect.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.furnacewatch.detect.SeriesScorer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The series scorer on the shapes it must catch: each anomaly scores higher at its onset than anywhere in
 * the normal stretch before it; noise of any scale rarely scores high; the same rows give the same scores.
 */
class SeriesScoresTest {
  static final int N = 3600;
  static final int ONSET = 2400;
  static final int LEARN = 600; // rows to learn from before the normal stretch is judged
  static final int DAY = 288; // 5-minute rows

  /** One case: the base series, and what happens to it from the onset. */
  static Stream<Arguments> anomalies() {
    return Stream.of(
        Arguments.of("spike", false, (BiConsumer<double[], Random>) (v, r) -> v[ONSET] += 60),
        Arguments.of("dip", false, (BiConsumer<double[], Random>) (v, r) -> v[ONSET] -= 60),
        Arguments.of("level shift up", false, shift(40)),
        Arguments.of("level shift down", false, shift(-40)),
        Arguments.of("variance up", false, (BiConsumer<double[], Random>) (v, r) -> {
          for (int i = ONSET; i < N; i++) v[i] += 25 * r.nextGaussian();
        }),
        Arguments.of("gradual drift", false, (BiConsumer<double[], Random>) (v, r) -> {
          for (int i = ONSET; i < N; i++) v[i] += Math.min(60, 0.4 * (i - ONSET));
        }),
        Arguments.of("periodic pattern stops", true, (BiConsumer<double[], Random>) (v, r) -> {
          for (int i = ONSET; i < N; i++) v[i] -= cycle(i);
        }),
        Arguments.of("period changes", true, (BiConsumer<double[], Random>) (v, r) -> {
          for (int i = ONSET; i < N; i++) v[i] += cycle(ONSET + (i - ONSET) / 2) - cycle(i);
        }),
        Arguments.of("shape changes", true, (BiConsumer<double[], Random>) (v, r) -> {
          for (int i = ONSET; i < N; i++) v[i] += 40 * Math.signum(cycle(i)) - cycle(i);
        }),
        Arguments.of("flat line", false, (BiConsumer<double[], Random>) (v, r) -> {
          for (int i = ONSET; i < N; i++) v[i] = v[ONSET - 1];
        }),
        Arguments.of("goes silent", true, (BiConsumer<double[], Random>) (v, r) -> {
          for (int i = ONSET; i < N; i++) v[i] = 0;
        }));
  }

  static BiConsumer<double[], Random> shift(double d) {
    return (v, r) -> {
      for (int i = ONSET; i < N; i++) v[i] += d;
    };
  }

  static double cycle(int i) {
    return 40 * Math.sin(2 * Math.PI * i / DAY);
  }

  static double[] base(boolean periodic, Random r) {
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      v[i] = 100 + (periodic ? cycle(i) : 0) + 5 * r.nextGaussian();
    }
    return v;
  }

  static long[] times(int n, long step) {
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_700_000_000L + step * i;
    }
    return ts;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("anomalies")
  void anomaly_scoresHigherAtOnsetThanAnywhereInNormalStretch(String name, boolean periodic,
      BiConsumer<double[], Random> inject) {
    Random r = new Random(name.hashCode());
    double[] v = base(periodic, r);
    inject.accept(v, r);
    double[] s = new SeriesScorer().score(times(N, 300), v);
    double normal = Arrays.stream(s, LEARN, ONSET).max().orElseThrow();
    double onset = Arrays.stream(s, ONSET, ONSET + 100).max().orElseThrow();
    assertTrue(onset > normal, name + ": onset " + onset + " vs normal " + normal);
    assertTrue(onset > 0.999, name + ": onset " + onset);
  }

  @ParameterizedTest(name = "gap of {0} rows")
  @ValueSource(ints = {24, 200})
  void silence_aGapInTheRowsScoresHigherThanAnyRegularRow(int missing) {
    Random r = new Random(5);
    double[] v = base(false, r);
    long[] ts = times(N, 300);
    for (int i = ONSET; i < N; i++) {
      ts[i] += 300L * missing; // rows stop for a while, then resume
    }
    double[] s = new SeriesScorer().score(ts, v);
    double normal = Arrays.stream(s, LEARN, ONSET).max().orElseThrow();
    assertTrue(s[ONSET] > normal, "after the gap " + s[ONSET] + " vs normal " + normal);
  }

  /** Calibration: on pure noise, whatever its scale and offset, at most 1 % of rows score above 0.99. */
  @ParameterizedTest(name = "scale {0}")
  @ValueSource(doubles = {1e-6, 1e-2, 1, 1e3, 1e9})
  void noise_anyScale_atMostOnePercentAbove099(double scale) {
    Random r = new Random(11);
    int n = 20_000;
    String[] kinds = {"gaussian", "laplace", "uniform", "poisson-ish integers"};
    for (String kind : kinds) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        double e = switch (kind) {
          case "gaussian" -> r.nextGaussian();
          case "laplace" -> (r.nextBoolean() ? 1 : -1) * -Math.log(1 - r.nextDouble());
          case "uniform" -> r.nextDouble() - 0.5;
          default -> Math.round(3 + Math.sqrt(3) * r.nextGaussian());
        };
        v[i] = scale * (7 + e);
      }
      double[] s = new SeriesScorer().score(times(n, 600), v);
      long above = Arrays.stream(s).filter(x -> x > 0.99).count();
      assertTrue(above <= n / 100, kind + " x " + scale + ": " + above + " of " + n + " rows above 0.99");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("anomalies")
  void scores_sameRowsSameScores_andNoRowSeesTheFuture(String name, boolean periodic,
      BiConsumer<double[], Random> inject) {
    Random r = new Random(1);
    double[] v = base(periodic, r);
    inject.accept(v, r);
    long[] ts = times(N, 300);
    double[] a = new SeriesScorer().score(ts, v);
    assertArrayEquals(a, new SeriesScorer().score(ts, v));
    int cut = ONSET + 7;
    double[] prefix = new SeriesScorer().score(Arrays.copyOf(ts, cut), Arrays.copyOf(v, cut));
    assertArrayEquals(prefix, Arrays.copyOf(a, cut));
    assertTrue(Arrays.stream(a).allMatch(x -> x >= 0 && x <= 1));
    assertEquals(N, a.length);
  }
}
