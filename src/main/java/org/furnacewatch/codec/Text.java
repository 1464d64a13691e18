package org.furnacewatch.codec;

/** Checks on client text that every edge shares. */
public final class Text {
    private Text() {}

    /**
     * True when {@code s} holds U+0000 or another C0/C1 control other than tab, LF and CR. PostgreSQL cannot store
     * U+0000 in text at all ("invalid byte sequence"), and the others only ever arrive by mistake or by attack.
     */
    public static boolean hasControl(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) return true;
            if (Character.isSurrogate(c)) {
                // a lone surrogate cannot be encoded in UTF-8
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                else return true;
            }
        }
        return false;
    }

    /** At most 40 characters of {@code s} for an error message. */
    public static String abbreviate(String s) {
        String t = s.length() <= 40 ? s : s.substring(0, 40) + "…";
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
