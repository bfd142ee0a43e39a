package dev.vigil.keycloak.riskengine.history;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import dev.vigil.keycloak.riskengine.model.Reason;
import org.keycloak.util.JsonSerialization;

/**
 * Reasons are kept as a small JSON array in one column, clipped to its size. Written by hand, once per
 * scored login, in the form Keycloak's {@link JsonSerialization} would write (nulls left out); read with it.
 */
final class ReasonsCodec {

    static final int MAX_LENGTH = 4000;
    private static final String HEX = "0123456789ABCDEF";

    private ReasonsCodec() {
    }

    static String encode(List<Reason> reasons) {
        return encodeKept(reasons).json();
    }

    /**
     * The JSON of the longest prefix of {@code reasons} that fits the column.
     *
     * @param json  the column's text
     * @param count how many reasons it holds
     */
    record Encoded(String json, int count) {
    }

    static Encoded encodeKept(List<Reason> reasons) {
        StringBuilder sb = new StringBuilder(2 + 112 * reasons.size()).append('[');
        int count = 0;
        for (Reason r : reasons) {
            int before = sb.length();
            if (count > 0) {
                sb.append(',');
            }
            json(sb, r);
            if (sb.length() + 1 > MAX_LENGTH) {
                sb.setLength(before);
                break;
            }
            count++;
        }
        return new Encoded(sb.append(']').toString(), count);
    }

    private static StringBuilder json(StringBuilder sb, Reason r) {
        sb.append('{');
        if (r.feature() != null) {
            sb.append("\"feature\":");
            string(sb, r.feature());
            sb.append(',');
        }
        sb.append("\"value\":");
        number(sb, r.value());
        sb.append(",\"realmTypical\":");
        number(sb, r.realmTypical());
        if (r.userTypical() != null) {
            sb.append(",\"userTypical\":");
            number(sb, r.userTypical());
        }
        sb.append(",\"deviation\":");
        number(sb, r.deviation());
        return sb.append('}');
    }

    private static void number(StringBuilder sb, double v) {
        if (Double.isFinite(v)) {
            sb.append(v);
        } else {
            sb.append('"').append(v).append('"'); // as Jackson writes NaN and infinities (read back by it)
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    default -> sb.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
                }
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    static List<Reason> decode(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return Arrays.asList(JsonSerialization.readValue(json, Reason[].class));
        } catch (IOException e) {
            return List.of();
        }
    }
}
