package dev.vigil.keycloak.riskengine.risk;

import java.time.Instant;
import java.time.ZoneId;

import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.history.LoginRecord;

/** Folds what the risk signals read of a recorded successful login into the user's profile. */
public final class RecordedLogins {

    private RecordedLogins() {
    }

    public static void observe(UserProfile profile, LoginRecord login, ZoneId zone) {
        LoginFacts facts = facts(login, zone);
        profile.observe(login.time(), RiskScorer.attributes(facts), facts.hourOfDay(),
                facts.located() ? new double[] {facts.latitude(), facts.longitude(),
                        facts.accuracyKm() == null ? 0 : facts.accuracyKm()} : null);
    }

    /** The facts of a recorded login, as far as its row has them. */
    static LoginFacts facts(LoginRecord login, ZoneId zone) {
        int hour = Instant.ofEpochMilli(login.time()).atZone(zone).getHour();
        return new LoginFacts(login.time(), hour, login.ipAddress(), login.network(), null, null, null, null, null,
                login.deviceId(), false, login.userAgent(), login.keystroke(), 0, 0, 0, 0, null);
    }
}
