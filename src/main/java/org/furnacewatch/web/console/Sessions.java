package org.furnacewatch.web.console;

import org.furnacewatch.registry.RegistryRepository;
import org.furnacewatch.web.Role;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions: the cookie holds 32 random bytes, the store only their SHA-256 (as for tokens), with the
 * session's CSRF token and a hard expiry (a working day). Live sessions are held in memory so that resolving a
 * cookie never blocks an event loop; this process is their only writer, and {@link #load()} restores them after a
 * restart.
 */
public final class Sessions {
    public static final Duration LIFETIME = Duration.ofHours(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in person: {@code csrf} must come back with every change the session makes. */
    public record Session(String idHash, Person person, String csrf, Instant expires) {}

    /** What a new sign-in gives the browser. */
    public record Created(String cookieValue, Session session) {}

    private final DataSource db;
    private final Clock clock;
    private final Map<String, Session> byHash = new ConcurrentHashMap<>();

    public Sessions(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void load() throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT s.id_hash, s.csrf, s.expires_at, u.id, u.login, u.name, u.unit, u.role, u.jurisdiction FROM console_sessions s "
                        + "JOIN console_users u ON u.id = s.user_id WHERE s.ended_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL")) {
            while (rs.next()) {
                String h = HexFormat.of().formatHex(rs.getBytes(1));
                Person p = new Person(rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), Role.parse(rs.getString(8)), rs.getString(9));
                byHash.put(h, new Session(h, p, rs.getString(2), rs.getTimestamp(3).toInstant()));
            }
        }
    }

    public Created create(Person p, String ip) throws SQLException {
        String value = random();
        byte[] hash = sha256(value);
        Session s = new Session(HexFormat.of().formatHex(hash), p, random(), clock.instant().plus(LIFETIME));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_sessions (id_hash, user_id, csrf, expires_at) VALUES (?,?,?,?)")) {
                ps.setBytes(1, hash);
                ps.setLong(2, p.id());
                ps.setString(3, s.csrf());
                ps.setTimestamp(4, Timestamp.from(s.expires()));
                ps.executeUpdate();
            }
            RegistryRepository.audit(c, p.principal().actor(), "SIGN_IN", p.login(), Map.of("ip", ip == null ? "" : ip));
            c.commit();
        }
        byHash.put(s.idHash(), s);
        return new Created(value, s);
    }

    /** The live session behind a cookie value, or null. Never blocks. */
    public Session resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != 64) return null;
        Session s = byHash.get(HexFormat.of().formatHex(sha256(cookieValue)));
        if (s == null) return null;
        if (!clock.instant().isBefore(s.expires())) {
            byHash.remove(s.idHash());
            return null;
        }
        return s;
    }

    public void end(Session s, String why) throws SQLException {
        byHash.remove(s.idHash());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE console_sessions SET ended_at = now() WHERE id_hash = ?")) {
                ps.setBytes(1, HexFormat.of().parseHex(s.idHash()));
                ps.executeUpdate();
            }
            RegistryRepository.audit(c, s.person().principal().actor(), why, s.person().login(), Map.of());
            c.commit();
        }
    }

    /** Ends every session of a person (password changed, person disabled) except {@code keep}. */
    public void endAllOf(long personId, Session keep) throws SQLException {
        byHash.values().removeIf(s -> s.person().id() == personId && (keep == null || !s.idHash().equals(keep.idHash())));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE console_sessions SET ended_at = now() WHERE user_id = ? AND ended_at IS NULL AND id_hash <> ?")) {
            ps.setLong(1, personId);
            ps.setBytes(2, keep == null ? new byte[0] : HexFormat.of().parseHex(keep.idHash()));
            ps.executeUpdate();
        }
    }

    private static String random() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
