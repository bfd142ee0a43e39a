package dev.vigil.keycloak.riskengine.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small MaxMind DB (format 2.0) writer, for the tests that need arbitrary addresses and for the demo's ASN
 * database (built from a CSV at demo time; never on a server's request path): an IPv6 search tree (24-bit records; IPv4 networks live under
 * {@code ::/96}, where the readers look for them) over the given networks, a data section of maps, arrays,
 * strings, doubles, floats, unsigned integers and booleans, and the metadata (or an IPv4-only 32-bit tree). Networks must not overlap. No registry
 * carries an MMDB writer for Java; this one is checked by reading its output with MaxMind's reader.
 */
public final class MmdbWriter {

    private final String databaseType;
    private boolean ipv4Only;
    private final Map<String, Object> records = new LinkedHashMap<>();

    private static final class Node {
        Node[] child = new Node[2];
        Object data;
    }

    public MmdbWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    /** An IPv4-only database ({@code ip_version} 4, a 32-bit tree), like the IPv4 files of DB-IP lite. */
    public MmdbWriter ipv4Only() {
        ipv4Only = true;
        return this;
    }

    /** @param cidr e.g. {@code 81.2.69.0/24} or {@code 2a02:c7f::/32}; value: Map, List, String, Number, Boolean */
    public MmdbWriter put(String cidr, Object value) {
        records.put(cidr, value);
        return this;
    }

    /** A City-like (GeoLite2/GeoIP2/DB-IP nested layout) record. */
    public static Map<String, Object> city(String country, double latitude, double longitude, int accuracyKm) {
        return Map.of("country", Map.of("iso_code", country, "names", Map.of("en", country)),
                "location", Map.of("latitude", latitude, "longitude", longitude, "accuracy_radius", accuracyKm));
    }

    /** A GeoLite2-ASN-like record. */
    public static Map<String, Object> asn(long number, String organization) {
        return Map.of("autonomous_system_number", number, "autonomous_system_organization", organization);
    }

    /** A record of the npm {@code @ip-location-db} flat layout: coordinates as strings. */
    public static Map<String, Object> flatCity(String country, String latitude, String longitude) {
        return Map.of("country_code", country, "city", "Somewhere", "latitude", latitude, "longitude", longitude);
    }

