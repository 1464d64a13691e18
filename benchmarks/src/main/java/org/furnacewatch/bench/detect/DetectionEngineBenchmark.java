package org.furnacewatch.bench.detect;

import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.furnacewatch.detect.DetectionEngine;
import org.furnacewatch.detect.EnterpriseContext;
import org.furnacewatch.detect.Finding;
import org.furnacewatch.detect.FindingSink;
import org.furnacewatch.detect.ProfileResolver;
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
 * Per-reading update of {@link DetectionEngine}: one call = one 15-minute reading of every
 * enterprise (one meter each), event time advancing slot by slot, so every reading also finalizes
 * one slot (the steady state of an in-order feed) and every 96th closes a day. Loads are
 * day-shift shapes with noise from a precomputed table; nothing is anomalous, so nothing is
 * emitted and the gc profiler's alloc rate is the engine's own.
 *
 * <p>{@code order=lagged}: each enterprise's readings arrive in pairs, newer first (out of order
 * within the lateness).
 *
 * <pre>./watch bench org.openjdk.jmh.Main DetectionEngineBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class DetectionEngineBenchmark {
  static final int ENTERPRISES = 4096;
  static final int TABLE = 1 << 16;

  @Param({"inOrder", "lagged"})
  public String order;

  DetectionEngine engine;
  double[] kwh;
  long ts;
  long findings;

  @Setup(Level.Trial)
  public void setup() {
    EnterpriseContext ctx = EnterpriseContext.operating("3311", "500102", 1000);
    FindingSink sink = (Finding f) -> findings++;
    engine = new DetectionEngine((e, t) -> ctx, ProfileResolver.defaultsOnly(), org.furnacewatch.calendar.WorkingCalendar.shipped().days(), sink,
        ZoneId.of("Asia/Shanghai"), ENTERPRISES, ENTERPRISES);
    kwh = new double[TABLE];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < TABLE; i++) {
      int slot = i % 96;
      kwh[i] = (slot >= 32 && slot < 72 ? 150 : 10) * (1 + 0.05 * r.nextGaussian());
    }
    ts = java.time.LocalDate.of(2025, 1, 6).atStartOfDay(ZoneId.of("Asia/Shanghai"))
        .toEpochSecond() + 900;
  }

  @Benchmark
  @OperationsPerInvocation(ENTERPRISES)
  public void reading(Blackhole bh) {
    if (order.equals("lagged")) {
      laggedHalf();
      bh.consume(findings);
      return;
    }
    long t = ts;
    int slot = (int) ((t / 900) % 96);
    for (int e = 0; e < ENTERPRISES; e++) {
      engine.onReading(e, e, t, kwh[(e * 97 + slot) & (TABLE - 1)]);
    }
    ts = t + 900;
    bh.consume(findings);
  }

  /** ENTERPRISES readings per call, like in order: half the enterprises get two slots, newer first. */
  private void laggedHalf() {
    long t = ts;
    int slot = (int) ((t / 900) % 96);
    int half = ENTERPRISES / 2;
    int from = phase ? half : 0;
    for (int e = from; e < from + half; e++) {
      engine.onReading(e, e, t + 900, kwh[(e * 97 + slot + 1) & (TABLE - 1)]);
      engine.onReading(e, e, t, kwh[(e * 97 + slot) & (TABLE - 1)]);
    }
    if (phase) {
      ts = t + 1800;
    }
    phase = !phase;
  }

  boolean phase;
}
