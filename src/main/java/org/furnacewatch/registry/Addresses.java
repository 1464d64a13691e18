package org.furnacewatch.registry;

import java.text.Normalizer;
import java.util.List;

/**
 * Address normalisation for matching sites: the same place written by the power company and by a district office
 * ("重庆市涪陵区李渡街道 工业园路18号" and "涪陵区李渡街道工业园路１８号") gets the same key.
 */
public final class Addresses {
    /** A leading province and city name (重庆市, 广东省广州市, 内蒙古自治区乌海市), dropped whether or not they are registered. */
    private static final java.util.regex.Pattern PROVINCE_CITY =
            java.util.regex.Pattern.compile("^(\\p{IsHan}{2,3}省|\\p{IsHan}{2,8}自治区)?(\\p{IsHan}{2,4}市)?(?=\\p{IsHan})");

    private Addresses() {}

    /**
     * NFKC (full-width digits and letters become ASCII), no whitespace or punctuation, upper case, and the names of
     * the district and its ancestors ({@code prefixes}, e.g. 重庆市, 涪陵区) dropped from the front.
     */
    public static String key(String address, List<String> prefixes) {
        String s = Normalizer.normalize(address, Normalizer.Form.NFKC).toUpperCase();
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(cp -> Character.isLetterOrDigit(cp)).forEach(b::appendCodePoint);
        String out = b.toString();
        if (out.startsWith("中国")) out = out.substring(2);
        out = PROVINCE_CITY.matcher(out).replaceFirst("");
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String p : prefixes) {
                if (p != null && !p.isEmpty() && out.startsWith(p) && out.length() > p.length()) {
                    out = out.substring(p.length());
                    stripped = true;
                }
            }
        }
        return out;
    }
}
