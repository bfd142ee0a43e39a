package dev.vigil.keycloak.bench.overhead;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** What a worker (or, merged, a round or a realm) saw: latencies of successful logins per kind, failures by reason. */
final class Tally {

    private final Map<LoginKind, Samples> latencies = new EnumMap<>(LoginKind.class);
    private final Map<String, Integer> failures = new TreeMap<>();

    Tally() {
        for (LoginKind kind : LoginKind.values()) {
            latencies.put(kind, new Samples());
        }
    }

    void success(LoginKind kind, long nanos) {
        latencies.get(kind).add(nanos);
    }

    void failure(String reason) {
        failures.merge(reason, 1, Integer::sum);
    }

    void addAll(Tally other) {
        other.latencies.forEach((kind, samples) -> latencies.get(kind).addAll(samples));
        other.failures.forEach((reason, n) -> failures.merge(reason, n, Integer::sum));
    }

    Samples latencies(LoginKind kind) {
        return latencies.get(kind);
    }

    /** Both kinds together. */
    Samples latencies() {
        Samples all = new Samples();
        latencies.values().forEach(all::addAll);
        return all;
    }

    int successes() {
        return latencies.values().stream().mapToInt(Samples::size).sum();
    }

    int failures() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Failure count per reason, reasons sorted. */
    Map<String, Integer> failureReasons() {
        return failures;
    }
}
