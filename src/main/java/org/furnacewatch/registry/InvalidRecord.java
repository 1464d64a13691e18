package org.furnacewatch.registry;

/** A registry record that breaks a rule; the message names the field, in Chinese first. */
public final class InvalidRecord extends RuntimeException {
    private final String field;

    public InvalidRecord(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
