package dev.vigil.keycloak.riskengine.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.history.ModelStore;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.history.UserProfileStore;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.scoring.ModelTraining;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import dev.vigil.keycloak.riskengine.risk.RiskAssessment;
import dev.vigil.keycloak.riskengine.risk.RiskLevel;
import org.keycloak.provider.Provider;

/**
 * The {@code vigil-risk} SPI: the one entry point the login flow, the event listener and the admin
 * REST reach Vigil's history (and, from later issues, its risk assessment and model) through —
 * {@code session.getProvider(RiskEngine.class)}. One instance per Keycloak session.
 */
public interface RiskEngine extends Provider {

    /** The login history of the session's database, in the session's transaction. */
    LoginEventStore loginEvents();

    /** The realms' trained models. */
    ModelStore models();

    /** Each user's profile of earlier logins, which scoring keeps up to date. */
    UserProfileStore profiles();

    /** The model scoring the realm's logins on this node now (the realm's own, or the bootstrap model). */
    AnomalyModel currentModel(RealmModel realm);

    /**
     * The realm's own model as this node holds it, or null (none trained, or not loaded on this node yet); never
     * waits for the database or for a model to load: a due check for a newer version runs in the background. For a
     * login's request path.
     */
    AnomalyModel realmModelOnHand(RealmModel realm);

    /**
     * Scores a recorded successful login with the realm's model and stores the assessment.
     *
     * @return the scored row, or empty when it does not exist or was scored already
     */
    Optional<StoredLogin> score(RealmModel realm, String loginId);

    /**
     * Scores several recorded logins of the realm in order, as {@link #score(RealmModel, String)} each would,
     * with the realm's settings already read and what the logins share read in one go; {@code then} gets
     * each scored row before the next login is scored.
     *
     * @return the rows that were scored (those that exist and were waiting for scoring)
     */
    List<StoredLogin> score(RealmModel realm, VigilRealmSettings settings, List<String> loginIds,
            Consumer<StoredLogin> then);

    /**
     * The in-flow risk of a login in progress of {@code user} (read-only; see {@code LoginRiskAssessor}). Never
     * throws: when the assessment fails, the realm's fallback level is returned with the reason, and one line is
     * logged.
     *
     * @param typing the typing-rhythm outcome of this login, or null when no typing-rhythm form ran
     */
    RiskAssessment assess(RealmModel realm, UserModel user, String typing);

    /**
     * The level the login in progress of {@code user} has without any typing-rhythm outcome: what the typing-rhythm
     * form asks before it offers a user whose typing could not be checked to type the password again (only at
     * {@code LOW}, so that the question tells nobody else the password was right). Read-only and not counted as an
     * assessment in the metrics; never throws: the realm's fallback level when it fails.
     */
    RiskLevel levelWithoutTyping(RealmModel realm, UserModel user);

    /** Trains the realm's own model if it has enough scored logins. */
    ModelTraining.Outcome retrain(RealmModel realm);

    /**
     * The scheduled retraining: as {@link #retrain(RealmModel)}, unless the realm's newest model (from any node) was
     * trained within the last 90 % of {@code intervalMillis}.
     */
    ModelTraining.Outcome retrainIfDue(RealmModel realm, long intervalMillis);
}
