package org.furnacewatch.registry;

import java.util.List;

/**
 * A closure, seal or ban applies to the site as well as the enterprise: from the moment an enterprise placed at a
 * site becomes CLOSED, SEALED or BANNED, the site is dark until that same enterprise's record is changed back
 * (the government lifting it). A new company name or a new account at the site does not lift it.
 */
public final class SiteClosures {
    private SiteClosures() {}

    /** The closure in force: status, since when, and the enterprise it came from; {@code until} is the next change. */
    public record Closure(Status status, long since, String creditCode, String name, long until) {}

    /**
     * The first time after {@code t} at which the site's closure may change (a dated record of an enterprise placed
     * there), {@link Long#MAX_VALUE} if none: detection re-asks then, so a closure dated later darkens the other
     * occupants from its own time, not from the next midnight.
     */
    public static long nextChange(CustomerFile file, long siteId, long t) {
        long next = Long.MAX_VALUE;
        for (String code : file.enterprisesAt(siteId)) {
            EnterpriseHistory h = file.registry().enterprise(code);
            if (h == null) continue;
            for (EnterpriseRecord v : h.versions()) {
                long from = v.effectiveFrom().getEpochSecond();
                if (from > t) next = Math.min(next, from);
            }
        }
        return next;
    }

    /** The site's closure at {@code t} (epoch seconds), or null when it is not dark. */
    public static Closure at(CustomerFile file, long siteId, long t) {
        Closure best = null;
        long next = Long.MAX_VALUE;
        for (String code : file.enterprisesAt(siteId)) {
            EnterpriseHistory h = file.registry().enterprise(code);
            if (h == null) continue;
            CustomerFileRepository.SiteLink link = file.linkAt(code, t);
            if (link == null && !file.links(code).isEmpty()) link = file.links(code).getFirst();
            if (link == null || link.siteId() != siteId) continue;
            List<EnterpriseRecord> vs = h.versions();
            int cur = -1;
            for (int i = 0; i < vs.size(); i++) {
                long from = vs.get(i).effectiveFrom().getEpochSecond();
                if (from <= t) cur = i;
                else next = Math.min(next, from);
            }
            if (cur < 0 || !dark(vs.get(cur).status())) continue;
            long since = vs.get(cur).effectiveFrom().getEpochSecond();
            for (int i = cur - 1; i >= 0 && dark(vs.get(i).status()); i--) since = vs.get(i).effectiveFrom().getEpochSecond();
            if (best == null || since < best.since()) best = new Closure(vs.get(cur).status(), since, code, vs.get(cur).name(), Long.MAX_VALUE);
        }
        return best == null ? null : new Closure(best.status(), best.since(), best.creditCode(), best.name(), next);
    }

    static boolean dark(Status s) {
        return s == Status.CLOSED || s == Status.SEALED || s == Status.BANNED;
    }
}
