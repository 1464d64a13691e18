package org.furnacewatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.furnacewatch.app.FurnaceWatch;

/** What the delivery tests share: districts with a webhook receiver, a clock the worker ticks at, requests by subject. */
public final class Deliveries {
    private Deliveries() {}

    /** Registers (or replaces) a district whose one receiver is a webhook at url, signed with the code as secret. */
    public static void put(Api admin, String code, String name, String parent, String url) {
        JsonObject body = new JsonObject().put("name", name)
                .put("receivers", new JsonArray().add(new JsonObject().put("type", "webhook").put("url", url).put("secret", code)));
        if (parent != null) body.put("parent", parent);
        assertEquals(200, admin.put("/api/v1/districts/" + code, body).status());
    }

    /** Sets the clock to a Shanghai local time and waits until the delivery worker has run two full ticks at it. */
    public static void tickAt(FurnaceWatch fw, MutableClock clock, String localTime) {
        clock.set(Resurgence.at(localTime).toInstant());
        long t = fw.delivery().worker().ticks();
        Receiver.await("two ticks at " + localTime, () -> fw.delivery().worker().ticks() >= t + 2);
    }

    /** The requests the receiver got whose JSON subject is the one given. */
    public static List<Receiver.Request> with(Receiver r, String subject) {
        return r.requests().stream().filter(q -> subject.equals(q.json().getString("subject"))).toList();
    }
}
