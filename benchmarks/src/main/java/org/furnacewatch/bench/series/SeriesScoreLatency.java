package org.furnacewatch.bench.series;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Random;
import org.furnacewatch.app.Config;
import org.furnacewatch.app.FurnaceWatch;

/**
 * Wall time of {@code POST /api/v1/series/score} with 100,000 rows over real HTTP: starts the service
 * in-process (embedded PostgreSQL in a temp dir, deleted afterwards), posts the same CSV body (a daily
 * cycle at 5-minute steps with noise and a level shift, ~3.4 MB) {@code rounds} times one after another
 * on one connection, and prints each round's time from sending to the whole answer read, and the median.
 * It waits {@code -DsettleMs} (3,000) after start, as the route warms itself in the background; with
 * {@code -DsettleMs=0} the first round shows a cold service.
 *
 * <pre>./watch bench org.furnacewatch.bench.series.SeriesScoreLatency 20</pre>
 */
public final class SeriesScoreLatency {
  private static final String ADMIN_TOKEN = "bench-admin-token-0123456789";

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rows = 100_000;
    StringBuilder csv = new StringBuilder(rows * 40).append("timestamp,value\n");
    Random r = new Random(1);
    OffsetDateTime t0 = OffsetDateTime.parse("2025-01-01T00:05:00+08:00");
    for (int i = 0; i < rows; i++) {
      double v = 500 + 200 * Math.sin(2 * Math.PI * i / 288) + 15 * r.nextGaussian() + (i >= 80_000 ? 100 : 0);
      csv.append(t0.plusMinutes(5L * i)).append(',').append(String.format("%.3f", v)).append('\n');
    }
    byte[] body = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Path dataDir = Files.createTempDirectory("fw-series-bench-");
    Config config = Config.fromEnvironment(System.getenv(), java.util.Map.of("WATCH_HTTP_PORT", "0",
        "WATCH_DATA_DIR", dataDir.toString(), "WATCH_ADMIN_TOKEN", ADMIN_TOKEN), false);
    FurnaceWatch app = FurnaceWatch.start(config);
    long settle = Long.getLong("settleMs", 3000);
    Thread.sleep(settle); // the route warms its parser and scorer in the background at start
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/series/score"))
          .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/csv")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      double[] ms = new double[rounds];
      for (int k = 0; k < rounds; k++) {
        long start = System.nanoTime();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        ms[k] = (System.nanoTime() - start) / 1e6;
        long lines = res.body().lines().count();
        if (res.statusCode() != 200 || lines != rows + 1) {
          throw new IllegalStateException("answer " + res.statusCode() + " with " + lines + " lines");
        }
        System.out.printf("round %2d: %7.1f ms (%,d bytes sent, %,d received)%n", k + 1, ms[k], body.length,
            res.body().length());
      }
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      System.out.printf("100,000 rows: median %.1f ms, best %.1f ms, worst %.1f ms over %d rounds (first includes warm-up)%n",
          sorted[rounds / 2], sorted[0], sorted[rounds - 1], rounds);
    } finally {
      app.close();
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      System.exit(0);
    }
  }
}
