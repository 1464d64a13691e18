package org.furnacewatch.cases;

/** How a tip-off arrived (seeds/000, 001: 12345 热线, 全国“地条钢”举报电话, 来信, 来访). */
public enum Channel {
    HOTLINE_12345("12345政务服务便民热线"), NATIONAL_DTG_HOTLINE("全国打击“地条钢”举报电话"), LETTER("来信"), WALK_IN("来访"),
    ONLINE("网上举报"), OTHER("其他");

    public final String zh;

    Channel(String zh) {
        this.zh = zh;
    }

    public static Channel parse(String s) {
        if (s == null) return null;
        for (Channel c : values()) if (c.name().equals(s)) return c;
        return null;
    }
}
