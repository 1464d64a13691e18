package org.furnacewatch.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Cases, their append-only history, evidence and the per-district department settings in PostgreSQL. */
public final class CaseStore {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private final DataSource db;
    private final CaseRules rules;

    public CaseStore(DataSource db, CaseRules rules) {
        this.db = db;
        this.rules = rules;
    }

    /** Thrown when the alert a case would come from is already in a case or no longer open. */
    public static final class AlertTaken extends Exception {
        public AlertTaken(String m) {
            super(m);
        }
    }

    /** Thrown when another action was recorded on the case between reading it and appending. */
    public static final class Concurrent extends Exception {
        public Concurrent() {
            super("案件已被同时修改，请重试 (the case changed meanwhile; retry)");
        }
    }

    // ---- departments and policy ------------------------------------------------------------------------------------

    public Map<Dimension, Departments> departments(String district) throws SQLException {
        Map<Dimension, Departments> out = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) out.put(d, Departments.defaults(d));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT dimension, lead, cooperating::text FROM case_departments WHERE district = ?")) {
            ps.setString(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(Dimension.valueOf(rs.getString(1)), new Departments(rs.getString(2), strings(rs.getString(3))));
            }
        }
        return out;
    }

    public void putDepartments(String district, Map<Dimension, Departments> changes, Integer dismantleMonths, String actor) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO case_departments (district, dimension, lead, cooperating, updated_by) VALUES (?, ?, ?, ?::jsonb, ?)
                    ON CONFLICT (district, dimension) DO UPDATE SET lead = EXCLUDED.lead, cooperating = EXCLUDED.cooperating,
                        updated_at = now(), updated_by = EXCLUDED.updated_by""")) {
                for (var e : changes.entrySet()) {
                    ps.setString(1, district);
                    ps.setString(2, e.getKey().name());
                    ps.setString(3, e.getValue().lead());
                    ps.setString(4, write(e.getValue().cooperating()));
                    ps.setString(5, actor);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (dismantleMonths != null) {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO case_policies (district, dismantle_months, updated_by) VALUES (?, ?, ?)
                        ON CONFLICT (district) DO UPDATE SET dismantle_months = EXCLUDED.dismantle_months, updated_at = now(),
                            updated_by = EXCLUDED.updated_by""")) {
                    ps.setString(1, district);
                    ps.setInt(2, dismantleMonths);
                    ps.setString(3, actor);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
    }

    public int dismantleMonths(String district) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT dismantle_months FROM case_policies WHERE district = ?")) {
            ps.setString(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : Deadlines.DEFAULT_DISMANTLE_MONTHS;
            }
        }
    }

    // ---- cases -----------------------------------------------------------------------------------------------------

    public String nextId(String district, int year) throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT nextval('case_numbers')")) {
            rs.next();
            return district + "-" + year + "-" + String.format("%05d", rs.getLong(1));
        }
    }

    /** Stores a new case with its first event; an alert it comes from becomes CASE_OPENED in the same transaction. */
    public void insert(CaseFile f, String actor) throws SQLException, AlertTaken {
        insert(f, actor, null);
    }

    /** As {@link #insert(CaseFile, String)}, keeping a tip-off's reporter apart from the history (confidential). */
    public void insert(CaseFile f, String actor, CaseService.Reporter reporter) throws SQLException, AlertTaken {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO cases (id, enterprise, enterprise_name, district, source, alert_id, dimensions, suspected_ditiaogang,
                            ditiaogang, lead_department, cooperating_departments, state, opened_at, events, site_address)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 0, ?)""")) {
                    ps.setString(1, f.id);
                    ps.setString(2, f.enterprise);
                    ps.setString(3, f.enterpriseName);
                    ps.setString(4, f.district);
                    ps.setString(5, f.source.name());
                    ps.setObject(6, f.alertId == null ? null : UUID.fromString(f.alertId));
                    ps.setArray(7, c.createArrayOf("text", f.dimensions.stream().map(Enum::name).toArray()));
                    ps.setBoolean(8, f.suspectedDitiaogang);
                    ps.setBoolean(9, f.ditiaogang());
                    ps.setString(10, f.lead);
                    ps.setString(11, write(f.cooperating));
                    ps.setString(12, f.state().name());
                    ps.setTimestamp(13, Timestamp.from(f.openedAt()));
                    ps.setString(14, f.siteAddress());
                    ps.executeUpdate();
                }
                if (f.alertId != null) {
                    if (!org.furnacewatch.alert.AlertStore.markCaseOpenedIn(c, UUID.fromString(f.alertId))) {
                        c.rollback();
                        throw new AlertTaken("告警已立案或已解除 (the alert is already in a case or no longer open): " + f.alertId);
                    }
                    alertHistory(c, f.alertId, actor, "CASE_OPENED", "案件 " + f.id);
                }
                for (CaseEvent e : f.history()) insertEvent(c, f.id, e);
                snapshot(c, f);
                if (reporter != null) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_reporters (case_id, anonymous, contact) VALUES (?, ?, ?::jsonb)")) {
                        ps.setString(1, f.id);
                        ps.setBoolean(2, reporter.anonymous());
                        ps.setString(3, write(reporter.anonymous() ? Map.of() : reporter.contact()));
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Appends {@code after}'s last event, refreshes the snapshot and records the alert outcome, in one transaction;
     * {@link Concurrent} when another event was appended since {@code before} was read.
     */
    public void append(CaseFile before, CaseFile after, String alertOutcome) throws SQLException, Concurrent {
        CaseEvent e = after.history().getLast();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT events FROM cases WHERE id = ? FOR UPDATE")) {
                    ps.setString(1, after.id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getInt(1) != before.history().size()) {
                            c.rollback();
                            throw new Concurrent();
                        }
                    }
                }
                insertEvent(c, after.id, e);
                snapshot(c, after);
                if (alertOutcome != null && after.alertId != null) recordAlertOutcome(c, after, e, alertOutcome);
                c.commit();
            } catch (SQLException ex) {
                c.rollback();
                throw ex;
            }
        }
    }

    private void recordAlertOutcome(Connection c, CaseFile f, CaseEvent e, String outcome) throws SQLException {
        UUID alert = UUID.fromString(f.alertId);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO case_alert_outcomes (alert_id, case_id, outcome, decided_at, recorded_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (alert_id) DO UPDATE SET outcome = EXCLUDED.outcome, decided_at = EXCLUDED.decided_at,
                    recorded_by = EXCLUDED.recorded_by""")) {
            ps.setObject(1, alert);
            ps.setString(2, f.id);
            ps.setString(3, outcome);
            ps.setTimestamp(4, Timestamp.from(e.at()));
            ps.setString(5, e.recordedBy());
            ps.executeUpdate();
        }
        // The labels work (alert_labels) may not be merged yet; when its table exists the outcome becomes the label.
        boolean labels;
        try (ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('alert_labels') IS NOT NULL")) {
            rs.next();
            labels = rs.getBoolean(1);
        }
        if (labels) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO alert_labels (alert_id, outcome, cause, note, labelled_by) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (alert_id) DO UPDATE SET outcome = EXCLUDED.outcome, cause = EXCLUDED.cause, note = EXCLUDED.note,
                        labelled_by = EXCLUDED.labelled_by, labelled_at = now()""")) {
                ps.setObject(1, alert);
                ps.setString(2, outcome);
                ps.setString(3, f.ditiaogang() ? "DITIAOGANG" : null);
                ps.setString(4, "案件 " + f.id + " " + e.action().zh);
                ps.setString(5, e.recordedBy());
                ps.executeUpdate();
            }
        }
        alertHistory(c, f.alertId, e.recordedBy(), "CASE_" + outcome, "案件 " + f.id + " " + e.action().zh + (e.note() == null ? "" : ": " + e.note()));
    }

    private static void alertHistory(Connection c, String alertId, String actor, String action, String note) throws SQLException {
        org.furnacewatch.alert.AlertStore.history(c, UUID.fromString(alertId), actor, action, note);
    }

    /** The outcome a case gave its alert (CONFIRMED or FALSE), or null. */
    public String alertOutcome(String alertId) throws SQLException {
        if (alertId == null) return null;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT outcome FROM case_alert_outcomes WHERE alert_id = ?")) {
            ps.setObject(1, UUID.fromString(alertId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void insertEvent(Connection c, String caseId, CaseEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO case_events (case_id, seq, action, at, by_whom, note, detail, state_after, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")) {
            ps.setString(1, caseId);
            ps.setInt(2, e.seq());
            ps.setString(3, e.action().name());
            ps.setTimestamp(4, Timestamp.from(e.at()));
            ps.setString(5, e.by());
            ps.setString(6, e.note());
            ps.setString(7, write(e.detail()));
            ps.setString(8, e.stateAfter().name());
            ps.setTimestamp(9, Timestamp.from(e.recordedAt()));
            ps.setString(10, e.recordedBy());
            ps.executeUpdate();
        }
    }

    private static void snapshot(Connection c, CaseFile f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE cases SET state = ?, ditiaogang = ?, rectification_deadline = ?, dismantle_deadline = ?, red_since = ?,
                    closed_at = ?, events = ?, updated_at = now(), enterprise = ?, enterprise_name = ?, site_address = ?, site_ref = ?,
                    channel = ?, mining = ?, verification_deadline = ? WHERE id = ?""")) {
            ps.setString(1, f.state().name());
            ps.setBoolean(2, f.ditiaogang());
            ps.setDate(3, f.rectificationDeadline() == null ? null : Date.valueOf(f.rectificationDeadline()));
            ps.setDate(4, f.dismantleDeadline() == null ? null : Date.valueOf(f.dismantleDeadline()));
            ps.setTimestamp(5, f.redSince() == null ? null : Timestamp.from(f.redSince()));
            ps.setTimestamp(6, f.closedAt() == null ? null : Timestamp.from(f.closedAt()));
            ps.setInt(7, f.history().size());
            ps.setString(8, f.enterprise);
            ps.setString(9, f.enterpriseName);
            ps.setString(10, f.siteAddress());
            ps.setString(11, f.siteRef());
            ps.setString(12, f.channel());
            ps.setBoolean(13, f.mining());
            ps.setDate(14, f.verificationDeadline() == null ? null : Date.valueOf(f.verificationDeadline()));
            ps.setString(15, f.id);
            ps.executeUpdate();
        }
    }

    /** Every case that is not DISMISSED or CLOSED (deadline chasing). */
    public List<CaseFile> live() throws SQLException {
        return query("WHERE state NOT IN ('DISMISSED', 'CLOSED')", List.of());
    }

    public CaseFile get(String id) throws SQLException {
        List<CaseFile> found = query("WHERE id = ?", List.of(id));
        return found.isEmpty() ? null : found.getFirst();
    }

    /** Cases in any of {@code districts} (null = all), optionally in one state, newest first. */
    public List<CaseFile> find(Collection<String> districts, String state, String enterprise) throws SQLException {
        StringBuilder where = new StringBuilder("WHERE true");
        List<Object> args = new ArrayList<>();
        if (districts != null) {
            where.append(" AND district = ANY (?)");
            args.add(districts.toArray(String[]::new));
        }
        if (state != null) {
            where.append(" AND state = ?");
            args.add(state);
        }
        if (enterprise != null) {
            where.append(" AND enterprise = ?");
            args.add(enterprise);
        }
        return query(where.toString(), args);
    }

    private List<CaseFile> query(String where, List<Object> args) throws SQLException {
        Map<String, CaseFile> cases = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, enterprise, enterprise_name, district, source, alert_id, dimensions, suspected_ditiaogang,
                           lead_department, cooperating_departments::text FROM cases""" + " " + where + " ORDER BY opened_at DESC, id DESC")) {
                bind(c, ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Array dims = rs.getArray(7);
                        List<Dimension> ds = new ArrayList<>();
                        for (Object o : (Object[]) dims.getArray()) ds.add(Dimension.valueOf((String) o));
                        Object alert = rs.getObject(6);
                        cases.put(rs.getString(1), new CaseFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Source.valueOf(rs.getString(5)), alert == null ? null : alert.toString(), ds, rs.getBoolean(8),
                                rs.getString(9), strings(rs.getString(10))));
                    }
                }
            }
            if (cases.isEmpty()) return List.of();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT case_id, seq, action, at, by_whom, note, detail::text, state_after, recorded_at, recorded_by
                    FROM case_events WHERE case_id = ANY (?) ORDER BY case_id, seq""")) {
                ps.setArray(1, c.createArrayOf("text", cases.keySet().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CaseEvent e = new CaseEvent(rs.getInt(2), ActionType.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(),
                                rs.getString(5), rs.getString(6), map(rs.getString(7)), CaseState.valueOf(rs.getString(8)),
                                rs.getTimestamp(9).toInstant(), rs.getString(10));
                        cases.computeIfPresent(rs.getString(1), (k, f) -> rules.replay(f, e));
                    }
                }
            }
        }
        return new ArrayList<>(cases.values());
    }

    /** The reporter of a tip-off (anonymous or the contact), or null when none was recorded. */
    public Map<String, Object> reporter(String caseId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT anonymous, contact::text FROM case_reporters WHERE case_id = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("anonymous", rs.getBoolean(1));
                out.put("contact", map(rs.getString(2)));
                return out;
            }
        }
    }

    // ---- evidence --------------------------------------------------------------------------------------------------

    public Evidence addEvidence(String caseId, String filename, String contentType, byte[] content, String sha256, String note,
                                String actor, Instant now) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO case_evidence (id, case_id, filename, content_type, size_bytes, sha256, content, note, uploaded_at, uploaded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, UUID.fromString(id));
            ps.setString(2, caseId);
            ps.setString(3, filename);
            ps.setString(4, contentType);
            ps.setLong(5, content.length);
            ps.setString(6, sha256);
            ps.setBytes(7, content);
            ps.setString(8, note);
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setString(10, actor);
            ps.executeUpdate();
        }
        return new Evidence(id, caseId, filename, contentType, content.length, sha256, note, now, actor, null);
    }

    public List<Evidence> evidence(String caseId) throws SQLException {
        List<Evidence> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, case_id, filename, content_type, size_bytes, sha256, note, uploaded_at, uploaded_by
                FROM case_evidence WHERE case_id = ? ORDER BY uploaded_at, id""")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Evidence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9), null));
            }
        }
        return out;
    }

    public Evidence evidenceFile(String caseId, String evidenceId) throws SQLException {
        UUID id;
        try {
            id = UUID.fromString(evidenceId);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, case_id, filename, content_type, size_bytes, sha256, note, uploaded_at, uploaded_by, content
                FROM case_evidence WHERE case_id = ? AND id = ?""")) {
            ps.setString(1, caseId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Evidence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getBytes(10)) : null;
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] arr) ps.setArray(i + 1, c.createArrayOf("text", arr));
            else ps.setObject(i + 1, a);
        }
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return json == null ? new HashMap<>() : JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
