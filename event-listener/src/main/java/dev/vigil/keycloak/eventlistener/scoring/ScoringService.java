package dev.vigil.keycloak.eventlistener.scoring;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.vigil.keycloak.eventlistener.alerts.LoginAlerts;
import dev.vigil.keycloak.eventlistener.actions.ResponseActions;
import dev.vigil.keycloak.eventlistener.support.FailureLog;
import dev.vigil.keycloak.riskengine.history.LoginStatus;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Scores recorded logins off the request path: after the login's transaction completes, the row id goes
 * to a bounded executor; a job scores it and applies the realm's policy in one transaction, and sends
 * alert e-mails, if any are due, in another. Nothing here can fail or slow a login: a full queue or any error leaves the row
 * {@code NEW}, and the recovery task scores it later.
 */
public class ScoringService {

    private static final Logger LOG = Logger.getLogger(ScoringService.class);

    private final KeycloakSessionFactory factory;
    private final ThreadPoolExecutor executor;
    private final FailureLog scoringFailures = new FailureLog(LOG, "scoring logins");
    private final FailureLog mailFailures = new FailureLog(LOG, "sending login alerts");

    public ScoringService(KeycloakSessionFactory factory, int threads, int queueSize) {
        this.factory = factory;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueSize), r -> {
                    Thread t = new Thread(r, "vigil-scoring-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** A transaction that hands the login to the executor once the request's transaction has committed. */
    public KeycloakTransaction afterCommit(String realmId, String loginId) {
        return new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                submit(realmId, loginId);
            }

            @Override
            protected void rollbackImpl() {
                // the login did not happen: its row stays NEW and is looked at by the recovery task
            }
        };
    }

    /** Queues a login for scoring; never throws. */
    public void submit(String realmId, String loginId) {
        try {
            executor.execute(() -> run(realmId, loginId));
        } catch (RejectedExecutionException | NullPointerException e) {
            LOG.debugf("Vigil scoring queue full; login %s waits for the recovery task", loginId);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Vigil could not queue login %s", loginId);
        }
    }

    /**
     * Scores and acts in one transaction (the action and its record commit with the score, or the row
     * stays NEW for the recovery task); e-mails, when there are any to send, go out in a second one.
     */
    void run(String realmId, String loginId) {
        Scored scored;
        try {
            scored = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
                RealmModel realm = bindRealm(s, realmId);
                RiskEngine engine = s.getProvider(RiskEngine.class);
                StoredLogin row = realm == null ? null : engine.score(realm, loginId).orElse(null);
                if (row == null) {
                    return null;
                }
                VigilRealmSettings settings = VigilRealmSettings.of(realm);
                String action = null;
                if (row.status() == LoginStatus.FLAGGED) {
                    action = ResponseActions.apply(s, realm, row, settings.action(), settings.dryRun());
                    engine.loginEvents().recordAction(loginId, action, settings.dryRun());
                }
                return alertsDue(realm, row, settings, action) ? new Scored(row, action) : null;
            });
            scoringFailures.succeeded();
        } catch (RuntimeException e) {
            scoringFailures.failed(e, "login " + loginId + " in realm " + realmId);
            return;
        }
        if (scored != null) {
            alert(realmId, scored);
        }
    }

    private record Scored(StoredLogin row, String action) {
    }

    /** Most logins are neither flagged nor from a new device, or the realm has no SMTP: no second transaction. */
    private static boolean alertsDue(RealmModel realm, StoredLogin row, VigilRealmSettings settings, String action) {
        if (!LoginAlerts.canSend(realm)) {
            return false;
        }
        return (action != null && settings.notifyAdmins())
                || (settings.notifyUserOnNewDevice() && LoginAlerts.isNewDevice(row));
    }

    private void alert(String realmId, Scored scored) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel realm = bindRealm(s, realmId);
                if (realm == null) {
                    return;
                }
                UserModel user = scored.row().login().userId() == null ? null
                        : s.users().getUserById(realm, scored.row().login().userId());
                sendAlerts(s, realm, user, scored.row(), VigilRealmSettings.of(realm), scored.action());
            });
        } catch (RuntimeException e) {
            mailFailures.failed(e, "login " + scored.row().login().id() + " in realm " + realmId);
        }
    }

    private void sendAlerts(KeycloakSession s, RealmModel realm, UserModel user, StoredLogin scored,
            VigilRealmSettings settings, String action) {
        try {
            boolean sent = false;
            if (user != null && settings.notifyUserOnNewDevice() && LoginAlerts.isNewDevice(scored)) {
                sent = LoginAlerts.newDevice(s, realm, user, scored, settings);
            }
            if (action != null && settings.notifyAdmins()) {
                sent |= !LoginAlerts.flagged(s, realm, user, scored, settings, action).isEmpty();
            }
            if (sent) {
                mailFailures.succeeded();
            }
        } catch (Exception e) {
            mailFailures.failed(e, "login " + scored.login().id() + " in realm " + realm.getName());
        }
    }

    private static RealmModel bindRealm(KeycloakSession s, String realmId) {
        RealmModel realm = s.realms().getRealm(realmId);
        if (realm != null) {
            s.getContext().setRealm(realm);
        }
        return realm;
    }

    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
