package dev.vigil.keycloak.riskengine.history;

import java.util.Optional;

import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.model.ModelInfo;

/** Data access for {@code VIGIL_MODEL}. */
public interface ModelStore {

    /** Newest version stored for the realm, or 0. A cheap query, polled by every node. */
    long latestVersion(String realmId);

    /** When the realm's newest stored model was trained (epoch ms), or -1 when it has none. A cheap query. */
    long latestTrainedAt(String realmId);

    /** Info and serialized data of the newest model. */
    Optional<StoredModel> latest(String realmId);

    /** Stores the model as the realm's next version; returns it with that version. */
    AnomalyModel save(String realmId, AnomalyModel model);

    int deleteByRealm(String realmId);

    /** Deletes the realm's models trained before {@code before}, except its newest one; returns how many. */
    int deleteTrainedBefore(String realmId, long before);

    record StoredModel(ModelInfo info, String data) {
    }
}
