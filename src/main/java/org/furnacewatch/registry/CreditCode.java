package org.furnacewatch.registry;

/** The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters, the last a check character. */
public final class CreditCode {
    /** The code's alphabet: digits and capitals without I, O, S, V, Z. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {}

    /** Why {@code code} is not a valid credit code, or null when it is. */
    public static String problem(String code) {
        if (code == null || code.length() != 18) return "统一社会信用代码必须为18位 (creditCode must have 18 characters)";
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "统一社会信用代码第" + (i + 1) + "位字符非法 (creditCode has an invalid character at position " + (i + 1) + ")";
            }
        }
        char expected = checkCharacter(code);
        if (code.charAt(17) != expected) {
            return "统一社会信用代码校验位错误，应为 " + expected + " (creditCode check character is wrong, expected " + expected + ")";
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The check character for the first 17 characters of {@code code}. */
    public static char checkCharacter(CharSequence code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
        int check = (31 - sum % 31) % 31;
        return ALPHABET.charAt(check);
    }

    /** Completes a 17-character body with its check character (used by the simulator and tests). */
    public static String withCheck(String body17) {
        if (body17.length() != 17) throw new IllegalArgumentException("need 17 characters: " + body17);
        return body17 + checkCharacter(body17);
    }
}
