package org.furnacewatch.bench.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU of a phase went: this JVM by thread group (event loops = parsing and validation, the
 * writer thread, the load client, everything else incl. GC and JIT as the remainder of process CPU), and
 * the PostgreSQL server processes of the embedded cluster (read from /proc; absent for an external store).
 */
final class CpuSplit {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final long TICK_NS = 10_000_000L; // USER_HZ = 100 on Linux

    private final Path postmasterPid; // null: no embedded server to account for

    CpuSplit(Path postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /** CPU nanoseconds by group at this moment. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("event loops", 0L);
        out.put("writer", 0L);
        out.put("client", 0L);
        out.put("parsing (watch-blocking)", 0L);
        out.put("detection", 0L);
        out.put("jvm other (GC, JIT, ...)", 0L);
        long threadsTotal = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long t = THREADS.getThreadCpuTime(id);
            ThreadInfo info = THREADS.getThreadInfo(id);
            if (t < 0 || info == null) continue;
            threadsTotal += t;
            String name = info.getThreadName();
            String group = name.startsWith("vert.x-eventloop") ? "event loops"
                    : name.startsWith("reading-writer") ? "writer"
                    : name.startsWith("HttpClient") || name.startsWith("load-") ? "client"
                    : name.startsWith("watch-blocking") ? "parsing (watch-blocking)"
                    : name.equals("detection") ? "detection"
                    : null;
            if (group != null) out.merge(group, t, Long::sum);
        }
        long process = OS.getProcessCpuTime();
        long named = out.get("event loops") + out.get("writer") + out.get("client") + out.get("parsing (watch-blocking)")
                + out.get("detection");
        out.put("jvm other (GC, JIT, ...)", Math.max(0, process - named));
        out.put("jvm total", process);
        out.put("postgres", postgresCpu());
        return out;
    }

    static Map<String, Long> diff(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new LinkedHashMap<>();
        b.forEach((k, v) -> out.put(k, v - a.getOrDefault(k, 0L)));
        return out;
    }

    /** utime+stime of the postmaster's children plus what exited children left in its cutime/cstime. */
    private long postgresCpu() {
        if (postmasterPid == null) return -1;
        try {
            String pm = Files.readAllLines(postmasterPid).getFirst().trim();
            long ticks = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) continue;
                    String[] f;
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    } catch (Exception gone) {
                        continue;
                    }
                    // fields after "(comm) ": [0]=state [1]=ppid ... [11]=utime [12]=stime [13]=cutime [14]=cstime
                    if (name.equals(pm)) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    } else if (f[1].equals(pm)) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            }
            return ticks * TICK_NS;
        } catch (Exception e) {
            return -1;
        }
    }
}
