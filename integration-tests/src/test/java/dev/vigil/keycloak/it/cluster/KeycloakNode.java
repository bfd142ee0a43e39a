package dev.vigil.keycloak.it.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vigil.keycloak.it.support.Distribution;

/**
 * One Keycloak 26.7.3 node of a cluster on this machine, as an operator runs it: the distribution with the dist jar
 * in {@code providers/}, built once ({@code kc.sh build}) for PostgreSQL, then {@code kc.sh start --optimized} on
 * loopback with its own HTTP, management and JGroups ports. Clustered the way Keycloak 26.7 clusters by default:
 * embedded Infinispan over JGroups, discovery through the shared database ({@code jdbc-ping}). All nodes advertise
 * one front-end URL (the load balancer's), so a token issued by one node is valid on the other.
 */
final class KeycloakNode implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    final String name;
    final Path home;
    final int httpPort;
    final int managementPort;
    final int jgroupsPort;
    final Path log;
    private final List<String> options;
    private Process process;

    private KeycloakNode(String name, Path home, List<String> options) throws IOException {
        this.name = name;
        this.home = home;
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.jgroupsPort = freeJgroupsPort();
        this.log = home.resolve("keycloak.log");
        this.options = options;
    }

    /** Build-time options of every node: PostgreSQL, health and metrics on the management port, clustered caches. */
    static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true", "--metrics-enabled=true",
            "--cache=ispn");

    /**
     * A node of the tests' cluster under {@code target/cluster-kc/<dir>} (not started): the shared database reached at
     * {@code jdbcUrl} (the database's own or a relay's), the load balancer's front-end URL (every node issues tokens for
     * it, whichever node answered), X-Forwarded-For honoured, the recovery task every 3 s for rows older than 2 s.
     *
     * @param extraOptions more start options (SPI options of the test)
     */
    static KeycloakNode ofCluster(String dir, String name, ClusterDatabase db, String jdbcUrl, List<String> extraOptions)
            throws IOException, InterruptedException {
        Path work = Path.of(System.getProperty("vigil.it.clusterWorkDir", "target/cluster-kc")).toAbsolutePath();
        List<String> options = new ArrayList<>(List.of("--db-url=" + jdbcUrl, "--db-username=" + db.user,
                "--db-password=" + db.password, "--hostname=http://127.0.0.1:8399", "--proxy-headers=xforwarded",
                "--spi-events-listener--vigil--recovery-interval-seconds=3",
                "--spi-events-listener--vigil--recovery-grace-seconds=2"));
        options.addAll(extraOptions);
        return copyOf(built(work, BUILD_OPTIONS), work.resolve(dir), name, options);
    }

    /**
     * The distribution unpacked under {@code work}, the jar copied in and {@code kc.sh build} run with the build-time
     * options (again only when the jar or the options changed).
     */
    static Path built(Path work, List<String> buildOptions) throws IOException, InterruptedException {
        Path home = Distribution.unpacked(work.resolve("dist"));
        Path jar = Distribution.vigilJar();
        String stamp = Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis() + ":" + buildOptions;
        Path marker = home.resolve(".vigil-built");
        if (Files.exists(marker) && Files.readString(marker).equals(stamp)) {
            return home;
        }
        Files.copy(jar, home.resolve("providers/vigil-keycloak.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "build"));
        cmd.addAll(buildOptions);
        Process build = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("build.log").toFile()).start();
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build failed; see " + home.resolve("build.log"));
        }
        Files.writeString(marker, stamp);
        return home;
    }

    /**
     * A node of its own: a copy of the built distribution (timestamps kept, so the optimized start does not ask for
     * a rebuild) under {@code dir}.
     *
     * @param options start options common to the cluster (database, hostname, SPI options); the node adds its ports
     */
    static KeycloakNode copyOf(Path built, Path dir, String name, List<String> options)
            throws IOException, InterruptedException {
        Distribution.deleteRecursively(dir);
        Files.createDirectories(dir.getParent());
        Process cp = new ProcessBuilder("cp", "-a", built.toString(), dir.toString()).inheritIO().start();
        if (!cp.waitFor(2, TimeUnit.MINUTES) || cp.exitValue() != 0) {
            throw new IllegalStateException("could not copy " + built + " to " + dir);
        }
        Distribution.deleteRecursively(dir.resolve("data"));
        return new KeycloakNode(name, dir, options);
    }

    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    String management() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Starts the node (its output appended to {@link #log}) without waiting. */
    void start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroupsPort));
        cmd.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
        Files.writeString(log, "==== start " + java.time.Instant.now() + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = pb.start();
    }

    /** Waits until {@code /health/ready} answers 200. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(management() + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
            }
            Thread.sleep(500);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9} of the node's JVM: no shutdown hook, nothing flushed. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        process = null;
    }

    /** A graceful stop (SIGTERM), forced after 60 s. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
        process = null;
    }

    /** The node's log so far. */
    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** JGroups ports handed out in this JVM: nodes are created before any of them binds its port. */
    private static final java.util.Set<Integer> JGROUPS_PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free port whose failure-detection companion (port + 50,000, JGroups' FD_SOCK2) is free too, not given to another
     * node of this JVM, and with room above it (JGroups tries the next ports when its own is taken).
     */
    private static int freeJgroupsPort() throws IOException {
        for (int p = 7800 + (int) (ProcessHandle.current().pid() % 400); p < 15000; p += 10) {
            if (free(p) && free(p + 50_000) && JGROUPS_PORTS.add(p)) {
                return p;
            }
        }
        throw new IOException("no free port pair for JGroups");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return name + " (" + base() + ")";
    }
}
