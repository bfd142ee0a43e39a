package dev.vigil.keycloak.riskengine.features;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import dev.vigil.keycloak.riskengine.history.LoginRecord;

/** Builds the feature vector of a login from the login itself and the user's bounded history. */
public final class LoginFeatures {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    /** hours-since-last when there is no previous login: one year */
    private static final double NO_PREVIOUS_HOURS = 24 * 365;

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

        PastLogin previous = history.successes().isEmpty() ? null : history.successes().get(0);
        x[Feature.IP_CHANGED.ordinal()] = previous != null && !Objects.equals(previous.ipAddress(), login.ipAddress()) ? 1 : 0;
        x[Feature.NEW_DEVICE.ordinal()] = history.hasSeenDevice(login.deviceId()) ? 0 : 1;
        x[Feature.NEW_NETWORK.ordinal()] = login.network() != null
                && history.successes().stream().anyMatch(p -> login.network().equals(p.network())) ? 0 : 1;
        x[Feature.NEW_CLIENT.ordinal()] = login.clientId() != null
                && history.successes().stream().anyMatch(p -> login.clientId().equals(p.clientId())) ? 0 : 1;

        long dayAgo = login.time() - DAY;
        Set<String> ips = new HashSet<>();
        Set<String> devices = new HashSet<>();
        ips.add(String.valueOf(login.ipAddress()));
        devices.add(String.valueOf(login.deviceId()));
        int today = 0;
        for (PastLogin p : history.successes()) {
            if (p.time() >= dayAgo && p.time() <= login.time()) {
                today++;
                ips.add(String.valueOf(p.ipAddress()));
                devices.add(String.valueOf(p.deviceId()));
            }
        }
        x[Feature.LOGINS_TODAY.ordinal()] = today;
        x[Feature.DISTINCT_IPS_24H.ordinal()] = ips.size();
        x[Feature.DISTINCT_DEVICES_24H.ordinal()] = devices.size();
        x[Feature.USER_FAILURES_1H.ordinal()] = history.userFailures1h();
        x[Feature.IP_FAILURES_1H.ordinal()] = history.ipFailures1h();
        double hoursSince = previous == null ? NO_PREVIOUS_HOURS
                : Math.max(0, login.time() - previous.time()) / (double) HOUR;
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

    /**
     * Reads some components of an encoded vector without decoding the rest: {@code out[i]} for every index
     * {@code i} in {@code wanted[0..count)} (ascending). False when the text is missing, does not have
     * {@link Feature#COUNT} components, or a wanted component is not a finite number.
     */
    public static boolean components(String text, int[] wanted, int count, double[] out) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        int field = 0;
        int from = 0;
        int k = 0;
        int length = text.length();
        for (int i = 0; i <= length; i++) {
            if (i == length || text.charAt(i) == ',') {
                if (k < count && wanted[k] == field) {
                    try {
                        double v = Double.parseDouble(text.substring(from, i));
                        if (!Double.isFinite(v)) {
                            return false;
                        }
                        out[field] = v;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                    k++;
                }
                field++;
                from = i + 1;
            }
        }
        return field == Feature.COUNT && k == count;
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
