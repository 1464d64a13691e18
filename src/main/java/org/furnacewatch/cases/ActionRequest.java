package org.furnacewatch.cases;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A parsed, well-formed action (fields present and of the right type); whether it is allowed is for the rules. */
public record ActionRequest(ActionType action, Instant at, String by, String note, Map<String, Object> detail) {

    /** A request that is malformed (400), as opposed to one the rules forbid (409). */
    public static final class Invalid extends RuntimeException {
        public final String field;

        public Invalid(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    /** Fields nobody may type: deadlines are computed by the rules. */
    private static final Set<String> COMPUTED = Set.of("deadline", "dismantleBy", "rectificationDeadline", "dismantleDeadline");

    public static ActionRequest parse(Map<String, Object> body, String defaultBy) {
        body = new LinkedHashMap<>(body);
        for (var e : body.entrySet()) {
            if (e.getValue() instanceof io.vertx.core.json.JsonObject o) e.setValue(o.getMap());
            if (e.getValue() instanceof io.vertx.core.json.JsonArray a) e.setValue(a.getList());
        }
        Object a = body.get("action");
        ActionType action = ActionType.parse(a instanceof String s ? s : null);
        if (action == null) throw new Invalid("action", "action 未知或缺失 (unknown or missing action): " + a);
        for (String k : COMPUTED) {
            if (body.containsKey(k)) throw new Invalid(k, "期限由规则计算，不接受输入 (deadlines are computed, never typed): " + k);
        }
        Instant at = instant(body.get("at"), "at");
        if (at == null) throw new Invalid("at", "at 缺失 (required): 动作发生时间，带偏移的 ISO-8601");
        for (String f : action.required) {
            if (body.get(f) == null) throw new Invalid(f, f + " 缺失 (required for " + action + ")");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        switch (action) {
            case REQUEST_EXTENSION -> {
                if (!(body.get("months") instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()))
                    throw new Invalid("months", "months 须为整数月数 (whole months)");
                detail.put("months", n.intValue());
            }
            case ANNOUNCE -> {
                try {
                    LocalDate date = LocalDate.parse(String.valueOf(body.get("date")));
                    if (!org.furnacewatch.ingest.Timestamps.inRange(date.getYear())) throw new DateTimeParseException("year", "", 0);
                    detail.put("date", date.toString());
                } catch (DateTimeParseException e) {
                    throw new Invalid("date", "date 须为日期 YYYY-MM-DD (announcement date)");
                }
                String url = String.valueOf(body.get("url"));
                try {
                    URI u = URI.create(url);
                    if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) throw new IllegalArgumentException();
                } catch (IllegalArgumentException e) {
                    throw new Invalid("url", "url 须为政府网站公告的 http(s) 网址 (announcement URL)");
                }
                detail.put("url", url);
            }
            case ANNOUNCE_DISMANTLED -> {
                detail.put("date", date(body.get("date"), "date"));
                detail.put("url", url(body.get("url")));
            }
            case REGISTER_ENTERPRISE -> {
                detail.put("enterprise", text(body, "enterprise", 18));
                Object rec = body.get("record");
                if (rec != null && !(rec instanceof Map<?, ?>)) throw new Invalid("record", "record 须为企业登记对象（同 PUT /api/v1/enterprises 的请求体）");
                if (rec != null) detail.put("record", rec);
            }
            case REPORT_TO_CITY -> {
                detail.put("findings", text(body, "findings", 4000));
                detail.put("plan", text(body, "plan", 4000));
            }
            case GOVERNMENT_APPROVAL -> detail.put("authority", text(body, "authority", 200));
            case ORDER_SHUTDOWN -> {
                if (body.get("authority") != null) detail.put("authority", text(body, "authority", 200));
            }
            case IMPOSE_PENALTY -> {
                detail.put("decision", text(body, "decision", 200));
                Object amount = body.get("amountYuan");
                if (amount != null && !(amount instanceof Number n && n.doubleValue() >= 0 && Double.isFinite(n.doubleValue())))
                    throw new Invalid("amountYuan", "amountYuan 须为非负数（罚款金额，元）");
                if (amount != null) detail.put("amountYuan", amount);
            }
            case NOTIFY_LAND_RESTRICTION, NOTIFY_BANK_CREDIT -> {
                String field = action == ActionType.NOTIFY_LAND_RESTRICTION ? "relatedEnterprises" : "recipients";
                Object v = body.get(field);
                if (v != null) {
                    if (!(v instanceof java.util.List<?> l) || l.size() > 100 || !l.stream().allMatch(x -> x instanceof String t && !t.isBlank()
                            && t.length() <= 200 && !org.furnacewatch.codec.Text.hasControl(t)))
                        throw new Invalid(field, field + " 须为文本数组（至多100项）");
                    detail.put(field, l);
                }
            }
            case DISMANTLE_ITEM -> {
                DismantleItem item = DismantleItem.parse(String.valueOf(body.get("item")));
                if (item == null) throw new Invalid("item", "item 须为 FURNACE_BODY、TRANSFORMER、DUST_HOOD、OPERATING_PLATFORM 或 RAILS");
                detail.put("item", item.name());
                if (Boolean.TRUE.equals(body.get("notPresent"))) detail.put("notPresent", true);
            }
            case CONFIRM_VIOLATION -> {
                Object d = body.get("ditiaogang");
                if (d != null && !(d instanceof Boolean)) throw new Invalid("ditiaogang", "ditiaogang 须为 true/false");
                if (d != null) detail.put("ditiaogang", d);
            }
            default -> { }
        }
        Object by = body.get("by");
        Object note = body.get("note");
        return new ActionRequest(action, at, by instanceof String s && !s.isBlank() ? s : defaultBy,
                note instanceof String s ? s : null, detail);
    }

    private static String text(Map<String, Object> body, String field, int max) {
        Object v = body.get(field);
        if (!(v instanceof String s) || s.isBlank()) throw new Invalid(field, field + " 须为非空文本 (text required)");
        if (s.length() > max || org.furnacewatch.codec.Text.hasControl(s)) throw new Invalid(field, field + " 过长或含控制字符 (at most " + max + " characters)");
        return s.trim();
    }

    private static String date(Object v, String field) {
        try {
            LocalDate date = LocalDate.parse(String.valueOf(v));
            if (!org.furnacewatch.ingest.Timestamps.inRange(date.getYear())) throw new DateTimeParseException("year", "", 0);
            return date.toString();
        } catch (DateTimeParseException e) {
            throw new Invalid(field, field + " 须为日期 YYYY-MM-DD");
        }
    }

    private static String url(Object v) {
        String url = String.valueOf(v);
        try {
            URI u = URI.create(url);
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) throw new IllegalArgumentException();
        } catch (IllegalArgumentException e) {
            throw new Invalid("url", "url 须为政府网站公告的 http(s) 网址 (announcement URL)");
        }
        return url;
    }

    static Instant instant(Object v, String field) {
        if (v == null) return null;
        try {
            return org.furnacewatch.ingest.Timestamps.instant(field, v);
        } catch (org.furnacewatch.codec.BadInput e) {
            throw new Invalid(field, e.getMessage());
        }
    }
}
