package org.furnacewatch.web;

/** The roles of CONTRACT.md "Who may do what". */
public enum Role {
    FEED, DISTRICT, ANALYST, ADMIN;

    public static Role parse(String s) {
        if (s == null) return null;
        for (Role r : values()) if (r.name().equalsIgnoreCase(s)) return r;
        return null;
    }

    public String wire() {
        return name().toLowerCase();
    }
}
