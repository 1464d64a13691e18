package org.furnacewatch.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.furnacewatch.codec.BadInput;
import org.furnacewatch.codec.Json;
import org.furnacewatch.codec.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The edge of the service: what every request passes before a handler sees it, and how anything a handler
 * throws becomes an answer. Three promises:
 * <ul>
 *   <li>a client never gets a 5xx for what it sent: U+0000 and other controls in the path, the query or a JSON
 *       string, a multipart body where none is expected or one without a boundary, a JSON value of the wrong type,
 *       a {@code null} where an object or text belongs, all end in 400 naming the field;</li>
 *   <li>nothing hangs: a body that stops arriving for {@link #bodyIdleMillis} is answered 408 and the connection
 *       closed (an unterminated multipart upload used to wait for ever);</li>
 *   <li>JSON bodies are read by the one mapper ({@link Json#MAPPER}); explicit {@code null} members count as absent.</li>
 * </ul>
 */
final class Edge {
    private static final Logger log = LoggerFactory.getLogger(Edge.class);
    /** JSON request bodies nest no deeper than this; ours need 4. */
    static final int MAX_BODY_NESTING = 32;
    private static final Pattern UPLOAD = Pattern.compile("/api/v1/cases/[^/]+/evidence");
    private static final Pattern BOUNDARY = Pattern.compile("(?i).*;\\s*boundary=(\"[^\"]{1,70}\"|[^\\s;\"]{1,70})\\s*(;.*)?");

    private final long bodyIdleMillis;

    Edge(long bodyIdleMillis) {
        this.bodyIdleMillis = bodyIdleMillis;
    }

    /** The first handler of every request. */
    void guard(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String field = badPath(req.path());
        if (field != null) {
            Http.error(ctx, 400, "path", "路径含控制字符或错误编码 (the path holds a control character or bad percent-encoding)");
            return;
        }
        MultiMap query;
        try {
            query = ctx.queryParams();
        } catch (RuntimeException e) {
            Http.error(ctx, 400, "query", "查询串编码错误 (bad query string encoding)");
            return;
        }
        for (Map.Entry<String, String> p : query) {
            if (Text.hasControl(p.getKey()) || Text.hasControl(p.getValue()) || p.getValue().indexOf('\n') >= 0) {
                Http.error(ctx, 400, p.getKey(), "查询参数 " + Text.abbreviate(p.getKey()) + " 含控制字符 (a control character in the query)");
                return;
            }
        }
        String contentType = req.getHeader("Content-Type");
        if (contentType != null) {
            String ct = contentType.toLowerCase();
            if (ct.startsWith("multipart/")) {
                boolean upload = UPLOAD.matcher(req.path()).matches() && req.method().name().equals("POST");
                if (!upload) {
                    Http.error(ctx, 400, "Content-Type", "此接口不接受 multipart 请求体 (this endpoint takes no multipart body): " + Text.abbreviate(contentType));
                    return;
                }
                if (!ct.startsWith("multipart/form-data") || !BOUNDARY.matcher(contentType).matches()) {
                    Http.error(ctx, 400, "Content-Type", "multipart/form-data 须带 1-70 字符的 boundary (a multipart body needs a boundary)");
                    return;
                }
            }
        }
        if (!req.isEnded()) watchBody(ctx);
        ctx.next();
    }

    /**
     * Answers 408 and closes the connection when the body stops arriving. Polls {@code bytesRead} rather than
     * wrapping the body stream, so body handlers and the streaming ingest parser keep the stream to themselves.
     */
    private void watchBody(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        long period = Math.max(50, bodyIdleMillis / 4);
        long[] last = {req.bytesRead(), System.nanoTime()};
        long timer = ctx.vertx().setPeriodic(period, id -> {
            if (req.isEnded() || ctx.response().ended() || ctx.response().closed()) {
                ctx.vertx().cancelTimer(id);
                return;
            }
            long read = req.bytesRead();
            long now = System.nanoTime();
            if (read != last[0] || Boolean.TRUE.equals(ctx.get(org.furnacewatch.ingest.IngestHandler.WORKING))) {
                last[0] = read;
                last[1] = now;
            } else if (now - last[1] > bodyIdleMillis * 1_000_000L) {
                ctx.vertx().cancelTimer(id);
                ctx.response().putHeader("Connection", "close");
                Http.error(ctx, 408, "body", "请求体 " + bodyIdleMillis / 1000 + " 秒未到达，已放弃 (the request body stopped arriving)");
                if (req.version() == HttpVersion.HTTP_2) ctx.response().reset();
                else ctx.vertx().setTimer(200, t -> req.connection().close());
            }
        });
        ctx.addEndHandler(v -> ctx.vertx().cancelTimer(timer));
    }

    /** Null when the raw path is fine, else what is wrong with it. */
    static String badPath(String raw) {
        if (raw == null) return null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) return "encoding";
                int hi = Character.digit(raw.charAt(i + 1), 16), lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return "encoding";
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return Text.hasControl(decoded) || decoded.indexOf('\n') >= 0 || decoded.indexOf('\r') >= 0 || decoded.indexOf('\t') >= 0 ? "control" : null;
        } catch (CharacterCodingException e) {
            return "encoding";
        }
    }

    // ---- JSON bodies ---------------------------------------------------------------------------------------------

    /** The body as a JSON object read by the one mapper; {@link BadInput} naming the field when it is not acceptable. */
    static JsonObject object(RoutingContext ctx) {
        return object(ctx, false);
    }

    /** As {@link #object(RoutingContext)}; with {@code keepNulls} a null member stays (JSON merge patch: null removes). */
    static JsonObject object(RoutingContext ctx, boolean keepNulls) {
        Object v = read(ctx, keepNulls);
        if (!(v instanceof Map<?, ?> m)) throw new BadInput("body", "请求体须为 JSON 对象 (body must be a JSON object)");
        @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) m;
        return new JsonObject(map);
    }

    /** The body as a JSON array read by the one mapper. */
    static JsonArray array(RoutingContext ctx) {
        Object v = read(ctx, false);
        if (!(v instanceof List<?> l)) throw new BadInput("body", "请求体须为 JSON 数组 (body must be a JSON array)");
        return new JsonArray(new ArrayList<>(l));
    }

    private static Object read(RoutingContext ctx, boolean keepNulls) {
        var body = ctx.body();
        if (body == null || body.buffer() == null || body.length() == 0) throw new BadInput("body", "请求体为空 (empty body)");
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body.buffer().getBytes());
        } catch (JacksonException e) {
            throw new BadInput("body", "请求体不是合法 JSON (body is not valid JSON): " + Text.abbreviate(String.valueOf(e.getOriginalMessage())));
        } catch (java.io.IOException e) {
            throw new BadInput("body", "请求体不是合法 JSON (body is not valid JSON)");
        }
        if (tree == null || tree.isMissingNode()) throw new BadInput("body", "请求体为空 (empty body)");
        return plain(tree, "", 0, keepNulls);
    }

    /** A Jackson tree as plain maps and lists, with null members dropped and every string checked. */
    private static Object plain(JsonNode n, String path, int depth, boolean keepNulls) {
        if (depth > MAX_BODY_NESTING) throw new BadInput(path.isEmpty() ? "body" : path, "JSON 嵌套过深 (nested too deeply)");
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (Text.hasControl(e.getKey())) throw new BadInput(p, "字段名含控制字符 (a control character in a field name)");
                if (e.getValue().isNull()) {
                    if (keepNulls) m.put(e.getKey(), null);
                    continue; // null is absent
                }
                m.put(e.getKey(), plain(e.getValue(), p, depth + 1, keepNulls));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                String p = (path.isEmpty() ? "body" : path) + "[" + i + "]";
                if (n.get(i).isNull()) throw new BadInput(p, p + " 不能为 null (null is not allowed here)");
                l.add(plain(n.get(i), p, depth + 1, keepNulls));
            }
            return l;
        }
        if (n.isTextual()) {
            if (Text.hasControl(n.textValue())) throw new BadInput(path.isEmpty() ? "body" : path,
                    (path.isEmpty() ? "body" : path) + " 含控制字符 (U+0000 or another control character)");
            return n.textValue();
        }
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.canConvertToInt() ? (Object) n.intValue() : n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        if (n.isNumber()) return n.isBigDecimal() ? n.decimalValue() : n.doubleValue();
        throw new BadInput(path.isEmpty() ? "body" : path, "不支持的 JSON 值 (unsupported JSON value)");
    }

    // ---- failures ------------------------------------------------------------------------------------------------

    /** The router's failure handler: whatever a handler threw becomes an answer, never a hang. */
    void failure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        if (e == null) {
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            Http.error(ctx, status, status == 413 ? "请求体超过上限 (body over the limit)" : status >= 500 ? "内部错误 (internal error)" : "请求无效 (bad request)");
            return;
        }
        Http.fail(ctx, e);
    }

    static int statusOf(HttpException e) {
        return e.getStatusCode();
    }
}
