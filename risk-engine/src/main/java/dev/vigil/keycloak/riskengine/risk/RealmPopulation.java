package dev.vigil.keycloak.riskengine.risk;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.vigil.keycloak.riskengine.features.LoginAttribute;
import dev.vigil.keycloak.riskengine.features.UserAgents;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The realm's population for the likelihood signal, counted on this node from the realm's successful login rows
 * of the last {@value #DAYS} days (GROUP BY in the database, the {@value #TOP} most common values of each
 * attribute) and kept for {@value #REFRESH_MINUTES} minutes. A background thread does the counting; no login waits
 * for it (the likelihood is silent on a node until its first count is in). Values outside the top count as unseen
 * (smoothed).
 */
public final class RealmPopulation implements Population {

    private static final Logger LOG = Logger.getLogger(RealmPopulation.class);
    static final int DAYS = 180;
    static final int TOP = 5000;
    static final int REFRESH_MINUTES = 10;
    private static final Map<String, RealmPopulation> BY_REALM = new ConcurrentHashMap<>();
    /** realms whose counts are being read now (on this node) */
    private static final Set<String> REFRESHING = ConcurrentHashMap.newKeySet();
    private static final ExecutorService REFRESHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-population");
        t.setDaemon(true);
        return t;
    });

    private final long loadedAt;
    private final long logins;
    private final Map<LoginAttribute, Map<String, Long>> counts;

    private RealmPopulation(long loadedAt, long logins, Map<LoginAttribute, Map<String, Long>> counts) {
        this.loadedAt = loadedAt;
        this.logins = logins;
        this.counts = counts;
    }

    /**
     * The realm's counts as last read; {@link Population#NONE} until they were read once. Reading them (GROUP BY over
     * the realm's recent rows) never happens on a login's request path: when they are missing or stale, one background
     * thread per node reads them again in a transaction of its own, and logins use what is there meanwhile.
     */
    public static Population of(KeycloakSession session, RealmModel realm) {
        long now = Time.currentTimeMillis();
        String realmId = realm.getId();
        RealmPopulation current = BY_REALM.get(realmId);
        if ((current == null || now - current.loadedAt >= REFRESH_MINUTES * 60_000L) && REFRESHING.add(realmId)) {
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            String realmName = realm.getName();
            try {
                REFRESHER.execute(() -> {
                    try {
                        BY_REALM.put(realmId, KeycloakModelUtils.runJobInTransactionWithResult(factory, s ->
                                load(s.getProvider(JpaConnectionProvider.class).getEntityManager(), realmId,
                                        Time.currentTimeMillis())));
                    } catch (RuntimeException e) {
                        LOG.debugf(e, "Vigil could not count the population of realm %s", realmName);
                    } finally {
                        REFRESHING.remove(realmId);
                    }
                });
            } catch (RuntimeException e) {
                REFRESHING.remove(realmId);
            }
        }
        return current == null ? Population.NONE : current;
    }

    /** Forgets a realm's counts (realm removed, tests). */
    public static void forget(String realmId) {
        BY_REALM.remove(realmId);
    }

    static RealmPopulation load(EntityManager em, String realmId, long now) {
        long since = now - DAYS * 86_400_000L;
        Map<LoginAttribute, Map<String, Long>> counts = new EnumMap<>(LoginAttribute.class);
        long total = em.createQuery("select count(e) from LoginEventEntity e where e.realmId = :realm and e.type = :type"
                        + " and e.time >= :since", Long.class)
                .setParameter("realm", realmId).setParameter("type", EventType.LOGIN.name()).setParameter("since", since)
                .getSingleResult();
        counts.put(LoginAttribute.IP, top(em, "ipAddress", realmId, since));
        // the location GeoIP gave each row when it was recorded: absent (left out of the likelihood) without GeoIP
        Map<String, Long> countries = top(em, "country", realmId, since);
        if (!countries.isEmpty()) {
            counts.put(LoginAttribute.COUNTRY, countries);
        }
        Map<String, Long> asns = new HashMap<>();
        em.createQuery("select e.asn, count(e) from LoginEventEntity e where e.realmId = :realm and e.type = :type"
                        + " and e.time >= :since and e.asn is not null group by e.asn order by count(e) desc", Object[].class)
                .setParameter("realm", realmId).setParameter("type", EventType.LOGIN.name()).setParameter("since", since)
                .setMaxResults(TOP).getResultStream()
                .forEach(r -> asns.put("AS" + ((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        if (!asns.isEmpty()) {
            counts.put(LoginAttribute.ASN, asns);
        }
        Map<String, Long> agents = top(em, "userAgent", realmId, since);
        counts.put(LoginAttribute.USER_AGENT, agents);
        Map<String, Long> browsers = new HashMap<>();
        Map<String, Long> oses = new HashMap<>();
        Map<String, Long> types = new HashMap<>();
        agents.forEach((ua, n) -> {
            browsers.merge(UserAgents.browserOf(ua), n, Long::sum);
            oses.merge(UserAgents.osOf(ua), n, Long::sum);
            types.merge(UserAgents.deviceTypeOf(ua), n, Long::sum);
        });
        counts.put(LoginAttribute.BROWSER, browsers);
        counts.put(LoginAttribute.OS, oses);
        counts.put(LoginAttribute.DEVICE_TYPE, types);
        return new RealmPopulation(now, total, counts);
    }

    private static Map<String, Long> top(EntityManager em, String field, String realmId, long since) {
        Map<String, Long> m = new HashMap<>();
        em.createQuery("select e." + field + ", count(e) from LoginEventEntity e where e.realmId = :realm"
                        + " and e.type = :type and e.time >= :since and e." + field + " is not null group by e." + field
                        + " order by count(e) desc", Object[].class)
                .setParameter("realm", realmId).setParameter("type", EventType.LOGIN.name()).setParameter("since", since)
                .setMaxResults(TOP).getResultStream().forEach(r -> m.put((String) r[0], ((Number) r[1]).longValue()));
        return m;
    }

    @Override
    public long logins() {
        return logins;
    }

    @Override
    public long count(LoginAttribute attribute, String value) {
        Map<String, Long> m = counts.get(attribute);
        return m == null || value == null ? 0 : m.getOrDefault(value, 0L);
    }

    /** Country and ASN are counted only when the realm's rows carry them (GeoIP configured when they were recorded). */
    @Override
    public boolean counts(LoginAttribute attribute) {
        return counts.containsKey(attribute);
    }

    @Override
    public long distinct(LoginAttribute attribute) {
        Map<String, Long> m = counts.get(attribute);
        return m == null ? 0 : m.size();
    }
}
