package org.furnacewatch.alert;

import org.furnacewatch.detect.DetectionProfile;
import org.furnacewatch.detect.ProfileResolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detection profile document of models/default-profile.json as the API accepts it:
 * {@code {"default":{...},"industries":{"3391":{...}},"districts":{"500102":{...}}}}. Checks every key against
 * {@link DetectionProfile} and every value against a plausible range, naming the offending key
 * ("industries.3391.furnace.licensedTolerance"), and merges partial changes (JSON merge patch, RFC 7396).
 */
public final class ProfileDocuments {
    private ProfileDocuments() {}

    /** A document that may not be stored: {@code field} names the key. */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        public Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private static final Map<String, Object> LEAVES = new LinkedHashMap<>();
    /** Allowed ranges: key -> {min, max}; numeric keys not listed must be finite and >= 0. */
    private static final Map<String, double[]> RANGES = new LinkedHashMap<>();

    static {
        flatten("", DetectionProfile.DEFAULT.toMap(), LEAVES);
        String table = """
                general.horizonHours 24 96; general.settleHours 1 96; general.learnAfterHours 0 96; general.peerDelayHours 0 48; general.minCoverage 0 1; general.warmupDays 0 365;
                general.episodeGapHours 0 2160; general.nightStartHour 0 23; general.nightEndHour 0 23;
                resurgence.minKw 0 1e6; resurgence.standbyMargin 1 100; resurgence.capacityShare 0 1;
                resurgence.triggerSlots 1 31; resurgence.windowSlots 1 31; resurgence.graceHours 0 720;
                furnace.windowSlots 8 64; furnace.minCycles 1 16; furnace.minHeatSlots 1 64; furnace.maxHeatSlots 1 64;
                furnace.maxDipSlots 1 64; furnace.highLevel 0 1; furnace.dipLevel 0 1; furnace.minPlateauKw 0 1e6;
                furnace.minDepthShare 0 1; furnace.minCapacityShare 0 10; furnace.licensedTolerance 1 10;
                furnace.confirmEvaluations 1 8; furnace.minAutocorrelation -1 1; furnace.noveltyRatio 1 100; furnace.historyDays 0 60; furnace.newSiteDays 0 60;
                levelShift.minRatio 1 1000; levelShift.minZ 0 100; levelShift.minExcessKw 0 1e9;
                levelShift.minExcessCapacityShare 0 1; levelShift.minHours 1 24; levelShift.baselineAlpha 0.001 1;
                levelShift.idleRatio 0 1; nightLoad.minHours 1 8;
                flatContinuous.minHours 1 24; flatContinuous.maxExcessCv 0 10; flatContinuous.minShapeCv 0 10;
                peerOutlier.minPeers 2 10000; peerOutlier.minZ 0 100; peerOutlier.minRatio 1 1000; peerOutlier.consecutiveDays 1 60;
                peerOutlier.firstDaysMinRatio 1 1000; peerOutlier.firstDaysMinRatioToTopTenth 1 1000; peerOutlier.firstDaysMinLoadFactor 0 2;
                peerOutlier.firstDaysMinAfternoonLoadFactor 0 2;
                intensityMismatch.kwhPerTonneMax 1 10000; intensityMismatch.tolerance 0.1 100;
                intensityMismatch.kwhPerYuanMax 0 1000; intensityMismatch.minCoverage 0 1; intensityMismatch.minMonthKwh 0 1e12""";
        for (String entry : table.split(";")) {
            String[] p = entry.trim().split("\\s+");
            RANGES.put(p[0], new double[] {Double.parseDouble(p[1]), Double.parseDouble(p[2])});
        }
    }

