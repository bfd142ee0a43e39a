package dev.vigil.keycloak.riskengine.history;

/**
 * Filters and page for listing recorded events of one realm, newest first. Null filters match all.
 *
 * @param fromMillis inclusive lower bound on the event time (epoch ms), or null
 * @param toMillis   exclusive upper bound on the event time (epoch ms), or null
 * @param user       a user id or an attempted username, or null
 * @param type       an event type name, or null
 * @param first      offset of the page, ≥ 0
 * @param max        page size, ≥ 1
 */
public record LoginEventQuery(Long fromMillis, Long toMillis, String user, String type, int first, int max) {

    public LoginEventQuery {
        if (first < 0) {
            throw new IllegalArgumentException("first must be >= 0");
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1");
        }
    }
}
