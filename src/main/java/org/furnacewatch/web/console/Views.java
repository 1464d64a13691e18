package org.furnacewatch.web.console;

import org.furnacewatch.detect.FindingKind;
import org.furnacewatch.notify.Severity;
import org.furnacewatch.registry.District;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.web.Principal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Chinese names and formats shared by the console pages. */
public final class Views {
    private static final Map<String, String> STATUS = Map.of("OPEN", "待确认", "ACKED", "已确认", "CASE_OPENED", "已立案",
            "RESOLVED", "已解除", "SUPPRESSED", "已静默");
    private static final Map<String, String> ENTERPRISE_STATUS = Map.of("OPERATING", "正常生产", "SUSPENDED", "停产", "RECTIFYING", "整改中",
            "CLOSED", "已关停", "SEALED", "已查封", "BANNED", "已取缔");

    private Views() {}

    public static String kind(String kind) {
        try {
            return FindingKind.valueOf(kind).chinese();
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(kind);
        }
    }

    public static String severity(String s) {
        try {
            return Severity.valueOf(s).chinese();
        } catch (IllegalArgumentException | NullPointerException e) {
            return "—";
        }
    }

    public static int severityLevel(String s) {
        try {
            return Severity.valueOf(s).level();
        } catch (IllegalArgumentException | NullPointerException e) {
            return 9;
        }
    }

    public static String alertStatus(String s) {
        return STATUS.getOrDefault(s, String.valueOf(s));
    }

    public static String enterpriseStatus(String s) {
        return ENTERPRISE_STATUS.getOrDefault(s, String.valueOf(s));
    }

    public static String time(Instant t, ZoneId zone) {
        return t == null ? "—" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone).format(t);
    }

    /** "3天5小时", "2小时10分". */
    public static String age(Duration d) {
        long m = Math.max(0, d.toMinutes());
        if (m >= 1440) return (m / 1440) + "天" + (m % 1440 / 60) + "小时";
        if (m >= 60) return (m / 60) + "小时" + (m % 60) + "分";
        return m + "分";
    }

    /** The districts a principal may see (never another jurisdiction's). */
    public static List<District> visibleDistricts(Registry registry, Principal who) {
        return registry.districts().stream().filter(d -> who.canSee(d.code())).sorted(java.util.Comparator.comparing(District::code)).toList();
    }

    public static String districtName(Registry registry, String code) {
        District d = code == null ? null : registry.district(code.trim());
        return d == null ? String.valueOf(code) : d.name();
    }
}
