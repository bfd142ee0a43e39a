package dev.vigil.keycloak.riskengine.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class VigilRealmSettingsTest {

    @Test
    void changesAreParsedAndRoundTrip() {
        VigilRealmSettings s = VigilRealmSettings.DEFAULTS.withChanges(Map.of(
                "timeZone", "Europe/Paris", "action", "revoke_all_sessions", "dryRun", "true",
                "adminEmails", "sec@example.org, soc@example.org", "contamination", "0.02", "flagThreshold", "0.6"));
        assertThat(s.timeZone().getId()).isEqualTo("Europe/Paris");
        assertThat(s.action()).isEqualTo(FlagAction.REVOKE_ALL_SESSIONS);
        assertThat(s.dryRun()).isTrue();
        assertThat(s.adminEmails()).containsExactly("sec@example.org", "soc@example.org");
        assertThat(s.flagThreshold()).isEqualTo(0.6);
        assertThat(VigilRealmSettings.DEFAULTS.withChanges(s.toStrings())).isEqualTo(s);
        assertThat(s.withChanges(Map.of("flagThreshold", "")).flagThreshold()).isNull();
    }

    @Test
    void everyBadValueIsReported() {
        assertThatThrownBy(() -> VigilRealmSettings.DEFAULTS.withChanges(Map.of(
                "timeZone", "Mars/Olympus", "contamination", "0.9", "action", "NUKE", "dryRun", "maybe",
                "adminEmails", "not-an-address", "minRealLogins", "ten")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeZone: not a time zone id")
                .hasMessageContaining("contamination: must be between")
                .hasMessageContaining("action: must be one of [NONE, REVOKE_SESSION, REVOKE_ALL_SESSIONS, DISABLE_USER]")
                .hasMessageContaining("dryRun: must be true or false")
                .hasMessageContaining("adminEmails: not an e-mail address")
                .hasMessageContaining("minRealLogins: must be a whole number");
        assertThatThrownBy(() -> VigilRealmSettings.DEFAULTS.withChanges(Map.of("colour", "red")))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.problems()).containsEntry("colour", "unknown setting"));
    }

    @Test
    void problemsAreGivenPerSettingForTheForm() {
        assertThatThrownBy(() -> VigilRealmSettings.DEFAULTS.withChanges(Map.of("contamination", "abc",
                "sprayWindowMinutes", "0")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .containsEntry("contamination", "must be a number")
                        .containsEntry("sprayWindowMinutes", "must be between 1 and 1440")
                        .hasSize(2));
    }

    @Test
    void everySettingIsDeclaredOnceWithItsDefaultAndHelp() {
        assertThat(VigilRealmSettings.declarations()).extracting(SettingDeclaration::name)
                .containsExactlyElementsOf(VigilRealmSettings.DEFAULTS.toStrings().keySet())
                .doesNotHaveDuplicates();
        for (SettingDeclaration d : VigilRealmSettings.declarations()) {
            assertThat(VigilRealmSettings.DEFAULTS.toStrings().get(d.name())).as(d.name()).isEqualTo(
                    d.kind() == SettingDeclaration.Kind.NUMBER && !d.defaultValue().isEmpty()
                            ? Double.toString(Double.parseDouble(d.defaultValue())) : d.defaultValue());
            assertThat(d.help()).as(d.name()).isNotBlank();
            assertThat(d.group()).as(d.name()).isNotBlank();
        }
        SettingDeclaration action = VigilRealmSettings.declarations().stream()
                .filter(d -> d.name().equals("action")).findFirst().orElseThrow();
        assertThat(action.options()).containsExactly("NONE", "REVOKE_SESSION", "REVOKE_ALL_SESSIONS", "DISABLE_USER");
        SettingDeclaration contamination = VigilRealmSettings.declarations().stream()
                .filter(d -> d.name().equals("contamination")).findFirst().orElseThrow();
        assertThat(contamination.min()).isEqualTo(0.0001);
        assertThat(contamination.max()).isEqualTo(0.25);
    }

    @Test
    void retentionCoversTheHistoryWindow() {
        VigilRealmSettings s = VigilRealmSettings.DEFAULTS.withChanges(Map.of("retentionDays", "365",
                "unknownUsernameDays", "3", "maxActionsPerHour", "0"));
        assertThat(s.retentionDays()).isEqualTo(365);
        assertThat(s.unknownUsernameDays()).isEqualTo(3);
        assertThat(s.maxActionsPerHour()).isZero();
        assertThat(VigilRealmSettings.DEFAULTS.retentionDays()).isEqualTo(180);
        assertThatThrownBy(() -> VigilRealmSettings.DEFAULTS.withChanges(Map.of("historyDays", "200")))
                .hasMessageContaining("retentionDays: must be at least historyDays (200)");
        assertThatThrownBy(() -> VigilRealmSettings.DEFAULTS.withChanges(Map.of("retentionDays", "30")))
                .hasMessageContaining("retentionDays: must be at least historyDays (90)");
        assertThatThrownBy(() -> VigilRealmSettings.DEFAULTS.withChanges(Map.of("unknownUsernameDays", "0")))
                .hasMessageContaining("unknownUsernameDays: must be between 1");
    }
}
