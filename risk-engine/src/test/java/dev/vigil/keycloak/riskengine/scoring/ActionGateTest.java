package dev.vigil.keycloak.riskengine.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.vigil.keycloak.riskengine.model.ModelKind;
import dev.vigil.keycloak.riskengine.model.Reason;
import org.junit.jupiter.api.Test;

/** What a flag must rest on before Vigil acts against the account's owner. */
class ActionGateTest {

    private static Reason reason(String feature) {
        return new Reason(feature, 1, 0, 0.0, 3);
    }

    @Test
    void failureCountsOthersCanCauseAreNeverEnoughByThemselves() {
        assertThat(ActionGate.check(ModelKind.REALM, 50, List.of(reason("user_failures_1h"), reason("ip_failures_1h"))))
                .contains(ActionGate.Withheld.WEAK_EVIDENCE);
        assertThat(ActionGate.check(ModelKind.REALM, 50, List.of(reason("user_failures_1h"), reason("new_device"))))
                .as("one real reason beside the failure count").contains(ActionGate.Withheld.WEAK_EVIDENCE);
        assertThat(ActionGate.check(ModelKind.REALM, 50,
                List.of(reason("user_failures_1h"), reason("new_device"), reason("hour_of_day")))).isEmpty();
    }

    @Test
    void neverOnTheBootstrapModelNorForAUserWithAlmostNoHistory() {
        List<Reason> strong = List.of(reason("new_device"), reason("new_network"), reason("hour_of_day"));
        assertThat(ActionGate.check(ModelKind.BOOTSTRAP, 500, strong)).contains(ActionGate.Withheld.BOOTSTRAP_MODEL);
        assertThat(ActionGate.check(ModelKind.REALM, 0, strong)).contains(ActionGate.Withheld.FEW_LOGINS);
        assertThat(ActionGate.check(ModelKind.REALM, ActionGate.MIN_EARLIER_LOGINS - 1, strong))
                .contains(ActionGate.Withheld.FEW_LOGINS);
        assertThat(ActionGate.check(ModelKind.REALM, ActionGate.MIN_EARLIER_LOGINS, strong)).isEmpty();
    }

    @Test
    void withheldActionsFitTheColumnAndAreRecognised() {
        for (ActionGate.Withheld w : ActionGate.Withheld.values()) {
            assertThat(w.actionTaken().length()).isLessThanOrEqualTo(32);
            assertThat(ActionGate.withheld(w.actionTaken())).isTrue();
        }
        assertThat(ActionGate.withheld("REVOKE_ALL_SESSIONS")).isFalse();
    }
}
