package org.furnacewatch.bench.detect;

import java.util.concurrent.TimeUnit;
import org.furnacewatch.detect.DailyFeatures;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Daily feature extraction ({@link DailyFeatures#extract}) over 96-slot days laid out as the
 * engine keeps them: one 128-slot ring per meter. One operation = one meter-day.
 * {@code missingShare}: share of slots without a reading.
 *
 * <pre>./watch bench org.openjdk.jmh.Main DailyFeaturesBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class DailyFeaturesBenchmark {
  static final int METERS = 1024;

  @Param({"0.0", "0.1"})
  public double missingShare;

  int[] ring;
  final double[] out = new double[DailyFeatures.COUNT];

  @Setup(Level.Trial)
  public void setup() {
    ring = new int[METERS * 128];
    java.util.Random r = new java.util.Random(2);
    for (int i = 0; i < ring.length; i++) {
      int slot = i & 127;
      ring[i] = r.nextDouble() < missingShare ? DailyFeatures.MISSING
          : (int) ((slot >= 32 && slot < 72 ? 37_500 : 2_500) * (1 + 0.05 * r.nextGaussian()));
    }
  }

  @Benchmark
  @OperationsPerInvocation(METERS)
  public void extractMeterDay(Blackhole bh) {
    for (int m = 0; m < METERS; m++) {
      DailyFeatures.extract(ring, m << 7, 127, 96 * 20_000, 88, 24, out);
      bh.consume(out[DailyFeatures.KWH]);
    }
  }
}
