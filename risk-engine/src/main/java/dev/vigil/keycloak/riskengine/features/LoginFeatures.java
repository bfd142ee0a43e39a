package dev.vigil.keycloak.riskengine.features;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.vigil.keycloak.riskengine.history.LoginRecord;

/** Builds the feature vector of a login from the login itself and the user's profile of earlier logins. */
public final class LoginFeatures {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    /** hours-since-last when there is no previous login: one year */
    private static final double NO_PREVIOUS_HOURS = 24 * 365;
    /** time since the previous login given to a user's first login: a day, neither long nor short */
    private static final double FIRST_LOGIN_HOURS = 24;

    private LoginFeatures() {
    }

    public static double[] of(LoginRecord login, UserHistory history, int activeSessions, ZoneId zone) {
        double[] x = new double[Feature.COUNT];
        ZonedDateTime t = Instant.ofEpochMilli(login.time()).atZone(zone);

        double hour = t.getHour() + t.getMinute() / 60.0;
        x[Feature.HOUR_SIN.ordinal()] = Math.sin(2 * Math.PI * hour / 24);
        x[Feature.HOUR_COS.ordinal()] = Math.cos(2 * Math.PI * hour / 24);
        double day = t.getDayOfWeek().getValue() - 1 + hour / 24;
        x[Feature.DAY_SIN.ordinal()] = Math.sin(2 * Math.PI * day / 7);
        x[Feature.DAY_COS.ordinal()] = Math.cos(2 * Math.PI * day / 7);

        UserProfile p = history.profile();
        long since = history.since();
        x[Feature.IP_CHANGED.ordinal()] = p.ipChanged(login.ipAddress()) ? 1 : 0;
        // "never seen" needs something seen: a user's first login is not evidence of anything by being first
        boolean first = p.isFirstLogin();
        boolean knownNetwork = p.knowsNetwork(login.network(), since);
        x[Feature.NEW_DEVICE.ordinal()] = first || p.knowsDevice(login.deviceId(), since) ? 0 : 1;
        x[Feature.NEW_NETWORK.ordinal()] = first || knownNetwork ? 0 : 1;
        x[Feature.NEW_CLIENT.ordinal()] = first || p.knowsClient(login.clientId(), since) ? 0 : 1;

        long dayAgo = Math.max(since, login.time() - DAY);
        x[Feature.LOGINS_TODAY.ordinal()] = p.loginsInDayBefore(login.time());
        x[Feature.DISTINCT_IPS_24H.ordinal()] = p.distinctIps(login.ipAddress(), dayAgo);
        x[Feature.DISTINCT_DEVICES_24H.ordinal()] = p.distinctDevices(login.deviceId(), dayAgo);
        x[Feature.USER_FAILURES_1H.ordinal()] = history.userFailures1h();
        // failures of other accounts from an address the user already logs in from (an office NAT, a mobile
        // carrier) say nothing about this login: counted only from a network new for the user
        x[Feature.IP_FAILURES_1H.ordinal()] = knownNetwork ? 0 : history.ipFailures1h();
        double hoursSince = first ? FIRST_LOGIN_HOURS
                : Math.max(0, login.time() - p.lastLogin()) / (double) HOUR;
        x[Feature.LOG_HOURS_SINCE_LAST.ordinal()] = Math.log1p(Math.min(hoursSince, NO_PREVIOUS_HOURS));
        x[Feature.ACTIVE_SESSIONS.ordinal()] = Math.max(0, activeSessions);
        return x;
    }

    public static String encode(double[] x) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append((float) x[i]);
        }
        return sb.toString();
    }

    /** @return the vector, or null if the text is missing or not a vector of the current layout */
    public static double[] decode(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String[] parts = text.split(",");
        if (parts.length != Feature.COUNT) {
            return null;
        }
        double[] x = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                x[i] = Double.parseDouble(parts[i]);
                if (!Double.isFinite(x[i])) {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return x;
    }
}
