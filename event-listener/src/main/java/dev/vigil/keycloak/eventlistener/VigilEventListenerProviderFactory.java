package dev.vigil.keycloak.eventlistener;

import java.util.List;

import dev.vigil.keycloak.eventlistener.cleanup.VigilDataCleanup;
import dev.vigil.keycloak.eventlistener.recording.LoginRecorder;
import dev.vigil.keycloak.eventlistener.alerts.MailQueue;
import dev.vigil.keycloak.eventlistener.retention.RetentionTask;
import dev.vigil.keycloak.eventlistener.rollup.RollupTask;
import dev.vigil.keycloak.eventlistener.scoring.RecoveryTask;
import dev.vigil.keycloak.eventlistener.scoring.ScoringService;
import dev.vigil.keycloak.eventlistener.training.RetrainTask;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * The {@code vigil} event listener. Not global: a realm opts in by adding {@code vigil} to
 * Realm settings → Events → Event listeners. Data clean-up on user/realm removal is registered for
 * every realm, opted in or not. Server-wide options ({@code --spi-events-listener--vigil--<name>}):
 * see {@link #getConfigMetadata()}.
 */
public class VigilEventListenerProviderFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "vigil";
    private static final Logger LOG = Logger.getLogger(VigilEventListenerProviderFactory.class);

    static final String SCORING_THREADS = "scoring-threads";
    static final String SCORING_QUEUE = "scoring-queue-size";
    static final String RETRAIN_MINUTES = "retrain-interval-minutes";
    static final String RECOVERY_SECONDS = "recovery-interval-seconds";
    static final String RECOVERY_GRACE_SECONDS = "recovery-grace-seconds";
    static final String RETENTION_SECONDS = "retention-interval-seconds";
    static final String ROLLUP_SECONDS = "rollup-interval-seconds";
    static final String MAIL_THREADS = "mail-threads";
    static final String MAIL_PER_REALM_PER_HOUR = "mail-per-realm-per-hour";

    private int threads;
    private int queueSize;
    private long retrainMillis;
    private long recoveryMillis;
    private long recoveryGraceMillis;
    private long retentionMillis;
    private long rollupMillis;
    private int mailThreads;
    private int mailPerRealmPerHour;
    private LoginRecorder recorder;
    private ScoringService scoring;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new VigilEventListenerProvider(session, recorder, scoring);
    }

    @Override
    public void init(Config.Scope config) {
        threads = Math.max(1, config.getInt(SCORING_THREADS, 2));
        queueSize = Math.max(100, config.getInt(SCORING_QUEUE, 10_000));
        retrainMillis = Math.max(1L, config.getLong(RETRAIN_MINUTES, 360L)) * 60_000;
        recoveryMillis = Math.max(1L, config.getLong(RECOVERY_SECONDS, 300L)) * 1000;
        recoveryGraceMillis = Math.max(0L, config.getLong(RECOVERY_GRACE_SECONDS, 60L)) * 1000;
        retentionMillis = Math.max(1L, config.getLong(RETENTION_SECONDS, 3600L)) * 1000;
        rollupMillis = Math.max(1L, config.getLong(ROLLUP_SECONDS, 120L)) * 1000;
        mailThreads = Math.max(1, config.getInt(MAIL_THREADS, 2));
        mailPerRealmPerHour = Math.max(1, config.getInt(MAIL_PER_REALM_PER_HOUR, 200));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        recorder = new LoginRecorder(factory);
        scoring = new ScoringService(factory, threads, queueSize,
                new MailQueue(mailThreads, 1_000, 50, mailPerRealmPerHour));
        factory.register(new VigilDataCleanup());
        schedule(factory, new RecoveryTask(scoring, recoveryGraceMillis), 10_000, recoveryMillis);
        schedule(factory, new RetrainTask(retrainMillis), retrainMillis, retrainMillis);
        schedule(factory, new RetentionTask(), Math.min(retentionMillis, 60_000), retentionMillis);
        schedule(factory, new RollupTask(), Math.min(rollupMillis, 30_000), rollupMillis);
    }

    private static void schedule(KeycloakSessionFactory factory, ScheduledTask task, long initialDelay, long interval) {
        try (KeycloakSession session = factory.create()) {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory, task, interval), initialDelay, interval,
                    task.getTaskName());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Vigil could not schedule %s", task.getTaskName());
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(SCORING_THREADS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(2)
                .helpText("Threads scoring logins after they commit.").add()
                .property().name(SCORING_QUEUE).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(10_000)
                .helpText("Logins waiting for scoring before new ones are left to the recovery task.").add()
                .property().name(RETRAIN_MINUTES).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(360)
                .helpText("How often realm models are retrained (one node per interval).").add()
                .property().name(RECOVERY_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(300)
                .helpText("How often unscored logins are looked for.").add()
                .property().name(RECOVERY_GRACE_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(60)
                .helpText("Age at which an unscored login counts as left behind.").add()
                .property().name(MAIL_THREADS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(2)
                .helpText("Threads sending alert e-mails (never the scoring threads); at most 50 wait per realm.").add()
                .property().name(MAIL_PER_REALM_PER_HOUR).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(200)
                .helpText("Alert e-mails sent per realm and hour at most; more are dropped and logged once.").add()
                .property().name(RETENTION_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(3600)
                .helpText("How often each realm's retention (retentionDays, unknownUsernameDays) is enforced"
                        + " (one node per interval).").add()
                .property().name(ROLLUP_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(120)
                .helpText("How often the console dashboard's hourly counts are brought up to date (one node per"
                        + " interval); deleted users leave the counts within one interval.").add()
                .build();
    }

    /** The node's scoring service (its mail threads send the alerts of the e-mail links' handler too). */
    public ScoringService scoring() {
        return scoring;
    }

    @Override
    public void close() {
        if (scoring != null) {
            scoring.close();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
