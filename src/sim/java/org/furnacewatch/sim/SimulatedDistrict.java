package org.furnacewatch.sim;

import org.furnacewatch.sim.EnterpriseModel.DayInfo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A simulated district: registry data, ground truth and a re-iterable, lazily generated stream of readings.
 * Produce one with {@link DistrictSimulator#simulate()}.
 */
public final class SimulatedDistrict {
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final SimConfig config;
    private final SimDistrict district;
    private final List<EnterpriseModel> models;
    private final Map<String, EnterpriseModel> byCode = new LinkedHashMap<>();
    private final List<EnterpriseRecord> enterprises;
    private final List<RegistryChange> changes;
    private final List<TruthEvent> truth;
    private final List<MeterEvent> meterEvents;
    private final DayInfo[] days;
    private List<DeclaredOutput> declaredOutput = List.of();

    SimulatedDistrict(SimConfig config, SimDistrict district, List<EnterpriseModel> models, List<EnterpriseRecord> enterprises,
                      List<RegistryChange> changes, List<TruthEvent> truth, List<MeterEvent> meterEvents, DayInfo[] days) {
        this.config = config;
        this.district = district;
        this.models = List.copyOf(models);
        for (EnterpriseModel m : models) byCode.put(m.creditCode, m);
        this.enterprises = List.copyOf(enterprises);
        this.changes = List.copyOf(changes);
        this.truth = List.copyOf(truth);
        this.meterEvents = List.copyOf(meterEvents);
        this.days = days;
    }

    void setDeclaredOutput(List<DeclaredOutput> d) {
        this.declaredOutput = List.copyOf(d);
    }

    static String iso(OffsetDateTime t) {
        return TS.format(t);
    }

    public SimConfig config() {
        return config;
    }

    /** The district (PUT /api/v1/districts/{code} body via {@link SimJson}). */
    public SimDistrict district() {
        return district;
    }

    /** Every enterprise's record as at the simulation start ({@code effectiveFrom} = first day 00:00). */
    public List<EnterpriseRecord> enterprises() {
        return enterprises;
    }

    /** Dated registry changes in time order: each carries the full new record with {@code effectiveFrom}. */
    public List<RegistryChange> changes() {
        return changes;
    }

    /** Injected positives, ordered by onset. */
    public List<TruthEvent> truth() {
        return truth;
    }

    public List<MeterEvent> meterEvents() {
        return meterEvents;
    }

    /** Monthly declared output of metal producers (3120, 3130, 3391) that operated in the month. */
    public List<DeclaredOutput> declaredOutput() {
        return declaredOutput;
    }

    /** The hidden model of an enterprise (profile, injected kind, heats, status and capacity by day). */
    public EnterpriseModel model(String creditCode) {
        EnterpriseModel m = byCode.get(creditCode);
        if (m == null) throw new IllegalArgumentException("unknown enterprise " + creditCode);
        return m;
    }

    public List<EnterpriseModel> models() {
        return models;
    }

    public int days() {
        return days.length;
    }

    public LocalDate date(int day) {
        return days[day].date();
    }

    /** Start of day {@code day} in the configured zone. */
    public OffsetDateTime dayStart(int day) {
        return days[day].date().atStartOfDay(config.zone()).toOffsetDateTime();
    }

    /** Day the enterprise's account opened (0: before the period): it sends no readings before. */
    public int accountOpensOn(String creditCode) {
        return model(creditCode).firstDay;
    }

    /** The intended energy (kWh) of each 15-minute interval of {@code day}, summed over the enterprise's meters. */
    public double[] enterpriseKwh(String creditCode, int day) {
        double[] kw = model(creditCode).dayKw(days[day]);
        for (int i = 0; i < 96; i++) kw[i] *= 0.25;
        return kw;
    }

    /** The intended energy (kWh, rounded to Wh as sent) of meter number {@code meterIndex} of the enterprise. */
    public double[] meterKwh(String creditCode, int meterIndex, int day) {
        EnterpriseModel e = model(creditCode);
        double[] kw = e.dayKw(days[day]);
        double share = e.meters.get(meterIndex).share;
        double[] out = new double[96];
        for (int i = 0; i < 96; i++) out[i] = round3(kw[i] * 0.25 * share);
        return out;
    }

    /**
     * When meter number {@code meterIndex} of the enterprise is replaced by a meter with a new id: {day, first interval
     * of the new meter}, or null if it keeps its id all along.
     */
    public int[] meterReplacement(String creditCode, int meterIndex) {
        EnterpriseModel.MeterModel m = model(creditCode).meters.get(meterIndex);
        return "NEW_ID".equals(m.replaceKind) ? new int[] {m.replaceDay, m.replaceInterval} : null;
    }

    /** The id meter number {@code meterIndex} of the enterprise reports under for interval {@code interval} of {@code day}. */
    public String meterIdAt(String creditCode, int meterIndex, int day, int interval) {
        EnterpriseModel.MeterModel m = model(creditCode).meters.get(meterIndex);
        boolean replaced = "NEW_ID".equals(m.replaceKind) && (day > m.replaceDay || (day == m.replaceDay && interval >= m.replaceInterval));
        return replaced ? m.newId : m.id;
    }

    /** Number of meters of the enterprise (replacements keep the count). */
    public int meterCount(String creditCode) {
        return model(creditCode).meters.size();
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** Readings one delivery day at a time (the list of day d holds day d's readings in delivery order). */
    public Iterator<List<Reading>> dayBatches() {
        return new ReadingStream(this, models, days);
    }

    public void forEachDay(BiConsumer<LocalDate, List<Reading>> consumer) {
        Iterator<List<Reading>> it = dayBatches();
        for (int d = 0; it.hasNext(); d++) consumer.accept(days[d].date(), it.next());
    }

    /** All readings in delivery order (event-time order with the configured gaps, duplicates, late days and shuffling). */
    public Iterator<Reading> readings() {
        Iterator<List<Reading>> batches = dayBatches();
        return new Iterator<>() {
            Iterator<Reading> cur = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!cur.hasNext() && batches.hasNext()) cur = batches.next().iterator();
                return cur.hasNext();
            }

            @Override
            public Reading next() {
                if (!hasNext()) throw new NoSuchElementException();
                return cur.next();
            }
        };
    }

    public Stream<Reading> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(readings(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Ground truth as CSV: {@code kind,creditCode,onsetTs,endTs,detail}. */
    public String truthCsv() {
        StringBuilder sb = new StringBuilder("kind,creditCode,onsetTs,endTs,detail\n");
        for (TruthEvent t : truth) {
            sb.append(t.kind()).append(',').append(t.creditCode()).append(',').append(iso(t.onsetTs())).append(',')
                    .append(iso(t.endTs())).append(',').append(csv(t.detail())).append('\n');
        }
        return sb.toString();
    }

    static String csv(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Declared output as CSV: {@code creditCode,month,days,tonnes}. */
    public String declaredOutputCsv() {
        StringBuilder sb = new StringBuilder("creditCode,month,days,tonnes\n");
        for (DeclaredOutput d : declaredOutput) {
            sb.append(d.creditCode()).append(',').append(d.month()).append(',').append(d.days()).append(',').append(d.tonnes()).append('\n');
        }
        return sb.toString();
    }

    /** Meter events as CSV: {@code creditCode,kind,oldMeter,newMeter,ts}. */
    public String meterEventsCsv() {
        StringBuilder sb = new StringBuilder("creditCode,kind,oldMeter,newMeter,ts\n");
        for (MeterEvent m : meterEvents) {
            sb.append(m.creditCode()).append(',').append(m.kind()).append(',').append(m.oldMeter()).append(',')
                    .append(m.newMeter()).append(',').append(iso(m.ts())).append('\n');
        }
        return sb.toString();
    }

    /**
     * Legitimate look-alikes for measuring false alarms, as CSV {@code creditCode,industry,reason,since}: licensed
     * foundries (legal furnace heats), cold storage and continuous process plants (flat 24/7), legal steel plants,
     * approved capacity increases and reopenings (legal level shifts, dated), and enterprises closed during the period.
     */
    public String lookAlikesCsv() {
        StringBuilder sb = new StringBuilder("creditCode,industry,reason,since\n");
        for (EnterpriseModel e : models) {
            if (e.injectedKind != null) continue;
            String reason = null, since = iso(dayStart(0));
            if (e.expansionDay >= 0) {
                reason = "CAPACITY_INCREASE";
                since = iso(dayStart(e.expansionDay));
            } else if (e.statusChangeDay >= 0) {
                reason = e.statusAfter.equals("OPERATING") ? "REOPENED" : "CLOSED_DURING_PERIOD";
                since = iso(dayStart(e.statusChangeDay));
            } else if (!e.initialStatus.equals("OPERATING")) {
                continue;
            } else if (e.legalHeats != null) {
                reason = "LICENSED_FOUNDRY";
            } else if (e.profile == Industries.Profile.COLD_STORAGE) {
                reason = "COLD_STORAGE_24_7";
            } else if (e.profile == Industries.Profile.CONTINUOUS) {
                reason = "CONTINUOUS_PROCESS_24_7";
            } else if (e.profile == Industries.Profile.STEEL_PLANT) {
                reason = "LEGAL_STEEL_PLANT";
            }
            if (reason != null) sb.append(e.creditCode).append(',').append(e.industry.code()).append(',').append(reason).append(',').append(since).append('\n');
        }
        return sb.toString();
    }

    /** All meter ids ever used (initial and replacements). */
    public List<String> meterIds() {
        List<String> ids = new ArrayList<>();
        for (EnterpriseModel e : models) {
            for (EnterpriseModel.MeterModel m : e.meters) {
                ids.add(m.id);
                if (m.newId != null) ids.add(m.newId);
            }
        }
        return ids;
    }
}
