package org.furnacewatch.detect;

/**
 * When a CLOSED, SEALED or BANNED enterprise's load counts as "more than standby" (死灰复燃).
 *
 * <p>The standby ceiling is the known standby load times a margin when the registry has it (most
 * specific), otherwise a share of the contracted capacity; never below the profile's floor, so
 * guards' lighting and a pump do not alert. The engine fires when k of the last m readings exceed
 * it (default 3 of 4: 45 minutes of load, robust to one odd reading), after a short grace for
 * wind-down when the closure's date is known.
 */
final class ResurgenceRule {
  private ResurgenceRule() {}

  static double ceilingKw(EnterpriseContext c, DetectionProfile.Resurgence r) {
    double kw = r.minKw();
    if (c.standbyKw() >= 0) {
      kw = Math.max(kw, c.standbyKw() * r.standbyMargin());
    } else if (c.capacityKva() > 0) {
      kw = Math.max(kw, r.capacityShare() * c.capacityKva() * 0.9); // kVA x power factor
    }
    return kw;
  }

  static boolean inGrace(EnterpriseContext c, DetectionProfile.Resurgence r, long endTs) {
    return c.statusSince() != Long.MIN_VALUE && endTs < c.statusSince() + r.graceHours() * 3600L;
  }
}
