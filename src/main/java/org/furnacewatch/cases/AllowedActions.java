package org.furnacewatch.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which actions the rules allow on a case NOW, found by asking the rule table itself ({@link CaseRules#decide}, a
 * pure function) with each action at the present moment: nothing here repeats a rule, so a row added to the table
 * shows up on the console by itself. An action whose fields change the verdict is asked once per choice
 * ({@link DismantleItem} per item, an extension per month count).
 */
public final class AllowedActions {

    /** An allowed action and, where a field's value decides, the values that are allowed. */
    public record Option(ActionType action, List<String> choices) {}

    private AllowedActions() {}

    public static List<Option> now(CaseRules rules, CaseFile f, Instant clock, int dismantleMonths) {
        List<Option> out = new ArrayList<>();
        // an action recorded a moment ago may carry a time rounded up to its second: "now" is never before it
        Instant now = f.lastAt() != null && f.lastAt().isAfter(clock) ? f.lastAt() : clock;
        LocalDate today = Deadlines.localDate(now, java.time.ZoneOffset.UTC);
        for (ActionType a : ActionType.values()) {
            if (a == ActionType.OPEN_CASE) continue;
            List<String> choices = new ArrayList<>();
            boolean allowed = switch (a) {
                case DISMANTLE_ITEM -> {
                    for (DismantleItem item : DismantleItem.values()) if (allows(rules, f, a, now, dismantleMonths, Map.of("item", item.name()))) choices.add(item.name());
                    yield !choices.isEmpty();
                }
                case REQUEST_EXTENSION -> {
                    for (int m = 1; m <= Deadlines.MAX_EXTENSION_MONTHS; m++) if (allows(rules, f, a, now, dismantleMonths, Map.of("months", m))) choices.add(String.valueOf(m));
                    yield !choices.isEmpty();
                }
                case ANNOUNCE -> allows(rules, f, a, now, dismantleMonths, Map.of("date", today.toString(), "url", "https://gov.example/announcement"));
                default -> allows(rules, f, a, now, dismantleMonths, placeholders(a));
            };
            if (allowed) out.add(new Option(a, List.copyOf(choices)));
        }
        return out;
    }

    /** Fields an action requires, filled with neutral values so that only the rules decide. */
    private static Map<String, Object> placeholders(ActionType a) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String field : a.required) m.put(field, "");
        return m;
    }

    private static boolean allows(CaseRules rules, CaseFile f, ActionType a, Instant now, int dismantleMonths, Map<String, Object> detail) {
        try {
            rules.decide(f, new ActionRequest(a, now, "console", null, detail), now, "console", dismantleMonths);
            return true;
        } catch (RuleViolation v) {
            return false;
        } catch (RuntimeException e) {
            // a guard that needs a field only the form supplies: offer the action, the rules judge the real request
            return true;
        }
    }
}
