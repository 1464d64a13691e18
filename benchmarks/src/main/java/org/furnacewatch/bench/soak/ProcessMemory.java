package org.furnacewatch.bench.soak;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of processes as Linux reports it, for the soaks' curves. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** VmRSS of a process in KiB, 0 when unknown. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    /** Total RSS in KiB of the PostgreSQL servers whose arguments name {@code dataDirMarker}, and their children. */
    static long postgresRss(String dataDirMarker) {
        long total = 0;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            String cmd = p.info().command().orElse("");
            if (cmd.endsWith("/postgres") && p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(dataDirMarker)) {
                total += rss(p.pid());
                for (ProcessHandle c : p.descendants().toList()) total += rss(c.pid());
            }
        }
        return total;
    }
}
