package org.furnacewatch.sim;

import java.util.Map;

/** A few GB/T 2260 administrative divisions the simulator knows by name (any six-digit code works). */
public final class Districts {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("500000", "重庆市"), Map.entry("500101", "万州区"), Map.entry("500102", "涪陵区"),
            Map.entry("500103", "渝中区"), Map.entry("500104", "大渡口区"), Map.entry("500106", "沙坪坝区"),
            Map.entry("500110", "綦江区"), Map.entry("500112", "渝北区"), Map.entry("500115", "长寿区"),
            Map.entry("500116", "江津区"), Map.entry("500118", "永川区"), Map.entry("500120", "璧山区"),
            Map.entry("440000", "广东省"), Map.entry("440300", "深圳市"), Map.entry("441900", "东莞市"),
            Map.entry("440600", "佛山市"), Map.entry("150000", "内蒙古自治区"), Map.entry("150300", "乌海市"),
            Map.entry("150302", "海勃湾区"), Map.entry("130000", "河北省"), Map.entry("130200", "唐山市"));

    private Districts() {}

    public static String name(String code) {
        return NAMES.getOrDefault(code, "模拟区" + code);
    }

    /** Parent division: the prefecture (xxxx00) for a county, the province (xx0000) for a prefecture, null for a province. */
    public static String parent(String code) {
        if (code.endsWith("0000")) return null;
        if (code.startsWith("50") || code.startsWith("11") || code.startsWith("12") || code.startsWith("31")) {
            return code.substring(0, 2) + "0000"; // municipalities: districts hang directly under the city
        }
        if (code.endsWith("00")) return code.substring(0, 2) + "0000";
        return code.substring(0, 4) + "00";
    }

    /** The municipality / prefecture name used as the prefix of enterprise names, e.g. "重庆市涪陵区". */
    public static String namePrefix(String code) {
        String p = parent(code);
        if (p == null) return name(code);
        return name(p) + name(code);
    }
}
