package org.furnacewatch.cases;

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

/**
 * 通报 (CIRCULAR) and 约谈 (SUMMONS) a city or province records against a slow district (seeds/000, 001 “对工作推进不力的
 * 区县进行通报、约谈”), with the overdue items it saw; and the admins' view of the append-only audit log.
 */
public final class Supervision {
    public static final List<String> KINDS = List.of("CIRCULAR", "SUMMONS");
    private final DataSource db;

    public Supervision(DataSource db) {
        this.db = db;
    }

    public record Entry(long id, String district, String kind, Instant at, String by, String note, String overdue, Instant recordedAt,
                        String recordedBy) {}

    public Entry record(String district, String kind, Instant at, String by, String note, List<String> overdue, String actor, Instant now)
            throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO district_supervision (district, kind, at, by_whom, note, overdue, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id""")) {
            String json = org.furnacewatch.codec.Json.MAPPER.valueToTree(overdue).toString();
            ps.setString(1, district);
            ps.setString(2, kind);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, by);
            ps.setString(5, note);
            ps.setString(6, json);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setString(8, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                org.furnacewatch.registry.RegistryRepository.audit(c, actor, "SUPERVISION_" + kind, district, Map.of("note", note));
                return new Entry(rs.getLong(1), district, kind, at, by, note, json, now, actor);
            }
        }
    }

    public List<Entry> list(List<String> districts) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, district, kind, at, by_whom, note, overdue::text, recorded_at, recorded_by FROM district_supervision
                WHERE district = ANY (?) ORDER BY at DESC, id DESC""")) {
            ps.setArray(1, c.createArrayOf("text", districts.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9)));
            }
        }
        return out;
    }

    /** The newest audit entries (admins): who changed what, when. */
    public List<Map<String, Object>> audit(String actor, String action, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, subject, detail::text FROM audit_log WHERE true");
        if (actor != null) sql.append(" AND actor = ?");
        if (action != null) sql.append(" AND action = ?");
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (actor != null) ps.setString(i++, actor);
            if (action != null) ps.setString(i, action);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("at", rs.getTimestamp(2).toInstant().toString());
                    m.put("actor", rs.getString(3));
                    m.put("action", rs.getString(4));
                    m.put("subject", rs.getString(5));
                    m.put("detail", org.furnacewatch.codec.Json.MAPPER.readValue(rs.getString(6), Map.class));
                    out.add(m);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException(e);
            }
        }
        return out;
    }
}
