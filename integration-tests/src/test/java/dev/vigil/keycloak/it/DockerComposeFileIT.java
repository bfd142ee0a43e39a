package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine on the build machines, so docker-compose.yml is never started here; this
 * keeps it valid ({@code docker compose config}, or Debian's {@code docker-compose config}) and in
 * step with the versions the build uses.
 */
class DockerComposeFileIT {

    private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml").toAbsolutePath().normalize();

    @Test
    void composeFileIsValidAndUsesTheBuiltVersions() throws Exception {
        List<String> client = composeClient();
        Assumptions.assumeTrue(client != null, "no docker compose client installed (.ci/run installs one)");

        List<String> command = new ArrayList<>(client);
        command.addAll(List.of("-f", COMPOSE_FILE.toString(), "config"));
        Result result = run(command);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("quay.io/keycloak/keycloak:" + System.getProperty("keycloak.dist.version"))
                .contains("vigil-keycloak-" + System.getProperty("vigil.version") + ".jar")
                .contains("/opt/keycloak/providers/vigil-keycloak.jar")
                .contains("/opt/keycloak/data/import")
                .contains("--import-realm")
                .contains("KC_DB: postgres")
                .contains("healthcheck");
    }

    private static List<String> composeClient() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                if (run(version).exit() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next one
            }
        }
        return null;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }
}
