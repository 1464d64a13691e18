package org.furnacewatch.detect;

/** Registry status of an enterprise at a point in event time. */
public enum EnterpriseStatus {
  OPERATING("正常生产"),
  SUSPENDED("停产整顿"),
  RECTIFYING("限期整改"),
  CLOSED("已关停"),
  SEALED("已查封"),
  BANNED("已取缔");

  private final String chinese;

  EnterpriseStatus(String chinese) {
    this.chinese = chinese;
  }

  /** The term a district officer uses. */
  public String chinese() {
    return chinese;
  }

  /**
   * Statuses whose load is judged against its own hourly baseline (level, night, flat). A
   * suspended site (停产整顿) learns its standby as its level: production resumed without a dated
   * reopening rises far above it (停限产企业恢复用电).
   */
  public boolean judgedByShape() {
    return this == OPERATING || this == SUSPENDED;
  }

  /** Statuses under which any load above standby is a resurgence (死灰复燃). */
  public boolean mustBeDark() {
    return this == CLOSED || this == SEALED || this == BANNED;
  }
}
