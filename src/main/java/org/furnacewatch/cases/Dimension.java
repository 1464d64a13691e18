package org.furnacewatch.cases;

import java.util.List;

/**
 * The five dimensions of the 综合标准 and who leads each by default (DOMAIN.md "The five dimensions"): a district
 * may configure other departments through the API; a case keeps the departments it was opened with.
 */
public enum Dimension {
    ENERGY("能耗", "经济信息委", List.of("发展改革委")),
    ENVIRONMENT("环保", "生态环境局", List.of()),
    QUALITY("质量", "市场监管局", List.of()),
    SAFETY("安全", "应急管理局", List.of()),
    TECHNOLOGY("技术", "经济信息委", List.of("发展改革委", "能源局"));

    public final String zh;
    public final String defaultLead;
    public final List<String> defaultCooperating;

    Dimension(String zh, String defaultLead, List<String> defaultCooperating) {
        this.zh = zh;
        this.defaultLead = defaultLead;
        this.defaultCooperating = defaultCooperating;
    }

    /** Energy, environment and quality violations are rectified by a deadline (限期整改). */
    public boolean rectifiable() {
        return this == ENERGY || this == ENVIRONMENT || this == QUALITY;
    }

    public static Dimension parse(String s) {
        if (s == null) return null;
        for (Dimension d : values()) if (d.name().equals(s)) return d;
        return null;
    }
}
