package org.furnacewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.furnacewatch.registry.RegistryRepository;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Versioned detection profile documents in {@code detection_profile_versions}. The highest version is in force;
 * each change is a new row written together with its audit row. Listeners (the live detection runner) hear
 * of every new version after it is committed.
 */
public final class ProfileStore {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    /** One stored version; {@code document} carries its {@code version} too. */
    public record Version(int version, Map<String, Object> document, String changedBy, Instant changedAt, String reason) {}

    /** The change was based on a version that is no longer current. */
    public static final class Conflict extends Exception {
        public Conflict(String message) {
            super(message);
        }
    }

    private final DataSource db;
    private final List<Consumer<Version>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Version current;

    public ProfileStore(DataSource db) {
        this.db = db;
    }

    /** Stores the shipped document as version 1 when no version exists; returns the version in force. */
    public synchronized Version initialize(Map<String, ?> shipped) throws SQLException {
        Version v = latest();
        if (v == null) {
            Map<String, Object> doc = new LinkedHashMap<>(ProfileDocuments.resolver(shipped).toDocument());
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                v = insert(c, 1, doc, "system", "models/default-profile.json (shipped default)");
                c.commit();
            }
        }
        current = v;
        return v;
    }

    public void onChange(Consumer<Version> listener) {
        listeners.add(listener);
    }

    public Version current() {
        return current;
    }

    /**
     * Stores a validated document as the next version.
     *
     * @param baseVersion when not null, the version the change was made against: 409 if another change came first
     */
    public synchronized Version save(Map<String, Object> normalized, Integer baseVersion, String actor, String reason)
            throws SQLException, Conflict {
        Version saved;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("LOCK TABLE detection_profile_versions IN SHARE ROW EXCLUSIVE MODE")) {
                    ps.execute();
                }
                int max;
                try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(version), 0) FROM detection_profile_versions");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    max = rs.getInt(1);
                }
                if (baseVersion != null && baseVersion != max) {
                    c.rollback();
                    throw new Conflict("配置已被修改 (profile changed since version " + baseVersion + "; current is " + max + ")");
                }
                saved = insert(c, max + 1, normalized, actor, reason);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("version", saved.version());
                detail.put("reason", reason == null ? "" : reason);
                RegistryRepository.audit(c, actor, "PUT_DETECTION_PROFILE", "detection-profile", detail);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        current = saved;
        for (Consumer<Version> l : listeners) l.accept(saved);
        return saved;
    }

    /** Every version, newest first; documents included when {@code withDocuments}. */
    public List<Version> versions(boolean withDocuments) throws SQLException {
        List<Version> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT version, " + (withDocuments ? "document::text" : "NULL") + ", changed_by, changed_at, reason "
                        + "FROM detection_profile_versions ORDER BY version DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(read(rs));
        }
        return out;
    }

    /** One version, or null. */
    public Version version(int version) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT version, document::text, changed_by, changed_at, reason FROM detection_profile_versions WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private Version latest() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT version, document::text, changed_by, changed_at, reason FROM detection_profile_versions ORDER BY version DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? read(rs) : null;
        }
    }

    private static Version insert(Connection c, int version, Map<String, Object> doc, String actor, String reason) throws SQLException {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("version", version);
        doc.forEach((k, v) -> {
            if (!k.equals("version")) stored.put(k, v);
        });
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO detection_profile_versions (version, document, changed_by, reason) VALUES (?, ?::jsonb, ?, ?) RETURNING changed_at")) {
            ps.setInt(1, version);
            ps.setString(2, JSON.writeValueAsString(stored));
            ps.setString(3, actor);
            ps.setString(4, reason);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Version(version, stored, actor, rs.getTimestamp(1).toInstant(), reason);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Version read(ResultSet rs) throws SQLException {
        String text = rs.getString(2);
        Map<String, Object> doc = null;
        if (text != null) {
            try {
                doc = JSON.readValue(text, MAP);
            } catch (JsonProcessingException e) {
                throw new SQLException("stored profile document unreadable", e);
            }
        }
        return new Version(rs.getInt(1), doc, rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5));
    }
}
