package org.furnacewatch.web.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's scripts, styles and Apache ECharts, all packaged in the jar by the Maven build (ECharts as the WebJar
 * {@code org.webjars.npm:echarts}); nothing is fetched from elsewhere at run time. Read once at start.
 */
final class Assets {
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("echarts.min.js", ECHARTS);
        for (String f : new String[] {"console.css", "console.js", "inbox.js", "enterprise.js", "case.js", "analyst.js", "admin.js", "evidence.css"}) {
            FILES.put(f, "console/assets/" + f);
        }
    }

    private Assets() {}

    static void mount(Router router) {
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            Buffer body = Buffer.buffer(read(e.getValue()));
            String type = e.getKey().endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            router.get("/assets/" + e.getKey()).handler(ctx -> Pages.secure(ctx.response())
                    .putHeader("Content-Type", type).putHeader("Cache-Control", "public, max-age=3600").end(body));
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("asset missing from the build: " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
