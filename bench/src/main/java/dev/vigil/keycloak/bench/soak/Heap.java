package dev.vigil.keycloak.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Keycloak JVM's heap after a full GC: {@code jcmd <pid> GC.run} (System.gc(): a full, compacting collection with
 * Keycloak's G1), then the used heap and metaspace from {@code jcmd <pid> GC.heap_info}.
 */
final class Heap {

    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

    record Reading(String pid, double usedMb, double totalMb, double metaspaceMb) {
    }

    private Heap() {
    }

    static Reading afterGc(String pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher heap = HEAP.matcher(info);
        Matcher metaspace = METASPACE.matcher(info);
        if (!heap.find()) {
            throw new IOException("jcmd " + pid + " GC.heap_info: no heap line in: " + info);
        }
        return new Reading(pid, Long.parseLong(heap.group(2)) / 1024.0, Long.parseLong(heap.group(1)) / 1024.0,
                metaspace.find() ? Long.parseLong(metaspace.group(1)) / 1024.0 : Double.NaN);
    }

    private static String jcmd(String pid, String command) throws IOException, InterruptedException {
        Path sibling = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(Files.isExecutable(sibling) ? sibling.toString() : "jcmd", pid, command)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroy();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }
}
