package dev.vigil.keycloak.riskengine.features;

import java.util.Map;

/**
 * The text form of a {@link UserProfile} as it is stored ({@code VIGIL_USER_PROFILE.PROFILE_DATA}, at most
 * {@value #MAX_LENGTH} characters):
 * {@code 2;keyId;lastLogin;lastIp;newestHour;hourly;vectors;mean;devices;networks;clients;ips}, with the seen-maps
 * as {@code key=time,…} and {@code keyId} the fingerprint of the key that hashed them
 * ({@link ValueHasher#keyId()}). Anything else (format 1 of the unkeyed digests, a profile hashed with another
 * key, damaged text) decodes to null, and the profile is then rebuilt from the login rows.
 */
public final class UserProfileCodec {

    public static final int FORMAT = 2;
    public static final int MAX_LENGTH = 4000;

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
        return sb.toString();
    }

    /** @return the profile, or null when the text is missing, of another format or key, or damaged */
    public static UserProfile decode(String text, ValueHasher hasher) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        String[] all = text.split(";", -1);
        if (all.length != 12 || !String.valueOf(FORMAT).equals(all[0]) || !hasher.keyId().equals(all[1])) {
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
            return read(f[7], p.devices) && read(f[8], p.networks) && read(f[9], p.clients) && read(f[10], p.ips)
                    ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
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
