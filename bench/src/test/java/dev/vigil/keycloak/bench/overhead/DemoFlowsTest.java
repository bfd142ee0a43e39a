package dev.vigil.keycloak.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DemoFlowsTest {

    @Test
    void takesTheRealmsListsNotAnExecutionsConfigReference() throws Exception {
        // the file executions name their config ("authenticatorConfig": "vigil typing rhythm") before the realm's
        // list of configs: the list is the member whose value is an array
        String json = """
                {"authenticationFlows": [{"alias": "f", "authenticationExecutions": [
                   {"authenticator": "a", "authenticatorConfig": "c1"}]}],
                 "authenticatorConfig" : [ {"alias": "c1", "config": {"k": "v [x]"}}, {"alias": "c2", "config": {}} ]}""";
        assertThat(DemoFlows.array(json, "authenticatorConfig"))
                .isEqualTo("[ {\"alias\": \"c1\", \"config\": {\"k\": \"v [x]\"}}, {\"alias\": \"c2\", \"config\": {}} ]");
        assertThat(DemoFlows.array(json, "authenticationFlows")).startsWith("[{\"alias\": \"f\"").endsWith("}]}]");
    }

    @Test
    void theDemoRealmsConfigsAreAllTaken() throws Exception {
        Path file = Path.of("..").resolve(DemoFlows.FILE);
        String json = Files.readString(file);
        String configs = DemoFlows.array(json, "authenticatorConfig");
        assertThat(configs).contains("\"vigil typing rhythm\"", "\"vigil risk to level 2\"")
                .doesNotContain("authenticationExecutions");
    }
}
