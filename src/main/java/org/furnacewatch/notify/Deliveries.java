package org.furnacewatch.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.furnacewatch.registry.RegistryRepository;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery rows: claimed by the worker (leased so no two attempts of one row overlap), then marked DELIVERED in
 * the transaction that records the 2xx, re-dated for a retry, or PARKED for an admin to look at.
 */
public final class Deliveries {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private static final String COLUMNS = """
            id, alert_id, purpose, district, channel, receiver::text, idempotency_key, status, attempts, next_attempt_at,
            last_error, payload, created_at, delivered_at, parked_at""";
    private final DataSource db;

    public Deliveries(DataSource db) {
        this.db = db;
    }

    public record Delivery(long id, UUID alertId, String purpose, String district, String channel,
                           Map<String, Object> receiver, String idempotencyKey, String status, int attempts,
                           Instant nextAttemptAt, String lastError, String payload, Instant createdAt,
                           Instant deliveredAt, Instant parkedAt) {}

    /** After a restart no attempt is in flight: leases held by the previous run are released. */
    public int releaseLeases() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE deliveries SET leased = false WHERE leased AND status = 'PENDING'")) {
            return ps.executeUpdate();
        }
    }

    /** Leases up to {@code limit} pending deliveries due at {@code now}, oldest due first. */
    public List<Delivery> claim(Instant now, int limit) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE deliveries SET leased = true WHERE id IN (
                    SELECT id FROM deliveries WHERE status = 'PENDING' AND NOT leased AND next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
        }
        return out;
    }

    /** Stores the rendered payload once; every later attempt sends exactly this text. Returns the stored payload. */
    public String savePayload(long id, String payload) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE deliveries SET payload = coalesce(payload, ?) WHERE id = ? RETURNING payload")) {
            ps.setString(1, payload);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : payload;
            }
        }
    }

    /** The receiver answered 2xx: DELIVERED, never sent again. False if the row was no longer pending. */
    public boolean delivered(long id, Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE deliveries SET status = 'DELIVERED', attempts = attempts + 1, leased = false, delivered_at = ?,
                    last_error = NULL WHERE id = ? AND status = 'PENDING'""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** A failed attempt: retried at {@code next}, or PARKED when {@code next} is null. */
    public void failed(long id, String error, Instant now, Instant next) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(next == null ? """
                UPDATE deliveries SET status = 'PARKED', attempts = attempts + 1, leased = false, last_error = ?, parked_at = ?
                WHERE id = ? AND status = 'PENDING'""" : """
                UPDATE deliveries SET attempts = attempts + 1, leased = false, last_error = ?, next_attempt_at = ?
                WHERE id = ? AND status = 'PENDING'""")) {
            ps.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.setTimestamp(2, Timestamp.from(next == null ? now : next));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** An admin sends a parked delivery again: PENDING, attempts from zero, due now; audited. */
    public boolean retry(long id, String actor, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE deliveries SET status = 'PENDING', attempts = 0, next_attempt_at = ?, parked_at = NULL, leased = false
                    WHERE id = ? AND status = 'PARKED'""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setLong(2, id);
                n = ps.executeUpdate();
            }
            if (n > 0) RegistryRepository.audit(c, actor, "RETRY_DELIVERY", String.valueOf(id), Map.of());
            c.commit();
            return n > 0;
        }
    }

    public Delivery get(long id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deliveries WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** Deliveries by status and/or alert (null = any), newest first. */
    public List<Delivery> list(String status, String alertId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM deliveries WHERE true");
        if (status != null) sql.append(" AND status = ?");
        if (alertId != null) sql.append(" AND alert_id = ?");
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        List<Delivery> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (status != null) ps.setString(i++, status);
            if (alertId != null) ps.setObject(i, UUID.fromString(alertId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
        }
        return out;
    }

    /** Rows per status, for the gauges. */
    public Map<String, Long> countByStatus() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>(Map.of("PENDING", 0L, "DELIVERED", 0L, "PARKED", 0L));
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT status, count(*) FROM deliveries WHERE status <> 'DELIVERED' GROUP BY status")) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    private static Delivery read(ResultSet rs) throws SQLException {
        Map<String, Object> receiver;
        try {
            receiver = JSON.readValue(rs.getString(6), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new SQLException("unreadable receiver of delivery " + rs.getLong(1), e);
        }
        return new Delivery(rs.getLong(1), (UUID) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5),
                receiver, rs.getString(7), rs.getString(8), rs.getInt(9), rs.getTimestamp(10).toInstant(), rs.getString(11),
                rs.getString(12), rs.getTimestamp(13).toInstant(), instant(rs.getTimestamp(14)), instant(rs.getTimestamp(15)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
