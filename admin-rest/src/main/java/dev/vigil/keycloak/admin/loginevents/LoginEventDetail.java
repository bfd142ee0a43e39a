package dev.vigil.keycloak.admin.loginevents;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.vigil.keycloak.riskengine.features.Feature;
import dev.vigil.keycloak.riskengine.history.StoredLogin;

/** One login with its feature vector, by feature name. */
public record LoginEventDetail(LoginEventRepresentation login, Map<String, Double> features) {

    static LoginEventDetail of(StoredLogin s) {
        Map<String, Double> features = null;
        if (s.features() != null) {
            features = new LinkedHashMap<>();
            for (Feature f : Feature.values()) {
                features.put(f.name().toLowerCase(java.util.Locale.ROOT), s.features()[f.ordinal()]);
            }
        }
        return new LoginEventDetail(LoginEventRepresentation.of(s), features);
    }
}
