package org.furnacewatch.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where request handlers run blocking work (JDBC, COPY, scoring): named, sized worker pools shared by every HTTP
 * verticle instance of one Vert.x, and unordered, so a slow query from one client never queues the light reads of
 * another behind it (Vert.x's default {@code executeBlocking} is ordered per context: one at a time).
 * <ul>
 *   <li>{@code watch-blocking} ({@code WATCH_BLOCKING_THREADS}, default 16): JDBC for requests, ingest parsing;</li>
 *   <li>{@code watch-heavy} (half the cores): long CPU work, so the other cores stay free for light reads.</li>
 * </ul>
 * Both are bounded together: beyond {@code WATCH_MAX_BLOCKING_QUEUE} waiting or running tasks a request gets
 * {@link Busy} (503 with Retry-After) at once instead of a longer queue.
 */
public final class Blocking {
    public static final String POOL = "watch-blocking";
    public static final String HEAVY_POOL = "watch-heavy";

    /** Work refused because the pools' bound is reached: answered 503 with Retry-After. */
    public static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private record Pools(WorkerExecutor blocking, WorkerExecutor heavy, int maxQueued, AtomicInteger queued) {}

    private static final Map<Vertx, Pools> POOLS = new ConcurrentHashMap<>();

    private Blocking() {}

    /** Creates the pools of {@code vertx} (composition root, before the first request). */
    public static void configure(Vertx vertx, int threads, int heavyThreads, int maxQueued) {
        POOLS.put(vertx, new Pools(vertx.createSharedWorkerExecutor(POOL, Math.max(1, threads)),
                vertx.createSharedWorkerExecutor(HEAVY_POOL, Math.max(1, heavyThreads)), Math.max(1, maxQueued), new AtomicInteger()));
    }

    /** Runs {@code work} on {@code watch-blocking}; the future completes on the caller's context. */
    public static <T> Future<T> run(Vertx vertx, Callable<T> work) {
        Pools p = pools(vertx);
        return submit(p, p.blocking(), work);
    }

    /**
     * Runs long CPU-bound work on {@code watch-heavy}: however many clients post 100,000-row series at once, the
     * other cores stay free for the light reads on {@code watch-blocking} and the event loops (measured in
     * benchmarks/README.md, "Head-of-line blocking").
     */
    public static <T> Future<T> heavy(Vertx vertx, Callable<T> work) {
        Pools p = pools(vertx);
        return submit(p, p.heavy(), work);
    }

    /** Tasks of {@code vertx} waiting for or running on its pools now. */
    public static int queued(Vertx vertx) {
        Pools p = POOLS.get(vertx);
        return p == null ? 0 : p.queued().get();
    }

    private static Pools pools(Vertx vertx) {
        // a Vert.x the composition root did not configure (tests of single parts): default sizes
        return POOLS.computeIfAbsent(vertx, v -> new Pools(v.createSharedWorkerExecutor(POOL, 16),
                v.createSharedWorkerExecutor(HEAVY_POOL, Math.max(1, Runtime.getRuntime().availableProcessors() / 2)), 1000, new AtomicInteger()));
    }

    private static <T> Future<T> submit(Pools p, WorkerExecutor pool, Callable<T> work) {
        if (p.queued().incrementAndGet() > p.maxQueued()) {
            p.queued().decrementAndGet();
            return Future.failedFuture(new Busy("服务繁忙，请稍后重试 (the service is busy; retry)"));
        }
        return pool.executeBlocking(work, false).andThen(r -> p.queued().decrementAndGet());
    }

    /** Closes the pools of {@code vertx} (at shutdown). */
    public static Future<Void> close(Vertx vertx) {
        Pools p = POOLS.remove(vertx);
        return p == null ? Future.succeededFuture() : Future.all(p.blocking().close(), p.heavy().close()).mapEmpty();
    }
}
