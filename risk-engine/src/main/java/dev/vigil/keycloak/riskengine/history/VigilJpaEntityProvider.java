package dev.vigil.keycloak.riskengine.history;

import java.util.List;

import dev.vigil.keycloak.riskengine.device.TrustedDeviceEntity;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Declares Vigil's JPA entities and the Liquibase changelog that creates their tables. */
public class VigilJpaEntityProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/vigil/vigil-changelog-master.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(LoginEventEntity.class, ModelEntity.class, UserProfileEntity.class, RealmSecretEntity.class,
                TrustedDeviceEntity.class, RollupQuarterEntity.class, RollupTallyEntity.class, RollupMarkEntity.class,
                RollupDirtyEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return VigilJpaEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
