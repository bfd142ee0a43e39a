package dev.vigil.keycloak.bench.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server's CPU time split by what its threads do, from {@code /proc/<pid>/task/<tid>/stat}: the JIT
 * compiler, the garbage collector, Vigil's scoring threads, and everything else (request threads above all).
 * The JIT's share is what a freshly started JVM spends once; the split shows how much of a difference
 * between two runs it explains. A thread that ends keeps the time last read for it.
 */
public final class ThreadCpu {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    /** Thread groups, by the (15-character) thread name Linux keeps. */
    public enum Group {
        JIT("JIT compiler"), GC("GC"), SCORING("vigil-scoring"), DATABASE("H2 background"), OTHER("requests and the rest");

        final String label;

        Group(String label) {
            this.label = label;
        }

        static Group of(String comm) {
            if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
                return GC;
            }
            if (comm.startsWith("vigil-scoring")) {
                return SCORING;
            }
            if (comm.startsWith("MVStore ") || comm.startsWith("H2-")) {
                return DATABASE;
            }
            return OTHER;
        }
    }

    private final Path tasks;
    private final Map<String, Long> ticksByThread = new HashMap<>();
    private final Map<String, Group> groupByThread = new HashMap<>();

    private ThreadCpu(Path tasks) {
        this.tasks = tasks;
    }

    /** For process {@code pid}, or null when its threads cannot be read. */
    public static ThreadCpu of(String pid) {
        if (pid == null || !pid.matches("\\d+")) {
            return null;
        }
        ThreadCpu cpu = new ThreadCpu(Path.of("/proc", pid, "task"));
        return cpu.snapshot() == null ? null : cpu;
    }

    /** CPU nanoseconds used so far per group, or null when unreadable. */
    public synchronized Map<Group, Long> snapshot() {
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(this::read);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Map<Group, Long> nanos = new EnumMap<>(Group.class);
        for (Group g : Group.values()) {
            nanos.put(g, 0L);
        }
        ticksByThread.forEach((tid, ticks) -> nanos.merge(groupByThread.get(tid), ticks * NANOS_PER_TICK, Long::sum));
        return nanos;
    }

    private void read(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String comm = stat.substring(open + 1, close);
            String[] fields = stat.substring(close + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            String tid = thread.getFileName().toString();
            groupByThread.put(tid, Group.of(comm));
            ticksByThread.merge(tid, ticks, Math::max);
        } catch (IOException | RuntimeException e) {
            // the thread ended meanwhile: it keeps the time last read for it
        }
    }

    /** {@code after - before} per group, or null when either is unknown. */
    public static Map<Group, Long> between(Map<Group, Long> before, Map<Group, Long> after) {
        if (before == null || after == null) {
            return null;
        }
        Map<Group, Long> used = new EnumMap<>(Group.class);
        for (Group g : Group.values()) {
            used.put(g, after.get(g) - before.get(g));
        }
        return used;
    }

    /** The sum of two splits, null when either is unknown. */
    static Map<Group, Long> plus(Map<Group, Long> a, Map<Group, Long> b) {
        if (a == null || b == null) {
            return null;
        }
        Map<Group, Long> sum = new EnumMap<>(Group.class);
        for (Group g : Group.values()) {
            sum.put(g, a.get(g) + b.get(g));
        }
        return sum;
    }
}
