package org.furnacewatch.cases;

/** Where a case comes from (DOMAIN.md "Sources of a case"). */
public enum Source {
    ALERT("用电异常告警"), TIP_OFF("举报"), INSPECTION("巡查");

    public final String zh;

    Source(String zh) {
        this.zh = zh;
    }

    public static Source parse(String s) {
        if (s == null) return null;
        for (Source x : values()) if (x.name().equals(s)) return x;
        return null;
    }
}
