package org.furnacewatch.cases;

import org.furnacewatch.registry.Status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.furnacewatch.cases.ActionType.*;
import static org.furnacewatch.cases.CaseState.*;
import static org.furnacewatch.cases.Rule.*;

/**
 * The case rules as ONE transition table. Each row: the action, the states it applies in, an optional condition on
 * the case, the guards (each a {@link Rule} citing DOMAIN.md and seeds/), the state after, the deadline it computes,
 * the registry status it sets (dated at the action's {@code at}) and the outcome it gives the alert the case came
 * from. The first row matching (action, state, condition) decides; a row with {@code refuse} exists to name the rule
 * that forbids a tempting action. No row: {@link Rule#RULE_SEQUENCE}. Every allowed row also passes {@link #COMMON}.
 *
 * <pre>
 * OPEN ─VERIFY→ VERIFIED ─CONFIRM_VIOLATION→ CONFIRMED ─┬ ORDER_RECTIFICATION (能耗/环保/质量) → RECTIFYING ─┬ REINSPECT_PASS → RECTIFIED ─CLOSE_CASE→ CLOSED
 *   └DISMISS (not a tip-off)  └DISMISS → DISMISSED     │                     REQUEST_EXTENSION once ≤3 m ↺ ├ REINSPECT_FAIL → REINSPECTION_FAILED ─ORDER_SHUTDOWN┐
 *                                                      │                                                    └ ORDER_SHUTDOWN once overdue ───────────────────┤
 *                                                      ├ STOP_PRODUCTION (安全) → PRODUCTION_STOPPED ─ REINSPECT_PASS / REINSPECT_FAIL                       │
 *                                                      └ CLOSE_IMMEDIATELY (技术/地条钢) ──────────────────────────────────────────────→ SHUTTING_DOWN ←┘
 * SHUTTING_DOWN: CUT_POWER_WATER, REMOVE_POWER_UNITS, SEAL_EQUIPMENT, PUBLIC_PLEDGE, ANNOUNCE, DISMANTLE_ITEM ×5 (mining:
 *                REMOVE_MINING_RIGS), REVOKE_LICENCE, CANCEL_PERMIT, CONFISCATE, TRANSFER_TO_POLICE/JUDICIAL ↺
 *                ─ACCEPT_ON_SITE→ ─ANNOUNCE_DISMANTLED→ ─CLOSE_CASE→ CLOSED
 * A site-only tip-off: OPEN ─VERIFY→ VERIFIED ─REGISTER_ENTERPRISE→ VERIFIED (now an enterprise) ─CONFIRM_VIOLATION→ …
 * Closures for energy, environment, quality and safety need GOVERNMENT_APPROVAL (人民政府) before ORDER_SHUTDOWN.
 * </pre>
 */
public final class CaseRules {

    /** Which deadline a row computes, from the action's local date. */
    enum Deadline { NONE, RECTIFICATION, EXTENSION, DISMANTLE, SAFETY_STOP }

    /** A guard sees the case, the request and the action's local date. */
    interface Check {
        boolean ok(CaseFile f, ActionRequest r, LocalDate on);
    }

    record Guard(Rule rule, Check check) {}

    record Row(Set<ActionType> actions, Set<CaseState> from, Predicate<CaseFile> when, List<Guard> guards,
               Function<CaseFile, CaseState> to, Deadline deadline, Function<CaseFile, Status> registry, String alertOutcome,
               Rule refuse) {}

    private static final Set<CaseState> FINAL = EnumSet.of(DISMISSED, CLOSED);
    private static final Set<CaseState> AFTER_CONFIRMATION = EnumSet.of(CONFIRMED, RECTIFYING, PRODUCTION_STOPPED, RECTIFIED, REINSPECTION_FAILED, SHUTTING_DOWN);

    private final ZoneId zone;

    public CaseRules(ZoneId zone) {
        this.zone = zone;
    }

    // ---- the table -------------------------------------------------------------------------------------------------