    /** Writes the database to a temporary file beside {@code file}, then moves it over {@code file}. */
    public void write(Path file) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".mmdb-", ".tmp");
        Files.write(tmp, bytes());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public byte[] bytes() throws IOException {
        Node root = new Node();
        for (Map.Entry<String, Object> e : records.entrySet()) {
            insert(root, e.getKey(), e.getValue(), ipv4Only);
        }
        // number the nodes breadth-first
        List<Node> nodes = new ArrayList<>();
        ArrayDeque<Node> queue = new ArrayDeque<>(List.of(root));
        Map<Node, Integer> index = new java.util.IdentityHashMap<>();
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            index.put(n, nodes.size());
            nodes.add(n);
            for (Node c : n.child) {
                if (c != null && c.data == null) {
                    queue.add(c);
                }
            }
        }
        int nodeCount = nodes.size();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<Object, Integer> dataOffsets = new java.util.IdentityHashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : nodes) {
            for (Node c : n.child) {
                long record;
                if (c == null) {
                    record = nodeCount;
                } else if (c.data != null) {
                    Integer offset = dataOffsets.get(c.data);
                    if (offset == null) {
                        offset = data.size();
                        encode(data, c.data);
                        dataOffsets.put(c.data, offset);
                    }
                    record = (long) nodeCount + 16 + offset;
                } else {
                    record = index.get(c);
                }
                if (record >= 1L << 24) {
                    throw new IllegalStateException("too large for 24-bit records");
                }
                out.write((int) (record >> 16) & 0xff);
                out.write((int) (record >> 8) & 0xff);
                out.write((int) record & 0xff);
            }
        }
        out.write(new byte[16]);
        data.writeTo(out);
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", 2);
        metadata.put("binary_format_minor_version", 0);
        metadata.put("build_epoch", BigInteger.valueOf(System.currentTimeMillis() / 1000));
        metadata.put("database_type", databaseType);
        metadata.put("description", Map.of("en", "Vigil test database"));
        metadata.put("ip_version", ipv4Only ? 4 : 6);
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", (long) nodeCount);
        metadata.put("record_size", 24);
        encode(out, metadata);
        return out.toByteArray();
    }

    private static void insert(Node root, String cidr, Object value, boolean ipv4Only) throws IOException {
        int slash = cidr.indexOf('/');
        byte[] address = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        byte[] v6 = address;
        if (ipv4Only && address.length != 4) {
            throw new IllegalArgumentException(cidr + " in an IPv4-only database");
        }
        if (address.length == 4 && !ipv4Only) {
            v6 = new byte[16];
            System.arraycopy(address, 0, v6, 12, 4);
            prefix += 96;
        }
        Node n = root;
        for (int bit = 0; bit < prefix; bit++) {
            int b = (v6[bit / 8] >> (7 - bit % 8)) & 1;
            if (n.child[b] == null) {
                n.child[b] = new Node();
            }
            if (n.child[b].data != null) {
                throw new IllegalArgumentException(cidr + " overlaps another network");
            }
            n = n.child[b];
        }
        if (n.child[0] != null || n.child[1] != null) {
            throw new IllegalArgumentException(cidr + " overlaps another network");
        }
        n.data = value;
    }

    // ---- data section ----

    private static void encode(ByteArrayOutputStream out, Object v) throws IOException {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.write(b);
        } else if (v instanceof Float f) {
            control(out, 15, 4);
            int bits = Float.floatToIntBits(f);
            for (int i = 3; i >= 0; i--) {
                out.write((bits >> (8 * i)) & 0xff);
            }
        } else if (v instanceof Double) {
            control(out, 3, 8);
            long bits = Double.doubleToLongBits(((Number) v).doubleValue());
            for (int i = 7; i >= 0; i--) {
                out.write((int) (bits >> (8 * i)) & 0xff);
            }
        } else if (v instanceof BigInteger big) {
            unsigned(out, 9, big);
        } else if (v instanceof Long l) {
            unsigned(out, l <= 0xffffffffL ? 6 : 9, BigInteger.valueOf(l));
        } else if (v instanceof Integer i) {
            unsigned(out, i <= 0xffff ? 5 : 6, BigInteger.valueOf(i));
        } else if (v instanceof Boolean b) {
            control(out, 14, b ? 1 : 0);
        } else if (v instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                encode(out, e.getKey().toString());
                encode(out, e.getValue());
            }
        } else if (v instanceof List<?> list) {
            control(out, 11, list.size());
            for (Object o : list) {
                encode(out, o);
            }
        } else {
            throw new IllegalArgumentException("cannot encode " + v);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, int type, BigInteger value) throws IOException {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("unsigned only: " + value);
        }
        byte[] b = value.toByteArray();
        int start = 0;
        while (start < b.length && b[start] == 0) {
            start++;
        }
        control(out, type, b.length - start);
        out.write(b, start, b.length - start);
    }

    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits;
        byte[] extra;
        if (size < 29) {
            sizeBits = size;
            extra = new byte[0];
        } else if (size < 29 + 256) {
            sizeBits = 29;
            extra = new byte[] {(byte) (size - 29)};
        } else if (size < 285 + 65536) {
            sizeBits = 30;
            int s = size - 285;
            extra = new byte[] {(byte) (s >> 8), (byte) s};
        } else {
            sizeBits = 31;
            int s = size - 65821;
            extra = new byte[] {(byte) (s >> 16), (byte) (s >> 8), (byte) s};
        }
        if (type <= 7) {
            out.write((type << 5) | sizeBits);
        } else {
            out.write(sizeBits);
            out.write(type - 7);
        }
        out.write(extra, 0, extra.length);
    }
}
