package org.furnacewatch.bench.detect;

import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.furnacewatch.detect.DetectionEngine;
import org.furnacewatch.detect.EnterpriseContext;
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

/**
 * The engine's per-reading cost by the load shape an enterprise shows, with warm baselines: every
 * rule runs (resurgence at every slot of a dark site, furnace screens and the 24-hour load-shape
 * evaluation at every hour end), and {@code shape=furnace} keeps the furnace rule on its confirm
 * path (cycles present every hour, so the screens run to the end and FURNACE_SIGNATURE episodes
 * are extended). {@code feed=halfDay} delivers each enterprise's half-day in shuffled order, so
 * slots settle in bursts and windows are re-judged as in the service.
 *
 * <pre>./watch bench org.openjdk.jmh.Main RulesBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class RulesBenchmark {
  static final int ENTERPRISES = 512;
  static final int DAYS = 14;

  @Param({"dayShift", "furnace", "dark"})
  public String shape;

  @Param({"inOrder", "halfDay"})
  public String feed;

  int[] order;
  double[] kwh;
  long firstTs;
  DetectionEngine engine;
  int pos;
  long rounds;

  @Setup(Level.Trial)
  public void setup() {
    int slots = DAYS * 96;
    kwh = new double[slots];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < slots; i++) {
      int s = i % 96;
      double kw = s >= 32 && s < 72 ? 300 : 20;
      if (shape.equals("furnace") && i >= slots / 2 && (s >= 80 || s < 20)) {
        kw += (i % 6) < 4 ? 800 : 40; // heats of an hour, dips of 30 minutes, every night
      }
      kwh[i] = kw / 4 * (1 + 0.04 * r.nextGaussian());
    }
    order = new int[slots];
    for (int i = 0; i < slots; i++) order[i] = i;
    if (feed.equals("halfDay")) {
      for (int from = 0; from < slots; from += 48) {
        for (int i = from + 47; i > from; i--) {
          int j = from + r.nextInt(i - from + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
      }
    }
    firstTs = java.time.LocalDate.of(2025, 9, 1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toEpochSecond() + 900;
    newEngine();
  }

  private void newEngine() {
    EnterpriseContext ctx = shape.equals("dark")
        ? EnterpriseContext.operating("3311", "500102", 1000).withStatus(org.furnacewatch.detect.EnterpriseStatus.CLOSED, Long.MIN_VALUE)
        : EnterpriseContext.operating("3311", "500102", 1000);
    engine = new DetectionEngine((e, t) -> ctx, ProfileResolver.defaultsOnly(), org.furnacewatch.calendar.WorkingCalendar.shipped().days(), f -> { }, ZoneId.of("Asia/Shanghai"),
        ENTERPRISES, ENTERPRISES);
    pos = 0;
  }

  /** One reading of every enterprise; the fortnight replays from a fresh engine when it ends. */
  @Benchmark
  @OperationsPerInvocation(ENTERPRISES)
  public void readingOfEveryEnterprise() {
    if (pos == order.length) {
      engine.flush();
      newEngine();
    }
    int i = order[pos++];
    long ts = firstTs + 900L * i;
    double v = kwh[i];
    for (int e = 0; e < ENTERPRISES; e++) {
      engine.onReading(e, e, ts, v);
    }
    if ((pos & 15) == 0) {
      engine.flush();
    }
  }
}
