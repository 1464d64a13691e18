package org.furnacewatch.registry;

/** An enterprise's operating status; CLOSED, SEALED and BANNED sites must draw no more than standby load. */
public enum Status {
    OPERATING, SUSPENDED, RECTIFYING, CLOSED, SEALED, BANNED;

    public boolean mustBeIdle() {
        return this == CLOSED || this == SEALED || this == BANNED;
    }

    public static Status parse(String s) {
        try {
            return s == null ? null : Status.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
