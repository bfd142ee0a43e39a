package dev.vigil.keycloak.riskengine.risk;

import java.util.Locale;

/**
 * The signals of the in-flow assessment. Each adds {@code weight × value} points, where the value is what the
 * signal saw (1 for "yes", a count, -1 for a signal that lowers risk) and the weight is the realm's
 * ({@code vigil.risk.weight.<id>}; 0 switches the signal off). Step-up starts at 2 points, denial at about 4.9. The
 * defaults were chosen with {@code bench/login-risk} on the simulator's development seed and checked once on another
 * seed (README, Login-risk benchmark): a browser the user never used is a step-up by itself (2), a new network or
 * ISP alone is not, and impossible travel (3) is denied only together with another signal, such as a new device.
 */
public enum RiskSignal {
    NEW_DEVICE(2.0, "the browser's Vigil device cookie was never seen for this user (1), else 0"),
    TRUSTED_DEVICE(2.0, "the device is one the user chose to trust after a second factor (-1): it takes back what a"
            + " new device costs, so a trusted laptop on a new network or ISP is not stepped up for that alone"),
    NEW_IP(0.25, "the IP address was never seen for this user"),
    NEW_NETWORK(0.75, "the network (IPv4 /24, IPv6 /48) was never seen for this user"),
    NEW_ASN(0.75, "the autonomous system (ISP) was never seen for this user (needs GeoIP ASN data)"),
    NEW_COUNTRY(1.5, "the country was never seen for this user (needs GeoIP data)"),
    IMPOSSIBLE_TRAVEL(3.0, "the distance from the previous located login, less both locations' accuracy, needs a"
            + " speed above the realm's travelSpeedKmh"),
    UNUSUAL_HOUR(0.75, "fewer than 2 % of the user's logins fall within an hour of this one (after 20 logins)"),
    USER_FAILURES(0.25, "failed logins of this user in the failure window (value: the count, at most 8)"),
    IP_FAILURES(0.1, "failed logins from this IP in the failure window, when the network is new for the user"
            + " (value: the count, at most 15)"),
    SESSIONS_ELSEWHERE(0.75, "the user has active sessions from another country (1) or another network (0.5)"),
    TYPING_RHYTHM(2.0, "the typing rhythm of this login: MATCH -0.25, MISMATCH 1, REPLAY 1.5, UNVERIFIED (a user with a"
            + " template sent no usable typing) 1"),
    MODEL_SCORE(1.0, "the realm's own Isolation Forest (not the bootstrap model) flags the login's features (1)"),
    LIKELIHOOD(0.5, "log10 of how much likelier the login's network and client attributes are for the population"
            + " than for this user (Freeman et al.), between -1 and 3"),
    IP_DENY(10.0, "the IP is in the realm's denied CIDR list (1)"),
    IP_ALLOW(3.0, "the IP is in the realm's allowed CIDR list (-1)"),
    NO_HISTORY(0.0, "the user has no successful login Vigil knows of (1); off by default, see the README");

    private final double defaultWeight;
    private final String help;

    RiskSignal(double defaultWeight, String help) {
        this.defaultWeight = defaultWeight;
        this.help = help;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    public String help() {
        return help;
    }

    /** Name in reasons, settings and the REST API: {@code new_device}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
