package org.furnacewatch.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.ReadingBatch;
import org.furnacewatch.store.ReadingWriter;
import org.furnacewatch.store.StoreUnavailable;

import java.time.Clock;

/**
 * {@code POST /api/v1/readings}: parses the body as it streams in (JSON array, NDJSON or CSV), validates each
 * row against the registry, hands the good rows to the group-commit writer and answers only after they
 * are durable. A request is all or nothing at the store: it is written in one transaction or not at all.
 */
public final class IngestHandler {
    private final Registry registry;
    private final ReadingWriter writer;
    private final long maxBodyBytes;
    private final Clock clock;
    /** Bytes gathered on the event loop before they go to the parser on a worker (a few parse-milliseconds). */
    static final int FEED_BYTES = 64 << 10;
    /** Batches handed to the worker ahead of the parser before the request is paused. */
    static final int MAX_IN_FLIGHT = 4;
    /** Routing-context flag the edge's stalled-body watch reads: true while the body waits for us, not the client. */
    public static final String WORKING = "watch.working";

    /** Where parsing runs: the composition root passes the named worker pool ({@code web.Blocking::run}). */
    public interface Worker {
        Future<Void> run(io.vertx.core.Vertx vertx, java.util.concurrent.Callable<Void> work);
    }

    private volatile Worker worker = (vertx, work) -> vertx.executeBlocking(work, false);
    private final Counter accepted, duplicates, rejected, shed;
    private volatile java.util.function.LongSupplier detectionBacklog = () -> 0;
    private volatile long maxDetectionBacklog = Long.MAX_VALUE;

    public IngestHandler(Registry registry, ReadingWriter writer, long maxBodyBytes, Clock clock, MeterRegistry metrics) {
        this.registry = registry;
        this.writer = writer;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.accepted = Counter.builder("watch_readings_accepted").register(metrics);
        this.duplicates = Counter.builder("watch_readings_duplicates").register(metrics);
        this.rejected = Counter.builder("watch_readings_rejected").register(metrics);
        this.shed = Counter.builder("watch_http_requests_shed").tag("queue", "detection").register(metrics);
    }

    /**
     * Bounds the detection queue: committed readings cannot be dropped, so when detection is more than
     * {@code max} readings behind, new requests are refused (503, Retry-After) before anything is stored.
     */
    /** Parsing runs on {@code worker} (the service's named pool). */
    public IngestHandler parseOn(Worker worker) {
        this.worker = worker;
        return this;
    }

    public IngestHandler boundDetection(java.util.function.LongSupplier backlog, long max) {
        this.detectionBacklog = backlog;
        this.maxDetectionBacklog = max;
        return this;
    }

    public void handleSubmitReadings(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String contentLength = req.getHeader("Content-Length");
        if (contentLength != null && parseLong(contentLength) > maxBodyBytes) {
            tooLarge(ctx);
            drain(req);
            return;
        }
        if (!writer.storeUp()) {
            unavailable(ctx, new StoreUnavailable("存储暂不可写 (store unavailable)", 2));
            return;
        }
        if (detectionBacklog.getAsLong() > maxDetectionBacklog) {
            shed.increment();
            unavailable(ctx, new StoreUnavailable("检测积压超过 " + maxDetectionBacklog + " 条读数，请稍后重试 (detection is behind; retry)", 2));
            return;
        }
        ReadingBatch batch = new ReadingBatch();
        RowValidator validator = new RowValidator(registry, clock.instant().getEpochSecond());
        ReadingParser parser = ReadingParser.forContentType(req.getHeader("Content-Type"), (i, f) -> validator.accept(i, f, batch));
        if (parser == null) {
            error(ctx, 415, "不支持的 Content-Type (use application/json, application/x-ndjson or text/csv): " + req.getHeader("Content-Type"));
            return;
        }
        new Feed(ctx, parser, batch).start();
    }

    /**
     * One request's body on its way to the parser. The event loop only gathers bytes; parsing and validating run on
     * the worker pool in order, {@link #FEED_BYTES} at a time, at most {@link #MAX_IN_FLIGHT} batches ahead of the
     * parser (the request is paused beyond that: TCP backpressure to the client).
     */
    private final class Feed {
        private final RoutingContext ctx;
        private final HttpServerRequest req;
        private final ReadingParser parser;
        private final ReadingBatch batch;
        private Buffer pending = Buffer.buffer();
        private Future<Void> tail = Future.succeededFuture();
        private long received;
        private int inFlight;
        private boolean failed, paused;

        Feed(RoutingContext ctx, ReadingParser parser, ReadingBatch batch) {
            this.ctx = ctx;
            this.req = ctx.request();
            this.parser = parser;
            this.batch = batch;
        }

