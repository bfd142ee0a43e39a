package dev.vigil.keycloak.admin.settings;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.keycloak.riskengine.settings.SettingDeclaration;

/**
 * One setting of {@code GET …/vigil/settings/declarations}: what the console's settings form needs to render and
 * check it before the server does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SettingDeclarationRepresentation(String name, String group, String kind, String defaultValue,
        Double min, Double max, List<String> options, String help) {

    static SettingDeclarationRepresentation of(String prefix, SettingDeclaration d) {
        return new SettingDeclarationRepresentation(prefix + d.name(), d.group(), d.kind().name(), d.defaultValue(),
                d.min(), d.max(), d.options().isEmpty() ? null : d.options(), d.help());
    }
}
