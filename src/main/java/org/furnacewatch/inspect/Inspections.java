package org.furnacewatch.inspect;

import org.furnacewatch.alert.Alert;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.cases.ActionRequest;
import org.furnacewatch.cases.CaseFile;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.DeadlineChaser;
import org.furnacewatch.cases.Deadlines;
import org.furnacewatch.cases.Dimension;
import org.furnacewatch.cases.Source;
import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.Registry;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Inspection planning (issue 11): routine 地条钢 patrols and 双随机、一公开 random checks drawn from the registry, each check
 * a record with a due date the {@link DeadlineChaser} chases, a problem found opening a case of source INSPECTION.
 * Blocking (JDBC): call from a worker thread.
 */
public final class Inspections implements DeadlineChaser.Source {
    /** A check's default period when the plan names no due date: 20 working days, about a calendar month. */
    public static final int DEFAULT_WORKING_DAYS = 20;
    /** 行政处罚法第四十二条: “执法人员不得少于两人”. */
    public static final int MIN_INSPECTORS_PER_CHECK = 2;
    private static final SecureRandom SEEDS = new SecureRandom();

    private final InspectionStore store;
    private final CaseService cases;
    private final Registry registry;
    private final AlertStore alerts;

    public Inspections(InspectionStore store, CaseService cases, Registry registry, AlertStore alerts) {
        this.store = store;
        this.cases = cases;
        this.registry = registry;
        this.alerts = alerts;
    }

    /** What a district asks to draw; null fields take their defaults. */
    public record DrawRequest(String district, PlanKind kind, String title, String seed, Double rate, Integer count, List<String> industries,
                              Integer inspectorsPerCheck, LocalDate due) {}

    /** A check's result; {@code dimensions}/{@code ditiaogang} say what case a problem opens. */
    public record Result(boolean problem, Instant at, String by, String note, List<Dimension> dimensions, boolean ditiaogang) {}

    /** Whether a plan draws again to the same checks from its recorded seed, population and inspectors. */
    public record Verification(boolean reproduced, int checks, List<String> differences) {}

    public Plan draw(DrawRequest r, String actor, Predicate<String> canSee) throws SQLException {
        District d = registry.district(r.district());
        if (d == null || !canSee.test(r.district())) throw new CaseService.NotFound("区县不存在 (no such district): " + r.district());
        Instant now = cases.now();
        LocalDate today = cases.today();
        LocalDate due = r.due() == null ? Deadlines.afterWorkingDays(today, DEFAULT_WORKING_DAYS) : Deadlines.workingDayOnOrAfter(r.due());
        if (due.isBefore(today)) throw new ActionRequest.Invalid("due", "due 不得早于今天 (" + today + ")");
        Double rate = r.count() != null ? null : r.rate() != null ? r.rate() : r.kind().defaultRate;
        if (rate == null && r.count() == null)
            throw new ActionRequest.Invalid("rate", "双随机抽查须给 rate（抽查比例 0..1）或 count（抽查数量）");
        int perCheck = r.inspectorsPerCheck() == null ? MIN_INSPECTORS_PER_CHECK : r.inspectorsPerCheck();
        String seed = r.seed() != null ? r.seed() : String.format("%012d", SEEDS.nextLong(1_000_000_000_000L));
        List<String> industries = r.industries() == null ? List.of() : r.industries();

        List<Draw.Candidate> population = population(r.district(), industries, now);
        List<Plan.Inspector> inspectors = store.inspectors(r.district());
        List<String> active = inspectors.stream().filter(Plan.Inspector::active).map(Plan.Inspector::id).toList();
        List<Draw.Pick> picks;
        try {
            picks = Draw.draw(seed, r.kind(), population, rate, r.count(), active, perCheck);
        } catch (IllegalStateException e) {
            throw new CaseService.Conflict("执法检查人员名录不足：每项检查须 " + perCheck + " 名执法人员，名录中在岗 " + active.size()
                    + " 名；请先 PUT /api/v1/districts/" + r.district() + "/inspectors (not enough inspectors listed)");
        }
        List<Plan.Check> checks = picks.stream().map(p -> new Plan.Check(p.seq(), p.candidate().enterprise(), p.candidate().name(),
                p.candidate().stratum(), p.key(), p.inspectors(), due, null, null, null, null, null)).toList();
        String title = r.title() != null ? r.title() : d.name() + today.getYear() + "年" + r.kind().zh + "计划";
        Plan plan = new Plan(null, r.district(), r.kind(), title, seed, Draw.METHOD, rate, r.count(), perCheck, industries, population,
                inspectors, due, now, actor, checks);
        return store.plan(store.insert(plan));
    }

