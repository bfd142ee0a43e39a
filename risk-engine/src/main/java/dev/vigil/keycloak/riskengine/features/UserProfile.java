package dev.vigil.keycloak.riskengine.features;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What scoring needs to know about a user's earlier successful logins, kept as one small summary instead
 * of being read back from the login rows each time (the rows stay the record; this is derived from them and
 * can always be rebuilt with {@link #fromHistory}).
 *
 * <ul>
 *   <li>the previous login: time and IP;</li>
 *   <li>the devices, networks, clients and IPs seen, each with when it was last seen (the
 *       {@value #MAX_KNOWN} most recent of each kind, within the realm's history window);</li>
 *   <li>logins per hour over the last 24 hours;</li>
 *   <li>the running mean of the user's feature vectors (their typical values, for explanations), over the
 *       last {@value #MEAN_WINDOW} logins or so.</li>
 * </ul>
 * Values are kept as keyed digests ({@link ValueHasher}: HMAC-SHA256 with the realm's own secret), never as
 * text: the summary needs only equality, and it holds no IP address or device id of its own, nor one that an
 * enumeration of all IPv4 addresses could recover without the realm's secret. Not thread-safe: one scoring
 * transaction owns an instance.
 */
public final class UserProfile {

    /** devices, networks, clients and IPs remembered per kind (the most recently seen) */
    public static final int MAX_KNOWN = 16;
    /** the running mean weighs a new vector by 1/min(n, this): a plain mean at first, then about the last this many */
    public static final int MEAN_WINDOW = 200;
    static final long HOUR = 3_600_000L;
    static final int HOURS = 24;

    final ValueHasher hasher;
    long lastLogin = -1;
    String lastIp;
    final Map<String, Long> devices = new LinkedHashMap<>();
    final Map<String, Long> networks = new LinkedHashMap<>();
    final Map<String, Long> clients = new LinkedHashMap<>();
    final Map<String, Long> ips = new LinkedHashMap<>();
    /** logins per hour; {@code hourly[h % 24]} counts epoch hour h for h in (newestHour - 24, newestHour] */
    final int[] hourly = new int[HOURS];
    long newestHour = -1;
    /** successful logins counted in {@link #counts} and {@link #hourOfDay} (halved with them now and then) */
    long observed;
    /** per attribute: value digest → logins with that value, the {@value #MAX_KNOWN} most frequent */
    final Map<LoginAttribute, Map<String, Integer>> counts = new EnumMap<>(LoginAttribute.class);
    /** logins per hour of the day (the realm's zone) */
    final int[] hourOfDay = new int[HOURS];
    /** where the newest located login came from: time (or -1), latitude, longitude, accuracy radius km */
    long locatedAt = -1;
    double latitude;
    double longitude;
    int accuracyKm;
    /** feature vectors folded into {@link #mean} */
    long vectors;
    final double[] mean = new double[Feature.COUNT];

    UserProfile(ValueHasher hasher) {
        this.hasher = hasher;
        for (LoginAttribute a : LoginAttribute.values()) {
            counts.put(a, new LinkedHashMap<>());
        }
    }

    /** A user Vigil knows nothing about, whose values are hashed with {@code hasher} (the realm's). */
    public static UserProfile empty(ValueHasher hasher) {
        return new UserProfile(hasher);
    }

    /** A summary that is never stored (a login without a user): hashed with a key of this process only. */
    public static UserProfile empty() {
        return new UserProfile(ValueHasher.EPHEMERAL);
    }

    /**
     * The profile of {@code successes} (newest first, as the history read returns them), folded oldest first;
     * values last seen before {@code since} are left out.
     */
    public static UserProfile fromHistory(ValueHasher hasher, List<PastLogin> successes, long since) {
        UserProfile p = new UserProfile(hasher);
        for (int i = successes.size() - 1; i >= 0; i--) {
            PastLogin past = successes.get(i);
            p.add(past.time(), past.ipAddress(), past.network(), past.deviceId(), past.clientId(),
                    LoginFeatures.decode(past.features()), since);
        }
        return p;
    }

    /**
     * Folds one successful login in. A login older than the newest one known (scored late, by the recovery
     * task) updates what was seen and the mean, not the previous login.
     *
     * @param features its feature vector, or null (then the mean is left as it is)
     * @param since    the start of the history window: values last seen before it are forgotten
     */
    public void add(long time, String ip, String network, String device, String client, double[] features,
            long since) {
        String ipKey = key(ip);
        if (time >= lastLogin) {
            lastLogin = time;
            lastIp = ipKey;
        }
        see(ips, ipKey, time, since);
        see(networks, network == null ? null : key(network), time, since);
        see(devices, device == null ? null : key(device), time, since);
        see(clients, client == null ? null : key(client), time, since);
        countLogin(time);
        if (features != null && features.length == Feature.COUNT) {
            vectors++;
            double weight = 1.0 / Math.min(vectors, MEAN_WINDOW);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += (features[i] - mean[i]) * weight;
            }
        }
    }

    /** Counts halve when the logins observed pass this: the profile follows habits that change. */
    public static final int OBSERVED_WINDOW = 400;

    /**
     * Folds in what the risk signals read about one successful login: its attribute values (null values are not
     * counted), its hour of the day and, when it was located, where it came from.
     *
     * @param values    raw attribute values (hashed here, never kept as text)
     * @param hour      hour of the day, 0-23, in the realm's zone
     * @param location  latitude, longitude and accuracy radius in km, or null
     */
    public void observe(long time, Map<LoginAttribute, String> values, int hour, double[] location) {
        if (observed >= OBSERVED_WINDOW) {
            halve();
        }
        observed++;
        for (Map.Entry<LoginAttribute, String> e : values.entrySet()) {
            if (e.getValue() != null) {
                count(counts.get(e.getKey()), key(e.getValue()));
            }
        }
        hourOfDay[Math.floorMod(hour, HOURS)]++;
        if (location != null && location.length == 3 && time >= locatedAt && Double.isFinite(location[0])
                && Double.isFinite(location[1])) {
            locatedAt = time;
            latitude = location[0];
            longitude = location[1];
            accuracyKm = (int) Math.max(0, Math.min(20_000, location[2]));
        }
    }

    /** Successful logins whose attributes were observed (decayed: at most about {@value #OBSERVED_WINDOW}). */
    public long observedLogins() {
        return observed;
    }

    /** Observed logins with this raw attribute value (0 for null or never seen). */
    public int count(LoginAttribute attribute, String value) {
        if (value == null) {
            return 0;
        }
        Integer n = counts.get(attribute).get(key(value));
        return n == null ? 0 : n;
    }

    /** Whether any login with this attribute has been observed (e.g. a country was ever recorded). */
    public boolean hasObserved(LoginAttribute attribute) {
        return !counts.get(attribute).isEmpty();
    }

    /** Observed logins at this hour of the day. */
    public int loginsAtHour(int hour) {
        return hourOfDay[Math.floorMod(hour, HOURS)];
    }

    /** The newest located login: {time, latitude, longitude, accuracy km}, or null. */
    public double[] lastLocation() {
        return locatedAt < 0 ? null : new double[] {locatedAt, latitude, longitude, accuracyKm};
    }

    private void halve() {
        for (Map<String, Integer> m : counts.values()) {
            m.replaceAll((k, v) -> v / 2);
            m.values().removeIf(v -> v == 0);
        }
        long total = 0;
        for (int h = 0; h < HOURS; h++) {
            hourOfDay[h] /= 2;
            total += hourOfDay[h];
        }
        observed = total;
    }

    private static void count(Map<String, Integer> m, String key) {
        m.merge(key, 1, Integer::sum);
        if (m.size() > MAX_KNOWN) {
            String rarest = null;
            int least = Integer.MAX_VALUE;
            for (Map.Entry<String, Integer> e : m.entrySet()) {
                if (!e.getKey().equals(key) && e.getValue() < least) {
                    least = e.getValue();
                    rarest = e.getKey();
                }
            }
            m.remove(rarest);
        }
    }

    /** @return whether there is no earlier login at all */
    public boolean isFirstLogin() {
        return lastLogin < 0;
    }

    /** Earlier logins folded in with their feature vector (scored logins), within the history window it was built on. */
    public long scoredLogins() {
        return vectors;
    }

    /** Time of the newest earlier login, or -1. */
    public long lastLogin() {
        return lastLogin;
    }

    /** Whether {@code ip} differs from the previous login's (false without a previous login). */
    public boolean ipChanged(String ip) {
        return lastLogin >= 0 && !key(ip).equals(lastIp);
    }

    public boolean knowsDevice(String device, long since) {
        return device != null && seenSince(devices, key(device), since);
    }

    public boolean knowsIp(String ip, long since) {
        return ip != null && seenSince(ips, key(ip), since);
    }

    public boolean knowsNetwork(String network, long since) {
        return network != null && seenSince(networks, key(network), since);
    }

    public boolean knowsClient(String client, long since) {
        return client != null && seenSince(clients, key(client), since);
    }

    /** Distinct IPs seen since {@code since}, counting {@code ip} (the login's own) too. */
    public int distinctIps(String ip, long since) {
        return distinct(ips, key(ip), since);
    }

    /** Distinct devices seen since {@code since}, counting {@code device} (the login's own; null counts as one) too. */
    public int distinctDevices(String device, long since) {
        return distinct(devices, key(device), since);
    }

    /** Logins in the 24 hours before {@code time}, to the hour: the current hour and the 23 before it. */
    public int loginsInDayBefore(long time) {
        long hour = Math.floorDiv(time, HOUR);
        int n = 0;
        for (long h = hour - HOURS + 1; h <= hour; h++) {
            if (h <= newestHour && h > newestHour - HOURS) {
                n += hourly[(int) Math.floorMod(h, HOURS)];
            }
        }
        return n;
    }

    /** The user's typical feature values (the running mean of their vectors), or null before any scored login. */
    public double[] typical() {
        return vectors == 0 ? null : mean.clone();
    }

    private void countLogin(long time) {
        long hour = Math.floorDiv(time, HOUR);
        if (hour > newestHour) {
            long clear = Math.min(hour - newestHour, HOURS);
            for (long h = hour - clear + 1; h <= hour; h++) {
                hourly[(int) Math.floorMod(h, HOURS)] = 0;
            }
            newestHour = hour;
        } else if (hour <= newestHour - HOURS) {
            return; // older than the window kept
        }
        hourly[(int) Math.floorMod(hour, HOURS)]++;
    }

    private static void see(Map<String, Long> seen, String key, long time, long since) {
        seen.values().removeIf(last -> last < since);
        if (key == null || time < since) {
            return;
        }
        seen.merge(key, time, Math::max);
        if (seen.size() > MAX_KNOWN) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Map.Entry<String, Long> e : seen.entrySet()) {
                if (e.getValue() < oldestTime) {
                    oldestTime = e.getValue();
                    oldest = e.getKey();
                }
            }
            seen.remove(oldest);
        }
    }

    private static boolean seenSince(Map<String, Long> seen, String key, long since) {
        Long last = seen.get(key);
        return last != null && last >= since;
    }

    private static int distinct(Map<String, Long> seen, String own, long since) {
        int n = 1;
        for (Map.Entry<String, Long> e : seen.entrySet()) {
            if (e.getValue() >= since && !e.getKey().equals(own)) {
                n++;
            }
        }
        return n;
    }

    /** The value's keyed digest; "-" for null. */
    String key(String value) {
        return hasher.hash(value);
    }
}
