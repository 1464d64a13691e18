package org.furnacewatch.inspect;

import com.fasterxml.jackson.core.type.TypeReference;
import org.furnacewatch.codec.Json;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The inspectors, plans and checks tables. A plan row is never rewritten (trigger); checks take their result once. */
public final class InspectionStore {
    private final DataSource db;
    private final java.time.ZoneId zone;

    public InspectionStore(DataSource db, java.time.ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    public List<Plan.Inspector> inspectors(String district) throws SQLException {
        List<Plan.Inspector> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, unit, active FROM inspectors WHERE district = ? ORDER BY id")) {
            ps.setString(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Plan.Inspector(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
        }
        return out;
    }

    /** Replaces the district's list: listed ones are upserted, the others stay on record as inactive. */
    public void putInspectors(String district, List<Plan.Inspector> list, String actor, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE inspectors SET active = false, updated_at = ?, updated_by = ? WHERE district = ? AND active")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, actor);
                    ps.setString(3, district);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO inspectors (district, id, name, unit, active, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (district, id) DO UPDATE SET name = excluded.name, unit = excluded.unit, active = excluded.active,
                        updated_at = excluded.updated_at, updated_by = excluded.updated_by""")) {
                    for (Plan.Inspector i : list) {
                        ps.setString(1, district);
                        ps.setString(2, i.id());
                        ps.setString(3, i.name());
                        ps.setString(4, i.unit());
                        ps.setBoolean(5, i.active());
                        ps.setTimestamp(6, Timestamp.from(now));
                        ps.setString(7, actor);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Inserts the plan and its checks under the next number of the district's year; returns the id given. */
    public String insert(Plan p) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('inspection_plans|' || ?))")) {
                    ps.setString(1, p.district());
                    ps.execute();
                }
                String prefix = "JC-" + p.district() + "-" + p.drawnAt().atZone(zone).getYear() + "-";
                int next;
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM inspection_plans WHERE id LIKE ?")) {
                    ps.setString(1, prefix + "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        next = rs.getInt(1) + 1;
                    }
                }
                String id = prefix + String.format("%03d", next);
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO inspection_plans (id, district, kind, title, seed, method, rate, sample_count, inspectors_per_check,
                        industries, population, inspectors, due, drawn_at, drawn_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)""")) {
                    ps.setString(1, id);
                    ps.setString(2, p.district());
                    ps.setString(3, p.kind().name());
                    ps.setString(4, p.title());
                    ps.setString(5, p.seed());
                    ps.setString(6, p.method());
                    ps.setObject(7, p.rate());
                    ps.setObject(8, p.count());
                    ps.setInt(9, p.inspectorsPerCheck());
                    ps.setString(10, json(p.industries()));
                    ps.setString(11, json(p.population()));
                    ps.setString(12, json(p.inspectors()));
                    ps.setDate(13, Date.valueOf(p.due()));
                    ps.setTimestamp(14, Timestamp.from(p.drawnAt()));
                    ps.setString(15, p.drawnBy());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO inspection_checks (plan_id, seq, enterprise, name, stratum, draw_key, inspectors, due)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
                    for (Plan.Check k : p.checks()) {
                        ps.setString(1, id);
                        ps.setInt(2, k.seq());
                        ps.setString(3, k.enterprise());
                        ps.setString(4, k.name());
                        ps.setString(5, k.stratum().name());
                        ps.setString(6, k.key());
                        ps.setString(7, json(k.inspectors()));
                        ps.setDate(8, Date.valueOf(k.due()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Plan plan(String id) throws SQLException {
        List<Plan> l = plans("p.id = ?", id);
        return l.isEmpty() ? null : l.getFirst();
    }

    /** Plans of these districts, newest first. */
    public List<Plan> plans(List<String> districts) throws SQLException {
        try (Connection c = db.getConnection()) {
            return plans("p.district = ANY (?)", c.createArrayOf("bpchar", districts.toArray()));
        }
    }

    private List<Plan> plans(String where, Object arg) throws SQLException {
        List<Plan> out = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, district, kind, title, seed, method, rate, sample_count, inspectors_per_check, industries::text,
                    population::text, inspectors::text, due, drawn_at, drawn_by FROM inspection_plans p WHERE\s""" + where
                    + " ORDER BY drawn_at DESC, id DESC")) {
                ps.setObject(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Plan(rs.getString(1), rs.getString(2).trim(), PlanKind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                                rs.getString(6), (Double) rs.getObject(7), (Integer) rs.getObject(8), rs.getInt(9),
                                read(rs.getString(10), new TypeReference<List<String>>() {}),
                                read(rs.getString(11), new TypeReference<List<Draw.Candidate>>() {}),
                                read(rs.getString(12), new TypeReference<List<Plan.Inspector>>() {}),
                                rs.getDate(13).toLocalDate(), rs.getTimestamp(14).toInstant(), rs.getString(15), checks(c, rs.getString(1))));
                    }
                }
            }
        }
        return out;
    }

    private List<Plan.Check> checks(Connection c, String planId) throws SQLException {
        List<Plan.Check> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT seq, enterprise, name, stratum, draw_key, inspectors::text, due, result, result_at, result_by, note, case_id
                FROM inspection_checks WHERE plan_id = ? ORDER BY seq""")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(check(rs));
            }
        }
        return out;
    }

    private static Plan.Check check(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(9);
        return new Plan.Check(rs.getInt(1), rs.getString(2), rs.getString(3), Stratum.valueOf(rs.getString(4)), rs.getString(5),
                read(rs.getString(6), new TypeReference<List<String>>() {}), rs.getDate(7).toLocalDate(), rs.getString(8),
                at == null ? null : at.toInstant(), rs.getString(10), rs.getString(11), rs.getString(12));
    }

    /** A check's result, written once. */
    public interface CaseOpener {
        String open() throws SQLException;
    }

    /**
     * Records a check's result under a row lock, opening the case (through {@code opener}, null: none) while it holds
     * it, so a result and its case happen once. Returns false when the check already has a result.
     */
    public boolean record(String planId, int seq, String result, Instant at, String by, String note, CaseOpener opener, String actor,
                          Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT result FROM inspection_checks WHERE plan_id = ? AND seq = ? FOR UPDATE")) {
                    ps.setString(1, planId);
                    ps.setInt(2, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getString(1) != null) {
                            c.rollback();
                            return false;
                        }
                    }
                }
                String caseId = opener == null ? null : opener.open();
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE inspection_checks SET result = ?, result_at = ?, result_by = ?, note = ?, case_id = ?, recorded_at = ?, recorded_by = ?
                        WHERE plan_id = ? AND seq = ?""")) {
                    ps.setString(1, result);
                    ps.setTimestamp(2, Timestamp.from(at));
                    ps.setString(3, by);
                    ps.setString(4, note);
                    ps.setString(5, caseId);
                    ps.setTimestamp(6, Timestamp.from(now));
                    ps.setString(7, actor);
                    ps.setString(8, planId);
                    ps.setInt(9, seq);
                    ps.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Checks without a result whose due date is on or before {@code until}: for the deadline chase. */
    public List<String[]> openChecks(LocalDate until) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT k.plan_id, k.seq, p.district, k.name, k.enterprise, k.due, p.kind FROM inspection_checks k
                JOIN inspection_plans p ON p.id = k.plan_id WHERE k.result IS NULL AND k.due <= ? ORDER BY k.due, k.plan_id, k.seq""")) {
            ps.setDate(1, Date.valueOf(until));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new String[] {rs.getString(1), String.valueOf(rs.getInt(2)), rs.getString(3).trim(), rs.getString(4),
                        rs.getString(5), rs.getDate(6).toString(), rs.getString(7)});
            }
        }
        return out;
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
