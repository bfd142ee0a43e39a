package dev.vigil.keycloak.riskengine.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.keycloak.riskengine.features.LoginAttribute;
import dev.vigil.keycloak.riskengine.features.UserAgents;
import dev.vigil.keycloak.riskengine.features.UserProfile;

/**
 * The in-flow risk assessment itself: a pure function of the realm's settings, the user's profile, what the
 * request shows and the realm's population, shared by the login flow, the event listener and the benchmarks.
 *
 * <p>Each {@link RiskSignal} adds {@code weight × value} points; the score is the logistic of the points less
 * {@value #POINTS_AT_HALF}, so with the default weights 2 points (e.g. a new device from a new network) make 0.5.
 * Every signal that fired is a reason, with its value and points.
 *
 * <p>Cold start: a user without any successful login Vigil knows of has nothing to differ from, so the "new …"
 * signals, impossible travel, unusual hour and the likelihood are silent (no history is not a new device); the
 * {@code no_history} signal says so (weight 0 by default: the first login of an account is then assessed on the
 * request alone — IP lists, failures, model, typing — and the README says what that does not stop). A browser
 * without a device cookie, for a user with history, is a new device: leaving the cookie out is not a way around it.
 */
public final class RiskScorer {

    public static final double POINTS_AT_HALF = 2.0;
    /** logins a user needs before the hour of day says anything */
    static final int HOUR_MIN_LOGINS = 20;
    /** share of the user's logins within an hour of this one below which the hour is unusual */
    static final double HOUR_RARE_SHARE = 0.02;
    private static final double EARTH_KM = 6371.0;
    /** the minimum elapsed time assumed between two logins (clock skew between nodes) */
    private static final double MIN_HOURS = 1.0 / 60;

    private RiskScorer() {
    }

    /**
     * @param since start of the realm's history window: what the user was last seen with before it counts as new
     */
    public static RiskAssessment assess(RiskSettings settings, UserProfile profile, long since, LoginFacts login,
            Population population) {
        List<RiskReason> reasons = new ArrayList<>();
        boolean history = !profile.isFirstLogin();
        if (!history) {
            add(reasons, settings, RiskSignal.NO_HISTORY, 1, "no earlier login");
        }
        if (Cidr.anyContains(settings.denyCidrs(), login.ip())) {
            add(reasons, settings, RiskSignal.IP_DENY, 1, "denied block");
        }
        if (Cidr.anyContains(settings.allowCidrs(), login.ip())) {
            add(reasons, settings, RiskSignal.IP_ALLOW, -1, "allowed block");
        }
        boolean newNetwork = false;
        if (history) {
            if (login.deviceTrusted()) {
                add(reasons, settings, RiskSignal.TRUSTED_DEVICE, -1, "trusted");
            } else if (login.deviceId() == null) {
                add(reasons, settings, RiskSignal.NEW_DEVICE, 1, "no device cookie");
            } else if (!profile.knowsDevice(login.deviceId(), since)) {
                add(reasons, settings, RiskSignal.NEW_DEVICE, 1, "new");
            }
            if (login.ip() != null && !profile.knowsIp(login.ip(), since)) {
                add(reasons, settings, RiskSignal.NEW_IP, 1, "new");
            }
            newNetwork = login.network() == null || !profile.knowsNetwork(login.network(), since);
            if (newNetwork) {
                add(reasons, settings, RiskSignal.NEW_NETWORK, 1, login.network() == null ? "not an IP" : "new");
            }
            if (login.asn() != null && profile.hasObserved(LoginAttribute.ASN)
                    && profile.count(LoginAttribute.ASN, "AS" + login.asn()) == 0) {
                add(reasons, settings, RiskSignal.NEW_ASN, 1, "AS" + login.asn());
            }
            if (login.country() != null && profile.hasObserved(LoginAttribute.COUNTRY)
                    && profile.count(LoginAttribute.COUNTRY, login.country()) == 0) {
                add(reasons, settings, RiskSignal.NEW_COUNTRY, 1, login.country());
            }
            travel(reasons, settings, profile, login);
            hour(reasons, settings, profile, login);
            likelihood(reasons, settings, profile, login, population);
        }
        if (login.userFailures() > 0) {
            add(reasons, settings, RiskSignal.USER_FAILURES, Math.min(login.userFailures(), 8),
                    Integer.toString(login.userFailures()));
        }
        // failures of other accounts from an address the user already logs in from (an office NAT, a carrier)
        // say nothing about this login: counted only from a network new for the user (or any, without history)
        if (login.ipFailures() > 0 && (newNetwork || !history)) {
            add(reasons, settings, RiskSignal.IP_FAILURES, Math.min(login.ipFailures(), 15),
                    Integer.toString(login.ipFailures()));
        }
        if (login.otherCountrySessions() > 0) {
            add(reasons, settings, RiskSignal.SESSIONS_ELSEWHERE, 1, login.otherCountrySessions() + " in another country");
        } else if (login.otherNetworkSessions() > 0) {
            add(reasons, settings, RiskSignal.SESSIONS_ELSEWHERE, 0.5, login.otherNetworkSessions() + " on another network");
        }
        if (login.typing() != null) {
            double v = switch (login.typing()) {
                case "MATCH" -> -0.25;
                case "MISMATCH", "UNVERIFIED" -> 1;
                case "REPLAY" -> 1.5; // not HIGH by itself: coarse browser clocks make some genuine typings look replayed
                default -> 0;
            };
            if (v != 0) {
                add(reasons, settings, RiskSignal.TYPING_RHYTHM, v, login.typing());
            }
        }
        if (Boolean.TRUE.equals(login.modelFlagged())) {
            add(reasons, settings, RiskSignal.MODEL_SCORE, 1, "flagged");
        }
        reasons.sort(Comparator.comparingDouble((RiskReason r) -> -Math.abs(r.points())));
        double points = 0;
        for (RiskReason r : reasons) {
            points += r.points();
        }
        double score = 1 / (1 + Math.exp(-(points - POINTS_AT_HALF)));
        return new RiskAssessment(score, points, atLeastTyping(settings, settings.levelOf(score), reasons),
                List.copyOf(reasons), null);
    }

