package dev.vigil.keycloak.eventlistener.scoring;

import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.eventlistener.alerts.LoginAlerts;
import dev.vigil.keycloak.eventlistener.alerts.MailQueue;
import dev.vigil.keycloak.eventlistener.actions.ResponseActions;
import dev.vigil.keycloak.eventlistener.support.FailureLog;
import dev.vigil.keycloak.riskengine.history.LoginStatus;
import dev.vigil.keycloak.riskengine.scoring.ActionGate;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.history.UserProfileStore;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Scores recorded logins off the request path: after the login's transaction completes, the row id goes
 * to a bounded queue. A worker takes the logins arriving within {@link #LINGER_MILLIS} (at most
 * {@link #MAX_BATCH}), scores them and applies the realm's policy in one transaction per realm, and sends
 * alert e-mails, if any are due, afterwards. Under load this spreads a transaction's fixed cost over many
 * logins. Alert e-mails are handed to a {@link MailQueue} and sent on its own threads. If a batch fails, its logins
 * are retried one by one, so one bad row does not hold up the others.
 * Nothing here can fail or slow a login: a full queue or any error leaves the row {@code NEW}, and the
 * recovery task scores it later.
 */
public class ScoringService {

    private static final Logger LOG = Logger.getLogger(ScoringService.class);
    /** logins scored in one transaction at most */
    static final int MAX_BATCH = 50;
    /** how long a worker that has a login waits for more to score with it */
    static final long LINGER_MILLIS = 200;

    private final KeycloakSessionFactory factory;
    private final BatchQueue<Pending> queue;
    private final FailureLog scoringFailures = new FailureLog(LOG, "scoring logins");
    private final FailureLog mailFailures = new FailureLog(LOG, "sending login alerts");
    private final MailQueue mail;
    /** per realm, the server's public base URI as the realm's last recorded login saw it: for e-mail links */
    private final java.util.Map<String, java.net.URI> baseUris = new java.util.concurrent.ConcurrentHashMap<>();

    public ScoringService(KeycloakSessionFactory factory, int threads, int queueSize, MailQueue mail) {
        this.factory = factory;
        this.mail = mail;
        this.queue = new BatchQueue<>("vigil-scoring", threads, queueSize, MAX_BATCH, LINGER_MILLIS, this::run);
        VigilMetrics.scoringQueue(queue::size, () -> {
            Pending oldest = queue.peek();
            return oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest.queuedAt());
        });
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

    /**
     * Queues a login for scoring; never throws.
     *
     * @return false when the login was not queued (queue full or closed)
     */
    public boolean submit(String realmId, String loginId) {
        try {
            if (queue.offer(new Pending(realmId, loginId, System.currentTimeMillis()))) {
                return true;
            }
            LOG.debugf("Vigil scoring queue full; login %s waits for the recovery task", loginId);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Vigil could not queue login %s", loginId);
        }
        return false;
    }

    private record Pending(String realmId, String loginId, long queuedAt) {
    }

    /**
     * One transaction per realm of the batch; a failed batch is retried one login at a time, and a login whose
     * user's profile another transaction updated meanwhile once more.
     */
    void run(List<Pending> batch) {
        Map<String, List<String>> byRealm = new LinkedHashMap<>();
        batch.forEach(p -> byRealm.computeIfAbsent(p.realmId(), r -> new ArrayList<>()).add(p.loginId()));
        byRealm.forEach((realmId, loginIds) -> {
            if (loginIds.size() == 1) {
                scoreAgainOnConflict(realmId, loginIds);
            } else if (score(realmId, loginIds) != Outcome.DONE) {
                loginIds.forEach(id -> scoreAgainOnConflict(realmId, List.of(id)));
            }
        });
    }

    private void scoreAgainOnConflict(String realmId, List<String> loginIds) {
        if (score(realmId, loginIds) == Outcome.CONFLICT) {
            score(realmId, loginIds);
        }
    }

    enum Outcome {
        DONE,
        /** another transaction updated a user's profile meanwhile: nothing is wrong, the work is to be redone */
        CONFLICT,
        FAILED
    }

    /**
     * Scores and acts in one transaction (the actions and their records commit with the scores, or the rows
     * stay NEW for the recovery task); e-mails, when there are any to send, go out afterwards.
     *
     * @return {@link Outcome#DONE} when the transaction committed
     */
    private Outcome score(String realmId, List<String> loginIds) {
        List<Scored> alerts;
        // counted once the scores committed: a transaction redone after a profile conflict scores its logins again
        List<Runnable> meters = new ArrayList<>();
        long started = System.nanoTime();
        try {
            alerts = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
                RealmModel realm = bindRealm(s, realmId);
                if (realm == null) {
                    return List.<Scored>of();
                }
                RiskEngine engine = s.getProvider(RiskEngine.class);
                VigilRealmSettings settings = VigilRealmSettings.of(realm);
                boolean canSend = LoginAlerts.canSend(realm);
                List<Scored> due = new ArrayList<>();
                engine.score(realm, settings, loginIds, row -> {
                    String realmName = realm.getName();
                    long lag = Time.currentTimeMillis() - row.login().time();
                    meters.add(() -> VigilMetrics.scored(realmName, String.valueOf(row.modelKind()),
                            row.status() == LoginStatus.FLAGGED, lag));
                    String action = null;
                    if (row.status() == LoginStatus.FLAGGED) {
                        // a response without effect (policy NONE) was stored with the score
                        action = row.actionTaken();
                        if (action == null) {
                            action = withinHourlyLimit(engine, realmId, settings)
                                    ? ResponseActions.apply(s, realm, row, settings.action(), settings.dryRun())
                                    : ActionGate.Withheld.RATE_LIMIT.actionTaken();
                            engine.loginEvents().recordAction(row.login().id(), action, settings.dryRun());
                        }
                    }
                    if (canSend && alertsDue(row, settings, action)) {
                        due.add(new Scored(row, action));
                    }
                });
                return due;
            });
            scoringFailures.succeeded();
            meters.forEach(Runnable::run);
            VigilMetrics.scoringBatch(System.nanoTime() - started, true);
        } catch (UserProfileStore.ConcurrentProfileUpdate e) {
            VigilMetrics.scoringBatch(System.nanoTime() - started, false);
            LOG.debugf("Vigil: %s; scoring %d logins of realm %s again", e.getMessage(), loginIds.size(), realmId);
            return Outcome.CONFLICT;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            VigilMetrics.scoringBatch(System.nanoTime() - started, false);
            // the Errors one row or one model can cause: a batch that throws one is retried login by login like any
            // other, so its other logins are not held up (and do not use up their attempts) with it. Others
            // (OutOfMemoryError) go to the queue's worker.
            if (loginIds.size() == 1) {
                scoringFailures.failed(e, "login " + loginIds.get(0) + " in realm " + realmId);
            } else {
                LOG.debugf(e, "Vigil: scoring %d logins of realm %s together failed; one by one now", loginIds.size(),
                        realmId);
            }
            return Outcome.FAILED;
        }
        // e-mails go to their own bounded queue: a realm whose SMTP server hangs never holds up scoring
        alerts.forEach(scored -> mail.submit(realmId, () -> alert(realmId, scored)));
        return Outcome.DONE;
    }

    /**
     * Whether the realm may take one more automatic action this hour ({@code maxActionsPerHour}): a burst of
     * flags — a bad model, a mass event — revokes or disables a bounded number of users, then only alerts.
     */
    private static boolean withinHourlyLimit(RiskEngine engine, String realmId, VigilRealmSettings settings) {
        long hourAgo = Time.currentTimeMillis() - 3_600_000L;
        return engine.loginEvents().actionsSince(realmId, hourAgo, ActionGate.counted()) < settings.maxActionsPerHour();
    }

    private record Scored(StoredLogin row, String action) {
    }

    /** Most logins are neither flagged nor from a new device, or the realm has no SMTP: no second transaction. */
    private static boolean alertsDue(StoredLogin row, VigilRealmSettings settings, String action) {
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
                sent = LoginAlerts.newDevice(s, realm, user, scored, settings, baseUris.get(realm.getId()));
            }
            if (action != null && settings.notifyAdmins()) {
                sent |= !LoginAlerts.flagged(s, realm, user, scored, settings, action).isEmpty();
            }
            if (sent) {
                mailFailures.succeeded();
                VigilMetrics.alertMail("sent");
            }
        } catch (Exception e) {
            mailFailures.failed(e, "login " + scored.login().id() + " in realm " + realm.getName());
            VigilMetrics.alertMail("failed");
        }
    }

    private static RealmModel bindRealm(KeycloakSession s, String realmId) {
        RealmModel realm = s.realms().getRealm(realmId);
        if (realm != null) {
            s.getContext().setRealm(realm);
        }
        return realm;
    }

    /** Remembers the realm's public base URI (from a login request) for the links of its e-mails. */
    public void noteBaseUri(String realmId, java.net.URI baseUri) {
        if (baseUri != null && realmId != null) {
            baseUris.put(realmId, baseUri);
        }
    }

    /**
     * The admins' alert about a login its user reported as not theirs ("This wasn't me"), sent on the mail threads
     * like every alert.
     */
    public void alertUserReport(String realmId, String loginId) {
        mail.submit(realmId, () -> {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> {
                    RealmModel realm = bindRealm(s, realmId);
                    var row = realm == null ? null
                            : s.getProvider(RiskEngine.class).loginEvents().find(realmId, loginId).orElse(null);
                    if (row == null) {
                        return;
                    }
                    UserModel user = row.login().userId() == null ? null
                            : s.users().getUserById(realm, row.login().userId());
                    try {
                        if (!LoginAlerts.reportedByUser(s, realm, user, row, VigilRealmSettings.of(realm)).isEmpty()) {
                            mailFailures.succeeded();
                        }
                    } catch (Exception e) {
                        mailFailures.failed(e, "user report of login " + loginId + " in realm " + realm.getName());
                    }
                });
            } catch (RuntimeException e) {
                mailFailures.failed(e, "user report of login " + loginId + " in realm " + realmId);
            }
        });
    }

    public void close() {
        queue.close(5_000);
        mail.close();
    }
}
