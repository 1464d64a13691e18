package org.furnacewatch.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the profile for an (industry, district): default <- industry overrides <- district
 * overrides, each a partial map in {@link DetectionProfile#with} form.
 *
 * <p>Industry keys are GB/T 4754 code prefixes applied from the shortest to the longest match, so
 * "26" (chemicals) applies to 2614 and "2614" can refine it. District keys are GB/T 2260 codes
 * applied province ("500000"), then city ("500100"), then district ("500102").
 *
 * <p>Document form (models/default-profile.json):
 * {@code {"version":1,"default":{...},"industries":{"26":{...}},"districts":{"500102":{...}}}}.
 * Results are cached per (industry, district); the engine asks once per context change.
 */
public final class ProfileResolver {
  private final DetectionProfile defaults;
  private final Map<String, Map<String, ?>> industries;
  private final Map<String, Map<String, ?>> districts;
  private final Map<String, DetectionProfile> cache = new HashMap<>();

  public ProfileResolver(DetectionProfile defaults, Map<String, ? extends Map<String, ?>> industries,
      Map<String, ? extends Map<String, ?>> districts) {
    this.defaults = defaults;
    this.industries = new LinkedHashMap<>(industries);
    this.districts = new LinkedHashMap<>(districts);
    // Validate every override eagerly so a bad key fails at load, not mid-stream.
    this.industries.values().forEach(defaults::with);
    this.districts.values().forEach(defaults::with);
  }

  /** Only the built-in default, no overrides. */
  public static ProfileResolver defaultsOnly() {
    return new ProfileResolver(DetectionProfile.DEFAULT, Map.of(), Map.of());
  }

  /** Parses the document form (e.g. models/default-profile.json read by Jackson into a Map). */
  @SuppressWarnings("unchecked")
  public static ProfileResolver fromDocument(Map<String, ?> doc) {
    Object d = doc.get("default");
    Object i = doc.get("industries");
    Object s = doc.get("districts");
    Map<String, ?> def = d == null ? Map.of() : (Map<String, ?>) d;
    Map<String, Map<String, ?>> ind = i == null ? Map.of() : stripComments((Map<String, ?>) i);
    Map<String, Map<String, ?>> dis = s == null ? Map.of() : stripComments((Map<String, ?>) s);
    return new ProfileResolver(DetectionProfile.fromMap(def), ind, dis);
  }

  /** The document form of this resolver. */
  public Map<String, Object> toDocument() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 1);
    doc.put("default", defaults.toMap());
    doc.put("industries", new LinkedHashMap<>(industries));
    doc.put("districts", new LinkedHashMap<>(districts));
    return doc;
  }

  public DetectionProfile defaults() {
    return defaults;
  }

  public DetectionProfile resolve(String industry, String district) {
    String key = industry + '|' + district;
    DetectionProfile p = cache.get(key);
    if (p == null) {
      p = merge(industry, district);
      cache.put(key, p);
    }
    return p;
  }

  private DetectionProfile merge(String industry, String district) {
    DetectionProfile p = defaults;
    for (int len = 1; len <= industry.length(); len++) {
      Map<String, ?> o = industries.get(industry.substring(0, len));
      if (o != null) {
        p = p.with(o);
      }
    }
    if (district.length() == 6) {
      List<String> chain = new ArrayList<>(3);
      chain.add(district.substring(0, 2) + "0000");
      chain.add(district.substring(0, 4) + "00");
      chain.add(district);
      String prev = null;
      for (String code : chain) {
        if (!code.equals(prev)) {
          Map<String, ?> o = districts.get(code);
          if (o != null) {
            p = p.with(o);
          }
        }
        prev = code;
      }
    }
    return p;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, ?>> stripComments(Map<String, ?> m) {
    Map<String, Map<String, ?>> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : m.entrySet()) {
      if (e.getKey().startsWith("_")) {
        continue;
      }
      if (!(e.getValue() instanceof Map<?, ?> v)) {
        throw new IllegalArgumentException("override " + e.getKey() + " must be an object");
      }
      out.put(e.getKey(), (Map<String, ?>) v);
    }
    return out;
  }
}