    /**
     * A typing that is not the user's (MISMATCH, UNVERIFIED, REPLAY) gets at least the level its own points reach, whatever
     * lowers the rest: the user's familiar network and browser (likelihood), a trusted browser or an allowed address must
     * not let in someone who has the password and sits at the user's device (the family member at the shared laptop).
     */
    static RiskLevel atLeastTyping(RiskSettings settings, RiskLevel level, List<RiskReason> reasons) {
        double typing = 0;
        for (RiskReason r : reasons) {
            if (r.signal() == RiskSignal.TYPING_RHYTHM) {
                typing += r.points();
            }
        }
        if (typing <= 0) {
            return level;
        }
        RiskLevel alone = settings.levelOf(1 / (1 + Math.exp(-(typing - POINTS_AT_HALF))));
        return alone.atLeast(level) ? alone : level;
    }

    private static void travel(List<RiskReason> reasons, RiskSettings settings, UserProfile profile, LoginFacts login) {
        double[] last = profile.lastLocation();
        if (last == null || !login.located()) {
            return;
        }
        double km = distanceKm(last[1], last[2], login.latitude(), login.longitude());
        double uncertain = last[3] + (login.accuracyKm() == null ? 0 : login.accuracyKm());
        double beyond = km - uncertain;
        if (beyond <= 0) {
            return;
        }
        double hours = Math.max(MIN_HOURS, (login.time() - (long) last[0]) / 3_600_000.0);
        double speed = beyond / hours;
        if (speed > settings.travelSpeedKmh()) {
            add(reasons, settings, RiskSignal.IMPOSSIBLE_TRAVEL, 1, String.format(Locale.ROOT,
                    "%.0f km (±%.0f) in %.1f h = %.0f km/h", km, uncertain, hours, speed));
        }
    }

