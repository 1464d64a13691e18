package org.furnacewatch.notify;

import org.furnacewatch.registry.RegistryRepository;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Silences: an analyst or admin mutes an enterprise (one kind, or every kind) for a period, with a reason. Findings
 * that open an alert while a silence is active (by the service's clock) become SUPPRESSED alerts: kept and
 * visible, never delivered.
 */
public final class Silences {
    private final DataSource db;
    private final Clock clock;

    public Silences(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record Silence(String id, String enterprise, String kind, Instant startsAt, Instant endsAt, String reason,
                          String createdBy, Instant createdAt, String deletedBy, Instant deletedAt) {
        public boolean activeAt(Instant t) {
            return deletedAt == null && !t.isBefore(startsAt) && t.isBefore(endsAt);
        }
    }

    private static final String COLUMNS = "id, enterprise, kind, starts_at, ends_at, reason, created_by, created_at, deleted_by, deleted_at";

    public Silence create(String enterprise, String kind, Instant startsAt, Instant endsAt, String reason, String actor) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO silences (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,NULL,NULL)")) {
                ps.setObject(1, id);
                ps.setString(2, enterprise);
                ps.setString(3, kind);
                ps.setTimestamp(4, Timestamp.from(startsAt));
                ps.setTimestamp(5, Timestamp.from(endsAt));
                ps.setString(6, reason);
                ps.setString(7, actor);
                ps.setTimestamp(8, Timestamp.from(now));
                ps.executeUpdate();
            }
            RegistryRepository.audit(c, actor, "CREATE_SILENCE", id.toString(), Map.of("enterprise", enterprise,
                    "kind", kind == null ? "*" : kind, "startsAt", startsAt.toString(), "endsAt", endsAt.toString(), "reason", reason));
            c.commit();
        }
        return new Silence(id.toString(), enterprise, kind, startsAt, endsAt, reason, actor, now, null, null);
    }

    /** Ends a silence now; false when there is no such silence or it was already deleted. */
    public boolean delete(String id, String actor) throws SQLException {
        UUID uuid = uuid(id);
        if (uuid == null) return false;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE silences SET deleted_by = ?, deleted_at = ? WHERE id = ? AND deleted_at IS NULL")) {
                ps.setString(1, actor);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                ps.setObject(3, uuid);
                n = ps.executeUpdate();
            }
            if (n > 0) RegistryRepository.audit(c, actor, "DELETE_SILENCE", id, Map.of());
            c.commit();
            return n > 0;
        }
    }

    public Silence get(String id) throws SQLException {
        UUID uuid = uuid(id);
        if (uuid == null) return null;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM silences WHERE id = ?")) {
            ps.setObject(1, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** Silences of an enterprise (or all when null), newest first; only those active now when {@code activeOnly}. */
    public List<Silence> list(String enterprise, boolean activeOnly) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM silences WHERE true");
        if (enterprise != null) sql.append(" AND enterprise = ?");
        if (activeOnly) sql.append(" AND deleted_at IS NULL AND starts_at <= ? AND ends_at > ?");
        sql.append(" ORDER BY created_at DESC LIMIT 1000");
        List<Silence> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (enterprise != null) ps.setString(i++, enterprise);
            if (activeOnly) {
                Timestamp now = Timestamp.from(clock.instant());
                ps.setTimestamp(i++, now);
                ps.setTimestamp(i, now);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
        }
        return out;
    }

    /** The silence covering (enterprise, kind) at {@code at}, read inside the caller's transaction; null when none. */
    Silence active(Connection c, String enterprise, String kind, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " " + """
                 FROM silences WHERE enterprise = ? AND (kind IS NULL OR kind = ?) AND deleted_at IS NULL
                 AND starts_at <= ? AND ends_at > ? ORDER BY ends_at DESC LIMIT 1""")) {
            ps.setString(1, enterprise);
            ps.setString(2, kind);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setTimestamp(4, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static Silence read(ResultSet rs) throws SQLException {
        Timestamp deleted = rs.getTimestamp(10);
        return new Silence(rs.getObject(1).toString(), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                rs.getString(9), deleted == null ? null : deleted.toInstant());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
