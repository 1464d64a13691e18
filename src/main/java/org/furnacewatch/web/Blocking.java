package org.furnacewatch.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where request handlers run blocking work (JDBC, COPY, scoring): one named, sized worker pool, {@code watch-blocking},
 * shared by every HTTP verticle instance, and unordered, so a slow query from one client never queues the light
 * reads of another behind it (Vert.x's default {@code executeBlocking} is ordered per context: one at a time).
 */
public final class Blocking {
    public static final String POOL = "watch-blocking";
    /** Long CPU-bound work (series scores, month-long series, bulk imports) on its own smaller pool. */
    public static final String HEAVY_POOL = "watch-heavy";
    private static final Map<Vertx, WorkerExecutor> POOLS = new ConcurrentHashMap<>();
    private static final Map<Vertx, WorkerExecutor> HEAVY = new ConcurrentHashMap<>();
    private static volatile int heavySize = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static volatile int size = 16;
    private static volatile int maxQueued = 1000;
    private static final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();

    /** Work refused because {@link #maxQueued} tasks already wait: answered 503 with Retry-After. */
    public static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private Blocking() {}

    /** Sets the pool's size before the first request (composition root). */
    public static void configure(int threads) {
        size = Math.max(1, threads);
    }

    /** Bounds the tasks waiting for or running on the pool (composition root). */
    public static void bound(int tasks) {
        maxQueued = Math.max(1, tasks);
    }

    /** Tasks waiting for or running on the pool now. */
    public static int queued() {
        return queued.get();
    }

    /**
     * Runs {@code work} on the pool; the future completes on the caller's context. When {@link #bound} tasks are
     * already waiting the answer is an immediate {@link Busy} (503) rather than a longer queue.
     */
    public static <T> Future<T> run(Vertx vertx, Callable<T> work) {
        return submit(POOLS.computeIfAbsent(vertx, v -> v.createSharedWorkerExecutor(POOL, size)), work);
    }

    /**
     * Runs long CPU-bound work on {@code watch-heavy}, half the cores: however many clients post 100,000-row series
     * at once, the other cores stay free for the light reads on {@code watch-blocking} and the event loops
     * (measured in benchmarks/README.md, "Head-of-line blocking").
     */
    public static <T> Future<T> heavy(Vertx vertx, Callable<T> work) {
        return submit(HEAVY.computeIfAbsent(vertx, v -> v.createSharedWorkerExecutor(HEAVY_POOL, heavySize)), work);
    }

    private static <T> Future<T> submit(WorkerExecutor pool, Callable<T> work) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return Future.failedFuture(new Busy("服务繁忙，请稍后重试 (the service is busy; retry)"));
        }
        return pool.executeBlocking(work, false).andThen(r -> queued.decrementAndGet());
    }

    /** Closes the pool of {@code vertx} (at shutdown). */
    public static Future<Void> close(Vertx vertx) {
        WorkerExecutor w = POOLS.remove(vertx), h = HEAVY.remove(vertx);
        return Future.all(w == null ? Future.succeededFuture() : w.close(), h == null ? Future.succeededFuture() : h.close()).mapEmpty();
    }
}
