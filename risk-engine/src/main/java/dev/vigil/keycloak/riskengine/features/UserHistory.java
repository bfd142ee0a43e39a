package dev.vigil.keycloak.riskengine.features;

import java.util.List;

/**
 * What the store knows about a user before a login: bounded, newest first.
 *
 * @param successes       previous successful logins (last N within the realm's history window)
 * @param userFailures1h  failed logins of this user in the hour before
 * @param ipFailures1h    failed logins from this IP (any user) in the hour before
 */
public record UserHistory(List<PastLogin> successes, int userFailures1h, int ipFailures1h) {

    public static final UserHistory EMPTY = new UserHistory(List.of(), 0, 0);

    public boolean isFirstLogin() {
        return successes.isEmpty();
    }

    public boolean hasSeenDevice(String deviceId) {
        return deviceId != null && successes.stream().anyMatch(p -> deviceId.equals(p.deviceId()));
    }
}
