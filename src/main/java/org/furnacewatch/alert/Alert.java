package org.furnacewatch.alert;

import java.time.Instant;

/** An alert as the API shows it (CONTRACT.md "Alerts"); {@code severity} CRITICAL|HIGH|MEDIUM|LOW (null before V5). */
public record Alert(String id, String enterprise, String district, String kind, double score, String status,
                    Instant firstTs, Instant lastTs, String summary, String evidenceJson, String severity) {}
