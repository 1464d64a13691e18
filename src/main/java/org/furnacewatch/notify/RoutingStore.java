package org.furnacewatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import org.furnacewatch.registry.RegistryRepository;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The routing configuration in PostgreSQL, cached; a change is audited and re-dates the pending escalations. */
public final class RoutingStore {
    private final DataSource db;
    private final Clock clock;
    private final ZoneId zone;
    private volatile RoutingConfig current = RoutingConfig.DEFAULT;
    private volatile String updatedBy = "default";
    private volatile Instant updatedAt;

    public RoutingStore(DataSource db, Clock clock, ZoneId zone) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
    }

    public void load() throws SQLException {
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT config::text, updated_by, updated_at FROM routing_config WHERE id = 1")) {
            if (rs.next()) {
                current = RoutingConfig.parse(rs.getString(1));
                updatedBy = rs.getString(2);
                updatedAt = rs.getTimestamp(3).toInstant();
            }
        }
    }

    public RoutingConfig current() {
        return current;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Applies the fields in {@code changes} (validated, {@link RoutingConfig.Invalid} on a bad one), audited as {@code actor}. */
    public synchronized RoutingConfig update(JsonNode changes, String actor) throws SQLException {
        RoutingConfig next = current.merge(changes);
        Instant now = clock.instant();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO routing_config (id, config, updated_at, updated_by) VALUES (1, ?::jsonb, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET config = EXCLUDED.config, updated_at = EXCLUDED.updated_at,
                            updated_by = EXCLUDED.updated_by""")) {
                    ps.setString(1, next.toJson().toString());
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, actor);
                    ps.executeUpdate();
                }
                RegistryRepository.audit(c, actor, "PUT_ROUTING", "routing",
                        Map.of("before", current.toJson().toString(), "after", next.toJson().toString()));
                redate(c, next);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        current = next;
        updatedBy = actor;
        updatedAt = now;
        return next;
    }

    /** The reminder and escalation times of an alert opened at {@code opened} under {@code config}. */
    Instant[] dueTimes(RoutingConfig config, Instant opened) {
        WorkingTime wt = config.clock(zone);
        Instant escalate = wt.plus(opened, config.ackDeadline());
        Instant remind = config.reminds() ? wt.plus(opened, config.ackDeadline().minus(config.reminderLead())) : null;
        return new Instant[] {remind, escalate};
    }

    /** Open alerts not yet escalated get due times under the new configuration. */
    private void redate(Connection c, RoutingConfig config) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.alert_id, r.opened_at FROM alert_routing r JOIN alerts a ON a.id = r.alert_id
                WHERE a.status = 'OPEN' AND r.escalated_at IS NULL""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rows.add(new Object[] {rs.getObject(1), rs.getTimestamp(2).toInstant()});
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_routing SET remind_at = ?, escalate_at = ? WHERE alert_id = ?")) {
            for (Object[] row : rows) {
                Instant[] due = dueTimes(config, (Instant) row[1]);
                ps.setTimestamp(1, due[0] == null ? null : Timestamp.from(due[0]));
                ps.setTimestamp(2, Timestamp.from(due[1]));
                ps.setObject(3, (UUID) row[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** When each of {@code alertIds} is escalated unless acknowledged (its acknowledgement deadline); absent when none. */
    public java.util.Map<String, Instant> ackDeadlines(java.util.Collection<String> alertIds) throws SQLException {
        java.util.Map<String, Instant> out = new java.util.HashMap<>();
        if (alertIds.isEmpty()) return out;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT alert_id, escalate_at FROM alert_routing WHERE alert_id = ANY (?) AND escalate_at IS NOT NULL")) {
            ps.setArray(1, c.createArrayOf("uuid", alertIds.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getObject(1).toString(), rs.getTimestamp(2).toInstant());
            }
        }
        return out;
    }
}
