package org.furnacewatch.store;

/** The store cannot take writes now (down, or the writer is saturated); the caller should retry later. */
public final class StoreUnavailable extends RuntimeException {
    private final int retryAfterSeconds;

    public StoreUnavailable(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
