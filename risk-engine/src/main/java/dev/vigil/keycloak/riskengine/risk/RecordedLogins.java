package dev.vigil.keycloak.riskengine.risk;

import java.time.Instant;
import java.time.ZoneId;

import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.geo.GeoLocation;
import dev.vigil.keycloak.riskengine.history.LoginRecord;

/** Folds what the risk signals read of a recorded successful login into the user's profile. */
public final class RecordedLogins {

    private RecordedLogins() {
    }

    /** @param geo where the login's IP is, or null */
    public static void observe(UserProfile profile, LoginRecord login, ZoneId zone, GeoLocation geo) {
        LoginFacts facts = facts(login, zone, geo);
        profile.observe(login.time(), RiskScorer.attributes(facts), facts.hourOfDay(),
                facts.located() ? new double[] {facts.latitude(), facts.longitude(),
                        facts.accuracyKm() == null ? 0 : facts.accuracyKm()} : null);
    }

    /** The facts of a recorded login, as far as its row has them. */
    static LoginFacts facts(LoginRecord login, ZoneId zone, GeoLocation g) {
        int hour = Instant.ofEpochMilli(login.time()).atZone(zone).getHour();
        return LoginFacts.of(login.time(), hour, login.ipAddress(), login.network(), g, login.deviceId(), false,
                login.userAgent(), login.keystroke(), 0, 0, 0, 0, null);
    }
}
