package org.furnacewatch.alert;

import org.furnacewatch.ingest.Timestamps;
import org.furnacewatch.registry.CustomerFile;
import org.furnacewatch.registry.CustomerFileRepository;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.MeterInfo;
import org.furnacewatch.registry.PowerAccountRecord;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.registry.Site;
import org.furnacewatch.registry.SiteClosures;
import org.furnacewatch.store.ReadingBatch;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a finding is about, for the alert: the enterprise it names, its district and status then, and what the
 * evidence should show beside the load (the account and site behind it, the site's closure, overload intervals).
 *
 * <p>A detection entity is an enterprise (its credit code) or a customer-file account no enterprise lists
 * ({@link RegistryContexts#ACCOUNT} + 户号). An account's alert names its own enterprise when the file gives a
 * registered one, otherwise the enterprise whose closure darkened the site; with neither it names the account alone.
 */
final class Attribution {
    private Attribution() {}

    /** creditCode is null for an account no registered enterprise owns at a site nobody closed; account is then set. */
    record Target(String creditCode, String district, String status, List<Integer> meterKeys, Map<String, Object> context, String account) {
        Target(String creditCode, String district, String status, List<Integer> meterKeys, Map<String, Object> context) {
            this(creditCode, district, status, meterKeys, context, null);
        }
    }

    static Target of(Registry registry, CustomerFile file, String entity, long t, ZoneId zone) {
        if (entity.startsWith(RegistryContexts.ACCOUNT)) return account(registry, file, entity.substring(RegistryContexts.ACCOUNT.length()), t, zone);
        EnterpriseHistory h = registry.enterprise(entity);
        if (h == null) return null;
        EnterpriseRecord v = h.at(t);
        Map<String, Object> context = new LinkedHashMap<>();
        String status = v.status().name();
        CustomerFileRepository.SiteLink link = file == null ? null : file.linkAt(entity, t);
        if (link != null && link.siteId() != 0) {
            context.put("site", site(file.site(link.siteId())));
            SiteClosures.Closure closure = SiteClosures.at(file, link.siteId(), t);
            if (closure != null && !closure.creditCode().equals(entity)) {
                context.put("siteClosure", closure(closure, zone));
                if (!v.status().mustBeIdle()) status = closure.status().name();
            }
        }
        List<Integer> keys = new ArrayList<>();
        for (var m : v.meters()) {
            MeterInfo info = registry.meter(m.id());
            if (info != null) keys.add(info.key());
        }
        return new Target(entity, v.district(), status, keys, context);
    }

    private static Target account(Registry registry, CustomerFile file, String account, long t, ZoneId zone) {
        PowerAccountRecord v = file == null ? null : file.accountAt(account, t);
        if (v == null) return null;
        Map<String, Object> context = new LinkedHashMap<>();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("account", v.account());
        a.put("name", v.name());
        a.put("address", v.address());
        a.put("category", v.category());
        if (!Double.isNaN(v.capacityKva())) a.put("capacityKva", v.capacityKva());
        a.put("transformer", v.transformer());
        List<String> meters = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        for (PowerAccountRecord.Meter m : v.meters()) {
            meters.add(m.id());
            MeterInfo info = registry.meter(m.id());
            if (info != null) keys.add(info.key());
        }
        a.put("meters", meters);
        context.put("account", a);
        context.put("site", site(file.site(v.siteId())));
        SiteClosures.Closure closure = SiteClosures.at(file, v.siteId(), t);
        if (closure != null) context.put("siteClosure", closure(closure, zone));
        String enterprise = v.enterprise() != null && registry.enterprise(v.enterprise()) != null ? v.enterprise()
                : closure != null ? closure.creditCode() : null;
        String status = closure != null ? closure.status().name()
                : enterprise != null ? registry.enterprise(enterprise).at(t).status().name() : "OPERATING";
        return new Target(enterprise, v.district(), status, keys, context, v.account());
    }

    /** Intervals of these meters in [from, to] stored above what the contracted capacity allows, or null when none. */
    static Map<String, Object> overCapacity(DataSource db, List<Integer> meterKeys, long from, long to, ZoneId zone) throws SQLException {
        if (meterKeys.isEmpty()) return null;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), max(kwh), min(ts), max(ts) FROM readings
                WHERE meter_key = ANY(?) AND ts >= ? AND ts <= ? AND (flags & ?) <> 0""")) {
            ps.setArray(1, c.createArrayOf("int4", meterKeys.toArray()));
            ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(from)));
            ps.setTimestamp(3, Timestamp.from(Instant.ofEpochSecond(to)));
            ps.setInt(4, ReadingBatch.FLAG_OVER_CAPACITY);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) == 0) return null;
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("kind", "OVER_CAPACITY");
                o.put("intervals", rs.getLong(1));
                o.put("maxKwh", rs.getDouble(2));
                o.put("firstTs", Timestamps.format(rs.getTimestamp(3).toInstant().getEpochSecond(), zone));
                o.put("lastTs", Timestamps.format(rs.getTimestamp(4).toInstant().getEpochSecond(), zone));
                o.put("explanation", "用电超过报装容量：" + rs.getLong(1) + " 个时段超出合同容量允许的电量，最高 "
                        + String.format("%.1f", rs.getDouble(2)) + " kWh/时段 (load above contracted capacity)");
                return o;
            }
        }
    }

    private static Map<String, Object> site(Site s) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (s == null) return o;
        o.put("id", s.id());
        o.put("district", s.district());
        o.put("address", s.address());
        o.put("transformer", s.transformer());
        if (!Double.isNaN(s.lat())) o.put("lat", s.lat());
        if (!Double.isNaN(s.lon())) o.put("lon", s.lon());
        return o;
    }

    private static Map<String, Object> closure(SiteClosures.Closure c, ZoneId zone) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", c.status().name());
        o.put("since", Timestamps.format(c.since(), zone));
        o.put("enterprise", c.creditCode());
        o.put("name", c.name());
        o.put("explanation", "该场所已于 " + Timestamps.format(c.since(), zone) + " 因企业「" + c.name() + "」" + chinese(c.status().name())
                + "，任何名义的用电超过待机负荷均为死灰复燃 (the site is closed: any load above standby is a resurgence)");
        return o;
    }

    private static String chinese(String status) {
        return org.furnacewatch.detect.EnterpriseStatus.valueOf(status).chinese();
    }
}
