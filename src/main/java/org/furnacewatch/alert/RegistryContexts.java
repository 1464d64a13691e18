package org.furnacewatch.alert;

import org.furnacewatch.detect.ContextSource;
import org.furnacewatch.detect.EnterpriseContext;
import org.furnacewatch.detect.EnterpriseStatus;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.Registry;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The detection core's view of the dated registry: dense enterprise indices, and for each index and event
 * time the record then in force, with how long it holds, its status since when, and declared output.
 */
public final class RegistryContexts implements ContextSource {
    /** Entity key prefix of a customer-file account (户号) no enterprise lists: watched as its own entity. */
    public static final String ACCOUNT = "户号:";
    private final Registry registry;
    private volatile org.furnacewatch.registry.CustomerFile customers;
    private final ZoneId zone;
    private final Map<String, Integer> index = new ConcurrentHashMap<>();
    private final List<String> codes = new ArrayList<>();
    private final Map<String, Map<YearMonth, double[]>> declarations = new ConcurrentHashMap<>();

    public RegistryContexts(Registry registry, ZoneId zone) {
        this.registry = registry;
        this.zone = zone;
    }

    /** Accounts and sites: account entities get their context from it, and a closed site darkens every occupant. */
    public void useCustomerFile(org.furnacewatch.registry.CustomerFile file) {
        this.customers = file;
    }

    public org.furnacewatch.registry.CustomerFile customers() {
        return customers;
    }

    /** Called for every reading: a lock-free lookup, locking only to assign a new index. */
    public int indexOf(String creditCode) {
        Integer i = index.get(creditCode);
        return i != null ? i : assign(creditCode);
    }

    private synchronized int assign(String creditCode) {
        Integer i = index.get(creditCode);
        if (i != null) return i;
        codes.add(creditCode);
        index.put(creditCode, codes.size() - 1);
        return codes.size() - 1;
    }

    /** Enterprise indices handed out so far (0 .. size-1). */
    public synchronized int size() {
        return codes.size();
    }

    public synchronized String codeOf(int idx) {
        return codes.get(idx);
    }

    /** Declared monthly output tonnes and sales (NaN where unknown). */
    public void declare(String creditCode, YearMonth month, double tonnes, double salesYuan) {
        declarations.computeIfAbsent(creditCode, k -> new ConcurrentHashMap<>()).put(month, new double[] {tonnes, salesYuan});
    }

    /**
     * The record for the reading whose interval ENDS at {@code ts}: that interval lies before ts, so the record in
     * force at ts - 1 s judges it (a closure effective 00:00 does not cover the interval 23:45-00:00, and the reading
     * ending at 00:00 on the 1st belongs to the previous month's declaration). {@code validUntil} is given in the
     * same interval-end terms: the first interval end that the next record (or month) governs is its start + 1 s.
     */
    @Override
    public EnterpriseContext at(int enterpriseIdx, long ts) {
        String code = codeOf(enterpriseIdx);
        if (code.startsWith(ACCOUNT)) return accountAt(code.substring(ACCOUNT.length()), ts);
        EnterpriseHistory h = registry.enterprise(code);
        if (h == null) return EnterpriseContext.UNKNOWN;
        long t = ts - 1;
        List<EnterpriseRecord> versions = h.versions();
        int cur = 0;
        for (int i = 0; i < versions.size(); i++) if (versions.get(i).effectiveFrom().getEpochSecond() <= t) cur = i;
        EnterpriseRecord v = versions.get(cur);
        long statusSince = versions.get(cur).effectiveFrom().getEpochSecond();
        for (int i = cur - 1; i >= 0 && versions.get(i).status() == v.status(); i--) statusSince = versions.get(i).effectiveFrom().getEpochSecond();
        if (cur == 0 && statusSince > t) statusSince = Long.MIN_VALUE; // a reading before the first record: status age unknown
        long lastMeterChange = Long.MIN_VALUE;
        for (int i = 1; i <= cur; i++) {
            if (!versions.get(i).meters().equals(versions.get(i - 1).meters())) lastMeterChange = versions.get(i).effectiveFrom().getEpochSecond();
        }
        long validUntil = Long.MAX_VALUE;
        for (int i = cur + 1; i < versions.size(); i++) {
            long from = versions.get(i).effectiveFrom().getEpochSecond();
            if (from > t) {
                validUntil = from + 1;
                break;
            }
        }
        YearMonth month = YearMonth.from(Instant.ofEpochSecond(t).atZone(zone));
        double[] decl = declarations.getOrDefault(code, Map.of()).get(month);
        long monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toEpochSecond() + 1;
        EnterpriseContext c = EnterpriseContext.operating(v.industry(), v.district(), v.capacityKva())
                .withStatus(EnterpriseStatus.valueOf(v.status().name()), statusSince)
                .withFurnaces(v.licensedFurnaceKw(), v.unlicensedFurnaceKw())
                .withLastMeterChange(lastMeterChange)
                .withMeters(v.meters().size())
                .withValidUntil(Math.min(validUntil, monthEnd));
        if (decl != null) c = c.withDeclarations(decl[0], decl[1]);
        return darkenedBySite(c, code, customers == null ? null : customers.linkAt(code, t), t);
    }

    /** A closure at the site applies to every occupant that is not dark itself (a new name at a banned site). */
    private EnterpriseContext darkenedBySite(EnterpriseContext c, String code, org.furnacewatch.registry.CustomerFileRepository.SiteLink link, long t) {
        if (link == null || link.siteId() == 0) return c;
        long next = org.furnacewatch.registry.SiteClosures.nextChange(customers, link.siteId(), t);
        if (next != Long.MAX_VALUE) c = c.withValidUntil(Math.min(c.validUntil(), next + 1));
        org.furnacewatch.registry.SiteClosures.Closure closure = org.furnacewatch.registry.SiteClosures.at(customers, link.siteId(), t);
        if (closure == null) return c;
        if (c.status().mustBeDark() || closure.creditCode().equals(code)) return c;
        return c.withStatus(EnterpriseStatus.valueOf(closure.status().name()), closure.since());
    }

    /** An account no enterprise lists: its capacity, district and meters, darkened by its site's closure. */
    private EnterpriseContext accountAt(String account, long ts) {
        org.furnacewatch.registry.CustomerFile file = customers;
        long t = ts - 1;
        org.furnacewatch.registry.PowerAccountRecord v = file == null ? null : file.accountAt(account, t);
        if (v == null) return EnterpriseContext.UNKNOWN;
        long validUntil = Long.MAX_VALUE;
        for (org.furnacewatch.registry.PowerAccountRecord next : file.history(account)) {
            long from = next.effectiveFrom().getEpochSecond();
            if (from > t) { validUntil = from + 1; break; }
        }
        EnterpriseContext c = EnterpriseContext.operating("", v.district(), v.capacityKva())
                .withMeters(v.meters().size()).withValidUntil(validUntil);
        long next = org.furnacewatch.registry.SiteClosures.nextChange(file, v.siteId(), t);
        if (next != Long.MAX_VALUE) c = c.withValidUntil(Math.min(c.validUntil(), next + 1));
        org.furnacewatch.registry.SiteClosures.Closure closure = org.furnacewatch.registry.SiteClosures.at(file, v.siteId(), t);
        if (closure == null) return c;
        return c.withStatus(EnterpriseStatus.valueOf(closure.status().name()), closure.since());
    }
}
