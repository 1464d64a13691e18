package org.furnacewatch.web;

import org.furnacewatch.registry.RegistryRepository;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens, stored as SHA-256 hashes (a token is 32 random bytes, so a plain hash is enough; no
 * slow KDF is needed as for passwords). Resolved tokens are cached: feeds call many times a second.
 */
public final class TokenStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource db;
    private final Map<String, Principal> byHash = new ConcurrentHashMap<>();

    public TokenStore(DataSource db) {
        this.db = db;
    }

    /** Creates a token and returns its secret; only the hash is kept. */
    public String create(Role role, String district, String name, String createdBy) throws SQLException {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "fw_" + HexFormat.of().formatHex(raw);
        insert(token, role, district, name, createdBy);
        return token;
    }

    /** Stores a token chosen by the operator (WATCH_ADMIN_TOKEN); idempotent across restarts. */
    public void ensure(String token, Role role, String name) throws SQLException {
        if (resolve(token) == null) insert(token, role, null, name, "system");
    }

    public boolean anyAdmin() throws SQLException {
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM tokens WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1")) {
            return rs.next();
        }
    }

    /**
     * Loads every live token into memory so that authentication never blocks an event loop. This process is
     * the only writer of tokens, so the map stays complete.
     */
    public void load() throws SQLException {
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT token_hash, id, role, district, name FROM tokens WHERE revoked_at IS NULL")) {
            while (rs.next()) {
                byHash.put(HexFormat.of().formatHex(rs.getBytes(1)),
                        new Principal(rs.getLong(2), Role.parse(rs.getString(3)), rs.getString(4), rs.getString(5)));
            }
        }
    }

    /** The caller behind a token, or null when it is unknown or revoked. */
    public Principal resolve(String token) {
        if (token == null || token.isEmpty()) return null;
        return byHash.get(HexFormat.of().formatHex(hash(token)));
    }

    private void insert(String token, Role role, String district, String name, String createdBy) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tokens (token_hash, role, district, name, created_by) VALUES (?,?,?,?,?) RETURNING id")) {
                ps.setBytes(1, hash(token));
                ps.setString(2, role.wire());
                ps.setString(3, district);
                ps.setString(4, name);
                ps.setString(5, createdBy);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            RegistryRepository.audit(c, createdBy, "CREATE_TOKEN", role.wire() + (district == null ? "" : ":" + district),
                    Map.of("name", name));
            c.commit();
            byHash.put(HexFormat.of().formatHex(hash(token)), new Principal(id, role, district, name));
        }
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
