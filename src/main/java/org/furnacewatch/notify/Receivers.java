package org.furnacewatch.notify;

import org.furnacewatch.registry.District;
import org.furnacewatch.registry.Registry;

import java.util.List;
import java.util.Map;

/**
 * Who hears about an alert: the receivers of the district the reading belonged to; when that district has none,
 * the nearest ancestor (the city, then the province) that has some. Escalation starts at the parent.
 */
public final class Receivers {
    private static final int MAX_DEPTH = 8;
    private final Registry registry;

    public Receivers(Registry registry) {
        this.registry = registry;
    }

    /** The district whose receivers are used, and those receivers; an empty route when no ancestor has any. */
    public record Route(String district, List<Map<String, Object>> receivers) {
        static final Route NONE = new Route(null, List.of());
    }

    /** Receivers for a new alert in {@code district} (its own, else the nearest ancestor's). */
    public Route forDistrict(String district) {
        String code = district;
        for (int depth = 0; code != null && depth < MAX_DEPTH; depth++) {
            District d = registry.district(code);
            if (d == null) return Route.NONE;
            if (!d.receivers().isEmpty()) return new Route(d.code(), d.receivers());
            code = d.parent();
        }
        return Route.NONE;
    }

    /** Receivers for an escalation above {@code district}: its parent's, else the nearest ancestor's above it. */
    public Route above(String district) {
        District d = registry.district(district);
        return d == null || d.parent() == null ? Route.NONE : forDistrict(d.parent());
    }

    /** A receiver's identity within an alert: its channel and where it points, hashed. */
    public static String key(Map<String, Object> receiver) {
        return Signatures.sha256Hex(channel(receiver) + "|" + target(receiver)).substring(0, 24);
    }

    public static String channel(Map<String, Object> receiver) {
        return String.valueOf(receiver.get("type"));
    }

    /** The URL of a webhook or SMS gateway with the SMS number, or the mail address. */
    public static String target(Map<String, Object> receiver) {
        return switch (channel(receiver)) {
            case "email" -> to(receiver, "address");
            case "sms" -> receiver.get("url") + " " + to(receiver, "phone");
            default -> String.valueOf(receiver.get("url"));
        };
    }

    /** Who an e-mail or SMS goes to: {@code to}, or the older field name ({@code address}, {@code phone}). */
    public static String to(Map<String, Object> receiver, String alias) {
        Object v = receiver.get("to");
        return String.valueOf(v != null ? v : receiver.get(alias));
    }
}
