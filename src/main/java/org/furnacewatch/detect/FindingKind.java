package org.furnacewatch.detect;

/** Alert kinds, exactly as in the outside contract (CONTRACT.md, Alerts). */
public enum FindingKind {
  RESURGENCE("死灰复燃（关停企业恢复用电）"),
  FURNACE_SIGNATURE("疑似中频炉熔炼特征"),
  LEVEL_SHIFT("用电量异常突增"),
  NIGHT_LOAD("夜间异常用电"),
  FLAT_CONTINUOUS("全天恒定负荷（疑似挖矿）"),
  PEER_OUTLIER("远超同区县同行业企业"),
  INTENSITY_MISMATCH("用电与申报产量/销售不符");

  static final FindingKind[] VALUES = values();

  private final String chinese;

  FindingKind(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }
}
