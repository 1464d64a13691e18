package org.furnacewatch.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;

/** JSON of registry data: PUT bodies, and the NDJSON lines the simulator writes for analysts. */
public final class SimJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private SimJson() {}

    /** The body of {@code PUT /api/v1/enterprises/{creditCode}}. */
    public static String putBody(EnterpriseRecord r) {
        return write(r);
    }

    /** The body of {@code PUT /api/v1/districts/{code}}. */
    public static String putBody(SimDistrict d) {
        return write(d);
    }

    /** One NDJSON line: {@code {"creditCode":"...","record":{PUT body}}}. */
    public static String enterpriseLine(EnterpriseRecord r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("creditCode", r.creditCode());
        n.set("record", MAPPER.valueToTree(r));
        return write(n);
    }

    /** One NDJSON line: {@code {"at":"...","creditCode":"...","kind":"...","note":"...","record":{PUT body}}}. */
    public static String changeLine(RegistryChange c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("at", SimulatedDistrict.iso(c.at()));
        n.put("creditCode", c.creditCode());
        n.put("kind", c.kind());
        n.put("note", c.note());
        n.set("record", MAPPER.valueToTree(c.record()));
        return write(n);
    }

    public static String enterprisesNdjson(List<EnterpriseRecord> records) {
        StringBuilder sb = new StringBuilder();
        for (EnterpriseRecord r : records) sb.append(enterpriseLine(r)).append('\n');
        return sb.toString();
    }

    private static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
