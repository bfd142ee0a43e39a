package dev.vigil.keycloak.riskengine.keystroke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Generated hostile input for {@link KeystrokeSample#parse}: it must never throw, and whatever it returns
 * must be a valid sample.
 */
class KeystrokeSampleFuzzTest {

    private static final int CASES = 12_000;
    private static final String MUTATIONS = "{}[],:\"-.eE0123456789 \\u";
    private static final String TOKENS = "{}[],:\"0123456789.-eE ntrufalsN";
    private static final String[] NUMBERS = {"0", "-0", "1", "85.2", "5000", "5000.04", "5000.1", "-1", "1e3", "1E-2",
        "1e308", "1e309", "-1e309", "NaN", "Infinity", "-Infinity", "0x1F", "+5", "01", ".5", "5.", "1e", "--1",
        "123456789012345678901234567890123", "4.9e-324", "9007199254740993", "1.0000000000000000000001", "\"85\"",
        "null", "true", "[]", "{}", "[85]", "\u0661\u0662"};

    @Test
    void parseNeverThrowsAndOnlyReturnsValidSamples() {
        Random rnd = new Random(20261123L);
        int valid = 0;
        for (int i = 0; i < CASES; i++) {
            String input = switch (i % 8) {
                case 0 -> randomString(rnd);
                case 1 -> randomJson(rnd, 0);
                case 2 -> almostValid(rnd);
                case 3 -> hostileNumbers(rnd);
                case 4 -> deepNesting(rnd);
                case 5 -> huge(rnd, i);
                case 6 -> mutate(validField(rnd), rnd);
                default -> validField(rnd);
            };
            Optional<KeystrokeSample> parsed = parseSafely(input);
            if (parsed.isPresent()) {
                valid++;
                assertValid(parsed.get());
            }
        }
        // the generator produces a good share of valid fields, so both paths are exercised
        assertThat(valid).isBetween(CASES / 10, CASES / 2);
    }

    private static Optional<KeystrokeSample> parseSafely(String input) {
        try {
            return KeystrokeSample.parse(input);
        } catch (Throwable t) {
            throw new AssertionError("parse threw on input of length " + (input == null ? -1 : input.length()) + ": "
                    + (input != null && input.length() < 300 ? input : "(long)"), t);
        }
    }

    private static void assertValid(KeystrokeSample s) {
        int k = s.keyCount();
        assertThat(k).isBetween(KeystrokeSample.MIN_KEYS, KeystrokeSample.MAX_KEYS);
        assertThat(s.kinds()).isEqualTo(KeystrokeSample.ALL_KINDS);
        assertThat(s.hold()).hasSize(k);
        assertThat(s.downDown()).hasSize(k - 1);
        assertThat(s.upDown()).hasSize(k - 1);
        for (double v : s.hold()) {
            assertThat(v).isBetween(0.0, KeystrokeSample.MAX_MS);
        }
        for (double v : s.downDown()) {
            assertThat(v).isBetween(0.0, KeystrokeSample.MAX_MS);
        }
        for (double v : s.upDown()) {
            assertThat(v).isBetween(-KeystrokeSample.MAX_MS, KeystrokeSample.MAX_MS);
        }
        for (int i = 0; i < k - 1; i++) {
            assertThat(Math.abs(s.upDown()[i] - (s.downDown()[i] - s.hold()[i]))).isLessThanOrEqualTo(1.0 + 1e-9);
        }
        assertThat(KeystrokeSample.parse(s.toJson())).contains(s);
    }

    private static String validField(Random rnd) {
        int k = 4 + rnd.nextInt(61);
        double[] h = new double[k];
        double[] dd = new double[k - 1];
        for (int i = 0; i < k; i++) {
            h[i] = Math.round(rnd.nextDouble() * 300 * 10) / 10.0;
        }
        for (int i = 0; i < k - 1; i++) {
            dd[i] = Math.round(rnd.nextDouble() * 1200 * 10) / 10.0;
        }
        String json = KeystrokeSample.of(h, dd, null).toJson();
        return rnd.nextBoolean() ? json : json.replaceFirst(",\"ud\":\\[[^\\]]*\\]", "");
    }

    private static String almostValid(Random rnd) {
        int k = rnd.nextInt(70);
        StringBuilder b = new StringBuilder("{\"v\":").append(rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 1);
        b.append(",\"h\":").append(array(rnd, k, 400));
        b.append(",\"dd\":").append(array(rnd, Math.max(0, k - 1 + rnd.nextInt(3) - 1), 1500));
        if (rnd.nextBoolean()) {
            b.append(",\"ud\":").append(array(rnd, Math.max(0, k - 1 + rnd.nextInt(3) - 1), 1500));
        }
        if (rnd.nextInt(5) == 0) {
            b.append(",\"extra\":").append(rnd.nextInt(10));
        }
        return b.append('}').toString();
    }

    private static String array(Random rnd, int n, double max) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(String.format(java.util.Locale.ROOT, "%.1f", rnd.nextDouble() * max - (rnd.nextInt(20) == 0 ? max : 0)));
        }
        return b.append(']').toString();
    }

    private static String hostileNumbers(Random rnd) {
        int k = 4 + rnd.nextInt(8);
        StringBuilder h = new StringBuilder("[");
        StringBuilder dd = new StringBuilder("[");
        for (int i = 0; i < k; i++) {
            h.append(i > 0 ? "," : "").append(rnd.nextInt(3) == 0 ? NUMBERS[rnd.nextInt(NUMBERS.length)] : "90");
            if (i < k - 1) {
                dd.append(i > 0 ? "," : "").append(rnd.nextInt(3) == 0 ? NUMBERS[rnd.nextInt(NUMBERS.length)] : "300");
            }
        }
        return "{\"v\":1,\"h\":" + h + "],\"dd\":" + dd + "]}";
    }

    private static String deepNesting(Random rnd) {
        int depth = 1 + rnd.nextInt(rnd.nextBoolean() ? 50 : 5000);
        String open = rnd.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String inner = rnd.nextBoolean() ? "1" : "{\"v\":1,\"h\":[90,80,70,60],\"dd\":[200,200,300]}";
        String prefix = rnd.nextBoolean() ? "{\"v\":1,\"h\":" : "";
        return prefix + open.repeat(depth) + inner + close.repeat(rnd.nextInt(depth + 1)) + (prefix.isEmpty() ? "" : "}");
    }

    private static String huge(Random rnd, int i) {
        if (i % 200 == 5) { // a few real 1 MB payloads
            StringBuilder b = new StringBuilder(1 << 20);
            b.append("{\"v\":1,\"h\":[");
            while (b.length() < (1 << 20)) {
                b.append("90,");
            }
            return b.append("90],\"dd\":[300,300,300]}").toString();
        }
        int len = KeystrokeSample.MAX_FIELD_CHARS - 50 + rnd.nextInt(100);
        StringBuilder b = new StringBuilder("{\"v\":1,\"h\":[90,80,70,60],\"dd\":[200,250,300]");
        while (b.length() < len - 1) {
            b.append(' ');
        }
        return b.append('}').toString();
    }

    private static String mutate(String s, Random rnd) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int p = rnd.nextInt(b.length());
            switch (rnd.nextInt(4)) {
                case 0 -> b.deleteCharAt(p);
                case 1 -> b.insert(p, MUTATIONS.charAt(rnd.nextInt(MUTATIONS.length())));
                case 2 -> b.setCharAt(p, (char) rnd.nextInt(0x3000));
                default -> b.insert(p, NUMBERS[rnd.nextInt(NUMBERS.length)]);
            }
        }
        return b.toString();
    }

    private static String randomString(Random rnd) {
        int len = rnd.nextInt(200);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int kind = rnd.nextInt(4);
            if (kind == 0) {
                b.append(TOKENS.charAt(rnd.nextInt(TOKENS.length())));
            } else if (kind == 1) {
                b.appendCodePoint(0x80 + rnd.nextInt(0x10FFFF - 0x80 - 0x800) + (rnd.nextInt(2) == 0 ? 0 : 0));
            } else if (kind == 2) {
                b.append((char) (0xD800 + rnd.nextInt(0x800))); // lone surrogates
            } else {
                b.append((char) rnd.nextInt(0x80));
            }
        }
        return b.toString();
    }

    private static String randomJson(Random rnd, int depth) {
        int kind = depth > 4 ? rnd.nextInt(4) : rnd.nextInt(6);
        switch (kind) {
            case 0:
                return NUMBERS[rnd.nextInt(NUMBERS.length)];
            case 1:
                return "\"" + (rnd.nextBoolean() ? "v" : rnd.nextBoolean() ? "h" : "dd\u00e9\\u00e9") + "\"";
            case 2:
                return rnd.nextBoolean() ? "true" : "null";
            case 3:
                return String.valueOf(rnd.nextInt(6000) - 500);
            case 4: {
                StringBuilder b = new StringBuilder("[");
                int n = rnd.nextInt(70);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "").append(randomJson(rnd, depth + 1));
                }
                return b.append(']').toString();
            }
            default: {
                StringBuilder b = new StringBuilder("{");
                String[] keys = {"v", "h", "dd", "ud", "x", "V", ""};
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "").append('"').append(keys[rnd.nextInt(keys.length)]).append("\":")
                            .append(randomJson(rnd, depth + 1));
                }
                return b.append('}').toString();
            }
        }
    }
}
