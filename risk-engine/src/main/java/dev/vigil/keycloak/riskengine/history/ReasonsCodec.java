package dev.vigil.keycloak.riskengine.history;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import dev.vigil.keycloak.riskengine.model.Reason;
import org.keycloak.util.JsonSerialization;

/** Reasons are kept as a small JSON array in one column, clipped to its size. */
final class ReasonsCodec {

    static final int MAX_LENGTH = 4000;

    private ReasonsCodec() {
    }

    static String encode(List<Reason> reasons) {
        List<Reason> kept = reasons;
        while (true) {
            try {
                String json = JsonSerialization.writeValueAsString(kept);
                if (json.length() <= MAX_LENGTH || kept.isEmpty()) {
                    return json;
                }
            } catch (IOException e) {
                return "[]";
            }
            kept = kept.subList(0, kept.size() - 1);
        }
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
