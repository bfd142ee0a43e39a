package dev.vigil.keycloak.riskengine.risk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}, or one address). */
public final class Cidr {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private final byte[] network;
    private final int bits;
    private final String text;

    private Cidr(byte[] network, int bits, String text) {
        this.network = network;
        this.bits = bits;
        this.text = text;
    }

    /** Parses one block; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        byte[] a = literal(address);
        if (a == null) {
            throw new IllegalArgumentException("not an IP address block: '" + t + "'");
        }
        int bits = a.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + t + "'");
            }
            if (bits < 0 || bits > a.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in '" + t + "'");
            }
        }
        return new Cidr(a, bits, t);
    }

    /** A comma-separated list (empty for blank text); throws listing the first bad entry. */
    public static List<Cidr> parseList(String text) {
        List<Cidr> list = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return list;
        }
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                list.add(parse(part));
            }
        }
        if (list.size() > 200) {
            throw new IllegalArgumentException("at most 200 blocks");
        }
        return list;
    }

    /** Whether the IP literal is inside the block (false for anything that is not an IP literal). */
    public boolean contains(String ip) {
        byte[] a = literal(ip);
        if (a == null || a.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    public static boolean anyContains(List<Cidr> blocks, String ip) {
        for (Cidr c : blocks) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** The address bytes of an IP literal (never a DNS lookup), or null. */
    static byte[] literal(String ip) {
        if (ip == null || !LITERAL.matcher(ip).matches() || (ip.indexOf(':') < 0 && ip.indexOf('.') < 0)) {
            return null;
        }
        if (ip.indexOf(':') < 0 && !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
