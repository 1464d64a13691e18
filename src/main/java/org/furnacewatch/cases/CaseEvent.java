package org.furnacewatch.cases;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a case's append-only history: what was done ({@code action}), when it happened ({@code at}), who
 * did it ({@code by}) and why ({@code note}); {@code detail} holds the action's fields and the deadlines the rules
 * computed; who recorded it and when are kept apart from who acted.
 */
public record CaseEvent(int seq, ActionType action, Instant at, String by, String note, Map<String, Object> detail,
                        CaseState stateAfter, Instant recordedAt, String recordedBy) {

    public String text(String key) {
        Object v = detail.get(key);
        return v == null ? null : v.toString();
    }

    public boolean flag(String key) {
        return Boolean.TRUE.equals(detail.get(key));
    }
}