    static final List<Row> TABLE = rows(
            on(EnumSet.allOf(ActionType.class)).from(FINAL).refuse(RULE_CASE_FINAL),

            // a tip-off or inspection against an address: the verified site is registered before anything is confirmed
            on(REGISTER_ENTERPRISE).from(OPEN).when(f -> !f.registered()).refuse(RULE_VERIFY_FIRST),
            on(REGISTER_ENTERPRISE).from(VERIFIED).guard(RULE_ALREADY_REGISTERED, (f, r, on) -> !f.registered()).stay(),
            on(REGISTER_ENTERPRISE).from(EnumSet.complementOf(EnumSet.copyOf(FINAL))).refuse(RULE_ALREADY_REGISTERED),

            on(VERIFY).from(OPEN).to(VERIFIED),
            on(DISMISS).from(OPEN).guard(RULE_TIPOFF_MUST_BE_VERIFIED, (f, r, on) -> f.source != Source.TIP_OFF).to(DISMISSED).alert("FALSE"),
            on(DISMISS).from(VERIFIED).to(DISMISSED).alert("FALSE"),
            on(CONFIRM_VIOLATION).from(OPEN).refuse(RULE_VERIFY_FIRST),
            on(CONFIRM_VIOLATION).from(VERIFIED).guard(RULE_SITE_NOT_REGISTERED, (f, r, on) -> f.registered()).to(CONFIRMED).alert("CONFIRMED"),
            on(CLOSE_CASE).from(OPEN).when(f -> f.source == Source.TIP_OFF).refuse(RULE_TIPOFF_MUST_BE_VERIFIED),

            // 涪陵 2020: findings and the draft disposal plan of a suspected 地条钢 site go to the city 经济信息委 (a 函)
            on(REPORT_TO_CITY).from(OPEN).refuse(RULE_VERIFY_FIRST),
            on(REPORT_TO_CITY).from(VERIFIED, CONFIRMED, SHUTTING_DOWN)
                    .guard(RULE_CITY_LETTER_DTG_ONLY, (f, r, on) -> f.suspectedDitiaogang || f.ditiaogang()).stay(),

            // 地条钢 and eliminated equipment: no rectification of any kind
            on(ORDER_RECTIFICATION, REQUEST_EXTENSION, STOP_PRODUCTION).from(AFTER_CONFIRMATION).when(CaseFile::noRectificationPath)
                    .refuse(RULE_DTG_NO_RECTIFICATION),
            on(ORDER_RECTIFICATION).from(CONFIRMED)
                    .guard(RULE_RECTIFICATION_SCOPE, (f, r, on) -> f.dimensions.stream().anyMatch(Dimension::rectifiable))
                    .to(RECTIFYING).deadline(Deadline.RECTIFICATION).registry(f -> Status.RECTIFYING),
            on(REQUEST_EXTENSION).from(RECTIFYING)
                    .guard(RULE_EXTENSION_ONCE, (f, r, on) -> !f.extensionUsed())
                    .guard(RULE_EXTENSION_MAX_3_MONTHS, (f, r, on) -> months(r) >= 1 && months(r) <= Deadlines.MAX_EXTENSION_MONTHS)
                    .guard(RULE_EXTENSION_BEFORE_DEADLINE, CaseRules::byDeadline)
                    .stay().deadline(Deadline.EXTENSION),
            on(STOP_PRODUCTION).from(CONFIRMED)
                    .guard(RULE_SAFETY_STOP_PRODUCTION, (f, r, on) -> f.has(Dimension.SAFETY))
                    .to(PRODUCTION_STOPPED).deadline(Deadline.SAFETY_STOP).registry(f -> Status.SUSPENDED),
            on(REINSPECT_PASS).from(RECTIFYING, PRODUCTION_STOPPED).guard(RULE_DEADLINE_MISSED, CaseRules::byDeadline).to(RECTIFIED).registry(f -> Status.OPERATING),
            on(REINSPECT_FAIL).from(RECTIFYING, PRODUCTION_STOPPED).to(REINSPECTION_FAILED),

            // shutdown (关停退出): after a failed re-inspection or a missed deadline, approved by the people's government
            on(GOVERNMENT_APPROVAL).from(REINSPECTION_FAILED, RECTIFYING, PRODUCTION_STOPPED)
                    .guard(RULE_DEADLINE_NOT_PASSED, CaseRules::failedOrOverdue)
                    .guard(RULE_SAFETY_CLOSURE_BY_GOVERNMENT, (f, r, on) -> !f.has(Dimension.SAFETY) || byGovernment(r))
                    .guard(RULE_CLOSURE_NEEDS_APPROVAL, (f, r, on) -> byGovernment(r)).stay(),
            on(GOVERNMENT_APPROVAL).from(CONFIRMED).when(f -> !f.noRectificationPath()).refuse(RULE_RECTIFICATION_FIRST),
            on(ORDER_SHUTDOWN).from(REINSPECTION_FAILED, RECTIFYING, PRODUCTION_STOPPED)
                    .guard(RULE_DEADLINE_NOT_PASSED, CaseRules::failedOrOverdue)
                    .guard(RULE_SAFETY_CLOSURE_BY_GOVERNMENT, (f, r, on) -> !f.has(Dimension.SAFETY) || f.has(GOVERNMENT_APPROVAL))
                    .guard(RULE_CLOSURE_NEEDS_APPROVAL, (f, r, on) -> !needsApproval(f) || f.has(GOVERNMENT_APPROVAL))
                    .to(SHUTTING_DOWN).deadline(Deadline.DISMANTLE).registry(f -> Status.CLOSED),
            on(ORDER_SHUTDOWN).from(CONFIRMED).when(f -> !f.noRectificationPath()).refuse(RULE_RECTIFICATION_FIRST),
            on(CLOSE_IMMEDIATELY).from(CONFIRMED).guard(RULE_CLOSE_IMMEDIATELY_SCOPE, (f, r, on) -> f.noRectificationPath())
                    .to(SHUTTING_DOWN).deadline(Deadline.DISMANTLE).registry(f -> f.ditiaogang() ? Status.BANNED : Status.CLOSED),

            // closure measures: dismantle, or where that must wait, cut, remove, seal, pledge and announce
            on(CUT_POWER_WATER, REMOVE_POWER_UNITS, PUBLIC_PLEDGE, ANNOUNCE, REVOKE_LICENCE, CANCEL_PERMIT).from(SHUTTING_DOWN)
                    .guard(RULE_ONCE, CaseRules::notYetDone).stay(),
            on(CANCEL_PERMIT).from(AFTER_CONFIRMATION).refuse(RULE_PERMIT_AFTER_CLOSURE),
            on(SEAL_EQUIPMENT).from(SHUTTING_DOWN).guard(RULE_ONCE, CaseRules::notYetDone).stay()
                    .registry(f -> f.ditiaogang() ? null : Status.SEALED),
            on(DISMANTLE_ITEM).from(SHUTTING_DOWN).when(CaseFile::mining).refuse(RULE_MINING_NO_FURNACE_CHECKLIST),
            on(DISMANTLE_ITEM).from(SHUTTING_DOWN)
                    .guard(RULE_DISMANTLE_ITEM_ONCE, (f, r, on) -> !f.dismantled().containsKey(DismantleItem.valueOf((String) r.detail().get("item")))).stay(),
            on(REMOVE_MINING_RIGS).from(SHUTTING_DOWN).guard(RULE_MINING_ONLY, (f, r, on) -> f.mining()).guard(RULE_ONCE, CaseRules::notYetDone).stay(),
            on(ACCEPT_ON_SITE).from(SHUTTING_DOWN).guard(RULE_ACCEPTANCE_AFTER_MEASURES, (f, r, on) -> f.closureMeasuresDone())
                    .guard(RULE_ONCE, CaseRules::notYetDone).stay(),
            on(ANNOUNCE_DISMANTLED).from(SHUTTING_DOWN)
                    .guard(RULE_ANNOUNCE_AFTER_ACCEPTANCE, (f, r, on) -> f.has(ACCEPT_ON_SITE) && (f.allDismantled() || f.mining()))
                    .guard(RULE_ONCE, CaseRules::notYetDone).stay(),

            // penalties beyond closure: licence, confiscation, police and judicial organs, court enforcement
            on(REVOKE_BUSINESS_LICENCE).from(REINSPECTION_FAILED, RECTIFYING, SHUTTING_DOWN)
                    .guard(RULE_BUSINESS_LICENCE_AFTER_FAILED_QUALITY, (f, r, on) -> f.has(Dimension.QUALITY)
                            && (f.has(REINSPECT_FAIL) || (f.rectificationDeadline() != null && on.isAfter(f.rectificationDeadline()))))
                    .guard(RULE_ONCE, CaseRules::notYetDone).stay(),
            on(REVOKE_BUSINESS_LICENCE).from(AFTER_CONFIRMATION).refuse(RULE_BUSINESS_LICENCE_AFTER_FAILED_QUALITY),
            on(CONFISCATE).from(AFTER_CONFIRMATION).guard(RULE_CONFISCATION_SCOPE, (f, r, on) -> f.ditiaogang() || f.has(Dimension.QUALITY))
                    .guard(RULE_ONCE, CaseRules::notYetDone).stay(),
            on(TRANSFER_TO_POLICE, TRANSFER_TO_JUDICIAL).from(AFTER_CONFIRMATION)
                    .guard(RULE_CRIMINAL_TRANSFER_SCOPE, (f, r, on) -> f.ditiaogang() || f.has(Dimension.ENVIRONMENT) || f.has(Dimension.QUALITY))
                    .guard(RULE_ONCE, CaseRules::notYetDone).stay(),
            on(IMPOSE_PENALTY).from(AFTER_CONFIRMATION).stay(),
            on(APPLY_COURT_ENFORCEMENT).from(AFTER_CONFIRMATION)
                    .guard(RULE_ENFORCEMENT_NEEDS_PENALTY, (f, r, on) -> f.penaltyOn() != null
                            && on.isAfter(f.penaltyOn().plusDays(Deadlines.PENALTY_PAYMENT_DAYS)))
                    .stay(),

            // notices to other departments once an exit or rectification deadline was missed (seeds/002 六、(四))
            on(NOTIFY_LAND_RESTRICTION, NOTIFY_BANK_CREDIT).from(RECTIFYING, PRODUCTION_STOPPED, SHUTTING_DOWN)
                    .guard(RULE_MISSED_EXIT_DEADLINE, (f, r, on) -> f.overdue(on)).stay(),
            on(NOTIFY_LAND_RESTRICTION, NOTIFY_BANK_CREDIT).from(AFTER_CONFIRMATION).refuse(RULE_MISSED_EXIT_DEADLINE),

            on(CLOSE_CASE).from(RECTIFIED).to(CLOSED),
            on(CLOSE_CASE).from(SHUTTING_DOWN)
                    .guard(RULE_DTG_LICENCE_AND_CONFISCATION, (f, r, on) -> !f.ditiaogang() || (f.has(REVOKE_LICENCE) && f.has(CONFISCATE)))
                    .guard(RULE_SAFETY_LICENCE_REVOKED, (f, r, on) -> !f.has(Dimension.SAFETY) || !f.has(STOP_PRODUCTION) || f.has(REVOKE_LICENCE))
                    .guard(RULE_SEALING_INCOMPLETE, (f, r, on) -> !f.anyInterimMeasure() || f.allInterimMeasures())
                    // 技术/地条钢: every item of 五拆除; mining: rigs removed (checked by acceptance); others: dismantled or sealed
                    .guard(RULE_DISMANTLING_INCOMPLETE, (f, r, on) -> f.mining() || f.closureMeasuresDone())
                    .guard(RULE_DTG_REPORT_TO_CITY, (f, r, on) -> !(f.ditiaogang() || f.suspectedDitiaogang) || f.has(REPORT_TO_CITY))
                    .guard(RULE_ACCEPTANCE_REQUIRED, (f, r, on) -> f.has(ACCEPT_ON_SITE))
                    .guard(RULE_DISMANTLING_ANNOUNCEMENT_REQUIRED, (f, r, on) -> !(f.allDismantled() || f.mining()) || f.has(ANNOUNCE_DISMANTLED))
                    .to(CLOSED)
    );

