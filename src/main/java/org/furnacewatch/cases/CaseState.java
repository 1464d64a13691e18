package org.furnacewatch.cases;

/** Where a case stands; DISMISSED and CLOSED are final. */
public enum CaseState {
    OPEN("待核查"), VERIFIED("已核查待认定"), CONFIRMED("已认定违规"), DISMISSED("排除"),
    RECTIFYING("限期整改中"), PRODUCTION_STOPPED("停产停业整顿中"), RECTIFIED("整改合格"),
    REINSPECTION_FAILED("复查不合格"), SHUTTING_DOWN("关停退出中"), CLOSED("结案");

    public final String zh;

    CaseState(String zh) {
        this.zh = zh;
    }

    public boolean isFinal() {
        return this == DISMISSED || this == CLOSED;
    }

    public static CaseState parse(String s) {
        if (s == null) return null;
        for (CaseState c : values()) if (c.name().equals(s)) return c;
        return null;
    }
}