    /** The district's enterprises in force at {@code at}, each in its stratum, by credit code. */
    private List<Draw.Candidate> population(String district, List<String> industries, Instant at) throws SQLException {
        Set<String> alerted = new HashSet<>();
        for (Alert a : alerts.find(district, null, null, null, 1_000_000)) alerted.add(a.enterprise());
        List<Draw.Candidate> out = new ArrayList<>();
        for (EnterpriseHistory h : registry.enterprisesIn(district, at)) {
            EnterpriseRecord rec = h.at(at.getEpochSecond());
            if (!industries.isEmpty() && industries.stream().noneMatch(i -> rec.industry() != null && rec.industry().startsWith(i))) continue;
            out.add(new Draw.Candidate(rec.creditCode(), rec.name(), Stratum.of(rec, alerted)));
        }
        return out;
    }

    /** Draws the plan again from what it recorded and compares, check by check. */
    public static Verification verify(Plan p) {
        List<Draw.Pick> again = Draw.draw(p.seed(), p.kind(), p.population(), p.rate(), p.count(), p.activeInspectorIds(), p.inspectorsPerCheck());
        List<String> diff = new ArrayList<>();
        if (again.size() != p.checks().size()) diff.add("检查数 " + p.checks().size() + " ≠ 重抽 " + again.size());
        for (int i = 0; i < Math.min(again.size(), p.checks().size()); i++) {
            Draw.Pick a = again.get(i);
            Plan.Check c = p.checks().get(i);
            if (!a.candidate().enterprise().equals(c.enterprise()) || !a.key().equals(c.key()) || !a.inspectors().equals(c.inspectors()))
                diff.add("第 " + c.seq() + " 项：记录 " + c.enterprise() + " " + c.inspectors() + "，重抽 " + a.candidate().enterprise() + " " + a.inspectors());
        }
        return new Verification(diff.isEmpty(), p.checks().size(), diff);
    }

    public Plan plan(String id, Predicate<String> canSee) throws SQLException {
        Plan p = store.plan(id);
        if (p == null || !canSee.test(p.district())) throw new CaseService.NotFound("检查计划不存在 (no such inspection plan): " + id);
        return p;
    }

    public List<Plan> plans(List<String> districts) throws SQLException {
        return store.plans(districts);
    }

    /** Records a check's result once; a problem found opens a case of source INSPECTION. Returns the check as recorded. */
    public Plan.Check record(String planId, int seq, Result r, String actor, Predicate<String> canSee) throws SQLException {
        Plan p = plan(planId, canSee);
        Plan.Check c = p.checks().stream().filter(k -> k.seq() == seq).findFirst()
                .orElseThrow(() -> new CaseService.NotFound("检查不存在 (no such check): " + planId + " 第 " + seq + " 项"));
        if (!c.open()) throw new CaseService.Conflict("该项检查已记录结果 (the check already has its result): " + c.result());
        Instant now = cases.now();
        Instant at = r.at() == null ? now : r.at();
        if (at.isAfter(now.plusSeconds(300))) throw new ActionRequest.Invalid("at", "at 不得晚于当前时刻");
        if (at.isBefore(p.drawnAt())) throw new ActionRequest.Invalid("at", "at 不得早于计划抽取时刻 " + p.drawnAt());
        InspectionStore.CaseOpener opener = !r.problem() ? null : () -> {
            String note = "检查计划 " + planId + " 第 " + seq + " 项（" + p.kind().zh + "）发现问题" + (r.note() == null ? "" : "：" + r.note());
            CaseFile f = cases.open(new CaseService.OpenRequest(c.enterprise(), Source.INSPECTION, null, r.dimensions(), r.ditiaogang(), at,
                    r.by(), note), actor, canSee);
            return f.id;
        };
        if (!store.record(planId, seq, r.problem() ? "PROBLEM_FOUND" : "NO_PROBLEM", at, r.by(), r.note(), opener, actor, now))
            throw new CaseService.Conflict("该项检查已记录结果 (the check already has its result)");
        return plan(planId, canSee).checks().get(seq - 1);
    }

    public List<Plan.Inspector> inspectors(String district) throws SQLException {
        return store.inspectors(district);
    }

    public void putInspectors(String district, List<Plan.Inspector> list, String actor) throws SQLException {
        store.putInspectors(district, list, actor, cases.now());
    }

    /** Open checks due within 30 days or already past due: chased like every other deadline. */
    @Override
    public List<DeadlineChaser.Item> items(LocalDate today) throws SQLException {
        List<DeadlineChaser.Item> out = new ArrayList<>();
        for (String[] k : store.openChecks(today.plusDays(30))) {
            String title = "检查计划 " + k[0] + " 第 " + k[1] + " 项（" + PlanKind.valueOf(k[6]).zh + "）" + k[3] + "（" + k[4] + "）";
            out.add(new DeadlineChaser.Item("INSPECTION", k[0] + "#" + k[1], k[2], title, LocalDate.parse(k[5])));
        }
        return out;
    }
}
