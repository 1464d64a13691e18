package org.furnacewatch.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Queues a deadline's reminder or escalation (cases.DeadlineChaser) in the alert outbox: one delivery per receiver with
 * the payload already rendered, so the delivery worker sends it through the same channels, retries and parking as an
 * alert (webhook, e-mail, SMS). A (deadline, purpose, receiver) is queued once.
 */
public final class ChaseOutbox {
    private ChaseOutbox() {}

    /** @param render the payload for one receiver (webhook JSON, or {subject, text} for e-mail, or {to, text} for SMS) */
    public static int enqueue(Connection c, String chaseKey, String purpose, Receivers.Route route,
                              Function<Map<String, Object>, String> render, Instant now) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deliveries (chase_key, purpose, district, receiver_key, channel, receiver, idempotency_key,
                    status, attempts, next_attempt_at, created_at, payload)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, 'PENDING', 0, ?, ?, ?)
                ON CONFLICT (chase_key, purpose, receiver_key) WHERE chase_key IS NOT NULL DO NOTHING""")) {
            for (Map<String, Object> receiver : route.receivers()) {
                String key = Receivers.key(receiver);
                String h = Signatures.sha256Hex(chaseKey + "|" + purpose + "|" + key);
                ps.setString(1, chaseKey);
                ps.setString(2, purpose);
                ps.setString(3, route.district());
                ps.setString(4, key);
                ps.setString(5, Receivers.channel(receiver));
                ps.setString(6, org.furnacewatch.codec.Json.MAPPER.valueToTree(receiver).toString());
                ps.setString(7, h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20, 32));
                ps.setTimestamp(8, Timestamp.from(now));
                ps.setTimestamp(9, Timestamp.from(now));
                ps.setString(10, render.apply(receiver));
                n += ps.executeUpdate();
            }
        }
        return n;
    }
}
