package org.furnacewatch.notify;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reminders and escalation for alerts nobody acknowledged: at {@code remind_at} the district's receivers are
 * reminded; at {@code escalate_at} the parent (city) is told. Both times were computed in working hours when so
 * configured. An alert that is ACKED (or has a case) is neither reminded nor escalated. Each step is written with
 * its deliveries in one transaction, so it happens once.
 */
public final class Escalator {
    private final DataSource db;
    private final Receivers receivers;

    public Escalator(DataSource db, Receivers receivers) {
        this.db = db;
        this.receivers = receivers;
    }

    /** Escalates, then reminds, whatever is due at {@code now}; returns the number of alerts acted on. */
    public int run(Instant now) throws SQLException {
        return step(now, true) + step(now, false);
    }

    private int step(Instant now, boolean escalate) throws SQLException {
        String due = escalate ? "escalate_at" : "remind_at";
        String done = escalate ? "escalated_at" : "reminded_at";
        int acted = 0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Object[]> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT r.alert_id, a.district FROM alert_routing r JOIN alerts a ON a.id = r.alert_id"
                        + " WHERE r." + done + " IS NULL AND r." + due + " <= ? AND a.status = 'OPEN'"
                        + (escalate ? "" : " AND r.escalated_at IS NULL")
                        + " ORDER BY r." + due + " LIMIT 200 FOR UPDATE OF r SKIP LOCKED")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) rows.add(new Object[] {rs.getObject(1), rs.getString(2)});
                    }
                }
                for (Object[] row : rows) {
                    UUID id = (UUID) row[0];
                    String district = (String) row[1];
                    Receivers.Route route = escalate ? receivers.above(district) : receivers.forDistrict(district);
                    int n = Outbox.enqueue(c, id, escalate ? "ESCALATION" : "REMINDER", route, now);
                    try (PreparedStatement ps = c.prepareStatement("UPDATE alert_routing SET " + done + " = ?"
                            + (escalate ? ", reminded_at = coalesce(reminded_at, ?)" : "") + " WHERE alert_id = ?")) {
                        ps.setTimestamp(1, Timestamp.from(now));
                        if (escalate) {
                            ps.setTimestamp(2, Timestamp.from(now));
                            ps.setObject(3, id);
                        } else {
                            ps.setObject(2, id);
                        }
                        ps.executeUpdate();
                    }
                    String note = escalate
                            ? (route.district() == null ? "未确认，但上级无接收方 (no receiver above)" : "未在时限内确认，升级至 " + route.district() + "（" + n + " 个接收方）")
                            : "未确认提醒（" + n + " 个接收方）";
                    Outbox.history(c, id, "routing", escalate ? "ESCALATED" : "REMINDED", note);
                    acted++;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return acted;
    }
}
