package org.furnacewatch.web;

import org.furnacewatch.registry.Codes;

/**
 * Who is calling: a role, the GB/T 2260 code the caller is bound to (district role only: a district, a city or a
 * province), and a name for the audit trail. Tokens and signed-in people both become one of these.
 */
public record Principal(long tokenId, Role role, String district, String name) {

    /**
     * May this caller see data of {@code districtCode}? Admin and analyst see everything, feed nothing, a district
     * role everything that lies under its code (its own district; for a city or province code every district below).
     */
    public boolean canSee(String districtCode) {
        return switch (role) {
            case ADMIN, ANALYST -> true;
            case DISTRICT -> Codes.covers(district, districtCode);
            case FEED -> false;
        };
    }

    /** The code this caller's view is limited to, or null when it is not limited (admin, analyst). */
    public String jurisdiction() {
        return role == Role.DISTRICT ? district : null;
    }

    /** The actor written into audit rows: "role:name#id". */
    public String actor() {
        return role.wire() + ":" + name + "#" + tokenId;
    }
}
