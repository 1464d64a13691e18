package org.furnacewatch.web;

/** Who is calling: a token's role, its district (district role only) and its name for the audit trail. */
public record Principal(long tokenId, Role role, String district, String name) {

    /** May this caller see data of {@code districtCode}? Feed sees nothing; district only its own. */
    public boolean canSee(String districtCode) {
        return switch (role) {
            case ADMIN, ANALYST -> true;
            case DISTRICT -> district.equals(districtCode) || covers(district, districtCode);
            case FEED -> false;
        };
    }

    /**
     * GB/T 2260: a province code (XX0000) covers every code starting XX, a city code (XXXX00) every code starting
     * XXXX. (The console's city offices need this; issue 10 owns the general jurisdiction check.)
     */
    static boolean covers(String upper, String code) {
        if (upper == null || code == null || upper.length() != 6 || code.length() != 6) return false;
        if (upper.endsWith("0000")) return code.startsWith(upper.substring(0, 2));
        if (upper.endsWith("00")) return code.startsWith(upper.substring(0, 4));
        return false;
    }

    /** The actor written into audit rows: "role:name#id". */
    public String actor() {
        return role.wire() + ":" + name + "#" + tokenId;
    }
}
