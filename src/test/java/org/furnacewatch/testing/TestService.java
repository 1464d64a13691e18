package org.furnacewatch.testing;

import org.furnacewatch.app.Config;
import org.furnacewatch.app.FurnaceWatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real service per test JVM: embedded PostgreSQL in a temporary directory, real HTTP on a free port.
 * Test classes share it and keep out of each other's way by using their own district and meter ids.
 */
public final class TestService {
    public static final String ADMIN = "test-admin-token";
    private static FurnaceWatch service;
    private static Api admin;
    private static final AtomicInteger districtSeq = new AtomicInteger(100);

    private TestService() {}

    public static synchronized FurnaceWatch get() {
        if (service == null) {
            try {
                Path dir = Files.createTempDirectory("fw-test-");
                service = FurnaceWatch.start(config(dir, null, 0));
                Runtime.getRuntime().addShutdownHook(new Thread(service::close));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the service for tests", e);
            }
        }
        return service;
    }

    public static Config config(Path dataDir, String dbUrl, int port) {
        return config(dataDir, dbUrl, port, Map.of());
    }

    /** {@link #config(Path, String, int)} with some settings replaced. */
    public static Config config(Path dataDir, String dbUrl, int port, Map<String, String> overrides) {
        return Config.fromEnvironment(Map.of(
                "WATCH_DATA_DIR", dataDir.toString(),
                "WATCH_HTTP_PORT", String.valueOf(port),
                "WATCH_ADMIN_TOKEN", ADMIN,
                "WATCH_DB_URL", dbUrl == null ? "" : dbUrl,
                "WATCH_MAX_BODY_BYTES", String.valueOf(8L << 20),
                "WATCH_BODY_IDLE_SECONDS", "2"), overrides, false);
    }

    public static synchronized Api admin() {
        if (admin == null) admin = new Api("http://127.0.0.1:" + get().httpPort(), ADMIN);
        return admin;
    }

    /** A fresh six-digit district code for a test class (5001xx, under city 500000). */
    public static String newDistrictCode() {
        return "5001" + String.format("%02d", districtSeq.incrementAndGet() % 100);
    }

    public static ZoneId zone() {
        return ZoneId.of("Asia/Shanghai");
    }
}
