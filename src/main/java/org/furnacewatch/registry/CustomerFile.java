package org.furnacewatch.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The power company's customer file (accounts, 户号) and the sites that accounts and enterprises occupy, held in
 * memory for ingest and detection and written through to PostgreSQL. Loads are serialised; reads are lock-free.
 *
 * <p>An account need not belong to a registered enterprise: its meters are watched with whatever context it has
 * (capacity, category, site). Enterprises take precedence: a meter an enterprise lists is that enterprise's.
 */
public final class CustomerFile implements Registry.AccountMeters {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CustomerFile.class);
    private final CustomerFileRepository repository;
    private final Registry registry;
    private final Map<String, List<PowerAccountRecord>> accounts = new ConcurrentHashMap<>();
    private final Map<String, String> meterAccount = new ConcurrentHashMap<>();
    private final Map<Long, Site> sites = new ConcurrentHashMap<>();
    private final Map<String, Long> siteKeys = new ConcurrentHashMap<>();
    private final Map<String, List<CustomerFileRepository.SiteLink>> links = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> siteEnterprises = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> siteAccounts = new ConcurrentHashMap<>();
    private final List<Consumer<List<String>>> meterListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private CustomerFile(CustomerFileRepository repository, Registry registry) {
        this.repository = repository;
        this.registry = registry;
    }

    public static CustomerFile load(CustomerFileRepository repository, Registry registry) throws SQLException {
        CustomerFile f = new CustomerFile(repository, registry);
        for (Site s : repository.loadSites()) f.indexSite(s);
        for (PowerAccountRecord r : repository.loadAccounts()) f.indexVersion(r);
        for (CustomerFileRepository.SiteLink l : repository.loadLinks()) f.indexLink(l);
        List<String> ids = new ArrayList<>(f.meterAccount.keySet());
        if (!ids.isEmpty()) {
            try (Connection c = repository.connection()) {
                repository.meterKeys(c, ids).forEach(registry::indexAccountMeter);
            }
        }
        registry.useCustomerFile(f);
        return f;
    }

    /** Called with the meter ids a load or link made known (promotion of kept unregistered readings hooks in here). */
    public void onMetersRegistered(Consumer<List<String>> listener) {
        meterListeners.add(listener);
    }

    // ---- loading -------------------------------------------------------------------------------------------------

    /** What a load did: accounts created or changed (a new dated version), unchanged, sites created, and rejected rows. */
    public record LoadResult(int created, int changed, int unchanged, int sitesCreated, List<Rejection> rejected) {}

    public record Rejection(int row, String field, String reason) {}

    /**
     * Loads checked rows in one transaction. An account whose content equals its newest version is unchanged (a
     * re-sent file adds nothing); a meter another account lists is refused for that row. Rows of one account (CSV
     * lines, one per meter) are merged: the first row's fields, every row's meters. {@code rejected} holds the rows
     * the form refused already; this adds meter conflicts.
     */
    public synchronized LoadResult load(List<PowerAccountForm.Draft> drafts, List<Rejection> rejected, String actor) throws SQLException {
        long t0 = System.nanoTime();
        Map<String, PowerAccountForm.Draft> byAccount = new LinkedHashMap<>();
        for (PowerAccountForm.Draft d : drafts) {
            PowerAccountForm.Draft prev = byAccount.get(d.record().account());
            byAccount.put(d.record().account(), prev == null ? d
                    : new PowerAccountForm.Draft(prev.row(), PowerAccountForm.withMeters(prev.record(), d.record().meters()), prev.effectiveGiven()));
        }
        Map<String, Site> wantedSites = new LinkedHashMap<>();
        Map<String, String> siteKeyOf = new HashMap<>();
        Map<String, String> claimed = new HashMap<>();
        List<PowerAccountForm.Draft> kept = new ArrayList<>();
        for (PowerAccountForm.Draft d : byAccount.values()) {
            PowerAccountRecord r = d.record();
            String conflict = null;
            for (PowerAccountRecord.Meter m : r.meters()) {
                String owner = meterAccount.get(m.id());
                String other = claimed.putIfAbsent(m.id(), r.account());
                if (owner != null && !owner.equals(r.account()) && listsNow(owner, m.id())) conflict = m.id() + " 已属于户号 " + owner;
                else if (other != null && !other.equals(r.account())) conflict = m.id() + " 已属于户号 " + other;
            }
            if (conflict != null) {
                rejected.add(new Rejection(d.row(), "meters", "电表已属于另一户号 (meter already listed by another account): " + conflict));
                continue;
            }
            String key = siteKey(r.district(), r.address());
            siteKeyOf.put(r.account(), key);
            if (!siteKeys.containsKey(key)) {
                wantedSites.putIfAbsent(key, new Site(0, r.district(), key.substring(7), r.address(), r.transformer(), r.lat(), r.lon()));
            }
            kept.add(d);
        }
        int sitesBefore = sites.size();
        long t1 = System.nanoTime(), t2, t3, tMeters;
        List<PowerAccountRecord> versions = new ArrayList<>();
        int created = 0, changed = 0, unchanged = 0;
        List<String> newMeters = new ArrayList<>();
        try (Connection c = repository.connection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Long> siteIds = repository.ensureSites(c, new ArrayList<>(wantedSites.values()));
                for (PowerAccountForm.Draft d : kept) {
                    String key = siteKeyOf.get(d.record().account());
                    Long siteId = siteKeys.containsKey(key) ? siteKeys.get(key) : siteIds.get(key);
                    PowerAccountRecord r = PowerAccountForm.resolved(d.record(), siteId);
                    List<PowerAccountRecord> history = accounts.get(r.account());
                    if (history != null && history.getLast().digest().equals(r.digest())) {
                        unchanged++;
                        continue;
                    }
                    if (history == null) created++;
                    else changed++;
                    versions.add(r);
                    for (PowerAccountRecord.Meter m : r.meters()) if (registry.meter(m.id()) == null) newMeters.add(m.id());
                }
                t2 = System.nanoTime();
                Map<String, Integer> keys = repository.meterKeys(c, newMeters);
                tMeters = System.nanoTime();
                repository.insertVersions(c, versions, actor);
                c.commit();
                t3 = System.nanoTime();
                for (Map.Entry<String, Site> e : wantedSites.entrySet()) {
                    Site s = e.getValue();
                    Long id = siteIds.get(e.getKey());
                    if (id != null) indexSite(new Site(id, s.district(), s.addressKey(), s.address(), s.transformer(), s.lat(), s.lon()));
                }
                for (PowerAccountRecord r : versions) indexVersion(r);
                keys.forEach(registry::indexAccountMeter);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        log.info("customer file: {} accounts checked in {} ms, sites and digests {} ms, meter keys {} ms, versions written {} ms, indexed in {} ms",
                byAccount.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (tMeters - t2) / 1_000_000, (t3 - tMeters) / 1_000_000,
                (System.nanoTime() - t3) / 1_000_000);
        List<String> touched = new ArrayList<>();
        for (PowerAccountRecord r : versions) for (PowerAccountRecord.Meter m : r.meters()) touched.add(m.id());
        if (!touched.isEmpty()) for (Consumer<List<String>> l : meterListeners) l.accept(touched);
        rejected.sort(Comparator.comparingInt(Rejection::row));
        return new LoadResult(created, changed, unchanged, sites.size() - sitesBefore, rejected);
    }

    /**
     * Places an enterprise at an address (and names its legal representative) from {@code from} on; returns the site,
     * or null when no address was given.
     */
    public synchronized Site linkEnterprise(String creditCode, Instant from, String district, String address, String legalRep,
                                            List<String> meterIds) throws SQLException {
        Site site = null;
        try (Connection c = repository.connection()) {
            if (address != null) {
                String key = siteKey(district, address);
                Long id = siteKeys.get(key);
                if (id == null) {
                    Site wanted = new Site(0, district, key.substring(7), address, null, Double.NaN, Double.NaN);
                    id = repository.ensureSites(c, List.of(wanted)).get(key);
                    indexSite(new Site(id, district, wanted.addressKey(), address, null, Double.NaN, Double.NaN));
                }
                site = sites.get(id);
            }
            CustomerFileRepository.SiteLink link = new CustomerFileRepository.SiteLink(creditCode, from.getEpochSecond(),
                    site == null ? 0 : site.id(), legalRep);
            repository.insertLink(c, link);
            indexLink(link);
        }
        if (!meterIds.isEmpty()) for (Consumer<List<String>> l : meterListeners) l.accept(meterIds);
        return site;
    }

    // ---- lookups ---------------------------------------------------------------------------------------------------

    @Override
    public AccountMeter at(String meterId, long epochSecond) {
        String account = meterAccount.get(meterId);
        if (account == null) return null;
        PowerAccountRecord v = accountAt(account, epochSecond);
        if (v == null) return null;
        PowerAccountRecord.Meter m = v.meter(meterId);
        return m == null ? null : new AccountMeter(account, v.district(), v.capacityKva(), m.multiplier());
    }

    /** The account's version in force at {@code epochSecond}, or null before its first. */
    public PowerAccountRecord accountAt(String account, long epochSecond) {
        List<PowerAccountRecord> h = accounts.get(account);
        if (h == null) return null;
        PowerAccountRecord out = null;
        for (PowerAccountRecord v : h) if (v.effectiveFrom().getEpochSecond() <= epochSecond) out = v;
        return out;
    }

    public List<PowerAccountRecord> history(String account) {
        return accounts.getOrDefault(account, List.of());
    }

    /** Accounts whose newest version lies under {@code jurisdiction} (null: all), by account number, at most limit. */
    public List<PowerAccountRecord> accountsUnder(String jurisdiction, int offset, int limit) {
        return accounts.values().stream().map(List::getLast)
                .filter(v -> jurisdiction == null || Codes.covers(jurisdiction, v.district()))
                .sorted(Comparator.comparing(PowerAccountRecord::account)).skip(offset).limit(limit).toList();
    }

    public int accountCount() {
        return accounts.size();
    }

    public Site site(long id) {
        return sites.get(id);
    }

    public List<Site> sitesUnder(String jurisdiction, int offset, int limit) {
        return sites.values().stream().filter(s -> jurisdiction == null || Codes.covers(jurisdiction, s.district()))
                .sorted(Comparator.comparingLong(Site::id)).skip(offset).limit(limit).toList();
    }

    /** The id of the site at this address in this district (no site is created), or null when none is known. */
    public Long siteIdOf(String district, String address) {
        return siteKeys.get(siteKey(district, address));
    }

    /** Enterprises ever placed at the site. */
    public Set<String> enterprisesAt(long siteId) {
        return siteEnterprises.getOrDefault(siteId, Set.of());
    }

    /** Accounts ever at the site. */
    public Set<String> accountsAt(long siteId) {
        return siteAccounts.getOrDefault(siteId, Set.of());
    }

    /** The enterprise's place and legal representative at {@code epochSecond} (the newest link at or before), or null. */
    public CustomerFileRepository.SiteLink linkAt(String creditCode, long epochSecond) {
        CustomerFileRepository.SiteLink out = null;
        for (CustomerFileRepository.SiteLink l : links.getOrDefault(creditCode, List.of())) if (l.from() <= epochSecond) out = l;
        return out;
    }

    /** Every link of the enterprise, oldest first. */
    public List<CustomerFileRepository.SiteLink> links(String creditCode) {
        return links.getOrDefault(creditCode, List.of());
    }

    /** Enterprises whose links ever named this legal representative. */
    public List<String> enterprisesRepresentedBy(String legalRep) {
        List<String> out = new ArrayList<>();
        links.forEach((code, list) -> {
            for (CustomerFileRepository.SiteLink l : list) {
                if (legalRep.equals(l.legalRepresentative())) {
                    out.add(code);
                    break;
                }
            }
        });
        return out;
    }

    public Registry registry() {
        return registry;
    }

    // ---- indexing ------------------------------------------------------------------------------------------------

    private boolean listsNow(String account, String meterId) {
        List<PowerAccountRecord> h = accounts.get(account);
        return h != null && h.getLast().meter(meterId) != null;
    }

    /** "district|" + normalised address, the district and its ancestors' names dropped from the front. */
    String siteKey(String district, String address) {
        List<String> names = new ArrayList<>();
        String code = district;
        for (int depth = 0; code != null && depth < 4; depth++) {
            District d = registry.district(code);
            if (d == null) break;
            names.add(d.name());
            code = d.parent();
        }
        return district + "|" + Addresses.key(address, names);
    }

    private void indexSite(Site s) {
        sites.put(s.id(), s);
        siteKeys.put(s.district() + "|" + s.addressKey(), s.id());
    }

    private void indexVersion(PowerAccountRecord r) {
        accounts.compute(r.account(), (k, old) -> {
            List<PowerAccountRecord> out = old == null ? new ArrayList<>() : new ArrayList<>(old);
            out.add(r);
            out.sort(Comparator.comparing(PowerAccountRecord::effectiveFrom));
            return List.copyOf(out);
        });
        for (PowerAccountRecord.Meter m : r.meters()) meterAccount.put(m.id(), r.account());
        siteAccounts.computeIfAbsent(r.siteId(), k -> ConcurrentHashMap.newKeySet()).add(r.account());
    }

    private void indexLink(CustomerFileRepository.SiteLink l) {
        links.compute(l.creditCode(), (k, old) -> {
            List<CustomerFileRepository.SiteLink> out = old == null ? new ArrayList<>() : new ArrayList<>(old);
            out.add(l);
            out.sort(Comparator.comparingLong(CustomerFileRepository.SiteLink::from));
            return List.copyOf(out);
        });
        if (l.siteId() != 0) siteEnterprises.computeIfAbsent(l.siteId(), k -> ConcurrentHashMap.newKeySet()).add(l.creditCode());
    }
}
