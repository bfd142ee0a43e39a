package dev.vigil.keycloak.riskengine.features;

import java.util.Map;

/**
 * The text form of a {@link UserProfile} as it is stored ({@code VIGIL_USER_PROFILE.PROFILE_DATA}, at most
 * {@value #MAX_LENGTH} characters):
 * {@code 3;keyId;lastLogin;lastIp;newestHour;hourly;vectors;mean;devices;networks;clients;ips;observed;hourOfDay;
 * location;counts}, with the seen-maps as {@code key=time,…}, {@code keyId} the fingerprint of the key that hashed
 * them ({@link ValueHasher#keyId()}), {@code location} as {@code time,lat,lon,accuracyKm} (or empty) and
 * {@code counts} as one {@code key=count,…} list per {@link LoginAttribute}, separated by {@code |}. Format 2 (the
 * same without the last four fields) still reads. Anything else (format 1 of the unkeyed digests, a profile hashed
 * with another key, damaged text) decodes to null, and the profile is then rebuilt from the login rows.
 */
public final class UserProfileCodec {

    public static final int FORMAT = 3;
    /** the format before the risk signals' part; still read (that part then starts empty) */
    static final int FORMAT_2 = 2;
    public static final int MAX_LENGTH = 16000;

    private UserProfileCodec() {
    }

    public static String encode(UserProfile p) {
        StringBuilder sb = new StringBuilder(1024).append(FORMAT).append(';').append(p.hasher.keyId()).append(';');
        sb.append(p.lastLogin).append(';').append(p.lastIp == null ? "" : p.lastIp).append(';');
        sb.append(p.newestHour).append(';');
        for (int i = 0; i < p.hourly.length; i++) {
            sb.append(i == 0 ? "" : ",").append(p.hourly[i]);
        }
        sb.append(';').append(p.vectors).append(';');
        for (int i = 0; i < p.mean.length; i++) {
            sb.append(i == 0 ? "" : ",").append((float) p.mean[i]);
        }
        seen(sb, p.devices);
        seen(sb, p.networks);
        seen(sb, p.clients);
        seen(sb, p.ips);
        sb.append(';').append(p.observed).append(';');
        for (int i = 0; i < p.hourOfDay.length; i++) {
            sb.append(i == 0 ? "" : ",").append(p.hourOfDay[i]);
        }
        sb.append(';');
        if (p.locatedAt >= 0) {
            sb.append(p.locatedAt).append(',').append((float) p.latitude).append(',').append((float) p.longitude)
                    .append(',').append(p.accuracyKm);
        }
        sb.append(';');
        boolean firstAttribute = true;
        for (LoginAttribute a : LoginAttribute.values()) {
            sb.append(firstAttribute ? "" : "|");
            firstAttribute = false;
            boolean first = true;
            for (Map.Entry<String, Integer> e : p.counts.get(a).entrySet()) {
                sb.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
                first = false;
            }
        }
        return sb.toString();
    }

    /** @return the profile, or null when the text is missing, of another format or key, or damaged */
    public static UserProfile decode(String text, ValueHasher hasher) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        String[] all = text.split(";", -1);
        boolean current = all.length == 16 && String.valueOf(FORMAT).equals(all[0]);
        boolean older = all.length == 12 && String.valueOf(FORMAT_2).equals(all[0]);
        if (!(current || older) || !hasher.keyId().equals(all[1])) {
            return null;
        }
        String[] f = new String[11];
        f[0] = all[0];
        System.arraycopy(all, 2, f, 1, 10);
        try {
            UserProfile p = new UserProfile(hasher);
            p.lastLogin = Long.parseLong(f[1]);
            p.lastIp = f[2].isEmpty() ? null : f[2];
            p.newestHour = Long.parseLong(f[3]);
            String[] hourly = f[4].split(",", -1);
            String[] mean = f[6].split(",", -1);
            if (hourly.length != p.hourly.length || mean.length != p.mean.length) {
                return null;
            }
            for (int i = 0; i < hourly.length; i++) {
                p.hourly[i] = Integer.parseInt(hourly[i]);
            }
            p.vectors = Long.parseLong(f[5]);
            for (int i = 0; i < mean.length; i++) {
                p.mean[i] = Double.parseDouble(mean[i]);
                if (!Double.isFinite(p.mean[i])) {
                    return null;
                }
            }
            boolean ok = read(f[7], p.devices) && read(f[8], p.networks) && read(f[9], p.clients) && read(f[10], p.ips);
            return ok && (older || readRiskPart(all, p)) ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean readRiskPart(String[] all, UserProfile p) {
        p.observed = Long.parseLong(all[12]);
        String[] hours = all[13].split(",", -1);
        if (hours.length != p.hourOfDay.length || p.observed < 0) {
            return false;
        }
        for (int i = 0; i < hours.length; i++) {
            p.hourOfDay[i] = Integer.parseInt(hours[i]);
        }
        if (!all[14].isEmpty()) {
            String[] loc = all[14].split(",", -1);
            if (loc.length != 4) {
                return false;
            }
            p.locatedAt = Long.parseLong(loc[0]);
            p.latitude = Double.parseDouble(loc[1]);
            p.longitude = Double.parseDouble(loc[2]);
            p.accuracyKm = Integer.parseInt(loc[3]);
            if (!Double.isFinite(p.latitude) || !Double.isFinite(p.longitude)) {
                return false;
            }
        }
        String[] attributes = all[15].split("\\|", -1);
        if (attributes.length != LoginAttribute.values().length) {
            return false;
        }
        for (LoginAttribute a : LoginAttribute.values()) {
            String field = attributes[a.ordinal()];
            if (field.isEmpty()) {
                continue;
            }
            String[] entries = field.split(",");
            if (entries.length > UserProfile.MAX_KNOWN) {
                return false;
            }
            for (String entry : entries) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    return false;
                }
                int n = Integer.parseInt(entry.substring(eq + 1));
                if (n <= 0) {
                    return false;
                }
                p.counts.get(a).put(entry.substring(0, eq), n);
            }
        }
        return true;
    }

    private static void seen(StringBuilder sb, Map<String, Long> seen) {
        sb.append(';');
        boolean first = true;
        for (Map.Entry<String, Long> e : seen.entrySet()) {
            sb.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
    }

    private static boolean read(String field, Map<String, Long> into) {
        if (field.isEmpty()) {
            return true;
        }
        String[] entries = field.split(",");
        if (entries.length > UserProfile.MAX_KNOWN) {
            return false;
        }
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                return false;
            }
            into.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
        }
        return true;
    }
}
