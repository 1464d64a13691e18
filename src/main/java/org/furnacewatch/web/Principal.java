package org.furnacewatch.web;

/** Who is calling: a token's role, its district (district role only) and its name for the audit trail. */
public record Principal(long tokenId, Role role, String district, String name) {

    /** May this caller see data of {@code districtCode}? Feed sees nothing; district only its own. */
    public boolean canSee(String districtCode) {
        return switch (role) {
            case ADMIN, ANALYST -> true;
            case DISTRICT -> district.equals(districtCode);
            case FEED -> false;
        };
    }

    /** The actor written into audit rows: "role:name#id". */
    public String actor() {
        return role.wire() + ":" + name + "#" + tokenId;
    }
}
