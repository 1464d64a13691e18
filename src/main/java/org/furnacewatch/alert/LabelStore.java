package org.furnacewatch.alert;

import org.furnacewatch.registry.RegistryRepository;

import javax.sql.DataSource;
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

/** Outcomes of alerts checked on site ({@code alert_labels}): the ground truth that backtests are scored against. */
public final class LabelStore {
    /** A label. */
    public record Label(String alertId, String outcome, String cause, String note, String labelledBy, Instant labelledAt) {}

    /** A label joined with its alert: what a backtest matches findings against. */
    public record Labelled(String alertId, String enterprise, String district, String kind, Instant firstTs, Instant lastTs,
                           String outcome, String cause) {}

    private final DataSource db;

    public LabelStore(DataSource db) {
        this.db = db;
    }

    /** Labels an alert (a new label replaces the old one); history and audit rows in the same transaction. */
    public Label label(String alertId, String outcome, String cause, String note, String actor) throws SQLException {
        UUID id = UUID.fromString(alertId);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Label saved;
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO alert_labels (alert_id, outcome, cause, note, labelled_by, labelled_at) VALUES (?,?,?,?,?, now())
                        ON CONFLICT (alert_id) DO UPDATE SET outcome = excluded.outcome, cause = excluded.cause, note = excluded.note,
                            labelled_by = excluded.labelled_by, labelled_at = excluded.labelled_at
                        RETURNING labelled_at""")) {
                    ps.setObject(1, id);
                    ps.setString(2, outcome);
                    ps.setString(3, cause);
                    ps.setString(4, note);
                    ps.setString(5, actor);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        saved = new Label(alertId, outcome, cause, note, actor, rs.getTimestamp(1).toInstant());
                    }
                }
                AlertStore.history(c, id, actor, "LABELLED", outcome + (cause == null ? "" : " " + cause) + (note == null ? "" : ": " + note));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("outcome", outcome);
                detail.put("cause", cause == null ? "" : cause);
                RegistryRepository.audit(c, actor, "LABEL_ALERT", alertId, detail);
                c.commit();
                return saved;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The label of an alert, or null. */
    public Label get(String alertId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT outcome, cause, note, labelled_by, labelled_at FROM alert_labels WHERE alert_id = ?")) {
            ps.setObject(1, UUID.fromString(alertId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Label(alertId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()) : null;
            }
        }
    }

    /** Labelled alerts whose [firstTs, lastTs] overlaps [from, to] widened by {@code margin} seconds; district null = all. */
    public List<Labelled> overlapping(Instant from, Instant to, long marginSeconds, String district) throws SQLException {
        String sql = """
                SELECT a.id, a.enterprise, a.district, a.kind, a.first_ts, a.last_ts, l.outcome, l.cause
                FROM alert_labels l JOIN alerts a ON a.id = l.alert_id
                WHERE a.last_ts >= ? AND a.first_ts <= ?""" + (district == null ? "" : " AND a.district = ?");
        List<Labelled> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from.minusSeconds(marginSeconds)));
            ps.setTimestamp(2, Timestamp.from(to.plusSeconds(marginSeconds)));
            if (district != null) ps.setString(3, district);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Labelled(rs.getObject(1).toString(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }
}
