package org.furnacewatch.registry;

import java.util.regex.Pattern;

/** Shape checks for the national codes the registry uses, and the GB/T 2260 tree they form. */
public final class Codes {
    private static final Pattern DISTRICT = Pattern.compile("[1-8]\\d{5}");
    private static final Pattern INDUSTRY = Pattern.compile("\\d{4}");

    private Codes() {}

    /** A GB/T 2260 administrative division code: six digits, the first a region digit 1-8. */
    public static boolean isDistrictCode(String s) {
        return s != null && DISTRICT.matcher(s).matches();
    }

    /** A four-digit GB/T 4754-2017 class code, e.g. 3120 炼钢, 3391 黑色金属铸造. */
    public static boolean isIndustryCode(String s) {
        return s != null && INDUSTRY.matcher(s).matches() && !s.startsWith("00");
    }

    /**
     * The digits every code below {@code code} starts with: a province (XX0000) is its first two digits, a city
     * (XXYY00) its first four, a district (county level) the whole code. GB/T 2260 codes are positional, so "lies
     * under" is "starts with".
     */
    public static String prefix(String code) {
        if (code.endsWith("0000")) return code.substring(0, 2);
        if (code.endsWith("00")) return code.substring(0, 4);
        return code;
    }

    /**
     * Whether {@code code} is {@code jurisdiction} or lies below it in the GB/T 2260 tree: 500000 重庆市 covers 500102
     * 涪陵区, 510100 成都市 covers 510104 but not 510302. False when either is not a six-digit code.
     */
    public static boolean covers(String jurisdiction, String code) {
        if (jurisdiction == null || code == null) return false;
        if (jurisdiction.equals(code)) return true;
        if (!isDistrictCode(jurisdiction) || !isDistrictCode(code)) return false;
        return code.startsWith(prefix(jurisdiction));
    }
}
