package org.furnacewatch.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes the registry tables; every write carries an audit row in the same transaction. */
public final class RegistryRepository {
    // Lenient on read: a record written by an older or newer version must never stop the service starting.
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private final DataSource db;

    public RegistryRepository(DataSource db) {
        this.db = db;
    }

    public List<District> loadDistricts() throws SQLException {
        List<District> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT code, name, parent, receivers::text FROM districts")) {
            while (rs.next()) {
                out.add(new District(rs.getString(1), rs.getString(2), rs.getString(3), readList(rs.getString(4))));
            }
        }
        return out;
    }

    public List<EnterpriseRecord> loadVersions() throws SQLException {
        List<EnterpriseRecord> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("""
                     SELECT credit_code, name, district, industry, status, capacity_kva, equipment::text, meters::text,
                            effective_from, recorded_at, recorded_by FROM enterprise_versions""")) {
            while (rs.next()) {
                out.add(new EnterpriseRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Status.valueOf(rs.getString(5)), rs.getDouble(6),
                        JSON.readValue(rs.getString(7), new TypeReference<List<Equipment>>() {}),
                        JSON.readValue(rs.getString(8), new TypeReference<List<MeterSpec>>() {}),
                        rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(), rs.getString(11)));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable registry row", e);
        }
        return out;
    }

    /** meter id -> key for every meter ever registered. */
    public Map<String, Integer> loadMeterKeys() throws SQLException {
        Map<String, Integer> out = new java.util.HashMap<>();
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT meter_id, meter_key FROM meters")) {
            while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
        }
        return out;
    }

    public void saveDistrict(District d, String actor) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO districts (code, name, parent, receivers) VALUES (?, ?, ?, ?::jsonb)
                    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent = EXCLUDED.parent,
                        receivers = EXCLUDED.receivers, updated_at = now()""")) {
                ps.setString(1, d.code());
                ps.setString(2, d.name());
                ps.setString(3, d.parent());
                ps.setString(4, write(d.receivers()));
                ps.executeUpdate();
            }
            audit(c, actor, "PUT_DISTRICT", d.code(), Map.of("name", d.name(), "receivers", d.receivers().size()));
            c.commit();
        }
    }

    /** Stores a version and allocates keys for meters seen for the first time; returns id -> key of its meters. */
    public Map<String, Integer> saveVersion(EnterpriseRecord r) throws SQLException {
        Map<String, Integer> keys = new java.util.HashMap<>();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO enterprises (credit_code) VALUES (?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, r.creditCode());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO enterprise_versions (credit_code, effective_from, recorded_at, recorded_by, name, district,
                        industry, status, capacity_kva, equipment, meters) VALUES (?,?,?,?,?,?,?,?,?,?::jsonb,?::jsonb)""")) {
                ps.setString(1, r.creditCode());
                ps.setTimestamp(2, Timestamp.from(r.effectiveFrom()));
                ps.setTimestamp(3, Timestamp.from(r.recordedAt()));
                ps.setString(4, r.recordedBy());
                ps.setString(5, r.name());
                ps.setString(6, r.district());
                ps.setString(7, r.industry());
                ps.setString(8, r.status().name());
                ps.setDouble(9, r.capacityKva());
                ps.setString(10, write(r.equipment()));
                ps.setString(11, write(r.meters()));
                ps.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO meters (meter_id) VALUES (?) ON CONFLICT (meter_id) DO UPDATE SET meter_id = EXCLUDED.meter_id RETURNING meter_key")) {
                for (MeterSpec m : r.meters()) {
                    ins.setString(1, m.id());
                    try (ResultSet rs = ins.executeQuery()) {
                        rs.next();
                        keys.put(m.id(), rs.getInt(1));
                    }
                }
            }
            audit(c, r.recordedBy(), "PUT_ENTERPRISE", r.creditCode(), Map.of(
                    "status", r.status().name(), "effectiveFrom", r.effectiveFrom().toString(),
                    "capacityKva", r.capacityKva(), "meters", r.meters().size()));
            c.commit();
        }
        return keys;
    }

    public static void audit(Connection c, String actor, String action, String subject, Map<String, ?> detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (actor, action, subject, detail) VALUES (?,?,?,?::jsonb)")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.setString(3, subject);
            ps.setString(4, write(detail));
            ps.executeUpdate();
        }
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> readList(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
