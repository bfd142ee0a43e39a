package dev.vigil.keycloak.bench.keystroke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeSample;

/**
 * A keystroke data set in CSV: columns {@code subject}, {@code rep} and timing columns whose names start
 * with {@code Hold} or {@code H.} (hold), {@code DD} (down-down) or {@code UD} (up-down), as in MEU-Mobile
 * KSD ({@code Hold .}, {@code DD ..t}) and CMU DSL-StrongPasswordData ({@code H.period}, {@code DD.period.t}).
 * Other columns are ignored. Within a kind, columns are taken in file order (the key order). A file may
 * have only some kinds. Values in seconds (median hold below 5) are converted to milliseconds.
 * Reps are ordered by a numeric {@code rep} within a subject when those are unique, else by file order.
 */
final class KeystrokeCsv {

    /** One typing: the raw timing vector (all timing columns, ms) and the same as a Vigil sample. */
    record Typing(double[] vector, KeystrokeSample sample) {
    }

    record Subject(String id, List<Typing> typings) {
    }

    final List<Subject> subjects;
    final int holdColumns;
    final int ddColumns;
    final int udColumns;
    final boolean seconds;
    final int skippedRows;
    final boolean orderedByRep;

    private KeystrokeCsv(List<Subject> subjects, int h, int dd, int ud, boolean seconds, int skipped,
            boolean orderedByRep) {
        this.subjects = subjects;
        this.holdColumns = h;
        this.ddColumns = dd;
        this.udColumns = ud;
        this.seconds = seconds;
        this.skippedRows = skipped;
        this.orderedByRep = orderedByRep;
    }

    static KeystrokeCsv read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException("empty file");
        }
        String[] header = split(lines.get(0));
        int subjectCol = -1;
        int repCol = -1;
        List<Integer> hold = new ArrayList<>();
        List<Integer> dd = new ArrayList<>();
        List<Integer> ud = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].trim();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("subject")) {
                subjectCol = i;
            } else if (lower.equals("rep")) {
                repCol = i;
            } else if (name.startsWith("Hold") || name.startsWith("H.")) {
                hold.add(i);
            } else if (name.startsWith("DD")) {
                dd.add(i);
            } else if (name.startsWith("UD")) {
                ud.add(i);
            }
        }
        if (subjectCol < 0) {
            throw new IOException("no 'subject' column");
        }
        if (hold.isEmpty() && dd.isEmpty() && ud.isEmpty()) {
            throw new IOException("no timing columns (names starting with Hold, H., DD or UD)");
        }
        int keys = !hold.isEmpty() ? hold.size() : Math.max(dd.size(), ud.size()) + 1;
        if ((!dd.isEmpty() && dd.size() != keys - 1) || (!ud.isEmpty() && ud.size() != keys - 1)) {
            throw new IOException("timing columns do not describe one key sequence: " + hold.size() + " hold, "
                    + dd.size() + " DD, " + ud.size() + " UD (need K, K-1, K-1)");
        }
        List<Integer> timing = new ArrayList<>(hold);
        timing.addAll(dd);
        timing.addAll(ud);

        record Row(String subject, String rep, int line, double[] values) {
        }
        List<Row> rows = new ArrayList<>();
        int skipped = 0;
        for (int l = 1; l < lines.size(); l++) {
            String line = lines.get(l);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            try {
                double[] v = new double[timing.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(cells[timing.get(i)].trim());
                    if (!Double.isFinite(v[i])) {
                        throw new NumberFormatException("not finite");
                    }
                }
                rows.add(new Row(cells[subjectCol].trim(), repCol >= 0 ? cells[repCol].trim() : "", l, v));
            } catch (RuntimeException e) {
                skipped++;
            }
        }
        // seconds or milliseconds?
        double[] holdsOrAll = rows.stream().flatMapToDouble(r -> Arrays.stream(r.values(), 0,
                hold.isEmpty() ? r.values().length : hold.size())).map(Math::abs).sorted().toArray();
        boolean seconds = holdsOrAll.length > 0 && holdsOrAll[holdsOrAll.length / 2] < 5.0;
        double factor = seconds ? 1000.0 : 1.0;

        Map<String, List<Row>> bySubject = new LinkedHashMap<>();
        for (Row r : rows) {
            bySubject.computeIfAbsent(r.subject(), k -> new ArrayList<>()).add(r);
        }
        boolean allByRep = true;
        List<Subject> subjects = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : bySubject.entrySet()) {
            List<Row> list = new ArrayList<>(e.getValue());
            if (repsNumericAndUnique(list.stream().map(Row::rep).toList())) {
                list.sort(Comparator.comparingDouble(r -> Double.parseDouble(r.rep())));
            } else {
                allByRep = false;
            }
            List<Typing> typings = new ArrayList<>();
            for (Row r : list) {
                double[] v = r.values().clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] *= factor;
                }
                int o = 0;
                double[] h = hold.isEmpty() ? null : Arrays.copyOfRange(v, o, o += hold.size());
                double[] d = dd.isEmpty() ? null : Arrays.copyOfRange(v, o, o += dd.size());
                double[] u = ud.isEmpty() ? null : Arrays.copyOfRange(v, o, o + ud.size());
                KeystrokeSample sample;
                try {
                    sample = KeystrokeSample.of(h, d, u);
                } catch (IllegalArgumentException ex) {
                    skipped++;
                    continue;
                }
                typings.add(new Typing(v, sample));
            }
            subjects.add(new Subject(e.getKey(), typings));
        }
        return new KeystrokeCsv(subjects, hold.size(), dd.size(), ud.size(), seconds, skipped, allByRep);
    }

    private static boolean repsNumericAndUnique(List<String> reps) {
        try {
            long distinct = reps.stream().mapToDouble(Double::parseDouble).distinct().count();
            return distinct == reps.size();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }
}
