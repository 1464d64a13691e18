package org.furnacewatch.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * A real HTTP receiver on loopback (a Vert.x HttpServer), as a district system would run: records every request
 * with its raw body and headers, and answers with the status {@code answer} gives for the n-th request (from 1).
 */
public final class Receiver implements AutoCloseable {
    public record Request(int n, String path, Map<String, String> headers, byte[] raw, int answered) {
        public String body() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        public JsonObject json() {
            return new JsonObject(body());
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile IntUnaryOperator answer;

    public Receiver(IntUnaryOperator answer) {
        this(answer, 0);
    }

    public Receiver(IntUnaryOperator answer, int port) {
        this.answer = answer;
        this.server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buf -> {
            int n;
            int status;
            synchronized (requests) {
                n = requests.size() + 1;
                status = this.answer.applyAsInt(n);
                Map<String, String> headers = req.headers().entries().stream()
                        .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), Map.Entry::getValue, (a, b) -> a));
                requests.add(new Request(n, req.path(), headers, buf.getBytes(), status));
            }
            req.response().setStatusCode(status).end(status < 300 ? "ok" : "not now");
        })).listen(port, "127.0.0.1").await();
    }

    public void answer(IntUnaryOperator answer) {
        this.answer = answer;
    }

    public int port() {
        return server.actualPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose JSON body carries {@code field} == {@code value}. */
    public List<Request> with(String field, String value) {
        return requests().stream().filter(r -> {
            try {
                return value.equals(r.json().getValue(field) == null ? null : String.valueOf(r.json().getValue(field)));
            } catch (RuntimeException e) {
                return false;
            }
        }).toList();
    }

    /** Waits (bounded) until {@code condition} holds. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.close().await();
        vertx.close().await();
    }
}
