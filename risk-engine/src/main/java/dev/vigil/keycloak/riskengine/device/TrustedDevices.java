package dev.vigil.keycloak.riskengine.device;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import dev.vigil.keycloak.riskengine.features.UserAgents;
import dev.vigil.keycloak.riskengine.features.ValueHasher;
import dev.vigil.keycloak.riskengine.history.RealmSecrets;
import dev.vigil.keycloak.riskengine.history.VigilTables;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The devices users chose to trust ({@link TrustedDeviceEntity}), in the caller's transaction. A device counts as
 * trusted while its trust has not expired and was given after the user's password was last set: a password reset
 * (by the user, an admin or a required action) thus ends every trust given before it, whatever path changed it.
 */
public final class TrustedDevices {

    /** the purpose of the keyed digest of device ids in this table */
    static final String PURPOSE = "vigil-trusted-device";
    private static final long DAY = 86_400_000L;
    private static final int LABEL_LENGTH = 100;

    private TrustedDevices() {
    }

    /** One trusted device as the admin REST shows it: never the device id or its digest. */
    public record Trusted(String id, String label, long createdAt, long expiresAt) {
    }

    /**
     * Trusts the device for {@code days} from {@code now} (a device trusted before gets the new term).
     *
     * @param deviceId the verified id of Vigil's device cookie (without any prefix)
     */
    public static Trusted trust(KeycloakSession session, RealmModel realm, UserModel user, String deviceId,
            String userAgent, int days, long now) {
        EntityManager em = em(session);
        String hash = hash(session, realm.getId(), deviceId);
        em.createQuery("delete from TrustedDeviceEntity t where t.realmId = :realm and t.userId = :user"
                + " and t.deviceHash = :hash").setParameter("realm", realm.getId()).setParameter("user", user.getId())
                .setParameter("hash", hash).executeUpdate();
        TrustedDeviceEntity e = new TrustedDeviceEntity(UUID.randomUUID().toString(), realm.getId(), user.getId(), hash,
                label(userAgent), now, now + days * DAY);
        em.persist(e);
        return of(e);
    }

    /** Whether the device is trusted by the user now. */
    public static boolean isTrusted(KeycloakSession session, RealmModel realm, UserModel user, String deviceId,
            long now) {
        if (deviceId == null) {
            return false;
        }
        // a plain statement: it runs among the guarded reads of the risk assessment (see GuardedReads)
        EntityManager em = em(session);
        String sql = "SELECT COUNT(*) FROM " + VigilTables.name(em, TrustedDeviceEntity.class, "VIGIL_TRUSTED_DEVICE")
                + " WHERE REALM_ID = ? AND USER_ID = ? AND DEVICE_HASH = ? AND EXPIRES_AT > ? AND CREATED_AT >= ?";
        String hash = hash(session, realm.getId(), deviceId);
        long since = passwordSetAt(user);
        return VigilTables.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, realm.getId());
                ps.setString(2, user.getId());
                ps.setString(3, hash);
                ps.setLong(4, now);
                ps.setLong(5, since);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) > 0;
                }
            }
        });
    }

    /** The devices the user trusts now, newest first. */
    public static List<Trusted> list(KeycloakSession session, RealmModel realm, UserModel user, long now) {
        return em(session).createQuery("select t from TrustedDeviceEntity t where t.realmId = :realm"
                        + " and t.userId = :user and t.expiresAt > :now and t.createdAt >= :since"
                        + " order by t.createdAt desc", TrustedDeviceEntity.class)
                .setParameter("realm", realm.getId()).setParameter("user", user.getId()).setParameter("now", now)
                .setParameter("since", passwordSetAt(user)).setMaxResults(100).getResultStream()
                .map(TrustedDevices::of).toList();
    }

    /** Revokes one trust of the user; false when there is no such trust. */
    public static boolean revoke(KeycloakSession session, String realmId, String userId, String id) {
        return em(session).createQuery("delete from TrustedDeviceEntity t where t.realmId = :realm"
                        + " and t.userId = :user and t.id = :id").setParameter("realm", realmId)
                .setParameter("user", userId).setParameter("id", id).executeUpdate() > 0;
    }

    /** Revokes every trust of the user (also a deleted user's); returns how many rows went. */
    public static int revokeAll(KeycloakSession session, String realmId, String userId) {
        return em(session).createQuery("delete from TrustedDeviceEntity t where t.realmId = :realm"
                + " and t.userId = :user").setParameter("realm", realmId).setParameter("user", userId).executeUpdate();
    }

    public static int deleteByRealm(KeycloakSession session, String realmId) {
        return em(session).createQuery("delete from TrustedDeviceEntity t where t.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }

    /** Deletes the realm's trusts that expired before {@code now} (retention). */
    public static int deleteExpired(KeycloakSession session, String realmId, long now) {
        return em(session).createQuery("delete from TrustedDeviceEntity t where t.realmId = :realm"
                + " and t.expiresAt <= :now").setParameter("realm", realmId).setParameter("now", now).executeUpdate();
    }

    /** When the user's password was last set (0 without a local password): trust older than that is void. */
    static long passwordSetAt(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate).filter(d -> d != null).mapToLong(Long::longValue).max()
                .orElse(0L);
    }

    /** "Firefox on Linux"-style label, never more than the column holds. */
    static String label(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown browser";
        }
        String label = UserAgents.browserOf(userAgent) + " on " + UserAgents.osOf(userAgent);
        return label.length() > LABEL_LENGTH ? label.substring(0, LABEL_LENGTH) : label;
    }

    private static String hash(KeycloakSession session, String realmId, String deviceId) {
        ValueHasher hasher = RealmSecrets.hasher(session, realmId, PURPOSE);
        return hasher.hash(deviceId);
    }

    private static Trusted of(TrustedDeviceEntity e) {
        return new Trusted(e.id(), e.label(), e.createdAt(), e.expiresAt());
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
