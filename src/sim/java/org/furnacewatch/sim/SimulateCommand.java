package org.furnacewatch.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a simulated district to a directory:
 * district.json, enterprises.ndjson, changes.ndjson, truth.csv, declared-output.csv, meter-events.csv, look-alikes.csv and
 * readings-00001.ndjson ... (each file one request body of at most --batch rows).
 * <pre>
 * java -cp ... org.furnacewatch.sim.SimulateCommand --out /tmp/sim --district 500102 --enterprises 2000 \
 *      --start 2025-01-13 --days 60 --seed 42 [--format ndjson|json|csv] [--batch 10000] [--clean]
 * </pre>
 */
public final class SimulateCommand {
    private SimulateCommand() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected " + args[i]);
            String k = args[i].substring(2);
            if (k.equals("clean") || k.equals("help")) a.put(k, "true");
            else a.put(k, args[++i]);
        }
        if (a.containsKey("help") || !a.containsKey("out")) {
            System.out.println("usage: SimulateCommand --out DIR [--district 500102] [--enterprises 2000] [--start 2025-01-13]"
                    + " [--days 60] [--seed 42] [--format ndjson|json|csv] [--batch 10000] [--clean]");
            return;
        }
        SimConfig cfg = SimConfig.of(a.getOrDefault("district", "500102"), Integer.parseInt(a.getOrDefault("enterprises", "2000")),
                LocalDate.parse(a.getOrDefault("start", "2025-01-13")), Integer.parseInt(a.getOrDefault("days", "60")),
                Long.parseLong(a.getOrDefault("seed", "42")));
        if (a.containsKey("clean")) cfg = cfg.clean();
        ReadingWriter.Format format = ReadingWriter.Format.valueOf(a.getOrDefault("format", "ndjson").toUpperCase());
        int batch = Integer.parseInt(a.getOrDefault("batch", "10000"));
        long t0 = System.nanoTime();
        long n = write(new DistrictSimulator(cfg).simulate(), Path.of(a.get("out")), format, batch);
        System.out.printf("wrote %d readings of %d enterprises x %d days to %s in %.1f s%n", n, cfg.enterprises(), cfg.days(),
                a.get("out"), (System.nanoTime() - t0) / 1e9);
    }

    /** Writes everything to {@code dir}; returns the number of readings written. */
    public static long write(SimulatedDistrict sd, Path dir, ReadingWriter.Format format, int batch) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("district.json"), SimJson.putBody(sd.district()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("enterprises.ndjson"), SimJson.enterprisesNdjson(sd.enterprises()), StandardCharsets.UTF_8);
        StringBuilder ch = new StringBuilder();
        for (RegistryChange c : sd.changes()) ch.append(SimJson.changeLine(c)).append('\n');
        Files.writeString(dir.resolve("changes.ndjson"), ch, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("truth.csv"), sd.truthCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("declared-output.csv"), sd.declaredOutputCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("meter-events.csv"), sd.meterEventsCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("look-alikes.csv"), sd.lookAlikesCsv(), StandardCharsets.UTF_8);
        long n = 0;
        int file = 0;
        Iterator<List<Reading>> it = ReadingWriter.batches(sd.readings(), batch);
        while (it.hasNext()) {
            List<Reading> b = it.next();
            Path p = dir.resolve(String.format("readings-%05d.%s", ++file, format.extension));
            try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
                ReadingWriter.write(w, b, format);
            }
            n += b.size();
        }
        return n;
    }
}
