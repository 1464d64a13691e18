package org.furnacewatch.registry;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The registry held in memory for the ingest and detection paths, written through to PostgreSQL.
 * Reads are lock-free over immutable values; writes are serialised (they are rare and must check meter
 * ownership against every enterprise).
 */
public final class Registry {
    private final RegistryRepository repository;
    private final Map<String, District> districts = new ConcurrentHashMap<>();
    private final Map<String, EnterpriseHistory> enterprises = new ConcurrentHashMap<>();
    private final Map<String, MeterInfo> meters = new ConcurrentHashMap<>();
    private volatile MeterInfo[] metersByKey = new MeterInfo[16];
    private final List<Consumer<EnterpriseHistory>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The customer file's view of meters no enterprise lists (see {@link #useCustomerFile}). */
    public interface AccountMeters {
        /** The account listing {@code meterId} at {@code epochSecond}, or null. */
        AccountMeter at(String meterId, long epochSecond);
    }

    private volatile AccountMeters accountMeters = (m, t) -> null;

    private Registry(RegistryRepository repository) {
        this.repository = repository;
    }

    public static Registry load(RegistryRepository repository) throws SQLException {
        Registry r = new Registry(repository);
        for (District d : repository.loadDistricts()) r.districts.put(d.code(), d);
        Map<String, List<EnterpriseRecord>> byCode = new HashMap<>();
        for (EnterpriseRecord v : repository.loadVersions()) byCode.computeIfAbsent(v.creditCode(), k -> new ArrayList<>()).add(v);
        Map<String, Integer> keys = repository.loadMeterKeys();
        byCode.forEach((code, versions) -> r.enterprises.put(code, EnterpriseHistory.of(versions)));
        for (EnterpriseHistory h : r.enterprises.values()) {
            for (EnterpriseRecord v : h.versions()) for (MeterSpec m : v.meters()) r.indexMeter(m.id(), keys.get(m.id()), h.creditCode());
        }
        return r;
    }

    /** Called after every enterprise change (detection context caches listen). */
    public void onChange(Consumer<EnterpriseHistory> listener) {
        listeners.add(listener);
    }

    public District district(String code) {
        return districts.get(code);
    }

    public List<District> districts() {
        return districts.values().stream().sorted(Comparator.comparing(District::code)).toList();
    }

    public synchronized void putDistrict(District d, String actor) throws SQLException {
        if (!Codes.isDistrictCode(d.code())) throw new InvalidRecord("code", "区县代码必须是六位 GB/T 2260 代码: " + d.code());
        if (d.name() == null || d.name().isBlank()) throw new InvalidRecord("name", "name 缺失 (required)");
        if (d.parent() != null && !Codes.isDistrictCode(d.parent())) throw new InvalidRecord("parent", "parent 必须是六位行政区划代码: " + d.parent());
        if (d.code().equals(d.parent())) throw new InvalidRecord("parent", "parent 不能是自身");
        repository.saveDistrict(d, actor);
        districts.put(d.code(), d);
    }

    public EnterpriseHistory enterprise(String creditCode) {
        return enterprises.get(creditCode);
    }

    /** Enterprises whose version in effect now lies under {@code district} (GB/T 2260: a city covers its districts); all when null. */
    public List<EnterpriseHistory> enterprisesIn(String district, Instant now) {
        long t = now.getEpochSecond();
        return enterprises.values().stream()
                .filter(h -> district == null || Codes.covers(district, h.at(t).district()))
                .sorted(Comparator.comparing(EnterpriseHistory::creditCode)).toList();
    }

    public int enterpriseCount() {
        return enterprises.size();
    }

    public synchronized EnterpriseHistory putEnterprise(EnterpriseRecord r) throws SQLException {
        if (!districts.containsKey(r.district())) throw new InvalidRecord("district", "区县未登记 (unknown district): " + r.district());
        long at = r.effectiveFrom().getEpochSecond();
        for (MeterSpec m : r.meters()) {
            MeterInfo info = meters.get(m.id());
            if (info == null) continue;
            for (String owner : info.owners()) {
                if (owner.equals(r.creditCode())) continue;
                EnterpriseHistory other = enterprises.get(owner);
                if (other.at(at).meter(m.id()) != null || other.latest().meter(m.id()) != null) {
                    throw new InvalidRecord("meters", "电表 " + m.id() + " 已属于企业 " + owner + " (meter already owned by another enterprise)");
                }
            }
        }
        Map<String, Integer> keys = repository.saveVersion(r);
        EnterpriseHistory old = enterprises.get(r.creditCode());
        EnterpriseHistory updated = old == null ? EnterpriseHistory.of(List.of(r)) : old.with(r);
        enterprises.put(r.creditCode(), updated);
        for (MeterSpec m : r.meters()) indexMeter(m.id(), keys.get(m.id()), r.creditCode());
        version++; // after the maps: a span cached under the old version is never used again
        for (Consumer<EnterpriseHistory> l : listeners) l.accept(updated);
        return updated;
    }

