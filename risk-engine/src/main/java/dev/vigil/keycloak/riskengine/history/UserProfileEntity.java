package dev.vigil.keycloak.riskengine.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One user's profile of earlier logins ({@code VIGIL_USER_PROFILE}, see
 * {@link dev.vigil.keycloak.riskengine.features.UserProfile}). Keycloak user ids are unique across realms, so the
 * user id is the key; the realm id is there for deleting a realm's rows. Read and written by
 * {@link ProfileStatements} in plain JDBC; the entity maps the table (name, schema) and serves the bulk deletes.
 */
@Entity
@Table(name = "VIGIL_USER_PROFILE")
public class UserProfileEntity {

    @Id
    @Column(name = "USER_ID", length = 255)
    private String userId;
    @Column(name = "REALM_ID", nullable = false)
    private String realmId;
    @Column(name = "PROFILE_VERSION", nullable = false)
    private long version;
    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;
    @Column(name = "PROFILE_DATA", nullable = false, length = 4000)
    private String data;

    protected UserProfileEntity() {
    }
}