    /** Guards every allowed row passes: time runs forward within a case, and never past now. */
    static final List<Guard> COMMON = List.of(
            new Guard(RULE_ACTION_ORDER, (f, r, on) -> f.lastAt() == null || !r.at().isBefore(f.lastAt())));

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    // ---- deciding --------------------------------------------------------------------------------------------------

    /** What an allowed action does: the event to append and its consequences outside the case. */
    public record Decision(CaseEvent event, Status registryStatus, String alertOutcome) {}

    /**
     * Decides {@code r} on {@code f}: the event to append (seq and recording fields filled in), or a {@link RuleViolation}.
     * {@code dismantleMonths} is the district's 限时拆除 period.
     */
    public Decision decide(CaseFile f, ActionRequest r, Instant now, String recordedBy, int dismantleMonths) {
        Row row = find(r.action(), f);
        if (row == null) {
            throw new RuleViolation(RULE_SEQUENCE, r.action() + " (" + r.action().zh + ") 不适用于状态 " + f.state() + " (" + f.state().zh
                    + ")；适用于 allowed in " + statesFor(r.action()));
        }
        if (row.refuse() != null) throw new RuleViolation(row.refuse(), r.action() + " @ " + f.state());
        if (r.at().isAfter(now.plus(CLOCK_SKEW))) throw new RuleViolation(RULE_ACTION_IN_FUTURE, r.at().toString());
        LocalDate on = Deadlines.localDate(r.at(), zone);
        for (Guard g : COMMON) if (!g.check().ok(f, r, on)) throw new RuleViolation(g.rule(), "at=" + r.at() + ", previous=" + f.lastAt());
        for (Guard g : row.guards()) if (!g.check().ok(f, r, on)) throw new RuleViolation(g.rule(), explain(g.rule(), f, r));
        Map<String, Object> detail = new LinkedHashMap<>(r.detail());
        switch (row.deadline()) {
            case RECTIFICATION -> detail.put("deadline", Deadlines.after(on, Deadlines.RECTIFICATION_MONTHS).toString());
            case EXTENSION -> detail.put("deadline",
                    Deadlines.after(f.rectificationOrderedOn(), Deadlines.RECTIFICATION_MONTHS + months(r)).toString());
            case DISMANTLE -> detail.put("deadline", Deadlines.after(on, dismantleMonths).toString());
            case SAFETY_STOP -> detail.put("deadline", Deadlines.after(on, Deadlines.SAFETY_STOP_MONTHS).toString());
            case NONE -> { }
        }
        CaseState after = row.to().apply(f);
        CaseEvent e = new CaseEvent(f.history().size() + 1, r.action(), r.at(), r.by(), r.note(), detail, after, now, recordedBy);
        // the registry status follows the case as it will be after the event (e.g. 地条钢 confirmed)
        Status status = row.registry() == null ? null : row.registry().apply(f.apply(e, zone));
        return new Decision(e, status, row.alertOutcome());
    }

