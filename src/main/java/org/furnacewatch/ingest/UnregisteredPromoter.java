package org.furnacewatch.ingest;

import org.furnacewatch.ingest.Timestamps;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.Database;
import org.furnacewatch.store.ReadingBatch;
import org.furnacewatch.store.ReadingWriter;
import org.furnacewatch.store.UnregisteredReadings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Once a meter is registered (an enterprise lists it, or the customer file does), the rows kept for it while nobody
 * had registered it go through the same checks and the same group commit as a feed's request, so they are stored in
 * {@code readings} and judged by detection like any other; then they are dropped from {@code unregistered_readings}.
 * Rows the registry does not cover at their time (the meter listed only from a later date) stay kept.
 */
public final class UnregisteredPromoter {
    private static final Logger log = LoggerFactory.getLogger(UnregisteredPromoter.class);
    private final Database db;
    private final Registry registry;
    private final ReadingWriter writer;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("unregistered-promoter").daemon(true).factory());

    public UnregisteredPromoter(Database db, Registry registry, ReadingWriter writer, Clock clock) {
        this.db = db;
        this.registry = registry;
        this.writer = writer;
        this.clock = clock;
    }

    /** Queues the promotion of these meters' kept rows (returns at once). */
    public void registered(List<String> meters) {
        List<String> copy = List.copyOf(new HashSet<>(meters));
        thread.execute(() -> {
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    promote(copy);
                    return;
                } catch (Exception e) {
                    log.warn("promoting kept readings of {} meters failed, retrying: {}", copy.size(), e.getMessage());
                    try {
                        Thread.sleep(500L * (attempt + 1));
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
    }

    private void promote(List<String> meters) throws Exception {
        List<UnregisteredReadings.Row> rows;
        try (Connection c = db.connection()) {
            rows = UnregisteredReadings.of(c, meters);
        }
        for (int from = 0; from < rows.size(); from += 50_000) {
            List<UnregisteredReadings.Row> part = rows.subList(from, Math.min(rows.size(), from + 50_000));
            ReadingBatch batch = new ReadingBatch();
            RowValidator validator = new RowValidator(registry, clock.instant().getEpochSecond());
            RowFields f = new RowFields();
            for (int i = 0; i < part.size(); i++) {
                UnregisteredReadings.Row r = part.get(i);
                f.clear();
                f.meter = r.meter();
                f.ts = Timestamps.format(r.ts(), ZoneOffset.UTC);
                if (!Double.isNaN(r.kwh())) f.number("kwh", r.kwh());
                if (!Double.isNaN(r.register())) f.number("register", r.register());
                if (!Double.isNaN(r.kw())) f.number("kw", r.kw());
                validator.accept(i, f, batch);
            }
            Set<Integer> stillKept = new HashSet<>();
            for (ReadingBatch.Unregistered u : batch.unregistered) stillKept.add(u.row());
            batch.unregistered.clear(); // already kept: not written again
            for (ReadingBatch.Rejection rej : batch.rejected()) stillKept.add(rej.row());
            writer.submit(batch).get();
            List<UnregisteredReadings.Row> done = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) if (!stillKept.contains(i)) done.add(part.get(i));
            try (Connection c = db.connection()) {
                UnregisteredReadings.delete(c, done);
            }
            if (!done.isEmpty()) log.info("{} kept readings of newly registered meters stored and sent to detection", done.size());
        }
    }
}
