package dev.vigil.keycloak.admin.settings;

import dev.vigil.keycloak.riskengine.geo.GeoIpProvider;
import dev.vigil.keycloak.riskengine.risk.RiskSettings;
import java.util.Map;

import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.settings.FlagAction;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;

/**
 * {@code GET/PUT /admin/realms/{realm}/vigil/settings}: the realm's Vigil settings as a flat JSON object of
 * strings. PUT takes any subset and answers the full settings; an unknown name or a bad value is a 400
 * listing every problem, and nothing is changed.
 */
public class SettingsResource extends VigilSubresource {

    public SettingsResource(AdminContext context) {
        super(context);
    }

    /** Risk settings ({@link RiskSettings}) appear with this prefix: {@code risk.mediumScore}, {@code risk.weight.new_device}. */
    static final String RISK = "risk.";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> get() {
        auth.realm().requireViewEvents();
        Map<String, String> m = all(VigilRealmSettings.of(realm), RiskSettings.of(realm));
        GeoIpProvider geo = session.getProvider(GeoIpProvider.class);
        m.put("geoip", geo == null ? "off: no GeoIP provider" : geo.status()); // read-only
        return m;
    }

    private static Map<String, String> all(VigilRealmSettings settings, RiskSettings risk) {
        Map<String, String> m = new java.util.LinkedHashMap<>(settings.toStrings());
        risk.toStrings().forEach((k, v) -> m.put(RISK + k, v));
        return m;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> put(Map<String, String> changes) {
        auth.realm().requireManageEvents();
        if (changes == null) {
            changes = Map.of();
        }
        Map<String, String> given = new java.util.LinkedHashMap<>();
        Map<String, String> riskGiven = new java.util.LinkedHashMap<>();
        changes.forEach((k, v) -> {
            if ("geoip".equals(k)) {
                return; // read-only (GET's status of the node's GeoIP databases)
            }
            if (k != null && k.startsWith(RISK)) {
                riskGiven.put(k.substring(RISK.length()), v);
            } else {
                given.put(k, v);
            }
        });
        VigilRealmSettings updated = LoginEventsResource.badRequestOnError(() -> {
            String problems = "";
            VigilRealmSettings u = null;
            try {
                u = VigilRealmSettings.of(realm).withChanges(given);
            } catch (IllegalArgumentException e) {
                problems = e.getMessage();
            }
            try {
                RiskSettings.of(realm).withChanges(riskGiven);
            } catch (IllegalArgumentException e) {
                problems += (problems.isEmpty() ? "" : "; ") + RISK + e.getMessage().replace("; ", "; " + RISK);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(problems);
            }
            return u;
        });
        RiskSettings risk = RiskSettings.of(realm).withChanges(riskGiven);
        if (updated.action() != FlagAction.NONE) {
            // an automatic action ends sessions or disables users: the admin must be allowed to do that
            auth.users().requireManage();
        }
        updated.store(realm);
        risk.store(realm);
        Map<String, String> result = all(updated, risk);
        adminEvent.operation(OperationType.UPDATE).resource("VIGIL_SETTINGS")
                .resourcePath(session.getContext().getUri()).representation(result).success();
        return result;
    }
}
