package dev.vigil.keycloak.riskengine.scoring;

import java.util.List;
import java.util.Optional;

import dev.vigil.keycloak.riskengine.features.Feature;
import dev.vigil.keycloak.riskengine.features.LoginFeatures;
import dev.vigil.keycloak.riskengine.features.PastLogin;
import dev.vigil.keycloak.riskengine.features.UserHistory;
import dev.vigil.keycloak.riskengine.history.Assessment;
import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.history.LoginStatus;
import dev.vigil.keycloak.riskengine.history.ModelStore;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.model.Reason;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Scores one recorded login: features from bounded history, the realm's model, calibrated flag, reasons. */
public class LoginScorer {

    /** previous logins read per scoring */
    public static final int HISTORY_LIMIT = 200;
    private static final long DAY = 86_400_000L;

    private final KeycloakSession session;
    private final LoginEventStore logins;
    private final ModelStore models;
    private final ModelRegistry registry;

    public LoginScorer(KeycloakSession session, LoginEventStore logins, ModelStore models, ModelRegistry registry) {
        this.session = session;
        this.logins = logins;
        this.models = models;
        this.registry = registry;
    }

    /** @return the scored row, or empty when there is no such row or it is not waiting for scoring */
    public Optional<StoredLogin> score(RealmModel realm, VigilRealmSettings settings, String loginId) {
        StoredLogin row = logins.find(realm.getId(), loginId).orElse(null);
        if (row == null || row.status() != LoginStatus.NEW) {
            return Optional.empty();
        }
        LoginRecord login = row.login();
        UserHistory history = logins.history(realm.getId(), login.userId(), login.ipAddress(), login.time(),
                login.time() - settings.historyDays() * DAY, HISTORY_LIMIT);
        double[] x = LoginFeatures.of(login, history, otherActiveSessions(realm, login), settings.timeZone());

        AnomalyModel model = registry.current(realm.getId(), models, settings.contamination());
        double score = model.score(x);
        double threshold = settings.flagThreshold() != null ? settings.flagThreshold() : model.info().threshold();
        boolean flagged = score >= threshold;
        List<Reason> reasons = model.explain(x, userTypical(history));
        return logins.assess(loginId, new Assessment(x, score, threshold, flagged, reasons, model.info(),
                Time.currentTimeMillis()));
    }

    private int otherActiveSessions(RealmModel realm, LoginRecord login) {
        if (login.userId() == null) {
            return 0;
        }
        UserModel user = session.users().getUserById(realm, login.userId());
        if (user == null) {
            return 0;
        }
        return Math.max(0, ActiveSessions.of(session, realm, user) - 1);
    }

    /** Mean of the user's previous feature vectors, or null without any. */
    static double[] userTypical(UserHistory history) {
        double[] sum = new double[Feature.COUNT];
        int n = 0;
        for (PastLogin p : history.successes()) {
            if (p.features() != null) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += p.features()[i];
                }
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= n;
        }
        return sum;
    }
}