    /** Replays a stored event (the rules allowed it when it was recorded). */
    public CaseFile replay(CaseFile f, CaseEvent e) {
        return f.apply(e, zone);
    }

    private static Row find(ActionType a, CaseFile f) {
        for (Row row : TABLE) {
            if (row.actions().contains(a) && row.from().contains(f.state()) && row.when().test(f)) return row;
        }
        return null;
    }

    /** The states in which an action has an allowing row (for messages and the API document). */
    public static List<CaseState> statesFor(ActionType a) {
        List<CaseState> out = new ArrayList<>();
        for (Row row : TABLE) if (row.refuse() == null && row.actions().contains(a)) for (CaseState s : row.from()) if (!out.contains(s)) out.add(s);
        return out;
    }

    private String explain(Rule rule, CaseFile f, ActionRequest r) {
        return switch (rule) {
            case RULE_EXTENSION_MAX_3_MONTHS -> "months=" + months(r);
            case RULE_EXTENSION_BEFORE_DEADLINE, RULE_DEADLINE_MISSED, RULE_DEADLINE_NOT_PASSED ->
                    "deadline=" + f.rectificationDeadline() + ", at=" + Deadlines.localDate(r.at(), zone);
            case RULE_DISMANTLING_INCOMPLETE -> "done=" + f.dismantled().keySet();
            case RULE_SEALING_INCOMPLETE -> "missing=" + ActionType.INTERIM.stream().filter(a -> !f.has(a)).toList();
            default -> null;
        };
    }

