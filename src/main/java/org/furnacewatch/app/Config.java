package org.furnacewatch.app;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/** Settings from the environment, as CONTRACT.md "Starting it" names them, plus a few of our own. */
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
        boolean demo) {

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
                demo);
    }

    public boolean embedded() {
        return dbUrl == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
