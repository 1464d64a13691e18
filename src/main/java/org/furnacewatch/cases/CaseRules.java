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
 * SHUTTING_DOWN: CUT_POWER_WATER, REMOVE_POWER_UNITS, SEAL_EQUIPMENT, PUBLIC_PLEDGE, ANNOUNCE, DISMANTLE_ITEM ×5,
 *                REVOKE_LICENCE, CONFISCATE (地条钢), TRANSFER_TO_POLICE (地条钢) ↺ ─CLOSE_CASE→ CLOSED
 * </pre>
 */
public final class CaseRules {

    /** Which deadline a row computes, from the action's local date. */
    enum Deadline { NONE, RECTIFICATION, EXTENSION, DISMANTLE }

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

            on(VERIFY).from(OPEN).to(VERIFIED),
            on(DISMISS).from(OPEN).guard(RULE_TIPOFF_MUST_BE_VERIFIED, (f, r, on) -> f.source != Source.TIP_OFF).to(DISMISSED).alert("FALSE"),
            on(DISMISS).from(VERIFIED).to(DISMISSED).alert("FALSE"),
            on(CONFIRM_VIOLATION).from(OPEN).refuse(RULE_VERIFY_FIRST),
            on(CONFIRM_VIOLATION).from(VERIFIED).to(CONFIRMED).alert("CONFIRMED"),
            on(CLOSE_CASE).from(OPEN).when(f -> f.source == Source.TIP_OFF).refuse(RULE_TIPOFF_MUST_BE_VERIFIED),

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
                    .to(PRODUCTION_STOPPED).registry(f -> Status.SUSPENDED),
            on(REINSPECT_PASS).from(RECTIFYING).guard(RULE_DEADLINE_MISSED, CaseRules::byDeadline).to(RECTIFIED).registry(f -> Status.OPERATING),
            on(REINSPECT_PASS).from(PRODUCTION_STOPPED).to(RECTIFIED).registry(f -> Status.OPERATING),
            on(REINSPECT_FAIL).from(RECTIFYING, PRODUCTION_STOPPED).to(REINSPECTION_FAILED),

            // shutdown (关停退出): after a failed re-inspection, or once the rectification deadline has passed
            on(ORDER_SHUTDOWN).from(REINSPECTION_FAILED).to(SHUTTING_DOWN).deadline(Deadline.DISMANTLE).registry(f -> Status.CLOSED),
            on(ORDER_SHUTDOWN).from(RECTIFYING).guard(RULE_DEADLINE_NOT_PASSED, (f, r, on) -> !byDeadline(f, r, on))
                    .to(SHUTTING_DOWN).deadline(Deadline.DISMANTLE).registry(f -> Status.CLOSED),
            on(ORDER_SHUTDOWN).from(CONFIRMED, PRODUCTION_STOPPED).when(f -> !f.noRectificationPath()).refuse(RULE_RECTIFICATION_FIRST),
            on(CLOSE_IMMEDIATELY).from(CONFIRMED).guard(RULE_CLOSE_IMMEDIATELY_SCOPE, (f, r, on) -> f.noRectificationPath())
                    .to(SHUTTING_DOWN).deadline(Deadline.DISMANTLE).registry(f -> f.ditiaogang() ? Status.BANNED : Status.CLOSED),

            // closure measures: dismantle, or where that must wait, cut, remove, seal, pledge and announce
            on(CUT_POWER_WATER, REMOVE_POWER_UNITS, PUBLIC_PLEDGE, ANNOUNCE, REVOKE_LICENCE).from(SHUTTING_DOWN)
                    .guard(RULE_ONCE, CaseRules::notYetDone).stay(),
            on(SEAL_EQUIPMENT).from(SHUTTING_DOWN).guard(RULE_ONCE, CaseRules::notYetDone).stay()
                    .registry(f -> f.ditiaogang() ? null : Status.SEALED),
            on(DISMANTLE_ITEM).from(SHUTTING_DOWN)
                    .guard(RULE_DISMANTLE_ITEM_ONCE, (f, r, on) -> !f.dismantled().containsKey(DismantleItem.valueOf((String) r.detail().get("item")))).stay(),
            on(CONFISCATE).from(SHUTTING_DOWN).guard(RULE_DTG_ONLY, (f, r, on) -> f.ditiaogang()).guard(RULE_ONCE, CaseRules::notYetDone).stay(),
            on(TRANSFER_TO_POLICE).from(AFTER_CONFIRMATION).guard(RULE_DTG_ONLY, (f, r, on) -> f.ditiaogang()).guard(RULE_ONCE, CaseRules::notYetDone).stay(),

            on(CLOSE_CASE).from(RECTIFIED).to(CLOSED),
            on(CLOSE_CASE).from(SHUTTING_DOWN)
                    .guard(RULE_DTG_LICENCE_AND_CONFISCATION, (f, r, on) -> !f.ditiaogang() || (f.has(REVOKE_LICENCE) && f.has(CONFISCATE)))
                    .guard(RULE_SAFETY_LICENCE_REVOKED, (f, r, on) -> !f.has(Dimension.SAFETY) || !f.has(STOP_PRODUCTION) || f.has(REVOKE_LICENCE))
                    .guard(RULE_SEALING_INCOMPLETE, (f, r, on) -> !f.anyInterimMeasure() || f.allInterimMeasures())
                    // 技术/地条钢: every item of 五拆除; other shutdowns: dismantled, or sealed with every interim measure
                    .guard(RULE_DISMANTLING_INCOMPLETE, (f, r, on) -> f.allDismantled() || (!f.noRectificationPath() && f.allInterimMeasures()))
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
