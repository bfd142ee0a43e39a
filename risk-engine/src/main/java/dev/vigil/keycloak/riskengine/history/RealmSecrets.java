package dev.vigil.keycloak.riskengine.history;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.vigil.keycloak.riskengine.features.ValueHasher;
import jakarta.persistence.EntityManager;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Each realm's Vigil secret (see {@link RealmSecretEntity}), read once per node and kept in memory. A realm
 * without one gets it in a transaction of its own, so that two nodes creating it at once agree on the one
 * that was stored first (the other's insert fails on the key and it reads the stored one).
 */
public final class RealmSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private RealmSecrets() {
    }

    /** Whether this node holds the realm's secret already (a hasher then reads nothing). */
    public static boolean isCached(String realmId) {
        return CACHE.containsKey(realmId);
    }

    /** The hasher of {@code purpose} ({@link ValueHasher#PROFILE}, {@link ValueHasher#USERNAME}) for the realm. */
    public static ValueHasher hasher(KeycloakSession session, String realmId, String purpose) {
        return new ValueHasher(secret(session, realmId), purpose);
    }

    static byte[] secret(KeycloakSession session, String realmId) {
        byte[] cached = CACHE.get(realmId);
        if (cached != null) {
            return cached;
        }
        byte[] secret = read(em(session), realmId);
        if (secret == null) {
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> {
                    EntityManager em = em(s);
                    if (read(em, realmId) == null) {
                        byte[] fresh = new byte[32];
                        RANDOM.nextBytes(fresh);
                        em.persist(new RealmSecretEntity(realmId, Base64.getEncoder().encodeToString(fresh),
                                Time.currentTimeMillis()));
                    }
                });
            } catch (RuntimeException e) {
                // most likely another node stored one meanwhile: read it below
            }
            secret = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> read(em(s), realmId));
            if (secret == null) {
                throw new IllegalStateException("no Vigil secret could be stored for realm " + realmId);
            }
        }
        CACHE.put(realmId, secret);
        return secret;
    }

    /** Deletes the realm's secret (in the caller's transaction) and forgets it on this node. */
    public static void delete(KeycloakSession session, String realmId) {
        em(session).createQuery("delete from RealmSecretEntity s where s.realmId = :realm").setParameter("realm", realmId)
                .executeUpdate();
        CACHE.remove(realmId);
    }

    private static byte[] read(EntityManager em, String realmId) {
        RealmSecretEntity e = em.find(RealmSecretEntity.class, realmId);
        return e == null ? null : Base64.getDecoder().decode(e.secret());
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
