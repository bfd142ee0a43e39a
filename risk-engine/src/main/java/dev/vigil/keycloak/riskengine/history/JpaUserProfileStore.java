package dev.vigil.keycloak.riskengine.history;

import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.features.ValueHasher;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/** {@link UserProfileStore} on Keycloak's JPA connection. */
public class JpaUserProfileStore implements UserProfileStore {

    private final EntityManager em;

    public JpaUserProfileStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public Stored find(String realmId, String userId, ValueHasher hasher) {
        String table = VigilTables.profiles(em);
        return VigilTables.work(em, c -> ProfileStatements.find(c, table, userId, hasher));
    }

    @Override
    public long save(String realmId, String userId, UserProfile profile, long version, long now) {
        String table = VigilTables.profiles(em);
        long saved;
        try {
            saved = VigilTables.work(em,
                    c -> ProfileStatements.save(c, table, realmId, userId, profile, version, now));
        } catch (PersistenceException e) {
            if (version == 0) {
                throw new ConcurrentProfileUpdate(userId, e); // most likely created meanwhile
            }
            throw e;
        }
        if (saved < 0) {
            throw new ConcurrentProfileUpdate(userId, null);
        }
        return saved;
    }

    @Override
    public int deleteByUser(String realmId, String userId) {
        return em.createQuery("delete from UserProfileEntity p where p.realmId = :realm and p.userId = :user")
                .setParameter("realm", realmId).setParameter("user", userId).executeUpdate();
    }

    @Override
    public int deleteNotUpdatedSince(String realmId, long before, int limit) {
        java.util.List<String> ids = em.createQuery("select p.userId from UserProfileEntity p where p.realmId = :realm"
                        + " and p.updatedAt < :before", String.class)
                .setParameter("realm", realmId).setParameter("before", before).setMaxResults(limit).getResultList();
        return ids.isEmpty() ? 0 : em.createQuery("delete from UserProfileEntity p where p.userId in :ids")
                .setParameter("ids", ids).executeUpdate();
    }

    @Override
    public int deleteByRealm(String realmId) {
        return em.createQuery("delete from UserProfileEntity p where p.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }

    @Override
    public java.util.List<String> userIds(String realmId, String after, int limit) {
        return em.createQuery("select p.userId from UserProfileEntity p where p.realmId = :realm"
                        + " and p.userId > :after order by p.userId", String.class)
                .setParameter("realm", realmId).setParameter("after", after == null ? "" : after)
                .setMaxResults(limit).getResultList();
    }
}
