package dev.vigil.keycloak.bench.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * CPU time used so far, from Linux's /proc: by one process (all threads, user + system) or by the whole
 * machine (all CPUs, busy time). Unlike throughput, the server's CPU per login barely moves when other
 * programs compete for the cores, and the machine's total shows whether they did.
 */
public final class CpuClock {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private final Path file;
    private final ToLongFunction<String> ticks;

    private CpuClock(Path file, ToLongFunction<String> ticks) {
        this.file = file;
        this.ticks = ticks;
    }

    /** The CPU clock of process {@code pid} ("self" for this JVM), or null when it cannot be read. */
    public static CpuClock process(String pid) {
        if (pid == null || !pid.matches("\\d+|self")) {
            return null;
        }
        return readable(new CpuClock(Path.of("/proc", pid, "stat"), stat -> {
            // after "(comm) ": state is field 3, utime field 14, stime field 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }));
    }

    /** Busy time of all CPUs together, or null when it cannot be read. */
    public static CpuClock machine() {
        return readable(new CpuClock(Path.of("/proc/stat"), stat -> {
            // cpu  user nice system idle iowait irq softirq steal ...
            String[] fields = stat.substring(0, stat.indexOf('\n')).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy;
        }));
    }

    /** CPU nanoseconds used so far, -1 when unreadable. */
    public long nanos() {
        try {
            return ticks.applyAsLong(Files.readString(file)) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static CpuClock readable(CpuClock clock) {
        return clock.nanos() >= 0 ? clock : null;
    }
}
