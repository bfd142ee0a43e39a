package dev.vigil.keycloak.riskengine.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A public IP address from a literal, never a DNS lookup: private, loopback, link-local and the like are empty. */
final class PublicAddress {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private PublicAddress() {
    }

    static Optional<InetAddress> of(String ip) {
        if (ip == null || ip.length() > 45 || !(V4.matcher(ip).matches() || ip.indexOf(':') >= 0 && V6.matcher(ip).matches())) {
            return Optional.empty();
        }
        try {
            InetAddress a = InetAddress.getByName(ip);
            if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                    || a.isMulticastAddress() || isUniqueLocal(a)) {
                return Optional.empty();
            }
            return Optional.of(a);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** IPv6 unique local addresses (fc00::/7), which {@link InetAddress#isSiteLocalAddress} does not cover. */
    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }
}
