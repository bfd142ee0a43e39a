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
        assertThat(ActionGate.check(ModelKind.REALM, 50, List.of(reason("user_failures_1h"), reason("ip_failures_1h")), true))
                .contains(ActionGate.Withheld.WEAK_EVIDENCE);
        assertThat(ActionGate.check(ModelKind.REALM, 50, List.of(reason("user_failures_1h"), reason("new_device")), true))
                .as("one real reason beside the failure count").contains(ActionGate.Withheld.WEAK_EVIDENCE);
        assertThat(ActionGate.check(ModelKind.REALM, 50,
                List.of(reason("user_failures_1h"), reason("new_device"), reason("hour_of_day")), true)).isEmpty();
    }

    @Test
    void aFlagThatRestsOnFailureCountsIsNotActedOnWhateverElseIsListed() {
        List<Reason> many = List.of(reason("user_failures_1h"), reason("active_sessions"), reason("logins_today"),
                reason("log_hours_since_last"));
        assertThat(ActionGate.check(ModelKind.REALM, 50, many, false)).contains(ActionGate.Withheld.WEAK_EVIDENCE);
        assertThat(ActionGate.check(ModelKind.REALM, 50, many, true)).isEmpty();
        double[] x = new double[dev.vigil.keycloak.riskengine.features.Feature.COUNT];
        x[dev.vigil.keycloak.riskengine.features.Feature.USER_FAILURES_1H.ordinal()] = 20;
        x[dev.vigil.keycloak.riskengine.features.Feature.IP_FAILURES_1H.ordinal()] = 7;
        x[dev.vigil.keycloak.riskengine.features.Feature.LOGINS_TODAY.ordinal()] = 2;
        double[] y = ActionGate.withoutFailureCounts(x);
        assertThat(y[dev.vigil.keycloak.riskengine.features.Feature.USER_FAILURES_1H.ordinal()]).isZero();
        assertThat(y[dev.vigil.keycloak.riskengine.features.Feature.IP_FAILURES_1H.ordinal()]).isZero();
        assertThat(y[dev.vigil.keycloak.riskengine.features.Feature.LOGINS_TODAY.ordinal()]).isEqualTo(2);
        assertThat(x[dev.vigil.keycloak.riskengine.features.Feature.USER_FAILURES_1H.ordinal()]).as("a copy").isEqualTo(20);
    }

    @Test
    void neverOnTheBootstrapModelNorForAUserWithAlmostNoHistory() {
        List<Reason> strong = List.of(reason("new_device"), reason("new_network"), reason("hour_of_day"));
        assertThat(ActionGate.check(ModelKind.BOOTSTRAP, 500, strong, true)).contains(ActionGate.Withheld.BOOTSTRAP_MODEL);
        assertThat(ActionGate.check(ModelKind.REALM, 0, strong, true)).contains(ActionGate.Withheld.FEW_LOGINS);
        assertThat(ActionGate.check(ModelKind.REALM, ActionGate.MIN_EARLIER_LOGINS - 1, strong, true))
                .contains(ActionGate.Withheld.FEW_LOGINS);
        assertThat(ActionGate.check(ModelKind.REALM, ActionGate.MIN_EARLIER_LOGINS, strong, true)).isEmpty();
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
