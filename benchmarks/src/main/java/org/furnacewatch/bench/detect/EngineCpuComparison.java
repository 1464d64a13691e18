package org.furnacewatch.bench.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.furnacewatch.detect.DetectionEngine;
import org.furnacewatch.detect.EnterpriseContext;
import org.furnacewatch.detect.ProfileResolver;

/**
 * Two builds of the engine in one JVM, fed {@link DetectionEngineBenchmark}'s readings in turn,
 * compared on the thread's CPU time. On a shared machine single JMH runs scatter by more than a
 * change of a few percent; here both builds meet the same load, chunk by chunk.
 *
 * <pre>./watch bench org.furnacewatch.bench.detect.EngineCpuComparison BASE_CLASSES NEW_CLASSES \
 *     [inOrder|lagged] [warmDays 30] [chunkDays 2] [chunks 60]</pre>
 *
 * BASE_CLASSES and NEW_CLASSES are the target/classes directories of two builds (e.g. main's,
 * built in a second worktree, and this one). Each is loaded with its own class loader and fed
 * alike: warmDays first, then chunks of chunkDays alternately, either build first in turn.
 * Prints the median and quartiles of the per-chunk ratio new / base. The build loaded second
 * tends to measure a few percent apart from the first (its code compiled apart): run it again
 * with the two swapped and take the geometric mean of new / base and 1 / (base / new).
 */
public final class EngineCpuComparison {
  private EngineCpuComparison() {}

  public static void main(String[] args) throws Exception {
    String order = args.length > 2 ? args[2] : "inOrder";
    int warmDays = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int chunkDays = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    int chunks = args.length > 5 ? Integer.parseInt(args[5]) : 60;
    Object[] feeds = new Object[2];
    Method[] feed = new Method[2];
    for (int k = 0; k < 2; k++) {
      ClassLoader loader = new URLClassLoader(urls(Path.of(args[k])),
          ClassLoader.getPlatformClassLoader());
      Class<?> c = loader.loadClass(Feed.class.getName());
      feeds[k] = c.getConstructor(String.class).newInstance(order);
      feed[k] = c.getMethod("slots", int.class);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int k = 0; k < 2; k++) {
      feed[k].invoke(feeds[k], warmDays * 96);
    }
    double[] ratio = new double[chunks];
    long[] total = new long[2];
    for (int i = 0; i < chunks; i++) {
      long[] cpu = new long[2];
      for (int j = 0; j < 2; j++) {
        int k = (i + j) % 2;
        long before = mx.getCurrentThreadCpuTime();
        feed[k].invoke(feeds[k], chunkDays * 96);
        cpu[k] = mx.getCurrentThreadCpuTime() - before;
        total[k] += cpu[k];
      }
      ratio[i] = (double) cpu[1] / cpu[0];
    }
    Arrays.sort(ratio);
    double readings = (double) chunks * chunkDays * 96 * Feed.ENTERPRISES;
    System.out.printf("%s new/base median %.3f (quartiles %.3f %.3f); base %.1f ns, new %.1f ns"
        + " per reading%n", order, ratio[chunks / 2], ratio[chunks / 4], ratio[3 * chunks / 4],
        total[0] / readings, total[1] / readings);
  }

  /** The build's classes, then this class's own location (for Feed), then the dependencies. */
  private static URL[] urls(Path buildClasses) throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(buildClasses.toUri().toURL());
    urls.add(EngineCpuComparison.class.getProtectionDomain().getCodeSource().getLocation());
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!Files.isDirectory(p.resolve("org/furnacewatch/detect"))
          || Files.exists(p.resolve(Feed.class.getName().replace('.', '/') + ".class"))) {
        urls.add(p.toUri().toURL()); // (not the engine of the class path: the builds' own)
      }
    }
    return urls.toArray(URL[]::new);
  }

  /** {@link DetectionEngineBenchmark}'s feed, loaded once per build. */
  public static final class Feed {
    static final int ENTERPRISES = DetectionEngineBenchmark.ENTERPRISES;
    private final DetectionEngine engine;
    private final double[] kwh;
    private final boolean lagged;
    private long ts;
    private boolean phase;

    public Feed(String order) {
      lagged = order.equals("lagged");
      EnterpriseContext ctx = EnterpriseContext.operating("3311", "500102", 1000);
      engine = new DetectionEngine((e, t) -> ctx, ProfileResolver.defaultsOnly(),
          org.furnacewatch.calendar.WorkingCalendar.shipped().days(), f -> { },
          ZoneId.of("Asia/Shanghai"), ENTERPRISES, ENTERPRISES);
      kwh = new double[DetectionEngineBenchmark.TABLE];
      java.util.Random r = new java.util.Random(1);
      for (int i = 0; i < kwh.length; i++) {
        int slot = i % 96;
        kwh[i] = (slot >= 32 && slot < 72 ? 150 : 10) * (1 + 0.05 * r.nextGaussian());
      }
      ts = java.time.LocalDate.of(2025, 1, 6).atStartOfDay(ZoneId.of("Asia/Shanghai"))
          .toEpochSecond() + 900;
    }

    /** Feeds n benchmark calls (a slot of every enterprise each); returns readings accepted. */
    public long slots(int n) {
      int mask = kwh.length - 1;
      for (int i = 0; i < n; i++) {
        long t = ts;
        int slot = (int) ((t / 900) % 96);
        if (!lagged) {
          for (int e = 0; e < ENTERPRISES; e++) {
            engine.onReading(e, e, t, kwh[(e * 97 + slot) & mask]);
          }
          ts = t + 900;
          continue;
        }
        int from = phase ? ENTERPRISES / 2 : 0;
        for (int e = from; e < from + ENTERPRISES / 2; e++) {
          engine.onReading(e, e, t + 900, kwh[(e * 97 + slot + 1) & mask]);
          engine.onReading(e, e, t, kwh[(e * 97 + slot) & mask]);
        }
        ts = phase ? t + 1800 : t;
        phase = !phase;
      }
      return engine.acceptedReadings();
    }
  }
}
