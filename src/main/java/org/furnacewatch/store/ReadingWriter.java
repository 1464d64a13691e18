package org.furnacewatch.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Group commit for readings. Requests queue their validated batches; one writer thread takes everything
 * queued (up to a row limit), writes it in one transaction and only then completes each request's future,
 * so an answer always means durable. One writer keeps register sequencing simple and, on two cores, a
 * single COPY stream already keeps PostgreSQL's backend busy while the event loops parse.
 *
 * <p>When the queue holds too many rows, or the store is down, {@link #submit} fails at once with
 * {@link StoreUnavailable} (503 + Retry-After); a failed transaction writes nothing, and the writer
 * reconnects by itself.
 */
public final class ReadingWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadingWriter.class);

    private record Pending(ReadingBatch batch, CompletableFuture<ReadingBatch> done) {}

    private final Database db;
    private final int maxPendingRows;
    private final int maxRowsPerCommit;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingRows = new AtomicInteger();
    private final ReadingTransaction tx = new ReadingTransaction();
    private final List<Consumer<List<ReadingBatch>>> committedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;
    private final Counter rowsCommitted;
    private final Timer commitTimer;
    private volatile boolean storeUp;
    private volatile boolean running = true;
    private Connection connection;

    public ReadingWriter(Database db, int maxPendingRows, int maxRowsPerCommit, MeterRegistry metrics) {
        this.db = db;
        this.maxPendingRows = maxPendingRows;
        this.maxRowsPerCommit = maxRowsPerCommit;
        this.rowsCommitted = Counter.builder("watch_readings_committed").description("readings made durable").register(metrics);
        this.commitTimer = Timer.builder("watch_ingest_commit").description("group commit duration").publishPercentiles(0.5, 0.99).register(metrics);
        metrics.gauge("watch_ingest_pending_rows", pendingRows);
        metrics.gauge("watch_store_up", this, w -> w.storeUp ? 1 : 0);
        this.thread = Thread.ofPlatform().name("reading-writer").daemon(true).start(this::loop);
    }

    /** Called on the writer thread after each commit with the committed batches (detection feeds here). */
    public void onCommitted(Consumer<List<ReadingBatch>> listener) {
        committedListeners.add(listener);
    }

    public boolean storeUp() {
        return storeUp;
    }

    public int pendingRows() {
        return pendingRows.get();
    }

    public CompletableFuture<ReadingBatch> submit(ReadingBatch batch) {
        if (!running) throw new StoreUnavailable("服务正在停止 (shutting down)", 5);
        if (!storeUp) throw new StoreUnavailable("存储暂不可写 (store unavailable)", 2);
        if (pendingRows.get() + batch.size > maxPendingRows && pendingRows.get() > 0) {
            throw new StoreUnavailable("写入队列已满 (ingest saturated)", 1);
        }
        CompletableFuture<ReadingBatch> done = new CompletableFuture<>();
        if (batch.size == 0) {
            done.complete(batch);
            return done;
        }
        pendingRows.addAndGet(batch.size);
        queue.add(new Pending(batch, done));
        return done;
    }

    private void loop() {
        List<Pending> group = new ArrayList<>();
        List<ReadingBatch> batches = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            if (!ensureConnection()) {
                failQueued("存储暂不可写 (store unavailable)");
                sleep(500);
                continue;
            }
            group.clear();
            batches.clear();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    checkIdleConnection();
                    continue;
                }
                group.add(first);
                int rows = first.batch.size;
                Pending next;
                while (rows < maxRowsPerCommit && (next = queue.poll()) != null) {
                    group.add(next);
                    rows += next.batch.size;
                }
                for (Pending p : group) batches.add(p.batch);
                long t0 = System.nanoTime();
                tx.run(connection, batches);
                commitTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                rowsCommitted.increment(rows);
                for (Consumer<List<ReadingBatch>> l : committedListeners) {
                    try {
                        l.accept(batches);
                    } catch (RuntimeException e) {
                        log.error("committed-readings listener failed", e);
                    }
                }
                for (Pending p : group) {
                    pendingRows.addAndGet(-p.batch.size);
                    p.done.complete(p.batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (SQLException | RuntimeException e) {
                log.warn("group commit failed, nothing of it was written: {}", e.toString());
                rollbackQuietly();
                storeUp = db.ping() && storeUp;
                for (Pending p : group) {
                    pendingRows.addAndGet(-p.batch.size);
                    p.done.completeExceptionally(new StoreUnavailable("写入失败，未保存任何数据，请重试 (write failed, nothing stored; retry)", 2));
                }
                if (!storeUp) closeConnection();
            }
        }
        closeConnection();
    }

    private long lastIdleCheck;

    /** While no writes come, still notice a store that went away, so readiness tells the truth. */
    private void checkIdleConnection() {
        long now = System.nanoTime();
        if (now - lastIdleCheck < 1_000_000_000L) return;
        lastIdleCheck = now;
        try {
            if (!connection.isValid(2)) throw new SQLException("connection no longer valid");
        } catch (SQLException e) {
            log.warn("store unreachable: ingest answers 503 until it returns ({})", e.getMessage());
            storeUp = false;
            closeConnection();
        }
    }

    private boolean ensureConnection() {
        try {
            if (connection != null && !connection.isClosed()) return true;
            connection = db.dedicatedConnection();
            tx.forget();
            if (!storeUp) log.info("store reachable: ingest resumes");
            storeUp = true;
            return true;
        } catch (SQLException e) {
            if (storeUp) log.warn("store unreachable: ingest answers 503 until it returns ({})", e.getMessage());
            storeUp = false;
            connection = null;
            return false;
        }
    }

    private void rollbackQuietly() {
        tx.forget();
        try {
            if (connection != null) connection.rollback();
        } catch (SQLException e) {
            closeConnection();
        }
    }

    private void closeConnection() {
        try {
            if (connection != null) connection.close();
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
        connection = null;
    }

    private void failQueued(String message) {
        Pending p;
        while ((p = queue.poll()) != null) {
            pendingRows.addAndGet(-p.batch.size);
            p.done.completeExceptionally(new StoreUnavailable(message, 2));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking work, writes what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }
}
