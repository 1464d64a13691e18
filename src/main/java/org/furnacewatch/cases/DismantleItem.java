package org.furnacewatch.cases;

/** 五拆除: the five items field practice checks before a furnace site counts as dismantled (DOMAIN.md). */
public enum DismantleItem {
    FURNACE_BODY("炉体"), TRANSFORMER("变压器"), DUST_HOOD("除尘罩"), OPERATING_PLATFORM("操作平台"), RAILS("轨道");

    public final String zh;

    DismantleItem(String zh) {
        this.zh = zh;
    }

    public static DismantleItem parse(String s) {
        if (s == null) return null;
        for (DismantleItem x : values()) if (x.name().equals(s)) return x;
        return null;
    }
}
