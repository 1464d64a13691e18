package org.furnacewatch.web.console;

/** One alert as the inbox and the enterprise page show it (every text escaped by the template). */
public record AlertRow(String id, String enterprise, String enterpriseName, String district, String districtName, String kind,
                       String kindZh, String severity, String severityZh, String status, String statusZh, String since, String last,
                       String age, long ackDeadlineMillis, String summary, String score) {

    public boolean open() {
        return "OPEN".equals(status);
    }

    public boolean actionable() {
        return "OPEN".equals(status) || "ACKED".equals(status);
    }

    public String severityClass() {
        return "sev-" + (severity == null ? "NONE" : severity);
    }
}
