package org.furnacewatch.codec;

/** Something a client sent that the service will not take: answered 400 with {@link #field} named. */
public final class BadInput extends IllegalArgumentException {
    private final String field;

    public BadInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
