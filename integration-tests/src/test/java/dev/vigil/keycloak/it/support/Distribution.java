package dev.vigil.keycloak.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak distribution zip the build resolved ({@code vigil.it.keycloakZip}), for the tests that start servers
 * of their own (RelativePathIT, the cluster tests) instead of the test framework's one.
 */
public final class Distribution {

    private Distribution() {
    }

    public static Path zip() {
        return Path.of(System.getProperty("vigil.it.keycloakZip"));
    }

    /** The packaged vigil-keycloak jar under test. */
    public static Path vigilJar() {
        return Path.of(System.getProperty("vigil.it.vigilJar"));
    }

    /**
     * The zip unpacked under {@code work} once (again when the directory is missing or came from another zip);
     * {@code data/} of an earlier run is removed.
     *
     * @return the distribution's home (the directory with bin/kc.sh)
     */
    public static Path unpacked(Path work) throws IOException {
        Path zip = zip();
        Path marker = work.resolve(".unpacked-" + zip.getFileName() + "-" + Files.size(zip));
        try (Stream<Path> dirs = Files.exists(work) ? Files.list(work) : Stream.empty()) {
            Path home = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-")).findFirst().orElse(null);
            if (home != null && Files.exists(marker) && Files.exists(home.resolve("bin/kc.sh"))) {
                deleteRecursively(home.resolve("data"));
                return home;
            }
        }
        deleteRecursively(work);
        Files.createDirectories(work);
        Path home = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path to = work.resolve(e.getName()).normalize();
                if (!to.startsWith(work)) {
                    throw new IOException("zip entry outside the work directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(in, to);
                }
                if (home == null) {
                    home = work.resolve(work.relativize(to).getName(0));
                }
            }
        }
        Files.createFile(marker);
        return home;
    }

    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
