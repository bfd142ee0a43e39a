package dev.vigil.keycloak.bench.soak;

import dev.vigil.keycloak.bench.overhead.Http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's Vigil meters from its management port ({@code /metrics}, Prometheus text; Micrometer names
 * {@code vigil.logins.scored} {@code vigil_logins_scored_total}). Counters tagged with a realm count only that
 * realm's; the queue gauge is the node's.
 */
final class NodeMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^(vigil_[a-z_]+)(\\{([^}]*)})?\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("type=\"([^\"]*)\"");

    private NodeMetrics() {
    }

    /**
     * {@code vigil_scoring_queue_depth}, {@code vigil_logins_scored_total}, {@code vigil_logins_flagged_total},
     * {@code vigil_logins_recorded_total{type=…}} and {@code vigil_recording_failures_total} of {@code realm}
     * (missing meters, never incremented, are left out).
     */
    static Map<String, Double> read(HttpClient http, int managementPort, String realm) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(Http.request("http://127.0.0.1:" + managementPort + "/metrics").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics on port " + managementPort + " answered HTTP " + response.statusCode());
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher sample = SAMPLE.matcher(response.body());
        while (sample.find()) {
            String name = sample.group(1);
            String tags = sample.group(3) == null ? "" : sample.group(3);
            if (tags.contains("realm=") && !tags.contains("realm=\"" + realm + "\"")) {
                continue;
            }
            String key = switch (name) {
                case "vigil_scoring_queue_depth", "vigil_logins_scored_total", "vigil_logins_flagged_total",
                     "vigil_recording_failures_total", "vigil_recovery_requeued_total" -> name;
                case "vigil_logins_recorded_total" -> {
                    Matcher type = TYPE.matcher(tags);
                    yield type.find() ? name + "{type=" + type.group(1) + "}" : name;
                }
                default -> null;
            };
            if (key != null) {
                double value = Double.parseDouble(sample.group(4));
                values.merge(key, value, Double::sum);
            }
        }
        return values;
    }
}
