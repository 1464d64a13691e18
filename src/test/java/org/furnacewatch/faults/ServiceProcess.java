package org.furnacewatch.faults;

import org.furnacewatch.app.Main;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as a separate JVM (same java binary, the build's classes and libraries), with an embedded
 * PostgreSQL under its data directory. Its output goes to a log file the test reads (the embedded
 * server's port is in it).
 */
final class ServiceProcess {
    static final String ADMIN = "fault-test-admin-token";
    private static final Pattern PG_PORT = Pattern.compile("embedded PostgreSQL on 127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int httpPort;

    private ServiceProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    static ServiceProcess start(Path dataDir, int httpPort, Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:+UseSerialGC", "-cp", classpath(), Main.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WATCH_"));
        pb.environment().put("WATCH_DATA_DIR", dataDir.toString());
        pb.environment().put("WATCH_HTTP_PORT", String.valueOf(httpPort));
        pb.environment().put("WATCH_ADMIN_TOKEN", ADMIN);
        return new ServiceProcess(pb.start(), log, httpPort);
    }

    /** target/classes and target/lib/* of this build; the test JVM's class path when there is no target/lib. */
    private static String classpath() {
        try {
            Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = classes.resolveSibling("lib");
            if (Files.isDirectory(classes) && Files.isDirectory(lib)) {
                return classes + File.pathSeparator + lib.resolve("*");
            }
        } catch (Exception ignored) {
            // fall through
        }
        return System.getProperty("java.class.path");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    Process process() {
        return process;
    }

    /** Waits for GET /health/ready to answer 200; fails early with the log when the process dies. */
    void awaitReady(Duration timeout) {
        Deadline.await("service ready at " + baseUrl(), timeout, () -> {
            if (!process.isAlive()) throw new AssertionError("service exited (" + process.exitValue() + ") before ready:\n" + logTail());
            return health() == 200;
        }, this::logTail);
    }

    /** The status of GET /health/ready, or -1 when nothing answers. */
    int health() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A JDBC connection to the embedded PostgreSQL this process started (its port is in the log). */
    Connection jdbc() throws SQLException {
        Matcher m = PG_PORT.matcher(logText());
        int port = -1;
        while (m.find()) port = Integer.parseInt(m.group(1));
        if (port < 0) throw new AssertionError("no embedded PostgreSQL port in the log:\n" + logTail());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null);
    }

    /** SIGKILL; returns the exit code (137 on Linux). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("process survived SIGKILL");
        return process.exitValue();
    }

    /** SIGTERM; returns the exit code, or throws when the process is still running after the timeout. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("service did not stop within " + timeout + " of SIGTERM:\n" + logTail());
        }
        return process.exitValue();
    }

    /** Best effort at the end of a test: SIGTERM, then SIGKILL when it hangs. */
    void stopQuietly() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Keeps the log under target/fault-logs (the temporary directory goes away with the test). */
    void keepLog(String name) {
        try {
            Path dir = Path.of("target", "fault-logs");
            Files.createDirectories(dir);
            Files.copy(log, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            // diagnostics only
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logTail() {
        String s = logText();
        return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    }

    // ---- the embedded PostgreSQL under a data directory, seen from outside ----

    /** True when the data directory's postmaster.pid names a live process. */
    static boolean postgresRunning(Path dataDir) {
        Path pid = dataDir.resolve("pg-cluster").resolve("postmaster.pid");
        try {
            if (!Files.exists(pid)) return false;
            String first = Files.readAllLines(pid).getFirst().trim();
            return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Stops a PostgreSQL left running under the data directory (as nobody when we are root). */
    static void stopLeftoverPostgres(Path dataDir) throws IOException, InterruptedException {
        Path cluster = dataDir.resolve("pg-cluster");
        if (!Files.exists(cluster.resolve("postmaster.pid"))) return;
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        cmd.addAll(List.of(dataDir.resolve("pg-bin").resolve("bin").resolve("pg_ctl").toString(),
                "-D", cluster.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) p.destroyForcibly();
    }
}
