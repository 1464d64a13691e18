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

    public void insertVersions(Connection c, List<PowerAccountRecord> rows, String actor) throws SQLException {
        if (rows.isEmpty()) return;
        int n = rows.size();
        String[] account = new String[n], name = new String[n], address = new String[n], district = new String[n], category = new String[n],
                transformer = new String[n], enterprise = new String[n], meters = new String[n], digest = new String[n];
        Long[] site = new Long[n];
        Double[] capacity = new Double[n], lat = new Double[n], lon = new Double[n];
        Date[] opened = new Date[n], closed = new Date[n];
        Timestamp[] from = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            PowerAccountRecord r = rows.get(i);
            account[i] = r.account();
            name[i] = r.name();
            address[i] = r.address();
            district[i] = r.district();
            site[i] = r.siteId();
            category[i] = r.category();
            capacity[i] = nullIfNaN(r.capacityKva());
            transformer[i] = r.transformer();
            lat[i] = nullIfNaN(r.lat());
            lon[i] = nullIfNaN(r.lon());
            enterprise[i] = r.enterprise();
            opened[i] = r.openedOn() == null ? null : Date.valueOf(r.openedOn());
            closed[i] = r.closedOn() == null ? null : Date.valueOf(r.closedOn());
            meters[i] = metersJson(r.meters());
            from[i] = Timestamp.from(r.effectiveFrom());
            digest[i] = r.digest();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO power_account_versions (recorded_by, account_no, name, address, district, site_id, category, capacity_kva,
                       transformer, lat, lon, enterprise, opened_on, closed_on, meters, effective_from, digest)
                SELECT ?, a, nm, ad, d, s, cat, cap, tr, la, lo, e, op, cl, m::jsonb, f, dg
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::float8[], ?::text[], ?::float8[],
                            ?::float8[], ?::text[], ?::date[], ?::date[], ?::text[], ?::timestamptz[], ?::text[])
                     AS u(a, nm, ad, d, s, cat, cap, tr, la, lo, e, op, cl, m, f, dg)""")) {
            ps.setString(1, actor);
            ps.setArray(2, c.createArrayOf("text", account));
            ps.setArray(3, c.createArrayOf("text", name));
            ps.setArray(4, c.createArrayOf("text", address));
            ps.setArray(5, c.createArrayOf("text", district));
            ps.setArray(6, c.createArrayOf("int8", site));
            ps.setArray(7, c.createArrayOf("text", category));
            ps.setArray(8, c.createArrayOf("float8", capacity));
            ps.setArray(9, c.createArrayOf("text", transformer));
            ps.setArray(10, c.createArrayOf("float8", lat));
            ps.setArray(11, c.createArrayOf("float8", lon));
            ps.setArray(12, c.createArrayOf("text", enterprise));
            ps.setArray(13, c.createArrayOf("date", opened));
            ps.setArray(14, c.createArrayOf("date", closed));
            ps.setArray(15, c.createArrayOf("text", meters));
            ps.setArray(16, c.createArrayOf("timestamptz", from));
            ps.setArray(17, c.createArrayOf("text", digest));
            ps.executeUpdate();
        }
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
