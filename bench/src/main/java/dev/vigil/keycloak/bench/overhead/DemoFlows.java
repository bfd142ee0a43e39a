package dev.vigil.keycloak.bench.overhead;

import dev.vigil.keycloak.bench.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo realm's authentication flows (realm-config/vigil-demo-realm.json), as realm-JSON members to give the
 * Vigil benchmark realm: its browser flow with the typing-rhythm form, the login-risk condition, denial and level
 * sub-flows, and its direct-grant flow with the spray guard and denial. Cut from the file's text, never rewritten.
 */
final class DemoFlows {

    static final Path FILE = Path.of("realm-config", "vigil-demo-realm.json");

    private DemoFlows() {
    }

    /** {@code "authenticationFlows":[…],"authenticatorConfig":[…],"browserFlow":…,"directGrantFlow":…,} */
    static String members() throws IOException {
        String json = Files.readString(FILE);
        return "\"authenticationFlows\":" + array(json, "authenticationFlows") + ",\n"
                + "\"authenticatorConfig\":" + array(json, "authenticatorConfig") + ",\n"
                + "\"browserFlow\":\"vigil browser\",\"directGrantFlow\":\"vigil direct grant\",\n"
                + "\"attributes\":{\"acr.loa.map\":" + Json.quote("{\"password\":1,\"mfa\":2}") + "},\n";
    }

    /**
     * The JSON array that is the value of the member {@code name} whose value is an array (executions also have an
     * {@code "authenticatorConfig"} member, a string: the realm's list is the one that opens a bracket).
     */
    static String array(String json, String name) throws IOException {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name)
                + "\"\\s*:\\s*\\[").matcher(json);
        int start = m.find() ? m.end() - 1 : -1;
        if (start < 0) {
            throw new IOException(FILE + " has no " + name);
        }
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return json.substring(start, i + 1);
            }
        }
        throw new IOException(FILE + ": " + name + " does not end");
    }
}
