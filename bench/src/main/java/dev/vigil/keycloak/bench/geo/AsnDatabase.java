package dev.vigil.keycloak.bench.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.keycloak.riskengine.geo.MmdbWriter;

/**
 * Turns the IPv4 CSV of the npm package {@code @ip-location-db/asn} ({@code start,end,asn,organisation}; CC BY 4.0,
 * RouteViews, DB-IP and NRO) into a GeoLite2-ASN-layout {@code .mmdb} that Vigil's GeoIP reader takes as its
 * {@code asn-database}: the demo's ASN data (the registry carries the data only as CSV). Each range becomes the
 * fewest CIDR blocks that cover it exactly; a range overlapping an earlier one is left out and counted.
 *
 * <p>Usage: {@code AsnDatabase <asn-ipv4.csv> <out.mmdb>}
 */
public final class AsnDatabase {

    private AsnDatabase() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AsnDatabase <asn-ipv4.csv> <out.mmdb>");
            System.exit(2);
        }
        long started = System.nanoTime();
        MmdbWriter writer = new MmdbWriter("GeoLite2-ASN").ipv4Only();
        Map<Long, Map<String, Object>> records = new HashMap<>();
        int ranges = 0;
        int blocks = 0;
        int skipped = 0;
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = fields(line);
                if (f.length >= 3) {
                    rows.add(f);
                }
            }
        }
        long lastEnd = -1;
        for (String[] f : rows) {
            long start;
            long end;
            long asn;
            try {
                start = ipv4(f[0]);
                end = ipv4(f[1]);
                asn = Long.parseLong(f[2].trim());
            } catch (IllegalArgumentException e) {
                skipped++;
                continue;
            }
            if (start > end || start <= lastEnd) {
                skipped++;
                continue;
            }
            lastEnd = end;
            String org = f.length > 3 ? f[3] : "";
            Map<String, Object> record = records.computeIfAbsent(asn, n -> MmdbWriter.asn(n, org));
            for (String cidr : cidrs(start, end)) {
                writer.put(cidr, record);
                blocks++;
            }
            ranges++;
        }
        writer.write(Path.of(args[1]));
        System.out.printf(Locale.ROOT, "%s: %,d ranges of %,d autonomous systems as %,d blocks (%,d left out) in %.1f s%n",
                args[1], ranges, records.size(), blocks, skipped, (System.nanoTime() - started) / 1e9);
    }

    /** The fewest CIDR blocks covering {@code start..end} exactly. */
    static List<String> cidrs(long start, long end) {
        List<String> out = new ArrayList<>();
        while (start <= end) {
            int prefix = 32;
            while (prefix > 0) {
                long size = 1L << (32 - prefix + 1);
                if ((start & (size - 1)) != 0 || start + size - 1 > end) {
                    break;
                }
                prefix--;
            }
            out.add(text(start) + "/" + prefix);
            start += 1L << (32 - prefix);
        }
        return out;
    }

    static long ipv4(String text) {
        String[] p = text.trim().split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        long v = 0;
        for (String part : p) {
            int b = Integer.parseInt(part);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            v = v << 8 | b;
        }
        return v;
    }

    private static String text(long v) {
        return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
    }

    /** One CSV line: commas separate, double quotes enclose, a doubled quote is a quote. */
    static String[] fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
