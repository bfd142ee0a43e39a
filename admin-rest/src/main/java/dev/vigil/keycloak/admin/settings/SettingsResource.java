package dev.vigil.keycloak.admin.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.geo.GeoIpProvider;
import dev.vigil.keycloak.riskengine.risk.RiskSettings;
import dev.vigil.keycloak.riskengine.settings.FlagAction;
import dev.vigil.keycloak.riskengine.settings.InvalidSettingsException;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.representations.idm.ErrorRepresentation;
import org.keycloak.services.ErrorResponseException;

/**
 * {@code GET/PUT /admin/realms/{realm}/vigil/settings}: the realm's Vigil settings as a flat JSON object of
 * strings. PUT takes any subset and answers the full settings; an unknown name or a bad value is a 400 whose
 * {@code errorMessage} lists every problem and whose {@code errors} give them per setting ({@code field},
 * {@code errorMessage}), and nothing is changed. {@code GET settings/declarations} describes every setting.
 */
public class SettingsResource extends VigilSubresource {

    /** Risk settings ({@link RiskSettings}) appear with this prefix: {@code risk.mediumScore}, {@code risk.weight.new_device}. */
    static final String RISK = "risk.";

    public SettingsResource(AdminContext context) {
        super(context);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> get() {
        auth.realm().requireViewEvents();
        Map<String, String> m = all(VigilRealmSettings.of(realm), RiskSettings.of(realm));
        m.put("geoip", geoIpStatus()); // read-only
        return m;
    }

    /** Every setting as declared (name as in GET, section, kind, bounds, options, default, help), in page order. */
    @GET
    @Path("declarations")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SettingDeclarationRepresentation> declarations() {
        auth.realm().requireViewEvents();
        List<SettingDeclarationRepresentation> list = new ArrayList<>();
        VigilRealmSettings.declarations().forEach(d -> list.add(SettingDeclarationRepresentation.of("", d)));
        RiskSettings.declarations().forEach(d -> list.add(SettingDeclarationRepresentation.of(RISK, d)));
        return list;
    }

    private String geoIpStatus() {
        GeoIpProvider geo = session.getProvider(GeoIpProvider.class);
        return geo == null ? "off: no GeoIP provider" : geo.status();
    }

    private static Map<String, String> all(VigilRealmSettings settings, RiskSettings risk) {
        Map<String, String> m = new LinkedHashMap<>(settings.toStrings());
        risk.toStrings().forEach((k, v) -> m.put(RISK + k, v));
        return m;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> put(Map<String, String> changes) {
        auth.realm().requireManageEvents();
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> riskGiven = new LinkedHashMap<>();
        (changes == null ? Map.<String, String>of() : changes).forEach((k, v) -> {
            if ("geoip".equals(k)) {
                return; // read-only (GET's status of the node's GeoIP databases)
            }
            if (k != null && k.startsWith(RISK)) {
                riskGiven.put(k.substring(RISK.length()), v);
            } else {
                given.put(k, v);
            }
        });
        Map<String, String> problems = new LinkedHashMap<>();
        VigilRealmSettings updated = null;
        RiskSettings risk = null;
        try {
            updated = VigilRealmSettings.of(realm).withChanges(given);
        } catch (InvalidSettingsException e) {
            problems.putAll(e.problems());
        }
        try {
            risk = RiskSettings.of(realm).withChanges(riskGiven);
        } catch (InvalidSettingsException e) {
            problems.putAll(e.prefixed(RISK).problems());
        }
        if (!problems.isEmpty()) {
            throw invalid(new InvalidSettingsException(problems));
        }
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

    /** A 400 with the whole list in {@code errorMessage} and one entry per setting in {@code errors}. */
    private static ErrorResponseException invalid(InvalidSettingsException e) {
        ErrorRepresentation body = new ErrorRepresentation(null, e.getMessage(), null);
        List<ErrorRepresentation> fields = new ArrayList<>();
        e.problems().forEach((name, why) -> fields.add(new ErrorRepresentation(name, why, null)));
        body.setErrors(fields);
        return new ErrorResponseException(Response.status(Response.Status.BAD_REQUEST).entity(body)
                .type(MediaType.APPLICATION_JSON_TYPE).build());
    }
}
