package dev.vigil.keycloak.riskengine.history;

import java.util.Optional;

import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.model.ModelCodec;
import dev.vigil.keycloak.riskengine.model.ModelInfo;
import jakarta.persistence.EntityManager;
import org.keycloak.models.utils.KeycloakModelUtils;

public class JpaModelStore implements ModelStore {

    /** stored versions kept per realm (a model is a few MB); older ones are deleted on save */
    static final int KEEP_VERSIONS = 5;

    private final EntityManager em;

    public JpaModelStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public long latestVersion(String realmId) {
        Long v = em.createQuery("select max(m.version) from ModelEntity m where m.realmId = :realm", Long.class)
                .setParameter("realm", realmId).getSingleResult();
        return v == null ? 0 : v;
    }

    @Override
    public long latestTrainedAt(String realmId) {
        Long t = em.createQuery("select max(m.trainedAt) from ModelEntity m where m.realmId = :realm", Long.class)
                .setParameter("realm", realmId).getSingleResult();
        return t == null ? -1 : t;
    }

    @Override
    public Optional<StoredModel> latest(String realmId) {
        return em.createQuery("select m from ModelEntity m where m.realmId = :realm order by m.version desc",
                        ModelEntity.class)
                .setParameter("realm", realmId).setMaxResults(1).getResultStream().findFirst()
                .map(m -> new StoredModel(m.info(), m.data()));
    }

    @Override
    public AnomalyModel save(String realmId, AnomalyModel model) {
        ModelInfo i = model.info();
        ModelInfo versioned = new ModelInfo(latestVersion(realmId) + 1, i.kind(), i.trainedAt(), i.samples(),
                i.threshold(), i.contamination(), i.parameters());
        AnomalyModel stored = model.withInfo(versioned);
        em.persist(new ModelEntity(KeycloakModelUtils.generateId(), realmId, versioned, ModelCodec.FORMAT,
                ModelCodec.encode(stored)));
        em.flush();
        em.createQuery("delete from ModelEntity m where m.realmId = :realm and m.version <= :old")
                .setParameter("realm", realmId).setParameter("old", versioned.version() - KEEP_VERSIONS)
                .executeUpdate();
        return stored;
    }

    @Override
    public int deleteTrainedBefore(String realmId, long before) {
        long newest = latestVersion(realmId);
        return em.createQuery("delete from ModelEntity m where m.realmId = :realm and m.trainedAt < :before"
                        + " and m.version < :newest")
                .setParameter("realm", realmId).setParameter("before", before).setParameter("newest", newest)
                .executeUpdate();
    }

    @Override
    public int deleteByRealm(String realmId) {
        return em.createQuery("delete from ModelEntity m where m.realmId = :realm").setParameter("realm", realmId)
                .executeUpdate();
    }
}
