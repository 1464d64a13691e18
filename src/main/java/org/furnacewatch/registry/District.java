package org.furnacewatch.registry;

import java.util.List;
import java.util.Map;

/** A district (区县) by its GB/T 2260 code, with its alert receivers and its parent (the city). */
public record District(String code, String name, String parent, List<Map<String, Object>> receivers) {}
