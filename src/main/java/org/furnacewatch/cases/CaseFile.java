package org.furnacewatch.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A case as its history makes it: {@link #apply} folds one event into a new value, so the state, deadlines,
 * dismantled items and lists follow from the append-only history alone. Immutable.
 */
public final class CaseFile {
    public final String id;
    /** The registered enterprise; null while a tip-off or inspection concerns only an address (until REGISTER_ENTERPRISE). */
    public String enterprise;
    public String enterpriseName;
    public final String district;
    public final Source source;
    public final String alertId;
    public final List<Dimension> dimensions;
    public final boolean suspectedDitiaogang;
    public final String lead;
    public final List<String> cooperating;

    private CaseState state = CaseState.OPEN;
    private boolean ditiaogang;
    private Instant openedAt;
    private LocalDate rectificationOrderedOn;
    private LocalDate rectificationDeadline;
    private int extensionMonths;
    private boolean extensionUsed;
    private LocalDate dismantleDeadline;
    private Instant yellowSince;
    private Instant redSince;
    private Instant closedAt;
    private Instant verifiedAt;
    private String siteAddress;
    private String siteRef;
    private String channel;
    private boolean mining;
    private LocalDate verificationDeadline;
    private LocalDate penaltyOn;
    private EnumMap<DismantleItem, Boolean> dismantled = new EnumMap<>(DismantleItem.class);
    private EnumSet<ActionType> done = EnumSet.noneOf(ActionType.class);
    private List<CaseEvent> history = List.of();

    public CaseFile(String id, String enterprise, String enterpriseName, String district, Source source, String alertId,
                    List<Dimension> dimensions, boolean suspectedDitiaogang, String lead, List<String> cooperating) {
        this.id = id;
        this.enterprise = enterprise;
        this.enterpriseName = enterpriseName;
        this.district = district;
        this.source = source;
        this.alertId = alertId;
        this.dimensions = List.copyOf(dimensions);
        this.suspectedDitiaogang = suspectedDitiaogang;
        this.ditiaogang = suspectedDitiaogang;
        this.lead = lead;
        this.cooperating = List.copyOf(cooperating);
    }

    private CaseFile copy() {
        CaseFile c = new CaseFile(id, enterprise, enterpriseName, district, source, alertId, dimensions, suspectedDitiaogang, lead, cooperating);
        c.state = state;
        c.ditiaogang = ditiaogang;
        c.openedAt = openedAt;
        c.rectificationOrderedOn = rectificationOrderedOn;
        c.rectificationDeadline = rectificationDeadline;
        c.extensionMonths = extensionMonths;
        c.extensionUsed = extensionUsed;
        c.dismantleDeadline = dismantleDeadline;
        c.yellowSince = yellowSince;
        c.redSince = redSince;
        c.closedAt = closedAt;
        c.verifiedAt = verifiedAt;
        c.siteAddress = siteAddress;
        c.siteRef = siteRef;
        c.channel = channel;
        c.mining = mining;
        c.verificationDeadline = verificationDeadline;
        c.penaltyOn = penaltyOn;
        c.dismantled = new EnumMap<>(dismantled);
        c.done = EnumSet.copyOf(done);
        c.history = history;
        return c;
    }

    /** The case after {@code e}; the rules decided it was allowed and computed its deadlines into its detail. */
    public CaseFile apply(CaseEvent e, ZoneId zone) {
        CaseFile c = copy();
        List<CaseEvent> h = new ArrayList<>(history);
        h.add(e);
        c.history = Collections.unmodifiableList(h);
        c.state = e.stateAfter();
        c.done.add(e.action());
        switch (e.action()) {
            case OPEN_CASE -> {
                c.openedAt = e.at();
                c.siteAddress = e.text("siteAddress");
                c.siteRef = e.text("siteRef");
                c.channel = e.text("channel");
                c.mining = e.flag("mining");
                if (e.text("verificationDeadline") != null) c.verificationDeadline = LocalDate.parse(e.text("verificationDeadline"));
            }
            case REGISTER_ENTERPRISE -> {
                c.enterprise = e.text("enterprise");
                c.enterpriseName = e.text("name");
            }
            case IMPOSE_PENALTY -> c.penaltyOn = e.at().atZone(zone).toLocalDate();
            case VERIFY -> c.verifiedAt = e.at();
            case CONFIRM_VIOLATION -> {
                if (e.detail().get("ditiaogang") instanceof Boolean b) c.ditiaogang = b;
            }
            case ORDER_RECTIFICATION -> {
                c.rectificationOrderedOn = e.at().atZone(zone).toLocalDate();
                c.rectificationDeadline = LocalDate.parse(e.text("deadline"));
                c.yellowSince = e.at();
            }
            case STOP_PRODUCTION -> {
                c.yellowSince = e.at();
                c.rectificationOrderedOn = e.at().atZone(zone).toLocalDate();
                if (e.text("deadline") != null) c.rectificationDeadline = LocalDate.parse(e.text("deadline"));
            }
            case REQUEST_EXTENSION -> {
                c.extensionUsed = true;
                c.extensionMonths = ((Number) e.detail().get("months")).intValue();
                c.rectificationDeadline = LocalDate.parse(e.text("deadline"));
            }
            case ORDER_SHUTDOWN, CLOSE_IMMEDIATELY -> {
                c.redSince = e.at();
                c.dismantleDeadline = LocalDate.parse(e.text("deadline"));
            }
            case DISMANTLE_ITEM -> c.dismantled.put(DismantleItem.valueOf(e.text("item")), e.flag("notPresent"));
            case CLOSE_CASE, DISMISS -> c.closedAt = e.at();
            default -> { }
        }
        return c;
    }

    public CaseState state() { return state; }
    public boolean ditiaogang() { return ditiaogang; }
    public Instant openedAt() { return openedAt; }
    public LocalDate rectificationOrderedOn() { return rectificationOrderedOn; }
    public LocalDate rectificationDeadline() { return rectificationDeadline; }
    public boolean extensionUsed() { return extensionUsed; }
    public int extensionMonths() { return extensionMonths; }
    public LocalDate dismantleDeadline() { return dismantleDeadline; }
    public Instant redSince() { return redSince; }
    public Instant closedAt() { return closedAt; }
    public Instant verifiedAt() { return verifiedAt; }
    public String siteAddress() { return siteAddress; }
    public String siteRef() { return siteRef; }
    public String channel() { return channel; }
    public boolean mining() { return mining; }
    public LocalDate verificationDeadline() { return verificationDeadline; }
    public LocalDate penaltyOn() { return penaltyOn; }
    public boolean registered() { return enterprise != null; }
    public Map<DismantleItem, Boolean> dismantled() { return Collections.unmodifiableMap(dismantled); }
    public Set<ActionType> done() { return Collections.unmodifiableSet(done); }
    public List<CaseEvent> history() { return history; }

    public boolean has(ActionType a) { return done.contains(a); }
    public boolean has(Dimension d) { return dimensions.contains(d); }

    /** 地条钢, eliminated equipment (technology) or cryptocurrency mining: no rectification path, close at once. */
    public boolean noRectificationPath() {
        return ditiaogang || mining || has(Dimension.TECHNOLOGY);
    }

    /** The closure measures are complete: 五拆除, or (mining) the rigs removed, or (other shutdowns) every interim measure. */
    public boolean closureMeasuresDone() {
        if (mining) return has(ActionType.REMOVE_MINING_RIGS);
        return allDismantled() || (!noRectificationPath() && allInterimMeasures());
    }

    public boolean allDismantled() {
        return dismantled.size() == DismantleItem.values().length;
    }

    public boolean anyInterimMeasure() {
        for (ActionType a : ActionType.INTERIM) if (done.contains(a)) return true;
        return false;
    }

    public boolean allInterimMeasures() {
        return done.containsAll(ActionType.INTERIM);
    }

    public Instant lastAt() {
        return history.isEmpty() ? null : history.getLast().at();
    }

    /** Yellow card (黄牌): must rectify by a deadline, or stopped for rectification. */
    public boolean onYellowList() {
        return state == CaseState.RECTIFYING || state == CaseState.PRODUCTION_STOPPED;
    }

    public Instant yellowSince() { return yellowSince; }

    /** Red card (红牌): closed by law (after failing rectification, or at once for 地条钢 / eliminated equipment). */
    public boolean onRedList() {
        return redSince != null;
    }

    /** Past a deadline and not done, judged on {@code today} (the district's local date). */
    public boolean overdue(LocalDate today) {
        LocalDate d = currentDeadline();
        return d != null && today.isAfter(d);
    }

    /** The deadline that is running now, if any: verification of a tip-off, rectification or 停产整顿, dismantling. */
    public LocalDate currentDeadline() {
        if (state == CaseState.OPEN) return verificationDeadline;
        if (state == CaseState.RECTIFYING || state == CaseState.PRODUCTION_STOPPED) return rectificationDeadline;
        if (state == CaseState.SHUTTING_DOWN && !(mining ? has(ActionType.REMOVE_MINING_RIGS) : allDismantled())) return dismantleDeadline;
        return null;
    }

    /** What the running deadline is for: VERIFICATION, RECTIFICATION, SAFETY_STOP or DISMANTLE; null when none runs. */
    public String currentDeadlineKind() {
        if (currentDeadline() == null) return null;
        return switch (state) {
            case OPEN -> "VERIFICATION";
            case RECTIFYING -> "RECTIFICATION";
            case PRODUCTION_STOPPED -> "SAFETY_STOP";
            default -> "DISMANTLE";
        };
    }
}
