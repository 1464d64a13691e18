package org.furnacewatch.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings from the environment, as CONTRACT.md "Starting it" names them, plus a few of our own. This is the one
 * place the service reads its environment; parts get what they need from here.
 */
public record Config(
        int httpPort,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Path dataDir,
        String adminToken,
        ZoneId zone,
        long maxBodyBytes,
        int maxPendingRows,
        int maxRowsPerCommit,
        boolean demo,
        /* a request body that stops arriving this long is answered 408 */
        Duration bodyIdleTimeout,
        /* HTTP verticle instances: one event loop each */
        int httpInstances,
        /* threads of the named worker pool that runs blocking JDBC for requests */
        int blockingThreads,
        /* base of evidence links; null: http://127.0.0.1:<port> */
        String publicUrl,
        /* readings detection may be behind before ingest answers 503 */
        long maxDetectionPending,
        /* blocking tasks queued for the worker pool before requests are answered 503 */
        int maxBlockingQueue,
        /* the feed quiet this long: the uploads delivered are whole, their last half-days judged */
        Duration settleQuiet,
        /* the whole environment, for parts with settings of their own (WATCH_SMTP_*) */
        Map<String, String> environment) {

    public static Config fromEnvironment(Map<String, String> env, boolean demo) {
        return new Config(
                Integer.parseInt(env.getOrDefault("WATCH_HTTP_PORT", "8080")),
                blankToNull(env.get("WATCH_DB_URL")),
                env.getOrDefault("WATCH_DB_USER", "postgres"),
                blankToNull(env.get("WATCH_DB_PASSWORD")),
                Path.of(env.getOrDefault("WATCH_DATA_DIR", "./data")),
                blankToNull(env.get("WATCH_ADMIN_TOKEN")),
                ZoneId.of(env.getOrDefault("WATCH_ZONE", "Asia/Shanghai")),
                Long.parseLong(env.getOrDefault("WATCH_MAX_BODY_BYTES", String.valueOf(256L << 20))),
                Integer.parseInt(env.getOrDefault("WATCH_MAX_PENDING_ROWS", "2000000")),
                Integer.parseInt(env.getOrDefault("WATCH_MAX_ROWS_PER_COMMIT", "100000")),
                demo,
                Duration.ofMillis((long) (1000 * Double.parseDouble(env.getOrDefault("WATCH_BODY_IDLE_SECONDS", "30")))),
                Integer.parseInt(env.getOrDefault("WATCH_HTTP_INSTANCES", String.valueOf(Runtime.getRuntime().availableProcessors()))),
                Integer.parseInt(env.getOrDefault("WATCH_BLOCKING_THREADS", "16")),
                blankToNull(env.get("WATCH_PUBLIC_URL")),
                Long.parseLong(env.getOrDefault("WATCH_MAX_DETECTION_PENDING", "4000000")),
                Integer.parseInt(env.getOrDefault("WATCH_MAX_BLOCKING_QUEUE", "1000")),
                Duration.ofMillis((long) (1000 * Double.parseDouble(env.getOrDefault("WATCH_SETTLE_QUIET_SECONDS", "30")))),
                Map.copyOf(new HashMap<>(env)));
    }

    /** The same settings with a few environment entries replaced (tests, benchmarks). */
    public static Config fromEnvironment(Map<String, String> base, Map<String, String> overrides, boolean demo) {
        Map<String, String> env = new HashMap<>(base);
        env.putAll(overrides);
        return fromEnvironment(env, demo);
    }

    public boolean embedded() {
        return dbUrl == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
