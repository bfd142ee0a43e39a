package dev.vigil.keycloak.bench.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads and writes logins as CSV in the column layout of the public RBA data set of Wiefling et al. ({@link #RBA}),
 * optionally followed by Vigil's own columns ({@link #VIGIL}). Columns are found by header name, so a file without
 * Vigil's columns (or with extra ones, or in another order) reads too; its missing fields are null.
 */
public final class LoginCsv {

    public static final List<String> RBA = List.of("Login Timestamp", "User ID", "Round-Trip Time [ms]", "IP Address",
            "Country", "Region", "City", "ASN", "User Agent String", "Browser Name and Version", "OS Name and Version",
            "Device Type", "Login Successful", "Is Attack IP", "Is Account Takeover");
    public static final List<String> VIGIL = List.of("Vigil Device ID", "Vigil Issued Device ID", "Vigil Typing", "Vigil Latitude",
            "Vigil Longitude", "Vigil Accuracy km", "Vigil Kind", "Vigil Client ID", "Vigil Session Minutes");

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter(Locale.ROOT);

    private LoginCsv() {
    }

    public static void write(Writer out, Iterable<Login> logins) throws IOException {
        List<String> header = new ArrayList<>(RBA);
        header.addAll(VIGIL);
        out.write(String.join(",", header));
        out.write('\n');
        for (Login l : logins) {
            Object[] v = {WRITE.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(l.time()), ZoneOffset.UTC)),
                l.userId(), l.rttMs(), l.ip(), l.country(), l.region(), l.city(), l.asn(), l.userAgent(), l.browser(),
                l.os(), l.deviceType(), bool(l.success()), bool(l.attackIp()), bool(l.takeover()), l.deviceId(),
                l.issuedDeviceId(), l.typing(), l.latitude(), l.longitude(), l.accuracyKm(), l.kind(), l.clientId(), l.sessionMinutes()};
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(quote(v[i] == null ? "" : v[i].toString()));
            }
            out.write(sb.append('\n').toString());
        }
    }

    /** What a file has: which of Vigil's columns are present. */
    public record Columns(boolean deviceId, boolean typing, boolean location, boolean kind, boolean client,
            boolean sessions) {
    }

    /** A reader over the rows of a file, in file order; {@link #columns()} says which Vigil columns it has. */
    public static final class Reader implements Iterator<Login> {
        private final BufferedReader in;
        private final Map<String, Integer> index = new HashMap<>();
        private String next;
        private long line = 1;

        public Reader(BufferedReader in) throws IOException {
            this.in = in;
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException("empty file: expected a header with " + RBA);
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> names = split(header);
            for (int i = 0; i < names.size(); i++) {
                index.put(names.get(i).trim(), i);
            }
            for (String required : List.of("Login Timestamp", "User ID", "IP Address", "Login Successful")) {
                if (!index.containsKey(required)) {
                    throw new IllegalArgumentException("no column '" + required + "' in the header: " + names);
                }
            }
            advance();
        }

        public Columns columns() {
            return new Columns(index.containsKey(VIGIL.get(0)), index.containsKey(VIGIL.get(2)),
                    index.containsKey(VIGIL.get(3)) && index.containsKey(VIGIL.get(4)), index.containsKey(VIGIL.get(6)),
                    index.containsKey(VIGIL.get(7)), index.containsKey(VIGIL.get(8)));
        }

        private void advance() {
            try {
                do {
                    next = in.readLine();
                    line++;
                } while (next != null && next.isBlank());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Login next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            List<String> f = split(next);
            long at = line;
            advance();
            try {
                Long asn = lng(get(f, "ASN"));
                return new Login(time(get(f, "Login Timestamp")), get(f, "User ID"), integer(get(f, "Round-Trip Time [ms]")),
                        get(f, "IP Address"), get(f, "Country"), get(f, "Region"), get(f, "City"), asn,
                        get(f, "User Agent String"), get(f, "Browser Name and Version"), get(f, "OS Name and Version"),
                        get(f, "Device Type"), parseBool(get(f, "Login Successful")), parseBool(get(f, "Is Attack IP")),
                        parseBool(get(f, "Is Account Takeover")), get(f, VIGIL.get(0)), get(f, VIGIL.get(1)),
                        get(f, VIGIL.get(2)), dbl(get(f, VIGIL.get(3))), dbl(get(f, VIGIL.get(4))),
                        integer(get(f, VIGIL.get(5))), get(f, VIGIL.get(6)), get(f, VIGIL.get(7)),
                        integer(get(f, VIGIL.get(8))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + at + ": " + e.getMessage(), e);
            }
        }

        private String get(List<String> fields, String column) {
            Integer i = index.get(column);
            if (i == null || i >= fields.size()) {
                return null;
            }
            String v = fields.get(i).trim();
            return v.isEmpty() || v.equalsIgnoreCase("nan") || v.equals("-") ? null : v;
        }
    }

    public static List<Login> readAll(BufferedReader in) throws IOException {
        List<Login> all = new ArrayList<>();
        new Reader(in).forEachRemaining(all::add);
        return all;
    }

    static long time(String v) {
        if (v == null) {
            throw new IllegalArgumentException("no Login Timestamp");
        }
        if (v.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(v);
        }
        return LocalDateTime.parse(v.replace('T', ' '), READ).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static boolean parseBool(String v) {
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }

    private static String bool(boolean b) {
        return b ? "True" : "False";
    }

    private static Long lng(String v) {
        if (v == null) {
            return null;
        }
        String s = v.toUpperCase(Locale.ROOT).startsWith("AS") ? v.substring(2) : v;
        return s.contains(".") ? (long) Double.parseDouble(s) : Long.parseLong(s);
    }

    private static Integer integer(String v) {
        return v == null ? null : (int) Math.round(Double.parseDouble(v));
    }

    private static Double dbl(String v) {
        return v == null ? null : Double.parseDouble(v);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
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
        return out;
    }
}
