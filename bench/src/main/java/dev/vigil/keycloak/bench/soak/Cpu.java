package dev.vigil.keycloak.bench.soak;

import dev.vigil.keycloak.bench.overhead.CpuClock;
import dev.vigil.keycloak.bench.overhead.ThreadCpu;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU used by the Keycloak JVMs together, by this load generator, by PostgreSQL (its processes, by name) and by
 * everything else on the machine (Linux /proc).
 */
final class Cpu {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private final List<CpuClock> servers = new ArrayList<>();
    private final CpuClock self = CpuClock.process("self");
    private final CpuClock machine = CpuClock.machine();
    private final List<ThreadCpu> threads = new ArrayList<>();

    /**
     * The CPU times so far, ns (-1 when unknown), and per PostgreSQL process its ns: a backend that ended between two
     * readings takes its time with it, so the PostgreSQL figure is a lower bound. {@code jit}: the Keycloak JVMs'
     * JIT compiler threads together (-1 when unknown).
     */
    record Reading(long nanoTime, long servers, long self, long machine, Map<String, Long> postgres, long jit) {

        /** Cores used between {@code before} and this reading, or null when unknown or less than a second apart. */
        Cores coresSince(Reading before) {
            double wall = nanoTime - before.nanoTime;
            if (servers < 0 || self < 0 || machine < 0 || wall < 1e9) {
                return null;
            }
            long pgNanos = 0;
            for (Map.Entry<String, Long> process : postgres.entrySet()) {
                pgNanos += Math.max(0, process.getValue() - before.postgres.getOrDefault(process.getKey(), 0L));
            }
            double kc = (servers - before.servers) / wall;
            double gen = (self - before.self) / wall;
            double pg = pgNanos / wall;
            double others = Math.max(0, (machine - before.machine) / wall - kc - gen - pg);
            double jitShare = jit < 0 || before.jit < 0 || servers == before.servers ? Double.NaN
                    : (double) (jit - before.jit) / (servers - before.servers);
            return new Cores(kc, gen, pg, others, jitShare);
        }
    }

    /** Cores used: Keycloak, load generator, PostgreSQL, everything else; and the JIT compiler's share of Keycloak's. */
    record Cores(double keycloak, double generator, double postgres, double others, double jitShare) {

        static String format(Cores cores) {
            return cores == null ? "n/a" : String.format(Locale.ROOT, "%.2f/%.2f/%.2f/%.2f", cores.keycloak,
                    cores.generator, cores.postgres, cores.others);
        }
    }

    Cpu(List<String> serverPids) {
        for (String pid : serverPids) {
            servers.add(CpuClock.process(pid));
            threads.add(ThreadCpu.of(pid));
        }
    }

    Reading read() {
        long total = servers.isEmpty() ? -1 : 0;
        for (CpuClock clock : servers) {
            long nanos = clock == null ? -1 : clock.nanos();
            if (nanos < 0) {
                total = -1;
                break;
            }
            total += nanos;
        }
        long jit = threads.isEmpty() ? -1 : 0;
        for (ThreadCpu server : threads) {
            Map<ThreadCpu.Group, Long> groups = server == null ? null : server.snapshot();
            if (groups == null) {
                jit = -1;
                break;
            }
            jit += groups.get(ThreadCpu.Group.JIT);
        }
        return new Reading(System.nanoTime(), total, self == null ? -1 : self.nanos(),
                machine == null ? -1 : machine.nanos(), postgres(), jit);
    }

    /** pid to CPU ns of every process named postgres */
    private static Map<String, Long> postgres() {
        Map<String, Long> processes = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).trim().split(" ");
                    processes.put(dir.getFileName().toString(),
                            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: no PostgreSQL figure (it stays in "everything else")
        }
        return processes;
    }
}
