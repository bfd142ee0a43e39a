package dev.vigil.keycloak.admin.model;

import java.util.Map;

import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.scoring.ModelTraining;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;

/** {@code GET /admin/realms/{realm}/vigil/model}, {@code POST .../model/retrain}. */
public class ModelResource extends VigilSubresource {

    private static final long DAY = 86_400_000L;

    public ModelResource(AdminContext context) {
        super(context);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ModelRepresentation get() {
        auth.realm().requireViewEvents();
        RiskEngine engine = session.getProvider(RiskEngine.class);
        VigilRealmSettings settings = VigilRealmSettings.of(realm);
        // counted up to what a realm model needs (realLogins = minRealLogins: enough)
        long real = engine.loginEvents().countScored(realm.getId(),
                Time.currentTimeMillis() - settings.historyDays() * DAY, settings.minRealLogins());
        return ModelRepresentation.of(engine.currentModel(realm).info(), settings.flagThreshold(), real, settings.minRealLogins(),
                ModelMetrics.of(engine.loginEvents().reviewCounts(realm.getId())));
    }

    /** Trains the realm's own model now, if it has enough scored logins; answers what happened. */
    @POST
    @Path("retrain")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> retrain() {
        auth.realm().requireManageEvents();
        ModelTraining.Outcome outcome = session.getProvider(RiskEngine.class).retrain(realm);
        adminEvent.operation(OperationType.ACTION).resource("VIGIL_MODEL")
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("trained", outcome.trained(), "version", outcome.model().version()))
                .success();
        return Map.of(
                "trained", outcome.trained(),
                "message", outcome.trained()
                        ? "trained version " + outcome.model().version() + " on " + outcome.model().samples() + " logins"
                        : "not enough scored logins: " + outcome.realLogins() + " of " + outcome.needed(),
                "model", get(),
                "millis", outcome.millis());
    }
}
