package org.furnacewatch.registry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a submitted enterprise (the CONTRACT.md PUT body, as a map) into a record, naming the first bad field. */
public final class EnterpriseForm {
    private EnterpriseForm() {}

    public static EnterpriseRecord parse(String creditCode, Map<String, Object> body, Instant now, String actor) {
        String problem = CreditCode.problem(creditCode);
        if (problem != null) throw new InvalidRecord("creditCode", problem);
        String name = text(body, "name");
        String district = text(body, "district");
        if (!Codes.isDistrictCode(district)) throw new InvalidRecord("district", "district 必须是六位行政区划代码 (GB/T 2260): " + district);
        String industry = text(body, "industry");
        if (!Codes.isIndustryCode(industry)) throw new InvalidRecord("industry", "industry 必须是四位国民经济行业代码 (GB/T 4754): " + industry);
        Status status = Status.parse(text(body, "status"));
        if (status == null) throw new InvalidRecord("status", "status 未知: " + body.get("status") + " (OPERATING|SUSPENDED|RECTIFYING|CLOSED|SEALED|BANNED)");
        double capacity = number(body, "capacityKva");
        if (!(capacity > 0) || Double.isInfinite(capacity)) throw new InvalidRecord("capacityKva", "capacityKva 必须为正数 (报装容量, kVA)");
        Instant effectiveFrom = now;
        Object ef = body.get("effectiveFrom");
        if (ef != null) {
            long t = ef instanceof String text ? org.furnacewatch.ingest.Timestamps.parseWithOffset(text) : org.furnacewatch.ingest.Timestamps.INVALID;
            if (t == org.furnacewatch.ingest.Timestamps.INVALID) {
                throw new InvalidRecord("effectiveFrom", "effectiveFrom 不是带时区偏移的 ISO-8601 时间 (年份 0001-9999): "
                        + org.furnacewatch.codec.Text.abbreviate(ef.toString()));
            }
            effectiveFrom = Instant.ofEpochSecond(t);
        }
        return new EnterpriseRecord(creditCode, name, district, industry, status, capacity,
                equipment(body.get("equipment")), meters(body.get("meters")), effectiveFrom, now, actor);
    }

    private static List<Equipment> equipment(Object raw) {
        List<Equipment> out = new ArrayList<>();
        if (raw == null) return out;
        if (!(raw instanceof List<?> list)) throw new InvalidRecord("equipment", "equipment 必须是数组");
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) throw new InvalidRecord("equipment[" + i + "]", "equipment[" + i + "] 必须是对象");
            @SuppressWarnings("unchecked") Map<String, Object> e = (Map<String, Object>) m;
            String type = text(e, "type", "equipment[" + i + "].type");
            double kw = number(e, "ratedKw", "equipment[" + i + "].ratedKw");
            if (!(kw > 0)) throw new InvalidRecord("equipment[" + i + "].ratedKw", "equipment[" + i + "].ratedKw 必须为正数");
            out.add(new Equipment(type, kw, Boolean.TRUE.equals(e.get("licensed"))));
        }
        return out;
    }

    private static List<MeterSpec> meters(Object raw) {
        List<MeterSpec> out = new ArrayList<>();
        if (raw == null) return out;
        if (!(raw instanceof List<?> list)) throw new InvalidRecord("meters", "meters 必须是数组");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) throw new InvalidRecord("meters[" + i + "]", "meters[" + i + "] 必须是对象");
            @SuppressWarnings("unchecked") Map<String, Object> e = (Map<String, Object>) m;
            String id = text(e, "id", "meters[" + i + "].id");
            if (id.length() > 64) throw new InvalidRecord("meters[" + i + "].id", "meters[" + i + "].id 过长 (最多64字符)");
            if (!seen.add(id)) throw new InvalidRecord("meters[" + i + "].id", "电表重复: " + id);
            Object mult = e.get("multiplier");
            double multiplier = mult == null ? 1 : number(e, "multiplier", "meters[" + i + "].multiplier");
            if (!(multiplier > 0)) throw new InvalidRecord("meters[" + i + "].multiplier", "meters[" + i + "].multiplier 必须为正数 (CT×PT 综合倍率)");
            out.add(new MeterSpec(id, multiplier));
        }
        return out;
    }

    private static String text(Map<String, Object> body, String field) {
        return text(body, field, field);
    }

    private static String text(Map<String, Object> body, String key, String field) {
        Object v = body.get(key);
        if (v == null || v.toString().isBlank()) throw new InvalidRecord(field, field + " 缺失 (required)");
        if (!(v instanceof String) && !(v instanceof Number)) throw new InvalidRecord(field, field + " 须为文本 (must be text)");
        if (org.furnacewatch.codec.Text.hasControl(v.toString())) throw new InvalidRecord(field, field + " 含控制字符 (a control character)");
        if (v.toString().length() > 200) throw new InvalidRecord(field, field + " 过长 (over 200 characters)");
        return v.toString().trim();
    }

    private static double number(Map<String, Object> body, String field) {
        return number(body, field, field);
    }

    private static double number(Map<String, Object> body, String key, String field) {
        Object v = body.get(key);
        if (v instanceof Number n) return n.doubleValue();
        if (v == null) throw new InvalidRecord(field, field + " 缺失 (required)");
        if (!(v instanceof String) || v.toString().length() > 60) throw new InvalidRecord(field, field + " 不是数字 (not a number)");
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new InvalidRecord(field, field + " 不是数字: " + v);
        }
    }
}
