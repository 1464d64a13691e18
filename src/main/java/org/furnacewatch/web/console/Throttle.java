package org.furnacewatch.web.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles failed sign-ins: after {@value #PER_LOGIN} failures for one login, or {@value #PER_ADDRESS} from one
 * address, within {@link #WINDOW}, further attempts are refused (without checking the password) until the oldest
 * failure leaves the window. A success clears the login's failures.
 */
public final class Throttle {
    static final int PER_LOGIN = 5, PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public Throttle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until {@code login} from {@code address} may try again; 0 when it may now. */
    public long waitSeconds(String login, String address) {
        return Math.max(wait("u:" + login, PER_LOGIN), wait("a:" + address, PER_ADDRESS));
    }

    public void failed(String login, String address) {
        Instant now = clock.instant();
        for (String k : new String[] {"u:" + login, "a:" + address}) {
            Deque<Instant> d = failures.computeIfAbsent(k, x -> new ArrayDeque<>());
            synchronized (d) {
                d.addLast(now);
                while (d.size() > PER_ADDRESS) d.removeFirst();
            }
        }
    }

    public void succeeded(String login) {
        failures.remove("u:" + login);
    }

    private long wait(String key, int limit) {
        Deque<Instant> d = failures.get(key);
        if (d == null) return 0;
        Instant now = clock.instant();
        synchronized (d) {
            while (!d.isEmpty() && d.peekFirst().plus(WINDOW).isBefore(now)) d.removeFirst();
            if (d.size() < limit) return 0;
            Instant nth = d.stream().skip(d.size() - limit).findFirst().orElse(now);
            return Math.max(1, Duration.between(now, nth.plus(WINDOW)).toSeconds());
        }
    }
}
