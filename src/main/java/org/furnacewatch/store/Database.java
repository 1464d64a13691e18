package org.furnacewatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;

/** The connection pool and schema of the time-series store (PostgreSQL >= 14, TimescaleDB when present). */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean timescale;
    private volatile StoreInfo info;
    private ZoneId zone;
    private Aggregates.View hourly;
    private Aggregates.View daily;

    public Database(String url, String user, String password, int poolSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        if (password != null) cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("watch-db");
        // Start even when the store is down: ingest answers 503 until it comes back.
        cfg.setInitializationFailTimeout(-1);
        cfg.setConnectionTimeout(3000);
        cfg.setValidationTimeout(2000);
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        cfg.addDataSourceProperty("tcpKeepAlive", "true");
        this.pool = new HikariDataSource(cfg);
    }

    public DataSource pool() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** A connection outside the pool, for the ingest writer which holds one for a long time. */
    public Connection dedicatedConnection() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setAutoCommit(false);
        if (timescale) {
            // A correction or re-send into compressed history decompresses the segments it touches; TimescaleDB
            // stops a transaction at 100,000 decompressed rows by default, which one group commit can exceed.
            try (Statement st = c.createStatement()) {
                st.execute("SET timescaledb.max_tuples_decompressed_per_dml_transaction = 0");
            }
            c.commit();
        }
        return c;
    }

    /** Whether readings is a TimescaleDB hypertable (decided by {@link #migrate}). */
    public boolean timescale() {
        return timescale;
    }

    /** What the store runs on, as found by {@link #migrate}: logged at start and served at {@code GET /api/v1/store}. */
    public StoreInfo info() {
        return info;
    }

    /**
     * What start-up found: the server's version, how readings is stored ({@code "timescaledb"}: a hypertable with
     * compression and continuous aggregates; {@code "partitions"}: native monthly partitions), TimescaleDB's version on
     * the server (null: not installed) and in this database, whether shared_preload_libraries names it (null: may not
     * be read by this role), and why TimescaleDB is not used when it is installed.
     */
    public record StoreInfo(String server, String layout, String timescaleAvailable, String timescaleInstalled,
                            Boolean preloaded, String note) {
        public String describe() {
            return "timescaledb".equals(layout)
                    ? "TimescaleDB " + timescaleInstalled + " on " + server + ": readings is a hypertable (7-day chunks, compressed after 30 days), "
                      + "hourly and daily continuous aggregates"
                    : "native monthly partitions on " + server + (note == null ? "" : " (" + note + ")");
        }
    }

    /** Applies the migrations with daily aggregates in Asia/Shanghai. */
    public void migrate() throws SQLException {
        migrate(ZoneId.of("Asia/Shanghai"));
    }

    /**
     * Decides whether TimescaleDB can be used (installed on the server AND in shared_preload_libraries: an extension
     * that is installed but not preloaded cannot be created, and start-up falls back to native partitions rather
     * than fail), applies the migrations, then makes readings a hypertable with compression and the continuous
     * aggregates of {@link Aggregates}, whose daily buckets are local days of {@code zone}.
     */
    public void migrate(ZoneId zone) throws SQLException {
        this.zone = zone;
        String note = null;
        String server, available, installed;
        Boolean preloaded;
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            server = single(st, "SELECT 'PostgreSQL ' || current_setting('server_version')");
            available = single(st, "SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'");
            installed = single(st, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'");
            preloaded = preloaded(st);
            if (available == null) {
                note = "TimescaleDB is not installed on this server";
            } else if (installed == null && Boolean.FALSE.equals(preloaded)) {
                note = "TimescaleDB " + available + " is installed on the server but shared_preload_libraries does not name it; "
                       + "add timescaledb there and restart PostgreSQL to use it";
            } else if (installed == null) {
                // on a connection of its own: without the preload the server ends the session (FATAL)
                try (Connection own = DriverManager.getConnection(url, user, password); Statement ost = own.createStatement()) {
                    ost.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
                    installed = single(ost, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'");
                } catch (SQLException e) {
                    note = "TimescaleDB " + available + " is installed on the server but CREATE EXTENSION failed: " + firstLine(e.getMessage());
                }
            }
        }
        // Out of order: parts are built side by side and number their migrations by range (V10 sites, V20 cases,
        // V30 console, V40 runtime); a database already past V41 still takes a V22 that landed later.
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        if (installed != null) {
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                if (Boolean.FALSE.equals(preloaded)) {
                    note = "the timescaledb extension exists in this database but shared_preload_libraries does not name it; "
                           + "add timescaledb there and restart PostgreSQL";
                } else if (single(st, "SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = 'readings'") != null) {
                    note = "readings was created with native partitions before TimescaleDB could be used and stays so "
                           + "(deploy/README.md: moving it to a hypertable)";
                } else {
                    setUpTimescale(st, zone);
                    timescale = true;
                }
            }
        }
        info = new StoreInfo(server, timescale ? "timescaledb" : "partitions", available, installed, preloaded, timescale ? null : note);
        if (available != null && !timescale) log.warn("store: {}", info.describe());
        else log.info("store: {}", info.describe());
        log.info("store ready: {}", url);
    }

    /** True/false from shared_preload_libraries; null when this role may not read it (not superuser, no pg_read_all_settings). */
    private static Boolean preloaded(Statement st) {
        try {
            String libs = single(st, "SELECT current_setting('shared_preload_libraries')");
            if (libs == null) return false;
            for (String l : libs.split(",")) {
                String name = l.trim().replace("\"", "");
                if (name.equals("timescaledb") || name.startsWith("timescaledb-") || name.endsWith("/timescaledb")) return true;
            }
            return false;
        } catch (SQLException e) {
            return null;
        }
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Idempotent: every statement tolerates having run before. The continuous aggregates carry a comment naming their
     * definition; one made by an earlier version (buckets on the interval start) or for another zone is dropped and
     * made again, and the aggregate refresher fills it.
     */
    private void setUpTimescale(Statement st, ZoneId zone) throws SQLException {
        st.execute("SELECT create_hypertable('readings', 'ts', chunk_time_interval => interval '7 days', if_not_exists => true, migrate_data => true)");
        if (single(st, "SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'readings' AND compression_enabled") == null) {
            st.execute("ALTER TABLE readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'meter_key', timescaledb.compress_orderby = 'ts')");
        }
        st.execute("SELECT add_compression_policy('readings', interval '30 days', if_not_exists => true)");
        hourly = ensureAggregate(st, "readings_hourly", ReadingQueries.Step.PT1H, "1 hour", zone);
        daily = ensureAggregate(st, "readings_daily", ReadingQueries.Step.P1D, "1 day", zone);
    }

    private static Aggregates.View ensureAggregate(Statement st, String name, ReadingQueries.Step step, String width, ZoneId zone)
            throws SQLException {
        String z = zone.getId().replace("'", "''");
        String tag = "furnace-watch: " + width + " buckets (D, D + width] on interval ends, zone " + z;
        String comment = single(st, "SELECT obj_description(to_regclass('" + name + "'), 'pg_class')");
        if (comment != null && !comment.equals(tag) || comment == null && single(st, "SELECT to_regclass('" + name + "')") != null) {
            log.info("continuous aggregate {} has an older definition ({}): making it again", name, comment);
            st.execute("DROP MATERIALIZED VIEW " + name);
        }
        st.execute("""
                CREATE MATERIALIZED VIEW IF NOT EXISTS %s WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
                SELECT meter_key, time_bucket('%s', ts, '%s', "offset" => interval '1 microsecond') AS bucket,
                       sum(kwh) AS kwh, count(kwh) AS n
                FROM readings GROUP BY meter_key, bucket WITH NO DATA""".formatted(name, width, z));
        st.execute("COMMENT ON VIEW " + name + " IS '" + tag + "'");
        // A backstop for writers other than this service; the service refreshes after its own commits (Aggregates).
        // (ending a bucket before now, like the service's refresher, so that live ingest logs no invalidations).
        // Made again at every start: add_continuous_aggregate_policy refuses a policy whose window differs from the one
        // there, so an older version's policy would otherwise stop the service.
        st.execute("SELECT remove_continuous_aggregate_policy('" + name + "', if_exists => true)");
        st.execute("SELECT add_continuous_aggregate_policy('" + name + "', start_offset => NULL, end_offset => interval '" + width + "', "
                   + "schedule_interval => interval '1 hour')");
        try (ResultSet rs = st.executeQuery("""
                SELECT a.mat_hypertable_id, a.raw_hypertable_id FROM _timescaledb_catalog.continuous_agg a
                WHERE a.user_view_schema = current_schema() AND a.user_view_name = '%s'""".formatted(name))) {
            if (!rs.next()) throw new SQLException("continuous aggregate " + name + " not found in the catalogue");
            return new Aggregates.View(name, step, rs.getInt(1), rs.getInt(2));
        }
    }

    /** The continuous aggregates and their refresher, or null without TimescaleDB. Call once, after {@link #migrate}. */
    public Aggregates openAggregates() {
        return timescale ? new Aggregates(this, zone, hourly, daily) : null;
    }

    /** True when a trivial query succeeds within a second or two. */
    /**
     * Whether the pool holds any connection. After an outage the pool refills on its own backoff (up to 5 s
     * between attempts), seconds after the writer's own connection is back; until then every read waits out the
     * connection timeout and answers 503.
     */
    public boolean poolConnected() {
        var bean = pool.getHikariPoolMXBean();
        return bean != null && bean.getTotalConnections() > 0;
    }

    public boolean ping() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            st.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
