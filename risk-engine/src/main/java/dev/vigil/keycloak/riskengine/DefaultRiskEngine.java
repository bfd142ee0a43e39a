package dev.vigil.keycloak.riskengine;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.vigil.keycloak.riskengine.history.JpaLoginEventStore;
import dev.vigil.keycloak.riskengine.history.JpaModelStore;
import dev.vigil.keycloak.riskengine.history.JpaUserProfileStore;
import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.history.ModelStore;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.history.UserProfileStore;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.scoring.LoginScorer;
import dev.vigil.keycloak.riskengine.scoring.ModelRegistry;
import dev.vigil.keycloak.riskengine.scoring.ModelTraining;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import dev.vigil.keycloak.riskengine.risk.AssessmentFailures;
import dev.vigil.keycloak.riskengine.risk.LoginRiskAssessor;
import dev.vigil.keycloak.riskengine.risk.RiskAssessment;
import dev.vigil.keycloak.riskengine.risk.RiskLevel;
import dev.vigil.keycloak.riskengine.risk.RiskSettings;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

public class DefaultRiskEngine implements RiskEngine {

    private static final AssessmentFailures ASSESSMENT_FAILURES = new AssessmentFailures();

    private final KeycloakSession session;
    private final ModelRegistry registry;
    private LoginEventStore loginEvents;
    private ModelStore models;
    private UserProfileStore profiles;

    DefaultRiskEngine(KeycloakSession session, ModelRegistry registry) {
        this.session = session;
        this.registry = registry;
    }

    @Override
    public LoginEventStore loginEvents() {
        if (loginEvents == null) {
            loginEvents = new JpaLoginEventStore(em());
        }
        return loginEvents;
    }

    @Override
    public ModelStore models() {
        if (models == null) {
            models = new JpaModelStore(em());
        }
        return models;
    }

    @Override
    public UserProfileStore profiles() {
        if (profiles == null) {
            profiles = new JpaUserProfileStore(em());
        }
        return profiles;
    }

    @Override
    public AnomalyModel currentModel(RealmModel realm) {
        return registry.current(realm.getId(), models(), VigilRealmSettings.of(realm).contamination());
    }

    @Override
    public AnomalyModel realmModelOnHand(RealmModel realm) {
        return registry.onHand(realm.getId(), session.getKeycloakSessionFactory(),
                VigilRealmSettings.of(realm).contamination());
    }

    @Override
    public Optional<StoredLogin> score(RealmModel realm, String loginId) {
        return new LoginScorer(session, loginEvents(), models(), profiles(), registry)
                .score(realm, VigilRealmSettings.of(realm), loginId);
    }

    @Override
    public List<StoredLogin> score(RealmModel realm, VigilRealmSettings settings, List<String> loginIds,
            Consumer<StoredLogin> then) {
        return new LoginScorer(session, loginEvents(), models(), profiles(), registry).scoreAll(realm, settings, loginIds, then);
    }

    @Override
    public ModelTraining.Outcome retrain(RealmModel realm) {
        return new ModelTraining(loginEvents(), models(), registry).retrain(realm);
    }

    @Override
    public ModelTraining.Outcome retrainIfDue(RealmModel realm, long intervalMillis) {
        return new ModelTraining(loginEvents(), models(), registry).retrain(realm, intervalMillis);
    }

    @Override
    public RiskAssessment assess(RealmModel realm, UserModel user, String typing) {
        return assessOrFallback(realm, user, typing, true);
    }

    @Override
    public RiskLevel levelWithoutTyping(RealmModel realm, UserModel user) {
        return assessOrFallback(realm, user, null, false).level();
    }

    /** The assessment, or the realm's fallback level with the failure as its reason (one log line). */
    private RiskAssessment assessOrFallback(RealmModel realm, UserModel user, String typing, boolean counted) {
        try {
            return LoginRiskAssessor.assess(session, realm, user, typing, counted);
        } catch (RuntimeException | StackOverflowError | NoClassDefFoundError e) {
            RiskLevel fallback = RiskSettings.of(realm).fallbackLevel();
            ASSESSMENT_FAILURES.log(realm, e, fallback);
            return RiskAssessment.fallback(fallback, e.getClass().getSimpleName());
        }
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public void close() {
    }
}
