package org.furnacewatch.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client for tests: real requests over loopback, one token. */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public Api as(String otherToken) {
        return new Api(base, otherToken);
    }

    /** The bearer token this client sends. */
    public String bearerToken() {
        return token;
    }

    public String base() {
        return base;
    }

    public record Answer(int status, String body, HttpResponse<String> raw) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray array() {
            return new JsonArray(body);
        }
    }

    public Answer get(String path) {
        return send(builder(path).GET());
    }

    public Answer put(String path, JsonObject body) {
        return send(builder(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    /** PATCH with a JSON merge patch (RFC 7396). */
    public Answer patch(String path, JsonObject body) {
        return send(builder(path).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public Answer post(String path, JsonObject body) {
        return post(path, "application/json", body.encode());
    }

    public Answer post(String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    public Answer post(String path, String contentType, byte[] body) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Any method without a body (DELETE, ...). */
    public Answer send(String method, String path) {
        return send(builder(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Creates a token of a role through the API (this client must be admin). */
    public String token(String role, String district) {
        JsonObject body = new JsonObject().put("role", role).put("name", "test " + role);
        if (district != null) body.put("district", district);
        Answer a = post("/api/v1/tokens", body);
        if (a.status() != 201) throw new IllegalStateException("token creation failed: " + a.status() + " " + a.body());
        return a.json().getString("token");
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private static Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