    private static int months(ActionRequest r) {
        return ((Number) r.detail().get("months")).intValue();
    }

    private static boolean notYetDone(CaseFile f, ActionRequest r, LocalDate on) {
        return !f.has(r.action());
    }

    /** A re-inspection failed, or the running rectification (停产整顿) deadline has passed. */
    private static boolean failedOrOverdue(CaseFile f, ActionRequest r, LocalDate on) {
        return f.state() == REINSPECTION_FAILED || !byDeadline(f, r, on);
    }

    /** Energy, environment and quality closures are approved by the people's government with that power (seeds/002-004). */
    private static boolean needsApproval(CaseFile f) {
        return f.has(Dimension.ENERGY) || f.has(Dimension.ENVIRONMENT) || f.has(Dimension.QUALITY);
    }

    /** The approving authority named in the request is a people's government (人民政府), not a department. */
    private static boolean byGovernment(ActionRequest r) {
        Object a = r.detail().get("authority");
        return a instanceof String s && s.contains("人民政府");
    }

    /** The action's local date is on or before the rectification deadline. Zone: Asia/Shanghai unless configured. */
    private static boolean byDeadline(CaseFile f, ActionRequest r, LocalDate on) {
        return !on.isAfter(f.rectificationDeadline());
    }

    // ---- the table's little language -------------------------------------------------------------------------------

