package org.furnacewatch.cases;

import org.furnacewatch.alert.Alert;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.registry.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Opens cases and records actions: the rules ({@link CaseRules}) decide, the store appends, and the consequences
 * follow — the enterprise's dated registry status (so RESURGENCE watches a closed site) and the alert's outcome.
 * Blocking (JDBC): call from a worker thread.
 */
public final class CaseService {
    private static final Logger log = LoggerFactory.getLogger(CaseService.class);
    private final CaseStore store;
    private final CaseRules rules;
    private final Registry registry;
    private final AlertStore alerts;
    private final Clock clock;
    private final ZoneId zone;

    public CaseService(CaseStore store, CaseRules rules, Registry registry, AlertStore alerts, Clock clock, ZoneId zone) {
        this.store = store;
        this.rules = rules;
        this.registry = registry;
        this.alerts = alerts;
        this.clock = clock;
        this.zone = zone;
    }

    /** Unknown, or of a district the caller may not see: 404, never data. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String m) {
            super(m);
        }
    }

    /** A conflict that is not a case rule (e.g. the alert is already in a case): 409. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String m) {
            super(m);
        }
    }

    /**
     * A case to open. {@code enterprise} or {@code site} (an address in {@code site.district}, for a tip-off or
     * inspection about a place no registered enterprise is known at); {@code channel} and {@code reporter} for tip-offs.
     */
    public record OpenRequest(String enterprise, Source source, String alertId, List<Dimension> dimensions, boolean ditiaogang,
                              Instant at, String by, String note, Site site, Channel channel, Reporter reporter, boolean mining) {
        public OpenRequest(String enterprise, Source source, String alertId, List<Dimension> dimensions, boolean ditiaogang,
                           Instant at, String by, String note) {
            this(enterprise, source, alertId, dimensions, ditiaogang, at, by, note, null, null, null, false);
        }
    }

    /** Where a tip-off or inspection points: an address, its district, and optionally a reference to a registered site. */
    public record Site(String address, String district, String ref) {}

    /** Who reported a tip-off; confidential (only the handling district sees it). */
    public record Reporter(boolean anonymous, Map<String, Object> contact) {}

    public CaseFile open(OpenRequest r, String recordedBy, Predicate<String> canSee) throws SQLException {
        Instant now = clock.instant();
        Instant at = r.at() == null ? now : r.at();
        if (at.isAfter(now.plusSeconds(300))) throw new RuleViolation(Rule.RULE_ACTION_IN_FUTURE, at.toString());
        EnterpriseRecord rec;
        String district;
        if (r.enterprise() != null) {
            EnterpriseHistory h = registry.enterprise(r.enterprise());
            if (h == null) throw new NotFound("企业不存在 (no such enterprise): " + r.enterprise());
            rec = h.at(at.getEpochSecond());
            district = rec.district();
        } else {
            rec = null;
            district = r.site().district();
            if (registry.district(district) == null) throw new ActionRequest.Invalid("site.district", "区县未登记 (unknown district): " + district);
        }
        if (!canSee.test(district)) {
            if (rec == null) throw new NotFound("区县不存在 (no such district): " + district);
            throw new NotFound("企业不存在 (no such enterprise): " + r.enterprise());
        }
        if (r.alertId() != null) {
            Alert a = alerts.get(r.alertId());
            if (a == null || !canSee.test(a.district())) throw new NotFound("告警不存在 (no such alert): " + r.alertId());
            if (a.enterprise() == null)
                throw new ActionRequest.Invalid("alertId", "告警只涉及户号 " + a.account() + "，须先登记企业再立案 (the alert names an account only: register the enterprise first)");
            if (!a.enterprise().trim().equals(r.enterprise()))
                throw new ActionRequest.Invalid("alertId", "告警属于另一企业 (the alert concerns another enterprise): " + a.enterprise());
            if (!Set.of("OPEN", "ACKED").contains(a.status()))
                throw new Conflict("告警已立案或已解除 (the alert is already in a case or no longer open): " + a.status());
        }
        LinkedHashSet<Dimension> dims = new LinkedHashSet<>();
        if (r.ditiaogang()) dims.add(Dimension.TECHNOLOGY); // 地条钢 sits under technology (DOMAIN.md)
        boolean mining = r.mining() || (r.alertId() != null && "FLAT_CONTINUOUS".equals(alerts.get(r.alertId()).kind()));
        if (mining) dims.add(Dimension.TECHNOLOGY); // 挖矿 is eliminated-class load (DOMAIN.md)
        dims.addAll(r.dimensions());
        List<Dimension> dimensions = List.copyOf(dims);
        Map<Dimension, Departments> depts = store.departments(district);
        Departments first = depts.get(dimensions.getFirst());
        LinkedHashSet<String> coop = new LinkedHashSet<>(first.cooperating());
        for (Dimension d : dimensions.subList(1, dimensions.size())) {
            coop.add(depts.get(d).lead());
            coop.addAll(depts.get(d).cooperating());
        }
        coop.remove(first.lead());
        String id = store.nextId(district, Deadlines.localDate(at, zone).getYear());
        CaseFile f = new CaseFile(id, r.enterprise(), rec == null ? null : rec.name(), district, r.source(), r.alertId(), dimensions,
                r.ditiaogang(), first.lead(), List.copyOf(coop));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("source", r.source().name());
        if (r.alertId() != null) detail.put("alertId", r.alertId());
        detail.put("dimensions", dimensions.stream().map(Enum::name).toList());
        detail.put("ditiaogang", r.ditiaogang());
        detail.put("lead", first.lead());
        detail.put("cooperating", List.copyOf(coop));
        if (r.site() != null) {
            detail.put("siteAddress", r.site().address());
            if (r.site().ref() != null) detail.put("siteRef", r.site().ref());
        }
        if (r.channel() != null) detail.put("channel", r.channel().name());
        if (mining) detail.put("mining", true);
        // 有举报必查: a tip-off is verified by a deadline, in working days
        if (r.source() == Source.TIP_OFF) {
            detail.put("verificationDeadline", Deadlines.afterWorkingDays(Deadlines.localDate(at, zone), Deadlines.VERIFICATION_WORKING_DAYS).toString());
        }
        if (r.reporter() != null) detail.put("reporter", r.reporter().anonymous() ? "匿名" : "实名（联系方式保密，仅承办区县可见）");
        f = rules.replay(f, new CaseEvent(1, ActionType.OPEN_CASE, at, r.by(), r.note(), detail, CaseState.OPEN, now, recordedBy));
        try {
            store.insert(f, recordedBy, r.reporter());
        } catch (CaseStore.AlertTaken e) {
            throw new Conflict(e.getMessage());
        }
        return f;
    }

