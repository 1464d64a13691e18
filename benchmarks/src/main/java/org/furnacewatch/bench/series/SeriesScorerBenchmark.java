package org.furnacewatch.bench.series;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.furnacewatch.detect.SeriesScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rows scored per second by {@link SeriesScorer#score} for one 100,000-row series (the most that
 * {@code POST /api/v1/series/score} takes), single thread: the time sort plus the streaming detector.
 * One operation = one row. {@code shape}: {@code daily} (5-minute steps, a daily cycle with noise: the
 * period search and seasonal profile are busy), {@code noise} (white noise: no period), {@code steps}
 * (a level that jumps every 500 rows: episodes, fast relearning).
 *
 * <pre>./watch bench org.openjdk.jmh.Main SeriesScorerBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class SeriesScorerBenchmark {
  static final int N = 100_000;

  @Param({"daily", "noise", "steps"})
  public String shape;

  long[] ts;
  double[] values;

  @Setup(Level.Trial)
  public void setup() {
    Random r = new Random(7);
    ts = new long[N];
    values = new double[N];
    for (int i = 0; i < N; i++) {
      ts[i] = 1_700_000_000L + 300L * i;
      values[i] = switch (shape) {
        case "daily" -> 100 + 40 * Math.sin(2 * Math.PI * i / 288) + 5 * r.nextGaussian();
        case "noise" -> 100 + 5 * r.nextGaussian();
        default -> 100 + 30 * ((i / 500) % 3) + 5 * r.nextGaussian();
      };
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double score() {
    return new SeriesScorer().score(ts, values)[N - 1];
  }
}