    /**
     * Validates a whole document and returns its stored form: {@code default} complete (the built-in default
     * overlaid with what was given), {@code industries} and {@code districts} as given. Top-level keys other
     * than default, industries, districts, version and comments ("_...") are rejected.
     */
    public static Map<String, Object> normalize(Map<String, ?> doc) {
        for (String key : doc.keySet()) {
            if (!key.startsWith("_") && !List.of("default", "industries", "districts", "version").contains(key)) {
                throw new Invalid(key, "未知的配置键 (unknown profile key): " + key);
            }
        }
        Map<String, ?> def = object(doc.get("default"), "default");
        checkOverride("default", def);
        Map<String, Object> industries = overrides(doc.get("industries"), "industries", "\\d{1,4}", "GB/T 4754 行业代码前缀 (1-4 digits)");
        Map<String, Object> districts = overrides(doc.get("districts"), "districts", "\\d{6}", "GB/T 2260 六位代码 (six digits)");
        DetectionProfile base = with(DetectionProfile.DEFAULT, def, "default");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("default", base.toMap());
        out.put("industries", industries);
        out.put("districts", districts);
        // Every combination the resolver may build must be a valid profile (cross-key rules, e.g. triggerSlots <= windowSlots).
        ProfileResolver resolver = ProfileResolver.fromDocument(out);
        List<String> ind = new ArrayList<>(industries.keySet());
        ind.add("");
        List<String> dis = new ArrayList<>(districts.keySet());
        dis.add("");
        for (String i : ind) {
            for (String d : dis) {
                try {
                    resolver.resolve(i, d);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    String field = !d.isEmpty() ? "districts." + d : !i.isEmpty() ? "industries." + i : "default";
                    throw new Invalid(field, "配置组合无效 (invalid profile for industry " + i + ", district " + d + "): " + rootMessage(e));
                }
            }
        }
        return out;
    }

    /** The resolver of a stored (normalized) document. */
    public static ProfileResolver resolver(Map<String, ?> doc) {
        return ProfileResolver.fromDocument(doc);
    }

    /** RFC 7396 merge patch: objects merge key by key, {@code null} removes a key, anything else replaces. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mergePatch(Map<String, ?> target, Map<String, ?> patch) {
        Map<String, Object> out = new LinkedHashMap<>(target);
        for (Map.Entry<String, ?> e : patch.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                out.remove(e.getKey());
            } else if (v instanceof Map<?, ?> m && out.get(e.getKey()) instanceof Map<?, ?> old) {
                out.put(e.getKey(), mergePatch((Map<String, ?>) old, (Map<String, ?>) m));
            } else {
                out.put(e.getKey(), v instanceof Map<?, ?> m ? mergePatch(Map.of(), (Map<String, ?>) m) : v);
            }
        }
        return out;
    }

    private static Map<String, Object> overrides(Object value, String name, String keyPattern, String keyRule) {
        Map<String, ?> map = object(value, name);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey().startsWith("_")) continue;
            String field = name + "." + e.getKey();
            if (!e.getKey().matches(keyPattern)) throw new Invalid(field, field + ": 键须为 " + keyRule);
            Map<String, ?> o = object(e.getValue(), field);
            checkOverride(field, o);
            with(DetectionProfile.DEFAULT, o, field);
            out.put(e.getKey(), o);
        }
        return out;
    }

    private static DetectionProfile with(DetectionProfile p, Map<String, ?> o, String field) {
        try {
            return p.with(o);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Invalid(field, field + ": " + rootMessage(e));
        }
    }

    /** DetectionProfile reports a broken cross-key rule wrapped in reflection exceptions. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }

    /** Every key known, every value of the right type and within its range. */
    private static void checkOverride(String prefix, Map<String, ?> override) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", override, flat);
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            String key = e.getKey();
            String field = prefix + "." + key;
            Object known = LEAVES.get(key);
            if (known == null) {
                boolean section = LEAVES.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
                throw new Invalid(field, section ? field + " 须为对象 (must be an object)" : "未知的配置键 (unknown profile key): " + field);
            }
            Object v = e.getValue();
            if (known instanceof Boolean) {
                if (!(v instanceof Boolean)) throw new Invalid(field, field + " 须为 true 或 false (must be a boolean)");
                continue;
            }
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new Invalid(field, field + " 须为数值 (must be a number): " + v);
            }
            double d = n.doubleValue();
            if (known instanceof Integer && d != Math.rint(d)) throw new Invalid(field, field + " 须为整数 (must be an integer): " + v);
            double[] r = RANGES.getOrDefault(key, new double[] {0, Double.MAX_VALUE});
            if (d < r[0] || d > r[1]) {
                throw new Invalid(field, field + " 超出范围 (out of range) [" + fmt(r[0]) + ", " + fmt(r[1]) + "]: " + v);
            }
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> object(Object value, String field) {
        if (value == null) return Map.of();
        if (value instanceof Map<?, ?> m) return (Map<String, ?>) m;
        throw new Invalid(field, field + " 须为对象 (must be an object)");
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, ?> map, Map<String, Object> out) {
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey().startsWith("_")) continue;
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> inner) flatten(key, (Map<String, ?>) inner, out);
            else out.put(key, e.getValue());
        }
    }
}
