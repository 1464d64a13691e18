package org.furnacewatch.alert;

import java.time.Instant;

/**
 * An alert as the API shows it (CONTRACT.md "Alerts"); {@code severity} CRITICAL|HIGH|MEDIUM|LOW (null before V5).
 * {@code account} is the customer-file account (户号) behind the load when it is not an enterprise's own meter; an
 * alert about an account that no registered enterprise owns has a null {@code enterprise}.
 */
public record Alert(String id, String enterprise, String district, String kind, double score, String status,
                    Instant firstTs, Instant lastTs, String summary, String evidenceJson, String severity, String account) {

    public Alert(String id, String enterprise, String district, String kind, double score, String status,
                 Instant firstTs, Instant lastTs, String summary, String evidenceJson, String severity) {
        this(id, enterprise, district, kind, score, status, firstTs, lastTs, summary, evidenceJson, severity, null);
    }

    /** What the alert is about, for people: the enterprise's credit code, or 户号 and the account. */
    public String subject() {
        return enterprise != null ? enterprise.trim() : "户号 " + account;
    }
}
