package dev.vigil.keycloak.riskengine.history;

import java.util.List;

/** Data access for {@code VIGIL_LOGIN_EVENT}. Works in the transaction of the session it was made for. */
public interface LoginEventStore {

    void add(LoginRecord record);

    /** Events of a realm matching the query, newest first. */
    List<LoginRecord> list(String realmId, LoginEventQuery query);

    /**
     * Removes a user's rows: those with their id, and failed attempts recorded under their username
     * without a user id.
     *
     * @return number of rows removed
     */
    int deleteByUser(String realmId, String userId, String username);

    /** @return number of rows removed */
    int deleteByRealm(String realmId);
}