    /** Every meter listed by an enterprise or the customer file, by id. */
    public MeterInfo meter(String id) {
        return meters.get(id);
    }

    public MeterInfo meter(int key) {
        MeterInfo[] arr = metersByKey;
        return key < arr.length ? arr[key] : null;
    }

    /**
     * The enterprise version that lists this meter at {@code epochSecond}, or null when none does.
     *
     * <p>Every reading is judged by this twice (ingest validation, detection), so the answer is cached per meter key
     * with the span of time it holds for: a lookup is then one array read and two compares. Without the cache a
     * lookup is two hash probes, a binary search and a scan, each on a cold line when rows arrive in time-major or
     * shuffled order: 40 % of the ingest parser's and of detection's CPU samples in a shuffled 20,000-meter run
     * (benchmarks/README.md, "Row order"). A cached span is valid while the registry is unchanged ({@link #version}).
     */
    public EnterpriseRecord ownerAt(MeterInfo meter, long epochSecond) {
        OwnerSpan[] spans = ownerSpans;
        long v = version;
        int key = meter.key();
        if (key < spans.length) {
            OwnerSpan s = spans[key];
            if (s != null && s.version == v && epochSecond >= s.from && epochSecond < s.to) return s.record;
        }
        EnterpriseRecord found = ownerAtUncached(meter, epochSecond);
        if (found != null && meter.owners().size() == 1) {
            EnterpriseHistory h = enterprises.get(meter.owners().getFirst());
            if (key >= spans.length) {
                spans = growSpans(key);
            }
            spans[key] = new OwnerSpan(v, h.validFrom(epochSecond), h.validTo(epochSecond), found);
        }
        return found;
    }

    /** What {@link #ownerAt} answered last for a meter: valid for {@code [from, to)} while the registry is at {@code version}. */
    private record OwnerSpan(long version, long from, long to, EnterpriseRecord record) {}

    private volatile OwnerSpan[] ownerSpans = new OwnerSpan[0];
    /** Bumped after every change to enterprises or meters (writes are serialised). */
    private volatile long version;

    private final Object spansGrow = new Object();

    private OwnerSpan[] growSpans(int key) {
        synchronized (spansGrow) { // not the registry's monitor: a writer holds that across its database write
            OwnerSpan[] spans = ownerSpans;
            if (key >= spans.length) {
                spans = java.util.Arrays.copyOf(spans, Math.max(key + 1, Math.max(1024, spans.length * 2)));
                ownerSpans = spans;
            }
            return spans;
        }
    }

    private EnterpriseRecord ownerAtUncached(MeterInfo meter, long epochSecond) {
        List<String> owners = meter.owners();
        for (int i = 0; i < owners.size(); i++) {
            EnterpriseRecord v = enterprises.get(owners.get(i)).at(epochSecond);
            if (v.meter(meter.id()) != null) return v;
        }
        return null;
    }

    /** Lets ingest and detection see meters that only the power company's customer file lists. */
    public void useCustomerFile(AccountMeters meters) {
        this.accountMeters = meters;
    }

    /** The customer-file account listing this meter at {@code epochSecond}, or null (enterprises take precedence). */
    public AccountMeter accountMeterAt(String meterId, long epochSecond) {
        return accountMeters.at(meterId, epochSecond);
    }

    /** Makes a meter of the customer file known under its key (no enterprise owner unless one lists it). */
    public synchronized void indexAccountMeter(String id, int key) {
        MeterInfo old = meters.get(id);
        if (old != null) return;
        MeterInfo info = new MeterInfo(key, id, List.of());
        meters.put(id, info);
        MeterInfo[] arr = metersByKey;
        if (key >= arr.length) arr = java.util.Arrays.copyOf(arr, Math.max(key + 1, arr.length * 2));
        arr[key] = info;
        metersByKey = arr;
    }

    private void indexMeter(String id, Integer key, String owner) {
        MeterInfo old = meters.get(id);
        List<String> owners = old == null ? List.of(owner)
                : old.owners().contains(owner) ? old.owners()
                : append(old.owners(), owner);
        MeterInfo info = new MeterInfo(key, id, owners);
        meters.put(id, info);
        MeterInfo[] arr = metersByKey;
        if (key >= arr.length) arr = java.util.Arrays.copyOf(arr, Math.max(key + 1, arr.length * 2));
        arr[key] = info;
        metersByKey = arr;
    }

    private static List<String> append(List<String> list, String s) {
        List<String> out = new ArrayList<>(list);
        out.add(s);
        return List.copyOf(out);
    }
}