    private static RowBuilder on(ActionType first, ActionType... rest) {
        return new RowBuilder(EnumSet.of(first, rest));
    }

    private static RowBuilder on(Set<ActionType> actions) {
        return new RowBuilder(actions);
    }

    private static final class RowBuilder {
        final Set<ActionType> actions;
        Set<CaseState> from = EnumSet.noneOf(CaseState.class);
        Predicate<CaseFile> when = f -> true;
        final List<Guard> guards = new ArrayList<>();
        Deadline deadline = Deadline.NONE;
        Function<CaseFile, Status> registry;
        String alert;
        Function<CaseFile, CaseState> to;

        RowBuilder(Set<ActionType> actions) {
            this.actions = actions;
        }

        RowBuilder from(CaseState first, CaseState... rest) {
            from = EnumSet.of(first, rest);
            return this;
        }

        RowBuilder from(Set<CaseState> states) {
            from = EnumSet.copyOf(states);
            return this;
        }

        RowBuilder when(Predicate<CaseFile> p) {
            when = p;
            return this;
        }

        RowBuilder guard(Rule rule, Check ok) {
            guards.add(new Guard(rule, ok));
            return this;
        }

        RowBuilder deadline(Deadline d) {
            deadline = d;
            return this;
        }

        RowBuilder registry(Function<CaseFile, Status> s) {
            registry = s;
            return this;
        }

        RowBuilder alert(String outcome) {
            alert = outcome;
            return this;
        }

        RowBuilder to(CaseState s) {
            to = f -> s;
            return this;
        }

        RowBuilder stay() {
            to = CaseFile::state;
            return this;
        }

        Rule refuse;

        RowBuilder refuse(Rule rule) {
            refuse = rule;
            to = CaseFile::state;
            return this;
        }

        Row build() {
            if (to == null) throw new IllegalStateException("row without a target state: " + actions);
            return new Row(actions, from, when, List.copyOf(guards), to, deadline, registry, alert, refuse);
        }
    }

    private static List<Row> rows(RowBuilder... builders) {
        List<Row> out = new ArrayList<>();
        for (RowBuilder b : builders) out.add(b.build());
        return List.copyOf(out);
    }
}
