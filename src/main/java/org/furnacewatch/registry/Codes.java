package org.furnacewatch.registry;

import java.util.regex.Pattern;

/** Shape checks for the national codes the registry uses. */
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
}
