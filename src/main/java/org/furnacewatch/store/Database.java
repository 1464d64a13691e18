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

/** The connection pool and schema of the time-series store (PostgreSQL >= 14, TimescaleDB when present). */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean timescale;

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
        return c;
    }

    public boolean timescale() {
        return timescale;
    }

    /** Applies the migrations, then makes readings a hypertable when TimescaleDB is available. */
    public void migrate() throws SQLException {
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            timescale = available(st, "timescaledb");
            if (timescale) setUpTimescale(st);
        }
        log.info("store ready: {} ({})", url, timescale ? "TimescaleDB hypertable" : "native monthly partitions");
    }

    private static boolean available(Statement st, String extension) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = '" + extension + "'")) {
            return rs.next();
        }
    }

    /** Idempotent: every statement tolerates having run before. Not exercised by the tests here (see README). */
    private static void setUpTimescale(Statement st) throws SQLException {
        st.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        st.execute("SELECT create_hypertable('readings', 'ts', chunk_time_interval => interval '7 days', if_not_exists => true, migrate_data => true)");
        st.execute("ALTER TABLE readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'meter_key', timescaledb.compress_orderby = 'ts')");
        st.execute("SELECT add_compression_policy('readings', interval '30 days', if_not_exists => true)");
        st.execute("""
                CREATE MATERIALIZED VIEW IF NOT EXISTS readings_hourly WITH (timescaledb.continuous) AS
                SELECT meter_key, time_bucket('1 hour', ts) AS bucket, sum(kwh) AS kwh, count(*) AS n
                FROM readings GROUP BY meter_key, bucket WITH NO DATA""");
        st.execute("""
                CREATE MATERIALIZED VIEW IF NOT EXISTS readings_daily WITH (timescaledb.continuous) AS
                SELECT meter_key, time_bucket('1 day', ts, 'Asia/Shanghai') AS bucket, sum(kwh) AS kwh, count(*) AS n
                FROM readings GROUP BY meter_key, bucket WITH NO DATA""");
        st.execute("SELECT add_continuous_aggregate_policy('readings_hourly', start_offset => interval '3 days', end_offset => interval '1 hour', schedule_interval => interval '15 minutes', if_not_exists => true)");
        st.execute("SELECT add_continuous_aggregate_policy('readings_daily', start_offset => interval '30 days', end_offset => interval '1 day', schedule_interval => interval '1 hour', if_not_exists => true)");
    }

    /** True when a trivial query succeeds within a second or two. */
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
