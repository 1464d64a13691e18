package org.furnacewatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * How alerts are routed and retried: the acknowledgement deadline (after which the parent district is told),
 * whether it counts in working hours, the reminder lead before escalation, and the delivery retry policy.
 * Admins read and change it through {@code GET/PUT /api/v1/routing}.
 */
public record RoutingConfig(Duration ackDeadline, boolean workingHours, LocalTime workdayStart, LocalTime workdayEnd,
                            Duration reminderLead, int maxTries, Duration backoffBase, Duration backoffMax,
                            Duration evidenceLinkTtl) {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private static final Set<String> FIELDS = Set.of("ackDeadline", "workingHours", "workdayStart", "workdayEnd",
            "reminderLead", "maxTries", "backoffBase", "backoffMax", "evidenceLinkTtl");

    public static final RoutingConfig DEFAULT = new RoutingConfig(Duration.ofHours(4), true, LocalTime.of(9, 0),
            LocalTime.of(17, 0), Duration.ofHours(1), 12, Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofDays(30));

    /** A rejected field, named for the 400 answer. */
    public static final class Invalid extends IllegalArgumentException {
        public final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    public WorkingTime clock(ZoneId zone) {
        return workingHours ? new WorkingTime(true, workdayStart, workdayEnd, zone) : WorkingTime.wallClock(zone);
    }

    /** A reminder is sent when a lead is set and it leaves some time after opening. */
    public boolean reminds() {
        return !reminderLead.isZero() && reminderLead.compareTo(ackDeadline) < 0;
    }

    /** This configuration with the fields present in {@code json} replaced; unknown fields and bad values throw. */
    public RoutingConfig merge(JsonNode json) {
        if (json == null || !json.isObject()) throw new Invalid("body", "请求体须为 JSON 对象 (body must be a JSON object)");
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) throw new Invalid(f, "未知字段 (unknown field) " + f + "; 可用: " + FIELDS);
        }
        Duration ack = duration(json, "ackDeadline", ackDeadline);
        boolean wh = json.has("workingHours") ? bool(json, "workingHours") : workingHours;
        LocalTime ws = time(json, "workdayStart", workdayStart);
        LocalTime we = time(json, "workdayEnd", workdayEnd);
        Duration lead = duration(json, "reminderLead", reminderLead);
        int tries = json.has("maxTries") ? json.get("maxTries").asInt(-1) : maxTries;
        Duration bb = duration(json, "backoffBase", backoffBase);
        Duration bm = duration(json, "backoffMax", backoffMax);
        Duration ttl = duration(json, "evidenceLinkTtl", evidenceLinkTtl);
        if (ack.isZero() || ack.isNegative()) throw new Invalid("ackDeadline", "ackDeadline 须为正的 ISO-8601 时长，如 PT4H");
        if (!ws.isBefore(we)) throw new Invalid("workdayEnd", "workdayEnd 须晚于 workdayStart");
        if (lead.isNegative()) throw new Invalid("reminderLead", "reminderLead 不能为负");
        if (tries < 1 || tries > 1000 || (json.has("maxTries") && !json.get("maxTries").isIntegralNumber()))
            throw new Invalid("maxTries", "maxTries 须为 1..1000 的整数");
        if (bb.toMillis() < 1) throw new Invalid("backoffBase", "backoffBase 须为正");
        if (bm.compareTo(bb) < 0) throw new Invalid("backoffMax", "backoffMax 不能小于 backoffBase");
        if (ttl.toMinutes() < 1) throw new Invalid("evidenceLinkTtl", "evidenceLinkTtl 至少一分钟");
        return new RoutingConfig(ack, wh, ws, we, lead, tries, bb, bm, ttl);
    }

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("ackDeadline", ackDeadline.toString());
        o.put("workingHours", workingHours);
        o.put("workdayStart", workdayStart.toString());
        o.put("workdayEnd", workdayEnd.toString());
        o.put("reminderLead", reminderLead.toString());
        o.put("maxTries", maxTries);
        o.put("backoffBase", backoffBase.toString());
        o.put("backoffMax", backoffMax.toString());
        o.put("evidenceLinkTtl", evidenceLinkTtl.toString());
        return o;
    }

    public static RoutingConfig parse(String json) {
        try {
            return DEFAULT.merge(JSON.readTree(json));
        } catch (Invalid e) {
            // a value stored before durations were bounded: the defaults rather than a service that cannot start
            org.slf4j.LoggerFactory.getLogger(RoutingConfig.class).warn("stored routing configuration refused ({}); using defaults", e.getMessage());
            return DEFAULT;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No routing duration needs more than a year; longer ones overflow the clock arithmetic of deliveries and links. */
    static final Duration MAX_DURATION = Duration.ofDays(366);

    private static Duration duration(JsonNode json, String field, Duration fallback) {
        if (!json.has(field)) return fallback;
        if (!json.get(field).isTextual()) throw new Invalid(field, field + " 须为 ISO-8601 时长文本，如 PT4H (an ISO-8601 duration as text)");
        Duration d;
        try {
            d = Duration.parse(json.get(field).asText());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new Invalid(field, field + " 须为 ISO-8601 时长，如 PT4H (an ISO-8601 duration)");
        }
        if (d.compareTo(MAX_DURATION) > 0) throw new Invalid(field, field + " 不能超过 366 天 (at most P366D)");
        return d;
    }

    private static LocalTime time(JsonNode json, String field, LocalTime fallback) {
        if (!json.has(field)) return fallback;
        if (!json.get(field).isTextual()) throw new Invalid(field, field + " 须为本地时刻文本，如 09:00");
        try {
            return LocalTime.parse(json.get(field).asText());
        } catch (DateTimeParseException e) {
            throw new Invalid(field, field + " 须为本地时刻，如 09:00");
        }
    }

    private static boolean bool(JsonNode json, String field) {
        if (!json.get(field).isBoolean()) throw new Invalid(field, field + " 须为 true 或 false");
        return json.get(field).asBoolean();
    }
}
