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
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Group commit for readings. Requests queue their validated batches; a writer lane takes everything queued
 * for it (up to a row limit), writes it in one transaction and only then completes each request's future,
 * so an answer always means durable. A request is never split: it is written in one transaction or not at all.
 *
 * <p>There are {@link #LANES} lanes (default 2), each with its own thread, connection and transaction
 * state, so that PostgreSQL can run one COPY while the other lane's commit waits for its WAL fsync, and a
 * second backend can use the second core. A single COPY stream tops out at one backend's CPU. Semantics stay
 * those of one writer:
 * <ul>
 *   <li>every batch that holds register rows goes to lane 0, so register sequencing, its cache and late
 *       readings are handled by one lane exactly as before;</li>
 *   <li>the fast path (plain COPY) runs concurrently in both lanes under a shared lock; when a COPY meets an
 *       existing or concurrently written (meter, ts) (unique violation, or a deadlock between the lanes),
 *       that lane rolls back to its savepoint and takes the lock exclusively, which waits for the other
 *       lane's transaction to end, and classifies through the staging table alone, as the single writer did.</li>
 * </ul>
 * Committed-batch listeners are called one at a time.
 *
 * <p>When the queue holds too many rows, or the store is down, {@link #submit} fails at once with
 * {@link StoreUnavailable} (503 + Retry-After); a failed transaction writes nothing, and the writer
 * reconnects by itself.
 */
public final class ReadingWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadingWriter.class);
    /** Writer lanes; {@code -Dwatch.ingest.lanes=1} restores the single writer. */
    static final int LANES = Math.max(1, Integer.getInteger("watch.ingest.lanes", 2));

    private record Pending(ReadingBatch batch, CompletableFuture<ReadingBatch> done) {}

    /** How long a lane waits to learn the outcome of a COMMIT whose connection failed. */
    private static final long OUTCOME_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Database db;
    private final int maxPendingRows;
    private final int maxRowsPerCommit;
    private final AtomicInteger pendingRows = new AtomicInteger();
    private final List<Consumer<List<ReadingBatch>>> committedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Object listenerLock = new Object();
    /** Shared by lanes on the COPY fast path, exclusive for the staging (duplicate/correction) path. */
    private final ReentrantReadWriteLock writeMode = new ReentrantReadWriteLock();
    private final Lane[] lanes;
    private final Counter rowsCommitted;
    private final Timer commitTimer;
    private volatile boolean storeUp;
    private volatile boolean running = true;

    public ReadingWriter(Database db, int maxPendingRows, int maxRowsPerCommit, MeterRegistry metrics) {
        this.db = db;
        this.maxPendingRows = maxPendingRows;
        this.maxRowsPerCommit = maxRowsPerCommit;
        this.rowsCommitted = Counter.builder("watch_readings_committed").description("readings made durable").register(metrics);
        this.commitTimer = Timer.builder("watch_ingest_commit").description("group commit duration").publishPercentiles(0.5, 0.99).register(metrics);
        metrics.gauge("watch_ingest_pending_rows", pendingRows);
        metrics.gauge("watch_store_up", this, w -> w.storeUp() ? 1 : 0);
        this.lanes = new Lane[LANES];
        for (int i = 0; i < LANES; i++) lanes[i] = new Lane(i);
        for (Lane l : lanes) l.thread = Thread.ofPlatform().name(LANES == 1 ? "reading-writer" : "reading-writer-" + l.id).daemon(true).start(l::loop);
    }

    /** Called on a writer thread after each commit with the committed batches (detection feeds here), one call at a time. */
    public void onCommitted(Consumer<List<ReadingBatch>> listener) {
        committedListeners.add(listener);
    }

    /**
     * Whether readings are taken: the writer's own connection is up and the pool has one again. After an outage the
     * pool refills seconds after the writer (its reconnect backoff), and until then the alerts these readings
     * raise and every read would fail; so ingest and readiness wait for both.
     */
    public boolean storeUp() {
        return storeUp && db.poolConnected();
    }

    public int pendingRows() {
        return pendingRows.get();
    }

    public CompletableFuture<ReadingBatch> submit(ReadingBatch batch) {
        if (!running) throw new StoreUnavailable("服务正在停止 (shutting down)", 5);
        if (!storeUp()) throw new StoreUnavailable("存储暂不可写 (store unavailable)", 2);
        if (pendingRows.get() + batch.size > maxPendingRows && pendingRows.get() > 0) {
            throw new StoreUnavailable("写入队列已满 (ingest saturated)", 1);
        }
        CompletableFuture<ReadingBatch> done = new CompletableFuture<>();
        if (batch.size == 0 && batch.unregistered.isEmpty()) {
            done.complete(batch);
            return done;
        }
        pendingRows.addAndGet(batch.size);
        Lane lane = laneFor(batch);
        lane.pending.addAndGet(batch.size);
        lane.queue.add(new Pending(batch, done));
        return done;
    }

    /** Register rows always to lane 0; otherwise the lane with the fewest rows waiting. */
    private Lane laneFor(ReadingBatch batch) {
        if (lanes.length == 1 || hasRegisterRows(batch)) return lanes[0];
        Lane best = lanes[0];
        for (Lane l : lanes) if (l.pending.get() < best.pending.get()) best = l;
        return best;
    }

    private static boolean hasRegisterRows(ReadingBatch b) {
        for (int i = 0; i < b.size; i++) if (b.isRegister(i)) return true;
        return false;
    }

    private final class Lane implements ReadingTransaction.Exclusive {
        final int id;
        final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        final AtomicInteger pending = new AtomicInteger();
        final ReadingTransaction tx = new ReadingTransaction(this);
        Thread thread;
        Connection connection;
        boolean exclusive;

        Lane(int id) {
            this.id = id;
        }

        /** Called by the transaction before its staging path: wait until no other lane has a transaction open. */
        @Override
        public void enter() {
            if (exclusive) return;
            writeMode.readLock().unlock();
            boolean got;
            try {
                // bounded: another lane could wait in PostgreSQL on a lock this lane's transaction holds
                // (partition DDL against our reads); giving up rolls this group back (503, retry) and frees it
                got = writeMode.writeLock().tryLock(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                got = false;
            }
            if (!got) {
                writeMode.readLock().lock(); // so that the caller's unlock stays balanced
                throw new IllegalStateException("writer lanes could not serialise a duplicate/correction commit in time");
            }
            exclusive = true;
        }

        private void unlock() {
            if (exclusive) writeMode.writeLock().unlock();
            else writeMode.readLock().unlock();
            exclusive = false;
        }

        void loop() {
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
                    writeMode.readLock().lock();
                    try {
                        tx.run(connection, batches);
                    } finally {
                        unlock();
                    }
                    commitTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                    succeeded(group, batches, rows);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (SQLException | RuntimeException e) {
                    if (tx.outcomeUnknown() && committedAfterAll()) {
                        log.warn("the connection failed at COMMIT but the transaction did commit; answering success: {}", e.toString());
                        tx.applyCommitted();
                        closeConnection();
                        succeeded(group, batches, rows(group));
                        continue;
                    }
                    log.warn("group commit failed, nothing of it was written: {}", e.toString());
                    rollbackQuietly();
                    // answer first: asking whether the store is still there can take the pool's connect timeout
                    for (Pending p : group) {
                        finish(p);
                        p.done.completeExceptionally(new StoreUnavailable("写入失败，未保存任何数据，请重试 (write failed, nothing stored; retry)", 2));
                    }
                    storeUp = db.ping() && storeUp;
                    if (!storeUp) closeConnection();
                }
            }
            closeConnection();
        }

        private void succeeded(List<Pending> group, List<ReadingBatch> batches, int rows) {
            rowsCommitted.increment(rows);
            synchronized (listenerLock) {
                for (Consumer<List<ReadingBatch>> l : committedListeners) {
                    try {
                        l.accept(batches);
                    } catch (RuntimeException e) {
                        log.error("committed-readings listener failed", e);
                    }
                }
            }
            for (Pending p : group) finish(p);
            for (Pending p : group) p.done.complete(p.batch);
        }

        private static int rows(List<Pending> group) {
            int n = 0;
            for (Pending p : group) n += p.batch.size;
            return n;
        }

        /**
         * COMMIT was sent and then the connection failed: the server may have committed before it went away.
         * Ask it (on a fresh connection, retrying while it restarts) rather than answer 503 for stored rows. Gives
         * up after {@link #OUTCOME_WAIT_NANOS}; then the answer is 503, and a re-send is recognised as duplicates.
         */
        private boolean committedAfterAll() {
            long deadline = System.nanoTime() + OUTCOME_WAIT_NANOS;
            boolean unreachable = false;
            while (System.nanoTime() < deadline && running) {
                try (Connection fresh = db.dedicatedConnection()) {
                    Boolean committed = tx.committed(fresh);
                    if (committed != null) return committed;
                } catch (SQLException e) {
                    // the store is still away: keep asking until the deadline. Only this group waits for the answer:
                    // new requests are refused at once, and those queued behind it (never sent) get their 503 now.
                    if (!unreachable) {
                        unreachable = true;
                        if (storeUp) log.warn("store unreachable while a COMMIT's outcome is unknown: ingest answers 503 ({})", e.getMessage());
                        storeUp = false;
                        failQueued("存储暂不可写 (store unavailable)");
                    }
                }
                sleep(250);
            }
            return false;
        }

        private void finish(Pending p) {
            pendingRows.addAndGet(-p.batch.size);
            pending.addAndGet(-p.batch.size);
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
                if (storeUp) log.warn("store unreachable: ingest answers 503 until it returns ({})", e.getMessage());
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
                finish(p);
                p.done.completeExceptionally(new StoreUnavailable(message, 2));
            }
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Lane l : lanes) l.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
}
