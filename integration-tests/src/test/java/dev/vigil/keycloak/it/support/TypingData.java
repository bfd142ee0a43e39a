package dev.vigil.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Real typings of the MEU-Mobile KSD data set (shared/data/keystroke, not in the repository), as the
 * hidden-field JSON the capture script sends: per subject, in rep order, typings with every timing ≤ 5 s.
 */
public final class TypingData {

    private static final String RELATIVE = "shared/data/keystroke/meu-mobile-ksd-dev.csv";

    private static Map<String, List<String>> cached;

    private TypingData() {
    }

    /** The data set by subject, read once per test run; skips the calling test when the file is absent. */
    public static synchronized Map<String, List<String>> bySubjectOrSkip() {
        Path file = file();
        Assumptions.assumeTrue(file != null, "keystroke data set not found beside the checkout");
        if (cached == null) {
            cached = bySubject(file);
        }
        return cached;
    }

    public static Path file() {
        return Stream.of(System.getProperty("vigil.keystroke.data"), "../../" + RELATIVE, "/work/" + RELATIVE)
                .filter(p -> p != null && Files.isRegularFile(Path.of(p))).map(Path::of).findFirst().orElse(null);
    }

    public static Map<String, List<String>> bySubject(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",");
            Map<String, List<String>> subjects = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                List<String> h = new ArrayList<>();
                List<String> dd = new ArrayList<>();
                List<String> ud = new ArrayList<>();
                boolean ok = true;
                for (int i = 2; i < header.length && i < cells.length; i++) {
                    double v = Double.parseDouble(cells[i]);
                    String value = String.format(Locale.ROOT, "%.1f", v);
                    if (header[i].startsWith("Hold ")) {
                        h.add(value);
                        ok &= v >= 0 && v <= 5000;
                    } else if (header[i].startsWith("DD ")) {
                        dd.add(value);
                        ok &= v >= 0 && v <= 5000;
                    } else if (header[i].startsWith("UD ")) {
                        ud.add(value);
                        ok &= Math.abs(v) <= 5000;
                    }
                }
                if (ok) {
                    subjects.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(
                            "{\"v\":1,\"h\":[" + String.join(",", h) + "],\"dd\":[" + String.join(",", dd)
                                    + "],\"ud\":[" + String.join(",", ud) + "]}");
                }
            }
            return subjects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
