package org.furnacewatch.bench.detect;

import java.util.concurrent.TimeUnit;
import org.furnacewatch.detect.PeerScorer;
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
 * One closed day scored against peers ({@link PeerScorer#score}): {@code enterprises} rows in
 * {@code groups} industry+district groups, median/MAD per group. One operation = one
 * enterprise-day (the whole day is one invocation).
 *
 * <pre>./watch bench org.openjdk.jmh.Main PeerScorerBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class PeerScorerBenchmark {
  static final int N = 2000;

  @Param({"40"})
  public int groups;

  final PeerScorer scorer = new PeerScorer();
  int[] group;
  double[] x;
  double[] z;
  double[] diff;
  int[] size;

  @Setup(Level.Trial)
  public void setup() {
    java.util.Random r = new java.util.Random(3);
    group = new int[N];
    x = new double[N];
    z = new double[N];
    diff = new double[N];
    size = new int[N];
    for (int i = 0; i < N; i++) {
      group[i] = r.nextInt(groups);
      x[i] = Math.log(3) + 0.4 * r.nextGaussian();
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double scoreDay() {
    scorer.score(N, group, x, z, diff, size, 10);
    return z[0];
  }
}
