package org.furnacewatch.registry;

import org.furnacewatch.codec.Text;
import org.furnacewatch.ingest.Timestamps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One row of the customer file (a JSON object, or a CSV line as column -> text) checked and turned into a draft
 * account version, naming the first bad field. A row may carry its meters as {@code meters} (an array of
 * {@code {id, point, multiplier}}) or as flat {@code meter}, {@code point}, {@code multiplier} columns; CSV rows of
 * the same account are merged by the caller.
 */
public final class PowerAccountForm {
    private PowerAccountForm() {}

    /** A checked row: the version without its site (resolved on load) and the address it gives. */
    public record Draft(int row, PowerAccountRecord record, boolean effectiveGiven) {}

    public static Draft parse(int row, Map<String, Object> m, Instant now, ZoneId zone) {
        String account = text(m, "account", true, 40);
        String district = text(m, "district", true, 6);
        if (!Codes.isDistrictCode(district)) throw new InvalidRecord("district", "district 必须是六位行政区划代码 (GB/T 2260): " + district);
        String address = text(m, "address", true, 200);
        String name = text(m, "name", false, 200);
        String category = text(m, "category", false, 40);
        String transformer = text(m, "transformer", false, 80);
        String enterprise = text(m, "enterprise", false, 18);
        if (enterprise != null && CreditCode.problem(enterprise) != null) throw new InvalidRecord("enterprise", "enterprise: " + CreditCode.problem(enterprise));
        double capacity = number(m, "capacityKva");
        if (!Double.isNaN(capacity) && !(capacity > 0 && capacity < 1e7)) throw new InvalidRecord("capacityKva", "capacityKva 必须为正数 (报装容量, kVA)");
        double lat = number(m, "lat"), lon = number(m, "lon");
        if (!Double.isNaN(lat) && (lat < -90 || lat > 90)) throw new InvalidRecord("lat", "lat 须在 -90..90");
        if (!Double.isNaN(lon) && (lon < -180 || lon > 180)) throw new InvalidRecord("lon", "lon 须在 -180..180");
        LocalDate opened = date(m, "openedOn"), closed = date(m, "closedOn");
        List<PowerAccountRecord.Meter> meters = meters(m);
        Instant effective = opened == null ? now : opened.atStartOfDay(zone).toInstant();
        boolean given = false;
        String ef = text(m, "effectiveFrom", false, 40);
        if (ef != null) {
            long t = Timestamps.parseWithOffset(ef);
            if (t == Timestamps.INVALID) throw new InvalidRecord("effectiveFrom", "effectiveFrom 不是带时区偏移的 ISO-8601 时间: " + Text.abbreviate(ef));
            effective = Instant.ofEpochSecond(t);
            given = true;
        }
        PowerAccountRecord r = new PowerAccountRecord(account, name, address, district, 0, category, capacity, transformer, lat, lon,
                enterprise, opened, closed, meters, effective, null);
        return new Draft(row, r, given || opened != null);
    }

    /** The same account with more meters (CSV lines of one account). */
    public static PowerAccountRecord withMeters(PowerAccountRecord r, List<PowerAccountRecord.Meter> more) {
        List<PowerAccountRecord.Meter> all = new ArrayList<>(r.meters());
        for (PowerAccountRecord.Meter m : more) if (r.meter(m.id()) == null) all.add(m);
        return new PowerAccountRecord(r.account(), r.name(), r.address(), r.district(), r.siteId(), r.category(), r.capacityKva(),
                r.transformer(), r.lat(), r.lon(), r.enterprise(), r.openedOn(), r.closedOn(), List.copyOf(all), r.effectiveFrom(), r.digest());
    }

    /** The record with its site and content digest (everything but the dates of recording: a re-sent row is unchanged). */
    public static PowerAccountRecord resolved(PowerAccountRecord r, long siteId) {
        String content = String.join("\u0001", r.account(), String.valueOf(r.name()), r.address(), r.district(), String.valueOf(r.category()),
                String.valueOf(r.capacityKva()), String.valueOf(r.transformer()), String.valueOf(r.lat()), String.valueOf(r.lon()),
                String.valueOf(r.enterprise()), String.valueOf(r.openedOn()), String.valueOf(r.closedOn()), r.meters().toString());
        return new PowerAccountRecord(r.account(), r.name(), r.address(), r.district(), siteId, r.category(), r.capacityKva(),
                r.transformer(), r.lat(), r.lon(), r.enterprise(), r.openedOn(), r.closedOn(), r.meters(), r.effectiveFrom(), sha1(content));
    }

    private static List<PowerAccountRecord.Meter> meters(Map<String, Object> m) {
        List<PowerAccountRecord.Meter> out = new ArrayList<>();
        Object raw = m.get("meters");
        if (raw != null) {
            if (!(raw instanceof List<?> list)) throw new InvalidRecord("meters", "meters 必须是数组");
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> e)) throw new InvalidRecord("meters[" + i + "]", "meters[" + i + "] 必须是对象");
                @SuppressWarnings("unchecked") Map<String, Object> em = (Map<String, Object>) e;
                out.add(meter(em, "meters[" + i + "].", "id"));
            }
        }
        if (m.get("meter") != null && !m.get("meter").toString().isBlank()) out.add(meter(m, "", "meter"));
        for (int i = 0; i < out.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (out.get(i).id().equals(out.get(j).id())) throw new InvalidRecord("meters", "电表重复 (meter listed twice): " + out.get(i).id());
            }
        }
        return List.copyOf(out);
    }

    private static PowerAccountRecord.Meter meter(Map<String, Object> e, String prefix, String idKey) {
        String id = text(e, idKey, true, 64);
        if (Text.hasControl(id)) throw new InvalidRecord(prefix + idKey, prefix + idKey + " 含控制字符");
        String point = text(e, "point", false, 64);
        double mult = number(e, "multiplier");
        if (Double.isNaN(mult)) mult = 1;
        if (!(mult > 0 && mult < 1e6)) throw new InvalidRecord(prefix + "multiplier", prefix + "multiplier 必须为正数 (CT×PT 综合倍率)");
        return new PowerAccountRecord.Meter(id, point, mult);
    }

    private static String text(Map<String, Object> m, String key, boolean required, int max) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            if (required) throw new InvalidRecord(key, key + " 缺失 (required)");
            return null;
        }
        if (!(v instanceof String) && !(v instanceof Number)) throw new InvalidRecord(key, key + " 须为文本 (must be text)");
        String s = v.toString().trim();
        if (Text.hasControl(s)) throw new InvalidRecord(key, key + " 含控制字符 (a control character)");
        if (s.length() > max) throw new InvalidRecord(key, key + " 过长 (over " + max + " characters)");
        return s;
    }

    private static double number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) return Double.NaN;
        if (v instanceof Number n) return n.doubleValue();
        if (!(v instanceof String) || v.toString().length() > 40) throw new InvalidRecord(key, key + " 不是数字 (not a number)");
        try {
            double d = Double.parseDouble(v.toString().trim());
            if (!Double.isFinite(d)) throw new InvalidRecord(key, key + " 不是有限数值");
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidRecord(key, key + " 不是数字 (not a number): " + Text.abbreviate(v.toString()));
        }
    }

    private static LocalDate date(Map<String, Object> m, String key) {
        String s = text(m, key, false, 40);
        if (s == null) return null;
        try {
            LocalDate d = LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
            if (d.getYear() < 1900 || d.getYear() > 9999) throw new InvalidRecord(key, key + " 年份须在 1900-9999");
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidRecord(key, key + " 须为日期 YYYY-MM-DD: " + Text.abbreviate(s));
        }
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
