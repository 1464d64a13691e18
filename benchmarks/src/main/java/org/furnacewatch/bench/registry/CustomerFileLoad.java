package org.furnacewatch.bench.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.furnacewatch.app.Config;
import org.furnacewatch.app.FurnaceWatch;

/**
 * Wall time of {@code POST /api/v1/power-accounts} with a whole customer file in one request over real HTTP: starts
 * the service in-process (embedded PostgreSQL in a temp dir, deleted afterwards), builds {@code accounts} accounts
 * (default 100,000) in 40 districts, one or two meters each, about one site per three accounts, sends them as one
 * JSON array and then as one CSV (the same accounts: every one unchanged, the idempotent path), then a third time
 * with every tenth capacity changed (new dated versions). Prints each request's time and the answer.
 *
 * <pre>./watch bench org.furnacewatch.bench.registry.CustomerFileLoad 100000</pre>
 */
public final class CustomerFileLoad {
  private static final String ADMIN_TOKEN = "bench-admin-token-0123456789";

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dataDir = Files.createTempDirectory("fw-accounts-bench-");
    Config config = Config.fromEnvironment(System.getenv(), java.util.Map.of("WATCH_HTTP_PORT", "0",
        "WATCH_DATA_DIR", dataDir.toString(), "WATCH_ADMIN_TOKEN", ADMIN_TOKEN), false);
    FurnaceWatch app = FurnaceWatch.start(config);
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + app.httpPort();
      byte[] json = json(n, 1).getBytes(StandardCharsets.UTF_8);
      byte[] csv = csv(n, 1).getBytes(StandardCharsets.UTF_8);
      byte[] changed = json(n, 2).getBytes(StandardCharsets.UTF_8);
      send(http, base, "application/json", json, "JSON, all new");
      send(http, base, "text/csv", csv, "CSV, the same accounts (unchanged)");
      send(http, base, "application/json", changed, "JSON, every tenth capacity changed");
    } finally {
      app.close();
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      System.exit(0);
    }
  }

  private static void send(HttpClient http, String base, String type, byte[] body, String what) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/power-accounts"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    long start = System.nanoTime();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - start) / 1e6;
    String answer = res.body().length() > 300 ? res.body().substring(0, 300) + "..." : res.body();
    System.out.printf("%-40s %,12d bytes  %8.0f ms  %d %s%n", what, body.length, ms, res.statusCode(), answer);
  }

  private static String district(int i) {
    return String.format("5101%02d", 4 + i % 40);
  }

  private static String json(int n, int round) {
    StringBuilder b = new StringBuilder(n * 330).append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) b.append(',');
      double kva = (i % 10 == 0 && round == 2) ? 400 + i % 7 * 100 + 50 : 400 + i % 7 * 100;
      b.append("{\"account\":\"").append(5_100_000_000L + i).append("\",\"name\":\"用户").append(i)
          .append("\",\"address\":\"某某街道").append(i / 3).append("号\",\"district\":\"").append(district(i / 3))
          .append("\",\"category\":\"一般工商业\",\"capacityKva\":").append(kva)
          .append(",\"transformer\":\"台区").append(i / 50).append("\",\"openedOn\":\"2024-01-01\",\"meters\":[{\"id\":\"PM")
          .append(i).append("A\",\"point\":\"计量点1\",\"multiplier\":40}");
      if (i % 4 == 0) b.append(",{\"id\":\"PM").append(i).append("B\",\"point\":\"计量点2\",\"multiplier\":1}");
      b.append("]}");
    }
    return b.append(']').toString();
  }

  private static String csv(int n, int round) {
    StringBuilder b = new StringBuilder(n * 200).append("account,name,address,district,category,capacityKva,transformer,openedOn,meter,point,multiplier\n");
    for (int i = 0; i < n; i++) {
      double kva = (i % 10 == 0 && round == 2) ? 400 + i % 7 * 100 + 50 : 400 + i % 7 * 100;
      String head = (5_100_000_000L + i) + ",用户" + i + ",某某街道" + (i / 3) + "号," + district(i / 3) + ",一般工商业," + kva + ",台区" + (i / 50) + ",2024-01-01,";
      b.append(head).append("PM").append(i).append("A,计量点1,40\n");
      if (i % 4 == 0) b.append(head).append("PM").append(i).append("B,计量点2,1\n");
    }
    return b.toString();
  }
}
