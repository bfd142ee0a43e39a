package dev.vigil.keycloak.riskengine.history;

import java.util.List;

import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.features.ValueHasher;

/** Data access for {@code VIGIL_USER_PROFILE}. Works in the transaction of the session it was made for. */
public interface UserProfileStore {

    /**
     * The user's stored profile, or null when there is none. {@link Stored#profile()} is null when the stored
     * text cannot be read (another format, damaged): the caller rebuilds it and saves it over that version.
     */
    Stored find(String realmId, String userId, ValueHasher hasher);

    /**
     * Stores {@code profile} as the version after {@code version} (0: the user has no row yet).
     *
     * @return the new version
     * @throws ConcurrentProfileUpdate when the row is not at {@code version} any more (or was created
     *                                 meanwhile): someone else scored a login of the user in between
     */
    long save(String realmId, String userId, UserProfile profile, long version, long now);

    /** @return number of rows removed (0 or 1) */
    int deleteByUser(String realmId, String userId);

    /** @return number of rows removed */
    int deleteByRealm(String realmId);

    /** Deletes at most {@code limit} profiles of the realm not updated since {@code before}; returns how many. */
    int deleteNotUpdatedSince(String realmId, long before, int limit);

    /** User ids of the realm's profiles after {@code after} (null: from the start), in order, at most {@code limit}. */
    List<String> userIds(String realmId, String after, int limit);

    /** A stored profile and its version. */
    record Stored(UserProfile profile, long version) {
    }

    /** The profile changed under the caller; the work of the transaction should be done again. */
    class ConcurrentProfileUpdate extends RuntimeException {
        public ConcurrentProfileUpdate(String userId, Throwable cause) {
            super("the Vigil profile of user " + userId + " was updated concurrently", cause);
        }
    }
}
