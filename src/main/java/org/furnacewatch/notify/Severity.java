package org.furnacewatch.notify;

import org.furnacewatch.detect.FindingKind;

/**
 * How urgent an alert is, from its kind, its score and what the enterprise was at the time. A closed site drawing
 * load is the rekindling (死灰复燃) the whole policy exists to stop, and a BANNED 地条钢 site doing it is the worst.
 */
public enum Severity {
    CRITICAL(1, "特急"), HIGH(2, "紧急"), MEDIUM(3, "一般"), LOW(4, "提示");

    private final int level;
    private final String chinese;

    Severity(int level, String chinese) {
        this.level = level;
        this.chinese = chinese;
    }

    public int level() {
        return level;
    }

    public String chinese() {
        return chinese;
    }

    /**
     * @param enterpriseStatus the registry status in force at the finding (OPERATING, CLOSED, BANNED, ...), or null
     */
    public static Severity of(FindingKind kind, double score, String enterpriseStatus) {
        boolean banned = "BANNED".equals(enterpriseStatus);
        boolean shut = banned || "CLOSED".equals(enterpriseStatus) || "SEALED".equals(enterpriseStatus);
        return switch (kind) {
            case RESURGENCE -> banned || score >= 0.9 ? CRITICAL : HIGH;
            case FURNACE_SIGNATURE -> shut ? CRITICAL : score >= 0.7 ? HIGH : MEDIUM;
            case FLAT_CONTINUOUS, LEVEL_SHIFT, NIGHT_LOAD -> shut ? HIGH : score >= 0.8 ? MEDIUM : LOW;
            case PEER_OUTLIER, INTENSITY_MISMATCH -> score >= 0.8 ? MEDIUM : LOW;
        };
    }
}
