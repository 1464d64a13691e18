package org.furnacewatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.furnacewatch.alert.AlertStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox. Runs inside the transaction that opens an alert: decides OPEN or SUPPRESSED (silences),
 * then the alert's pipeline {@link SilenceStage} -> {@link SeverityStage} -> {@link RouteStage} (reminder and
 * escalation dated, one delivery row per receiver). Either the alert and all of its deliveries commit, or none.
 */
public final class Outbox implements AlertStore.OpenHook {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private final Silences silences;
    private final Clock clock;
    private final Stage<Opening> pipeline;

    public Outbox(Receivers receivers, Silences silences, RoutingStore routing, Clock clock) {
        this.silences = silences;
        this.clock = clock;
        this.pipeline = Stage.sequence(new SilenceStage(silences), new SeverityStage(), new RouteStage(receivers, routing));
    }

    @Override
    public String initialStatus(Connection c, AlertStore.Resolved r) throws SQLException {
        return silences.active(c, r.creditCode(), r.finding().kind().name(), clock.instant()) == null ? "OPEN" : "SUPPRESSED";
    }

    @Override
    public void opened(Connection c, UUID id, AlertStore.Resolved r, String status) throws SQLException {
        pipeline.exec(new Opening(c, id, r, status, clock.instant()));
    }

    /** One delivery per receiver of {@code route}; a (alert, purpose, receiver) already queued is not queued again. */
    static int enqueue(Connection c, UUID alertId, String purpose, Receivers.Route route, Instant now) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deliveries (alert_id, purpose, district, receiver_key, channel, receiver, idempotency_key,
                    status, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, 'PENDING', 0, ?, ?)
                ON CONFLICT (alert_id, purpose, receiver_key) DO NOTHING""")) {
            for (Map<String, Object> receiver : route.receivers()) {
                String key = Receivers.key(receiver);
                ps.setObject(1, alertId);
                ps.setString(2, purpose);
                ps.setString(3, route.district());
                ps.setString(4, key);
                ps.setString(5, Receivers.channel(receiver));
                ps.setString(6, write(receiver));
                ps.setString(7, idempotencyKey(alertId, purpose, key));
                ps.setTimestamp(8, Timestamp.from(now));
                ps.setTimestamp(9, Timestamp.from(now));
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    /** Stable per (alert, purpose, receiver): the same on every retry and after restarts. */
    static String idempotencyKey(UUID alertId, String purpose, String receiverKey) {
        String h = Signatures.sha256Hex(alertId + "|" + purpose + "|" + receiverKey);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20, 32);
    }

    static void history(Connection c, UUID id, String actor, String action, String note) throws SQLException {
        AlertStore.history(c, id, actor, action, note);
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