        void start() {
            req.handler(buf -> {
                if (failed) return;
                received += buf.length();
                if (received > maxBodyBytes) {
                    failed = true;
                    tooLarge(ctx);
                    drain(req);
                    return;
                }
                pending.appendBuffer(buf);
                if (pending.length() >= FEED_BYTES) dispatch();
            });
            req.exceptionHandler(e -> failed = true);
            req.endHandler(v -> {
                if (failed) return;
                if (pending.length() > 0) dispatch();
                tail.compose(x -> worker.run(ctx.vertx(), () -> {
                    parser.end();
                    return (Void) null;
                })).onSuccess(x -> submit(ctx, batch)).onFailure(this::fail);
            });
            req.resume();
        }

        private void dispatch() {
            byte[] bytes = pending.getBytes();
            pending = Buffer.buffer();
            inFlight++;
            ctx.put(WORKING, Boolean.TRUE);
            // HTTP/2 may hand over the whole body before the parser has started: nothing left to pause
            if (inFlight >= MAX_IN_FLIGHT && !paused && !req.isEnded()) {
                paused = true;
                req.pause();
            }
            tail = tail.compose(x -> worker.run(ctx.vertx(), () -> {
                parser.feed(bytes, 0, bytes.length);
                return (Void) null;
            }));
            tail.onComplete(r -> {
                inFlight--;
                if (inFlight == 0) ctx.put(WORKING, Boolean.FALSE);
                if (r.failed()) fail(r.cause());
                else if (paused && inFlight < MAX_IN_FLIGHT && !failed) {
                    paused = false;
                    if (!req.isEnded()) req.resume();
                }
            });
        }

        private void fail(Throwable e) {
            if (failed) return;
            failed = true;
            if (paused && !req.isEnded()) req.resume(); // read and ignore the rest, so the client sees the answer
            if (e instanceof ReadingParser.UnparseableBody) error(ctx, 400, e.getMessage());
            else if (e instanceof StoreUnavailable su) unavailable(ctx, su);
            else if (e.getClass().getSimpleName().equals("Busy")) {
                ctx.response().putHeader("Retry-After", "1");
                error(ctx, 503, e.getMessage());
            } else error(ctx, 500, "内部错误 (internal error): " + e.getMessage());
        }
    }

    private void submit(RoutingContext ctx, ReadingBatch batch) {
        Future<ReadingBatch> done;
        try {
            done = Future.fromCompletionStage(writer.submit(batch), ctx.vertx().getOrCreateContext());
        } catch (StoreUnavailable e) {
            unavailable(ctx, e);
            return;
        }
        done.onSuccess(b -> answer(ctx, b)).onFailure(e -> {
            if (e instanceof StoreUnavailable su) unavailable(ctx, su);
            else error(ctx, 500, "内部错误 (internal error): " + e.getMessage());
        });
    }

    private void answer(RoutingContext ctx, ReadingBatch b) {
        int ok = b.count(ReadingBatch.ACCEPTED) + b.count(ReadingBatch.CORRECTED) + b.count(ReadingBatch.SUPERSEDED);
        int dup = b.count(ReadingBatch.DUPLICATE);
        JsonArray rej = new JsonArray();
        for (ReadingBatch.Rejection r : b.rejected()) rej.add(new JsonObject().put("row", r.row()).put("reason", r.reason()));
        accepted.increment(ok);
        duplicates.increment(dup);
        rejected.increment(rej.size());
        JsonObject body = new JsonObject().put("accepted", ok).put("duplicates", dup).put("unregistered", b.unregistered.size())
                .put("corrections", b.count(ReadingBatch.CORRECTED)).put("rejected", rej);
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
    }

    private static void unavailable(RoutingContext ctx, StoreUnavailable e) {
        if (ctx.response().ended()) return;
        ctx.response().putHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        error(ctx, 503, e.getMessage() + "，本次请求未写入任何数据 (nothing of this request was stored)");
    }

    private void tooLarge(RoutingContext ctx) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", "请求体超过上限 " + maxBodyBytes + " 字节 (body over the configured limit)").encode());
    }

    private static void error(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", message).encode());
    }

    /**
     * Reads and discards the rest of an oversized body so the client sees the 413 rather than a reset; a
     * body far beyond the limit is cut off by closing the connection.
     */
    private void drain(HttpServerRequest req) {
        long[] seen = {0};
        req.handler(buf -> {
            seen[0] += buf.length();
            if (seen[0] > maxBodyBytes * 4 + (64L << 20)) req.connection().close();
        });
        req.resume();
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

}
