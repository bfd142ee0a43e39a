package dev.vigil.keycloak.riskengine.features;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** The network a client IP belongs to, for "new network" features: IPv4 /24, IPv6 /48. */
public final class Networks {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+(%[\\w.]+)?");

    private Networks() {
    }

    /** {@code 198.51.100.0/24}, {@code 2001:db8:1::/48}, or null for anything that is not an IP literal. */
    public static String prefixOf(String ip) {
        if (ip == null || ip.isEmpty() || ip.length() > 64) {
            return null;
        }
        var v4 = IPV4.matcher(ip);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return null;
                }
            }
            return v4.group(1) + "." + v4.group(2) + "." + v4.group(3) + ".0/24";
        }
        if (ip.indexOf(':') >= 0 && IPV6_LITERAL.matcher(ip).matches()) {
            try {
                // a literal never triggers a DNS lookup
                byte[] a = InetAddress.getByName(ip.replaceAll("%.*", "")).getAddress();
                if (a.length == 4) {
                    return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + ".0/24";
                }
                return String.format("%x:%x:%x::/48", ((a[0] & 0xff) << 8) | (a[1] & 0xff),
                        ((a[2] & 0xff) << 8) | (a[3] & 0xff), ((a[4] & 0xff) << 8) | (a[5] & 0xff));
            } catch (UnknownHostException | IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
