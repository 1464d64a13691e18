package org.furnacewatch.notify;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Links to an alert's evidence page that an officer can open from a message without a token:
 * {@code /alerts/{id}/evidence?exp=<epoch seconds>&sig=<hex HMAC-SHA256 of "id\nexp">}, keyed by a secret the
 * service generates once and keeps in PostgreSQL (so links survive restarts).
 */
public final class EvidenceLinks {
    private final Supplier<String> baseUrl;
    private byte[] key;

    public EvidenceLinks(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void load(DataSource db) throws SQLException {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_keys (name, key) VALUES ('evidence-link', ?) ON CONFLICT DO NOTHING")) {
                ps.setBytes(1, fresh);
                ps.executeUpdate();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT key FROM service_keys WHERE name = 'evidence-link'")) {
                rs.next();
                key = rs.getBytes(1);
            }
        }
    }

    /** The path and query (no host) of the signed link. */
    public String path(String alertId, Instant expires) {
        long exp = expires.getEpochSecond();
        return "/alerts/" + alertId + "/evidence?exp=" + exp + "&sig=" + sign(alertId, exp);
    }

    public String url(String alertId, Instant expires) {
        return baseUrl.get() + path(alertId, expires);
    }

    public enum Check { VALID, BAD_SIGNATURE, EXPIRED }

    public Check check(String alertId, String exp, String sig, Instant now) {
        long e;
        try {
            e = Long.parseLong(exp);
        } catch (NumberFormatException | NullPointerException ex) {
            return Check.BAD_SIGNATURE;
        }
        if (!Signatures.equalHex(sign(alertId, e), sig)) return Check.BAD_SIGNATURE;
        return now.getEpochSecond() < e ? Check.VALID : Check.EXPIRED;
    }

    private String sign(String alertId, long exp) {
        return Signatures.hmacSha256Hex(key, (alertId + "\n" + exp).getBytes(StandardCharsets.UTF_8));
    }
}
