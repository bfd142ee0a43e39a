package dev.vigil.keycloak.riskengine.keystroke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The MEU-Mobile KSD dev file (shared/data/keystroke), read once: per subject, typings ordered by rep. */
final class MeuData {

    private static final String RELATIVE = "shared/data/keystroke/meu-mobile-ksd-dev.csv";
    /**
     * Where the data set is looked for: {@code -Dvigil.keystroke.data=<csv>}, the {@code shared/} folder beside
     * the checkout, or the workplace's {@code /work/shared}. It is not part of the repository.
     */
    static final Path FILE = java.util.stream.Stream.of(
                    System.getProperty("vigil.keystroke.data"), "../../" + RELATIVE, "/work/" + RELATIVE)
            .filter(p -> p != null && Files.isRegularFile(Path.of(p)))
            .map(Path::of).findFirst().orElse(null);

    private static List<List<KeystrokeSample>> cached;

    private MeuData() {
    }

    static synchronized List<List<KeystrokeSample>> subjects() {
        if (cached == null) {
            org.junit.jupiter.api.Assumptions.assumeTrue(FILE != null,
                    "keystroke data set not found (-Dvigil.keystroke.data, ../../" + RELATIVE + ", /work/" + RELATIVE + ")");
            cached = read(FILE);
        }
        return cached;
    }

    private static List<List<KeystrokeSample>> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",", -1);
            List<Integer> h = new ArrayList<>();
            List<Integer> dd = new ArrayList<>();
            List<Integer> ud = new ArrayList<>();
            for (int i = 0; i < header.length; i++) {
                if (header[i].startsWith("Hold")) {
                    h.add(i);
                } else if (header[i].startsWith("DD")) {
                    dd.add(i);
                } else if (header[i].startsWith("UD")) {
                    ud.add(i);
                }
            }
            record Row(int rep, KeystrokeSample sample) {
            }
            Map<String, List<Row>> bySubject = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split(",", -1);
                KeystrokeSample s = KeystrokeSample.of(values(c, h), values(c, dd), values(c, ud));
                bySubject.computeIfAbsent(c[0], k -> new ArrayList<>()).add(new Row(Integer.parseInt(c[1]), s));
            }
            List<List<KeystrokeSample>> out = new ArrayList<>();
            for (List<Row> rows : bySubject.values()) {
                rows.sort(Comparator.comparingInt(Row::rep));
                out.add(rows.stream().map(Row::sample).toList());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] values(String[] cells, List<Integer> cols) {
        return cols.stream().mapToDouble(i -> Double.parseDouble(cells[i])).toArray();
    }

    /** A copy of the sample with every timing moved by a uniform jitter in [-j, j] ms (UD re-derived). */
    static KeystrokeSample jitter(KeystrokeSample s, double j, java.util.Random rnd) {
        double[] h = s.hold();
        double[] dd = s.downDown();
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.max(0, h[i] + (rnd.nextDouble() * 2 - 1) * j);
        }
        for (int i = 0; i < dd.length; i++) {
            dd[i] = Math.max(0, dd[i] + (rnd.nextDouble() * 2 - 1) * j);
        }
        return KeystrokeSample.of(h, dd, null);
    }
}
