package org.furnacewatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.furnacewatch.codec.Json;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL of the customer file and sites: set-based (one statement per table over arrays), so a file of 100,000
 * accounts is a handful of statements in one transaction.
 */
public final class CustomerFileRepository {
    private final DataSource db;

    public CustomerFileRepository(DataSource db) {
        this.db = db;
    }

    /** An enterprise's dated place and legal representative. */
    public record SiteLink(String creditCode, long from, long siteId, String legalRepresentative) {}

    public List<Site> loadSites() throws SQLException {
        List<Site> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT site_id, district, address_key, address, transformer, lat, lon FROM sites ORDER BY site_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Site(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    num(rs, 6), num(rs, 7)));
        }
        return out;
    }

    public List<PowerAccountRecord> loadAccounts() throws SQLException {
        List<PowerAccountRecord> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT account_no, name, address, district, site_id, category, capacity_kva, transformer, lat, lon, enterprise,
                       opened_on, closed_on, meters::text, effective_from, digest
                FROM power_account_versions ORDER BY account_no, effective_from, recorded_at""")) {
            ps.setFetchSize(10_000);
            c.setAutoCommit(false);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<PowerAccountRecord.Meter> meters = new ArrayList<>();
                    for (JsonNode m : Json.MAPPER.readTree(rs.getString(14))) {
                        meters.add(new PowerAccountRecord.Meter(m.get("id").asText(), m.hasNonNull("point") ? m.get("point").asText() : null,
                                m.get("multiplier").asDouble()));
                    }
                    Date opened = rs.getDate(12), closed = rs.getDate(13);
                    out.add(new PowerAccountRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getString(6), num(rs, 7), rs.getString(8), num(rs, 9), num(rs, 10), rs.getString(11),
                            opened == null ? null : opened.toLocalDate(), closed == null ? null : closed.toLocalDate(),
                            List.copyOf(meters), rs.getTimestamp(15).toInstant(), rs.getString(16)));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("bad meters json", e);
            } finally {
                c.setAutoCommit(true);
            }
        }
        return out;
    }

    public List<SiteLink> loadLinks() throws SQLException {
        List<SiteLink> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT credit_code, effective_from, site_id, legal_representative FROM enterprise_sites ORDER BY effective_from, recorded_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long site = rs.getLong(3);
                out.add(new SiteLink(rs.getString(1), rs.getTimestamp(2).toInstant().getEpochSecond(), rs.wasNull() ? 0 : site, rs.getString(4)));
            }
        }
        return out;
    }

    /** Creates the sites not there yet; answers the id of every (district, address key) asked. */
    public Map<String, Long> ensureSites(Connection c, List<Site> wanted) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        if (wanted.isEmpty()) return ids;
        int n = wanted.size();
        String[] district = new String[n], key = new String[n], address = new String[n], transformer = new String[n];
        Double[] lat = new Double[n], lon = new Double[n];
        for (int i = 0; i < n; i++) {
            Site s = wanted.get(i);
            district[i] = s.district();
            key[i] = s.addressKey();
            address[i] = s.address();
            transformer[i] = s.transformer();
            lat[i] = Double.isNaN(s.lat()) ? null : s.lat();
            lon[i] = Double.isNaN(s.lon()) ? null : s.lon();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sites (district, address_key, address, transformer, lat, lon)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[])
                ON CONFLICT (district, address_key) DO NOTHING""")) {
            ps.setArray(1, c.createArrayOf("text", district));
            ps.setArray(2, c.createArrayOf("text", key));
            ps.setArray(3, c.createArrayOf("text", address));
            ps.setArray(4, c.createArrayOf("text", transformer));
            ps.setArray(5, c.createArrayOf("float8", lat));
            ps.setArray(6, c.createArrayOf("float8", lon));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.site_id, s.district, s.address_key FROM sites s
                JOIN unnest(?::text[], ?::text[]) AS w(d, k) ON s.district = w.d AND s.address_key = w.k""")) {
            ps.setArray(1, c.createArrayOf("text", district));
            ps.setArray(2, c.createArrayOf("text", key));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.put(rs.getString(2) + "|" + rs.getString(3), rs.getLong(1));
            }
        }
        return ids;
    }

    /** Meter keys for these ids, creating the missing ones. */
    public Map<String, Integer> meterKeys(Connection c, List<String> meterIds) throws SQLException {
        Map<String, Integer> keys = new HashMap<>();
        if (meterIds.isEmpty()) return keys;
        Object[] ids = meterIds.toArray();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO meters (meter_id) SELECT unnest(?::text[]) ORDER BY 1 ON CONFLICT (meter_id) DO NOTHING")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT meter_id, meter_key FROM meters WHERE meter_id = ANY(?::text[])")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) keys.put(rs.getString(1), rs.getInt(2));
            }
        }
        return keys;
    }

    /**
     * Writes new account versions by text COPY in one pass. With an INSERT over unnest arrays, meter keys and versions
     * of 100,000 new accounts took 4.0 s together; with COPY the versions take 1.9 s and the meter keys 0.7 s
     * (benchmarks/README.md, shared machine, so the figures are rough).
     */
    public void insertVersions(Connection c, List<PowerAccountRecord> rows, String actor) throws SQLException {
        if (rows.isEmpty()) return;
        StringBuilder b = new StringBuilder(rows.size() * 256);
        for (PowerAccountRecord r : rows) {
            field(b, actor).append('\t');
            field(b, r.account()).append('\t');
            field(b, r.name()).append('\t');
            field(b, r.address()).append('\t');
            field(b, r.district()).append('\t');
            b.append(r.siteId()).append('\t');
            field(b, r.category()).append('\t');
            number(b, r.capacityKva()).append('\t');
            field(b, r.transformer()).append('\t');
            number(b, r.lat()).append('\t');
            number(b, r.lon()).append('\t');
            field(b, r.enterprise()).append('\t');
            field(b, r.openedOn() == null ? null : r.openedOn().toString()).append('\t');
            field(b, r.closedOn() == null ? null : r.closedOn().toString()).append('\t');
            field(b, metersJson(r.meters())).append('\t');
            field(b, r.effectiveFrom().toString()).append('\t');
            field(b, r.digest()).append('\n');
        }
        try {
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("""
                    COPY power_account_versions (recorded_by, account_no, name, address, district, site_id, category, capacity_kva,
                         transformer, lat, lon, enterprise, opened_on, closed_on, meters, effective_from, digest) FROM STDIN""",
                    new java.io.StringReader(b.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY power_account_versions failed", e);
        }
    }

    /** A COPY text field: \N for null, backslash, tab and line breaks escaped (the form rejects control characters). */
    private static StringBuilder field(StringBuilder b, String v) {
        if (v == null) return b.append("\\N");
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b;
    }

    private static StringBuilder number(StringBuilder b, double v) {
        return Double.isNaN(v) ? b.append("\\N") : b.append(v);
    }

    public void insertLink(Connection c, SiteLink link) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO enterprise_sites (credit_code, effective_from, site_id, legal_representative) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, link.creditCode());
            ps.setTimestamp(2, Timestamp.from(java.time.Instant.ofEpochSecond(link.from())));
            if (link.siteId() == 0) ps.setNull(3, java.sql.Types.BIGINT);
            else ps.setLong(3, link.siteId());
            ps.setString(4, link.legalRepresentative());
            ps.executeUpdate();
        }
    }

    public Connection connection() throws SQLException {
        return db.getConnection();
    }

    private static String metersJson(List<PowerAccountRecord.Meter> meters) {
        var arr = Json.MAPPER.createArrayNode();
        for (PowerAccountRecord.Meter m : meters) {
            var o = arr.addObject().put("id", m.id()).put("multiplier", m.multiplier());
            if (m.point() != null) o.put("point", m.point());
        }
        return arr.toString();
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static double num(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }
}
