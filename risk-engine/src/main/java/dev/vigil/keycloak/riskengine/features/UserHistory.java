package dev.vigil.keycloak.riskengine.features;

/**
 * What the store knows about a user before a login.
 *
 * @param profile         the user's earlier successful logins, summarised
 * @param since           the start of the realm's history window for this login: what was last seen before
 *                        it counts as never seen
 * @param userFailures1h  failed logins of this user in the hour before
 * @param ipFailures1h    failed logins from this IP (any user) in the hour before
 */
public record UserHistory(UserProfile profile, long since, int userFailures1h, int ipFailures1h) {

    /** A user with no earlier login and no failures. */
    public static UserHistory empty() {
        return new UserHistory(UserProfile.empty(), Long.MIN_VALUE, 0, 0);
    }
}