    /** Records one action, or throws {@link RuleViolation} naming the rule that forbids it. */
    public CaseFile act(String caseId, ActionRequest r, String recordedBy, Predicate<String> canSee) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            CaseFile before = get(caseId, canSee);
            CaseRules.Decision d = rules.decide(before, r, clock.instant(), recordedBy, store.dismantleMonths(before.district));
            if (r.action() == ActionType.REGISTER_ENTERPRISE) d.event().detail().put("name", register(before, d.event(), recordedBy));
            CaseFile after = rules.replay(before, d.event());
            try {
                store.append(before, after, d.alertOutcome());
            } catch (CaseStore.Concurrent e) {
                if (attempt < 3) continue;
                throw new Conflict(e.getMessage());
            }
            if (d.registryStatus() != null) setRegistryStatus(after, d.event(), d.registryStatus());
            return after;
        }
    }

    /**
     * "A verified site becomes a registered enterprise": links the case to an enterprise of its district, registering it
     * from the action's {@code record} (the PUT /api/v1/enterprises body; district is the case's) when it is new.
     * Returns the enterprise's name.
     */
    private String register(CaseFile f, CaseEvent e, String actor) throws SQLException {
        String code = e.text("enterprise");
        EnterpriseHistory h = registry.enterprise(code);
        if (h != null) {
            if (!h.latest().district().equals(f.district))
                throw new ActionRequest.Invalid("enterprise", "企业属于另一区县 (the enterprise is registered in another district): " + h.latest().district());
            e.detail().remove("record");
            return h.latest().name();
        }
        if (!(e.detail().get("record") instanceof Map<?, ?> raw))
            throw new ActionRequest.Invalid("record", "企业未登记：须给 record（名称、行业、状态、报装容量等）以登记 (unregistered: give record to register it)");
        @SuppressWarnings("unchecked") Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) raw);
        body.put("district", f.district);
        body.putIfAbsent("status", "OPERATING");
        body.putIfAbsent("effectiveFrom", e.at().toString());
        EnterpriseRecord rec;
        try {
            rec = org.furnacewatch.registry.EnterpriseForm.parse(code, body, clock.instant(), actor + " 案件 " + f.id + " 核查登记");
        } catch (org.furnacewatch.registry.InvalidRecord ir) {
            String field = "creditCode".equals(ir.field()) ? "enterprise" : "record." + ir.field();
            throw new ActionRequest.Invalid(field, ir.getMessage());
        }
        registry.putEnterprise(rec);
        log.info("case {}: site {} registered as enterprise {}", f.id, f.siteAddress(), code);
        return rec.name();
    }

    /**
     * Closing the loop: the enterprise's status changes with a new dated registry version from the action's time, so
     * detection judges later readings against it (a BANNED site that draws load is RESURGENCE).
     */
    private void setRegistryStatus(CaseFile f, CaseEvent e, Status status) throws SQLException {
        EnterpriseHistory h = registry.enterprise(f.enterprise);
        EnterpriseRecord base = h.at(e.at().getEpochSecond());
        if (base.status() == status && h.latest().status() == status) return;
        EnterpriseRecord next = new EnterpriseRecord(base.creditCode(), base.name(), base.district(), base.industry(), status,
                base.capacityKva(), base.equipment(), base.meters(), e.at(), clock.instant(),
                e.recordedBy() + " 案件 " + f.id + " " + e.action().zh);
        registry.putEnterprise(next);
        log.info("case {}: enterprise {} is {} from {}", f.id, f.enterprise, status, e.at());
    }

    public CaseFile get(String caseId, Predicate<String> canSee) throws SQLException {
        CaseFile f = store.get(caseId);
        if (f == null || !canSee.test(f.district)) throw new NotFound("案件不存在 (no such case): " + caseId);
        return f;
    }

    /** The actions the rule table allows on {@code f} now (for forms that offer only those). */
    public List<AllowedActions.Option> allowedNow(CaseFile f) throws SQLException {
        return AllowedActions.now(rules, f, clock.instant(), store.dismantleMonths(f.district));
    }

    public List<CaseFile> find(List<String> districts, String state, String enterprise) throws SQLException {
        return store.find(districts, state, enterprise);
    }

    /** A tip-off's reporter (confidential: callers show it to the handling district only). */
    public Map<String, Object> reporter(String caseId) throws SQLException {
        return store.reporter(caseId);
    }

    public String alertOutcome(CaseFile f) throws SQLException {
        return store.alertOutcome(f.alertId);
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }

    // ---- departments -----------------------------------------------------------------------------------------------

    public Map<Dimension, Departments> departments(String district) throws SQLException {
        return store.departments(district);
    }

    public int dismantleMonths(String district) throws SQLException {
        return store.dismantleMonths(district);
    }

    public void putDepartments(String district, Map<Dimension, Departments> changes, Integer dismantleMonths, String actor) throws SQLException {
        store.putDepartments(district, changes, dismantleMonths, actor);
    }

    // ---- evidence --------------------------------------------------------------------------------------------------

    public Evidence addEvidence(String caseId, String filename, String contentType, byte[] content, String note, String actor,
                                Predicate<String> canSee) throws SQLException {
        get(caseId, canSee);
        return store.addEvidence(caseId, filename, contentType, content, sha256(content), note, actor, clock.instant());
    }

    public List<Evidence> evidence(String caseId, Predicate<String> canSee) throws SQLException {
        get(caseId, canSee);
        return store.evidence(caseId);
    }

    /** The file, after checking its bytes still hash to the SHA-256 recorded on receipt. */
    public Evidence evidenceFile(String caseId, String evidenceId, Predicate<String> canSee) throws SQLException {
        get(caseId, canSee);
        Evidence e = store.evidenceFile(caseId, evidenceId);
        if (e == null) throw new NotFound("证据不存在 (no such evidence): " + evidenceId);
        if (!sha256(e.content()).equals(e.sha256())) {
            throw new IllegalStateException("证据校验失败：内容与登记的 SHA-256 不符 (evidence does not match its recorded SHA-256): " + evidenceId);
        }
        return e;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- districts for visibility ----------------------------------------------------------------------------------

    /** A district and the districts whose parent it is (a city office sees its districts). */
    public List<String> districtAndChildren(String code) {
        List<String> out = new ArrayList<>();
        out.add(code);
        for (District d : registry.districts()) {
            if ((code.equals(d.parent()) || org.furnacewatch.registry.Codes.covers(code, d.code())) && !out.contains(d.code())) out.add(d.code());
        }
        return out;
    }

    public Registry registry() {
        return registry;
    }
}
