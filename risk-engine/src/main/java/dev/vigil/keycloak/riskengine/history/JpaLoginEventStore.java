package dev.vigil.keycloak.riskengine.history;

import java.util.List;
import java.util.Locale;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/** {@link LoginEventStore} on Keycloak's JPA connection; every query is bounded by realm and page. */
public class JpaLoginEventStore implements LoginEventStore {

    private final EntityManager em;

    public JpaLoginEventStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(LoginRecord record) {
        em.persist(LoginEventEntity.from(record.clipped()));
    }

    @Override
    public List<LoginRecord> list(String realmId, LoginEventQuery q) {
        StringBuilder jpql = new StringBuilder("select e from LoginEventEntity e where e.realmId = :realm");
        if (q.fromMillis() != null) {
            jpql.append(" and e.time >= :from");
        }
        if (q.toMillis() != null) {
            jpql.append(" and e.time < :to");
        }
        if (q.user() != null) {
            jpql.append(" and (e.userId = :user or e.username = :username)");
        }
        if (q.type() != null) {
            jpql.append(" and e.type = :type");
        }
        jpql.append(" order by e.time desc, e.id desc");

        TypedQuery<LoginEventEntity> query = em.createQuery(jpql.toString(), LoginEventEntity.class)
                .setParameter("realm", realmId);
        if (q.fromMillis() != null) {
            query.setParameter("from", q.fromMillis());
        }
        if (q.toMillis() != null) {
            query.setParameter("to", q.toMillis());
        }
        if (q.user() != null) {
            query.setParameter("user", q.user());
            query.setParameter("username", q.user().toLowerCase(Locale.ROOT));
        }
        if (q.type() != null) {
            query.setParameter("type", q.type());
        }
        return query.setFirstResult(q.first()).setMaxResults(q.max())
                .getResultStream().map(LoginEventEntity::toRecord).toList();
    }

    @Override
    public int deleteByUser(String realmId, String userId, String username) {
        return em.createQuery("delete from LoginEventEntity e where e.realmId = :realm"
                        + " and (e.userId = :user or (e.userId is null and e.username = :username))")
                .setParameter("realm", realmId).setParameter("user", userId)
                .setParameter("username", username == null ? "" : username.toLowerCase(Locale.ROOT))
                .executeUpdate();
    }

    @Override
    public int deleteByRealm(String realmId) {
        return em.createQuery("delete from LoginEventEntity e where e.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }
}
