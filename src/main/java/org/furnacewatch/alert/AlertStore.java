package org.furnacewatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.furnacewatch.detect.Finding;
import org.furnacewatch.ingest.Timestamps;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alerts in PostgreSQL. A finding either extends the open alert of its enterprise and kind or opens one;
 * an episode already recorded (a replay after restart) changes nothing that was closed.
 */
public final class AlertStore {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private final DataSource db;
    private final ZoneId zone;
    private volatile OpenHook hook = OpenHook.NONE;

    public AlertStore(DataSource db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    /** A finding for an enterprise, resolved to the registry's identity and its status (OPERATING, BANNED, ...) then. */
    public record Resolved(Finding finding, String creditCode, String district, String enterpriseStatus,
                           Map<String, Object> context, String account) {
        public Resolved(Finding finding, String creditCode, String district, String enterpriseStatus, Map<String, Object> context) {
            this(finding, creditCode, district, enterpriseStatus, context, null);
        }

        public Resolved(Finding finding, String creditCode, String district, String enterpriseStatus) {
            this(finding, creditCode, district, enterpriseStatus, Map.of());
        }

        public Resolved(Finding finding, String creditCode, String district) {
            this(finding, creditCode, district, null);
        }
    }

    /**
     * Runs inside the transaction that opens an alert, so what it writes (the delivery outbox) commits or rolls back
     * with the alert.
     */
    public interface OpenHook {
        OpenHook NONE = new OpenHook() {
            @Override
            public String initialStatus(Connection c, Resolved r) {
                return "OPEN";
            }

            @Override
            public void opened(Connection c, UUID id, Resolved r, String status) {}
        };

        /** The status a new alert starts in: OPEN, or SUPPRESSED while a silence covers it. */
        String initialStatus(Connection c, Resolved r) throws SQLException;

        /** Called after the alert row is written, in the same transaction. */
        void opened(Connection c, UUID id, Resolved r, String status) throws SQLException;
    }

    public void onOpen(OpenHook hook) {
        this.hook = hook;
    }

    /** Applies findings in one transaction; returns the alerts that were newly opened. */
    public List<String> apply(List<Resolved> findings) throws SQLException {
        List<String> opened = new ArrayList<>();
        if (findings.isEmpty()) return opened;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Resolved r : findings) {
                    String id = applyOne(c, r);
                    if (id != null) opened.add(id);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        return opened;
    }

    private String applyOne(Connection c, Resolved r) throws SQLException {
        Finding f = r.finding();
        String subject = r.creditCode() != null ? r.creditCode() : "户号:" + r.account();
        String episode = subject + ":" + f.kind() + ":" + f.firstTs();
        UUID known = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT alert_id FROM alert_episodes WHERE episode_key = ?")) {
            ps.setString(1, episode);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) known = (UUID) rs.getObject(1);
            }
        }
        if (known != null) {
            extend(c, known, f, false, r.context());
            return null;
        }
        UUID open = null;
        try (PreparedStatement ps = c.prepareStatement(r.creditCode() != null
                ? "SELECT id FROM alerts WHERE enterprise = ? AND kind = ? AND status IN ('OPEN','ACKED') FOR UPDATE"
                : "SELECT id FROM alerts WHERE enterprise IS NULL AND account = ? AND kind = ? AND status IN ('OPEN','ACKED') FOR UPDATE")) {
            ps.setString(1, r.creditCode() != null ? r.creditCode() : r.account());
            ps.setString(2, f.kind().name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) open = (UUID) rs.getObject(1);
            }
        }
        if (open != null) {
            extend(c, open, f, true, r.context());
            recordEpisode(c, episode, open);
            return null;
        }
        UUID id = UUID.randomUUID();
        String status = hook.initialStatus(c, r);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO alerts (id, enterprise, district, kind, score, status, first_ts, last_ts, summary, evidence, account)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
            ps.setObject(1, id);
            ps.setString(2, r.creditCode());
            ps.setString(3, r.district());
            ps.setString(4, f.kind().name());
            ps.setDouble(5, f.score());
            ps.setString(6, status);
            ps.setTimestamp(7, Timestamp.from(Instant.ofEpochSecond(f.firstTs())));
            ps.setTimestamp(8, Timestamp.from(Instant.ofEpochSecond(f.lastTs())));
            ps.setString(9, f.explanation());
            ps.setString(10, evidence(f, f.lastTs(), r.context()));
            ps.setString(11, r.account());
            ps.executeUpdate();
        }
        recordEpisode(c, episode, id);
        history(c, id, "detection", "OPENED", f.explanation());
        hook.opened(c, id, r, status);
        return id.toString();
    }

    /** More evidence: lastTs and score only grow; an alert that is no longer open is left as it was. */
    private void extend(Connection c, UUID id, Finding f, boolean newEpisode, Map<String, Object> context) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE alerts SET last_ts = greatest(last_ts, ?), score = greatest(score, ?),
                       evidence = CASE WHEN ? > last_ts
                                  THEN jsonb_set(?::jsonb, '{detectedTs}', coalesce(evidence->'detectedTs', 'null'::jsonb))
                                  ELSE evidence END,
                       summary = CASE WHEN ? > last_ts THEN ? ELSE summary END, updated_at = now()
                WHERE id = ? AND status IN ('OPEN','ACKED','CASE_OPENED')""")) {
            Timestamp last = Timestamp.from(Instant.ofEpochSecond(f.lastTs()));
            ps.setTimestamp(1, last);
            ps.setDouble(2, f.score());
            ps.setTimestamp(3, last);
            ps.setString(4, evidence(f, Long.MIN_VALUE, context));
            ps.setTimestamp(5, last);
            ps.setString(6, f.explanation());
            ps.setObject(7, id);
            if (ps.executeUpdate() > 0 && newEpisode) history(c, id, "detection", "NEW_EVIDENCE", f.explanation());
        }
    }

    /** Sets the severity an alert opened with (delivery decides it as the alert commits). */
    public static void setSeverity(Connection c, UUID id, String severity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET severity = ? WHERE id = ?")) {
            ps.setString(1, severity);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    /** Moves an OPEN or ACKED alert to CASE_OPENED inside the caller's transaction; false when it was neither. */
    public static boolean markCaseOpenedIn(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE alerts SET status = 'CASE_OPENED', updated_at = now() WHERE id = ? AND status IN ('OPEN','ACKED')")) {
            ps.setObject(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    private static void recordEpisode(Connection c, String episode, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_episodes (episode_key, alert_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, episode);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    /**
     * Records one event of an alert's life in {@code alert_history}, inside the caller's transaction. AlertStore owns
     * the alerts tables: delivery (suppression, escalation) and cases write through here, not with SQL of their own.
     */
    public static void history(Connection c, UUID id, String actor, String action, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_history (alert_id, actor, action, note) VALUES (?,?,?,?)")) {
            ps.setObject(1, id);
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, note);
            ps.executeUpdate();
        }
    }

    /**
     * The evidence JSON. {@code detectedTs} (set when the alert opens, kept when evidence is replaced) is the event
     * time of the reading that raised the alert: how long after the onset the service knew.
     */
    private String evidence(Finding f, long detectedTs, Map<String, Object> context) {
        ObjectNode o = JSON.createObjectNode();
        // what the service knew beside the readings: the account and site behind the load, overload intervals
        for (Map.Entry<String, Object> e : context.entrySet()) o.set(e.getKey(), JSON.valueToTree(e.getValue()));
        if (detectedTs != Long.MIN_VALUE) o.put("detectedTs", Timestamps.format(detectedTs, zone));
        ObjectNode features = o.putObject("features");
        for (Map.Entry<String, Double> e : f.features().entrySet()) {
            double v = e.getValue();
            if (Double.isFinite(v)) features.put(e.getKey(), v);
        }
        ArrayNode thresholds = o.putArray("thresholdsCrossed");
        f.thresholdsCrossed().forEach(thresholds::add);
        o.put("explanation", f.explanation());
        ArrayNode window = o.putArray("window");
        for (int i = 0; i < f.evidenceTs().length; i++) {
            ObjectNode p = window.addObject();
            p.put("ts", Timestamps.format(f.evidenceTs()[i], zone));
            double kwh = f.evidenceKwh()[i];
            if (Double.isNaN(kwh)) p.putNull("kwh");
            else p.put("kwh", kwh);
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Alerts matching the filters (null = any); {@code district} limits to that code and every code below it. */
    public List<Alert> find(String district, String enterprise, String kind, String status, int limit) throws SQLException {
        return find(district, enterprise, kind, status, null, limit);
    }

    /**
     * Alerts matching the filters (null: any), newest {@code lastTs} first, then by id; with {@code after}, only those
     * past that cursor (a keyset page, served from the index on {@code (last_ts DESC, id DESC)}).
     */
    public List<Alert> find(String district, String enterprise, String kind, String status, AlertCursor after, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, enterprise, district, kind, score, status, first_ts, last_ts, summary, evidence::text, severity, account FROM alerts WHERE true");
        List<Object> args = new ArrayList<>();
        if (district != null) { sql.append(" AND district LIKE ?"); args.add(org.furnacewatch.registry.Codes.prefix(district) + "%"); }
        if (enterprise != null) { sql.append(" AND enterprise = ?"); args.add(enterprise); }
        if (kind != null) { sql.append(" AND kind = ?"); args.add(kind); }
        if (status != null) { sql.append(" AND status = ?"); args.add(status); }
        if (after != null) {
            sql.append(" AND (last_ts, id) < (?, ?)");
            args.add(java.sql.Timestamp.from(after.lastTs()));
            args.add(after.id());
        }
        sql.append(" ORDER BY last_ts DESC, id DESC LIMIT ").append(limit);
        List<Alert> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
        }
        return out;
    }

    public Alert get(String id) throws SQLException {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, enterprise, district, kind, score, status, first_ts, last_ts, summary, evidence::text, severity, account FROM alerts WHERE id = ?")) {
            ps.setObject(1, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** OPEN -> ACKED; returns false when the alert was not open. */
    public boolean ack(String id, String actor, String by, String note) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET status = 'ACKED', acked_by = ?, acked_at = now(), ack_note = ?, updated_at = now() WHERE id = ? AND status = 'OPEN'")) {
                ps.setString(1, by);
                ps.setString(2, note);
                ps.setObject(3, UUID.fromString(id));
                n = ps.executeUpdate();
            }
            if (n > 0) history(c, UUID.fromString(id), actor, "ACKED", (by == null ? "" : by + ": ") + (note == null ? "" : note));
            c.commit();
            return n > 0;
        }
    }

    /**
     * Moves an alert from one of {@code from} to {@code to} with a history row (e.g. OPEN/ACKED -> CASE_OPENED when
     * the cases model opens a case, or -> RESOLVED); false when it was in none of them.
     */
    public boolean transition(String id, java.util.Set<String> from, String to, String actor, String note) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET status = ?, updated_at = now() WHERE id = ? AND status = ANY (?)")) {
                ps.setString(1, to);
                ps.setObject(2, UUID.fromString(id));
                ps.setArray(3, c.createArrayOf("text", from.toArray()));
                n = ps.executeUpdate();
            }
            if (n > 0) history(c, UUID.fromString(id), actor, to, note);
            c.commit();
            return n > 0;
        }
    }

    /** OPEN or ACKED -> CASE_OPENED (the cases model calls this when a case is opened from the alert). */
    public boolean markCaseOpened(String id, String actor, String caseId) throws SQLException {
        return transition(id, java.util.Set.of("OPEN", "ACKED"), "CASE_OPENED", actor, "case " + caseId);
    }

    private static Alert read(ResultSet rs) throws SQLException {
        return new Alert(rs.getObject(1).toString(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12));
    }
}