    /** Great-circle distance (haversine), km. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private static void hour(List<RiskReason> reasons, RiskSettings settings, UserProfile profile, LoginFacts login) {
        long n = 0;
        for (int h = 0; h < 24; h++) {
            n += profile.loginsAtHour(h);
        }
        if (n < HOUR_MIN_LOGINS) {
            return;
        }
        int h = login.hourOfDay();
        long near = profile.loginsAtHour(h - 1) + profile.loginsAtHour(h) + profile.loginsAtHour(h + 1);
        double share = near / (double) n;
        if (share < HOUR_RARE_SHARE) {
            add(reasons, settings, RiskSignal.UNUSUAL_HOUR, 1, String.format(Locale.ROOT, "%02d h: %d of %d logins"
                    + " within an hour", h, near, n));
        }
    }

    /** The attribute values of a login, as the profile and the population count them. */
    public static Map<LoginAttribute, String> attributes(LoginFacts login) {
        Map<LoginAttribute, String> v = new EnumMap<>(LoginAttribute.class);
        v.put(LoginAttribute.IP, login.ip());
        v.put(LoginAttribute.ASN, login.asn() == null ? null : "AS" + login.asn());
        v.put(LoginAttribute.COUNTRY, login.country());
        if (login.userAgent() != null) {
            v.put(LoginAttribute.USER_AGENT, login.userAgent());
            v.put(LoginAttribute.BROWSER, UserAgents.browserOf(login.userAgent()));
            v.put(LoginAttribute.OS, UserAgents.osOf(login.userAgent()));
            v.put(LoginAttribute.DEVICE_TYPE, UserAgents.deviceTypeOf(login.userAgent()));
        }
        return v;
    }

    /**
     * Freeman et al.'s likelihood ratio p(x) / p(x | user) over the two attribute hierarchies, each level mixed with
     * its weight; a user's estimate is smoothed toward the population's, so a value the user never had is as likely
     * for them as for anyone after one login and less so the more logins they have without it.
     */
    static double log10LikelihoodRatio(UserProfile profile, LoginFacts login, Population population) {
        long users = profile.observedLogins();
        long total = population.logins();
        if (users == 0 || total == 0) {
            return Double.NaN;
        }
        Map<LoginAttribute, String> values = attributes(login);
        double log10 = 0;
        for (LoginAttribute.Group group : LoginAttribute.Group.values()) {
            double pg = 0;
            double pu = 0;
            double weights = 0;
            int levels = 0;
            for (LoginAttribute a : LoginAttribute.values()) {
                String value = values.get(a);
                if (a.group() != group || value == null || !profile.hasObserved(a) || !population.counts(a)) {
                    continue;
                }
                double global = (population.count(a, value) + 1.0) / (total + population.distinct(a) + 1.0);
                double user = (profile.count(a, value) + global) / (users + 1.0);
                pg += a.weight() * global;
                pu += a.weight() * user;
                weights += a.weight();
                levels++;
            }
            // one level alone is no hierarchy to smooth over: without GeoIP the network group would be the exact IP
            // only, and every new address of a user (a dynamic line) would look tens of times likelier an attacker's;
            // new_ip and new_network already say that much
            if (weights > 0 && levels >= 2) {
                log10 += Math.log10(pg / pu);
            }
        }
        return log10;
    }

    private static void likelihood(List<RiskReason> reasons, RiskSettings settings, UserProfile profile,
            LoginFacts login, Population population) {
        double lr = log10LikelihoodRatio(profile, login, population);
        if (Double.isNaN(lr)) {
            return;
        }
        double v = Math.max(-1, Math.min(3, lr));
        if (Math.abs(v) >= 0.05) {
            add(reasons, settings, RiskSignal.LIKELIHOOD, v, "log10 ratio " + Decimals.fixed(lr, 2));
        }
    }

    private static void add(List<RiskReason> reasons, RiskSettings settings, RiskSignal signal, double value,
            String what) {
        double w = settings.weight(signal);
        if (w == 0) {
            return;
        }
        reasons.add(new RiskReason(signal, what, w * value));
    }
}
