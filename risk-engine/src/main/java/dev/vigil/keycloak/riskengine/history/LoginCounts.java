package dev.vigil.keycloak.riskengine.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A realm's logins in a time range, counted: per quarter hour the six figures the dashboard's series show, and per
 * hour the keyed tallies (score bins, actions, signals, countries, networks). The form in which the database counts
 * rows ({@link LoginAggregatesQuery}), the hourly roll-up stores them ({@link LoginRollup}) and the two are added
 * up ({@link #add}) before {@link #toAggregates} picks the top countries and networks.
 */
public final class LoginCounts {

    /** Indexes into a quarter's figures. */
    static final int LOGINS = 0;
    static final int FAILURES = 1;
    static final int FLAGGED = 2;
    static final int STEPPED_UP = 3;
    static final int DENIED = 4;
    static final int SPRAY_BLOCKED = 5;
    static final int FIGURES = 6;

    /** Tally dimensions. */
    enum Dim { SCORE, ACTION, SIGNAL, COUNTRY, ASN }

    /**
     * @param hour  hour number (epoch ms / {@link LoginRollup#HOUR}), or -1 once summed over hours
     * @param key   score bin "0"–"9", action (dry-run ones with " (dry run)"), signal id, country code or AS number
     * @param label the AS organisation (networks), else null
     * @param total rows counted
     * @param flagged of them, flagged by the model (countries and networks)
     */
    record Tally(long hour, Dim dim, String key, String label, long total, long flagged) {
    }

    /** quarter number → figures */
    final TreeMap<Long, long[]> quarters = new TreeMap<>();
    final List<Tally> tallies = new ArrayList<>();

    void addQuarter(long quarter, long[] figures) {
        long[] sum = quarters.computeIfAbsent(quarter, q -> new long[FIGURES]);
        for (int i = 0; i < FIGURES; i++) {
            sum[i] += figures[i];
        }
    }

    /** Adds {@code other}'s quarters and tallies to these. */
    LoginCounts add(LoginCounts other) {
        other.quarters.forEach(this::addQuarter);
        tallies.addAll(other.tallies);
        return this;
    }

    /** The dashboard's view: tallies summed over hours, the {@code top} countries and networks by logins. */
    LoginAggregates toAggregates(int top, long rolledUpTo) {
        Map<Dim, Map<String, long[]>> sums = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (Tally t : tallies) {
            long[] s = sums.computeIfAbsent(t.dim(), d -> new TreeMap<>()).computeIfAbsent(t.key(), k -> new long[2]);
            s[0] += t.total();
            s[1] += t.flagged();
            if (t.label() != null && t.dim() == Dim.ASN) {
                labels.merge(t.key(), t.label(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        List<LoginAggregates.Bucket> buckets = new ArrayList<>(quarters.size());
        quarters.forEach((q, f) -> buckets.add(new LoginAggregates.Bucket(q, f[LOGINS], f[FAILURES], f[FLAGGED],
                f[STEPPED_UP], f[DENIED], f[SPRAY_BLOCKED])));
        long[] bins = new long[10];
        sums.getOrDefault(Dim.SCORE, Map.of()).forEach((k, s) -> bins[Integer.parseInt(k)] += s[0]);
        Map<String, Long> actions = new LinkedHashMap<>();
        sums.getOrDefault(Dim.ACTION, Map.of()).forEach((k, s) -> actions.put(k, s[0]));
        Map<String, Long> signals = new LinkedHashMap<>();
        sums.getOrDefault(Dim.SIGNAL, Map.of()).forEach((k, s) -> signals.put(k, s[0]));
        return new LoginAggregates(buckets, bins, actions, signals, top(sums.get(Dim.COUNTRY), top, k -> k, k -> null),
                top(sums.get(Dim.ASN), top, k -> "AS" + k, labels::get), rolledUpTo);
    }

    private static List<LoginAggregates.Top> top(Map<String, long[]> sums, int top,
            java.util.function.UnaryOperator<String> name, java.util.function.UnaryOperator<String> label) {
        if (sums == null) {
            return List.of();
        }
        return sums.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(top)
                .map(e -> new LoginAggregates.Top(name.apply(e.getKey()), label.apply(e.getKey()), e.getValue()[0],
                        e.getValue()[1]))
                .toList();
    }
}
