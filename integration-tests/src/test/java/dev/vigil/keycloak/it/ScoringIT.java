package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.RealmTokens;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import jakarta.mail.internet.MimeMessage;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.admin.AdminClientFactory;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectAdminClientFactory;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

/**
 * Login scoring end to end on a real Keycloak: six weeks of office-hours history from one network and
 * device (the server clock moved with Keycloak's own test mechanism), the realm's own model trained on
 * it, then a normal login, a takeover at 03:30 from a new network and device, a dry run, e-mails and
 * admin feedback.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ScoringIT {

    static final String REALM = "vigil-scoring";
    static final String HOME_IP = "198.51.100.20";
    static final String HOME_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/120.0 Safari/537.36";
    /** Tuesday 10:30 UTC, at least a day ahead of real time: the "now" of the normal login */
    static final ZonedDateTime NORMAL_AT = ZonedDateTime.now(ZoneOffset.UTC).plusDays(1)
            .with(TemporalAdjusters.next(DayOfWeek.TUESDAY)).withHour(10).withMinute(30).withSecond(0).withNano(0);
    static final ZonedDateTime ATTACK_AT = NORMAL_AT.plusHours(17);

    static String normalLoginId;
    static String attackLoginId;
    static AccessTokenResponse normalTokens;

    @InjectRealm(config = ScoringRealm.class)
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectAdminClientFactory
    AdminClientFactory adminClients;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectMailServer
    MailServer mail;

    VigilApi api;

    @BeforeEach
    void api() {
        api = new VigilApi(http, urls);
    }

    @AfterEach
    void realClock() {
        clockAt(null);
    }

    @Test
    @Order(1)
    void historyOfOfficeHoursTrainsTheRealmsOwnModel() {
        JsonNode before = api.get(REALM, token(), "model").json();
        assertThat(before.get("kind").asText()).isEqualTo("BOOTSTRAP");

        Random random = new Random(42);
        int logins = 0;
        for (int daysBack = 42; daysBack >= 1; daysBack--) {
            ZonedDateTime day = NORMAL_AT.minusDays(daysBack);
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            clockAt(day.withHour(8 + random.nextInt(9)).withMinute(random.nextInt(60)));
            AccessTokenResponse t = login(HOME_IP, HOME_UA);
            assertThat(t.isSuccess()).as(t.getErrorDescription()).isTrue();
            oauth.doLogout(t.getRefreshToken());
            logins++;
        }
        clockAt(null);
        awaitAllScored();

        JsonNode outcome = api.post(REALM, token(), "model/retrain", null).json();
        assertThat(outcome.get("trained").asBoolean()).as(outcome.toString()).isTrue();
        JsonNode model = api.get(REALM, token(), "model").json();
        assertThat(model.get("kind").asText()).isEqualTo("REALM");
        assertThat(model.get("version").asLong()).isGreaterThanOrEqualTo(1);
        long unflagged = api.loginEvents(REALM, token(), "type=LOGIN&max=500").stream()
                .filter(r -> "SCORED".equals(r.path("status").asText())).count();
        assertThat(model.get("samples").asLong()).as("flagged logins nobody reviewed are left out of training")
                .isEqualTo(unflagged);
        assertThat(model.get("realLogins").asLong()).as("counted up to what a realm model needs (minRealLogins 20)")
                .isEqualTo(Math.min(logins, model.get("minRealLogins").asLong()));
    }

    @Test
    @Order(2)
    void aNormalLoginIsNotFlagged() {
        clockAt(NORMAL_AT);
        normalTokens = login(HOME_IP, HOME_UA);
        assertThat(normalTokens.isSuccess()).isTrue();

        JsonNode row = api.awaitScoredLogin(REALM, token(), "nina", 20_000);
        normalLoginId = row.get("id").asText();
        assertThat(row.get("status").asText()).isEqualTo("SCORED");
        assertThat(row.get("modelKind").asText()).isEqualTo("REALM");
        assertThat(row.get("score").asDouble()).isLessThan(row.get("threshold").asDouble());
        assertThat(mail.getReceivedMessages()).as("no alert for a known device").isEmpty();
    }

    @Test
    @Order(3)
    void aTakeoverAtNightFromANewNetworkAndDeviceIsFlaggedRevokedAndAlerted() throws Exception {
        clockAt(ATTACK_AT);
        AccessTokenResponse stillValid = oauth.doRefreshTokenRequest(normalTokens.getRefreshToken());
        assertThat(stillValid.isSuccess()).as("the user's session works before the takeover").isTrue();
        assertThat(oauth.doUserInfoRequest(normalTokens.getAccessToken()).getStatusCode()).isEqualTo(200);

        AccessTokenResponse attacker = login("203.0.113.66", "python-requests/2.31.0");
        assertThat(attacker.isSuccess()).as("Vigil never blocks the login itself").isTrue();

        JsonNode row = api.awaitScoredLogin(REALM, token(), "nina", 20_000);
        attackLoginId = row.get("id").asText();
        assertThat(row.get("status").asText()).isEqualTo("FLAGGED");
        assertThat(row.get("score").asDouble()).isGreaterThanOrEqualTo(row.get("threshold").asDouble());
        List<String> reasons = names(row.get("reasons"));
        assertThat(reasons).contains("new_device", "new_network", "hour_of_day");
        assertThat(row.get("actionTaken").asText()).isEqualTo("REVOKE_ALL_SESSIONS");
        assertThat(row.get("dryRun").asBoolean()).isFalse();

        String ninaId = realmAdmin().users().search("nina", true).get(0).getId();
        assertThat(realmAdmin().getAdminEvents()).as("the revocation is in the realm's admin events")
                .anyMatch(e -> ("users/" + ninaId + "/vigil/revoke-all-sessions").equals(e.getResourcePath())
                        && "vigil".equals(e.getAuthDetails().getClientId())
                        && attackLoginId.equals(e.getDetails().get("login_event_id")));

        List<JsonNode> heard = new java.util.ArrayList<>();
        api.faultGet(token(), "admin-events-seen").json().forEach(heard::add);
        heard.removeIf(e -> !attackLoginId.equals(e.get("loginEventId").asText()));
        assertThat(heard).as("the realm's event listeners hear of the revocation exactly once").hasSize(1);
        assertThat(heard.get(0).get("committedAction").asText())
                .as("and only after it committed: a new transaction already sees the action on the row")
                .isEqualTo("REVOKE_ALL_SESSIONS");

        AccessTokenResponse refused = oauth.doRefreshTokenRequest(stillValid.getRefreshToken());
        assertThat(refused.getError()).isEqualTo("invalid_grant");
        assertThat(oauth.doUserInfoRequest(normalTokens.getAccessToken()).getStatusCode())
                .as("userinfo refuses the old access token").isIn(401, 403);

        assertThat(mail.waitForIncomingEmail(15_000, 2)).as("user and admin alerts").isTrue();
        MimeMessage toUser = to("nina@example.org");
        MimeMessage toAdmin = to("soc@vigil.example");
        assertThat(toUser.getSubject()).isEqualTo("New sign-in to " + REALM);
        assertThat(body(toUser)).contains("203.0.113.66").contains("python-requests").contains("If this was NOT you")
                .contains("login-actions/action-token?key=");
        assertThat(toAdmin.getSubject()).isEqualTo("Unusual login by nina in " + REALM);
        assertThat(body(toAdmin)).contains("203.0.113.66").contains("new device").contains("REVOKE_ALL_SESSIONS")
                .contains(attackLoginId);

        JsonNode detail = api.get(REALM, token(), "login-events/" + attackLoginId).json();
        assertThat(detail.get("features").get("new_device").asDouble()).isEqualTo(1.0);
        assertThat(detail.get("features").get("active_sessions").asDouble())
                .as("the normal session was still active when the attacker logged in").isGreaterThanOrEqualTo(1.0);
        assertThat(detail.get("login").get("ipAddress").asText()).isEqualTo("203.0.113.66");
    }

    @Test
    @Order(4)
    void inDryRunNothingIsRevokedButTheRowSaysWhatWouldHaveHappened() {
        assertThat(api.put(REALM, token(), "settings", "{\"dryRun\":\"true\"}").status()).isEqualTo(200);
        clockAt(ATTACK_AT.plusMinutes(10));
        AccessTokenResponse attacker = login("192.0.2.77", "Go-http-client/1.1");
        assertThat(attacker.isSuccess()).isTrue();

        JsonNode row = api.awaitScoredLogin(REALM, token(), "nina", 20_000);
        assertThat(row.get("status").asText()).isEqualTo("FLAGGED");
        assertThat(row.get("actionTaken").asText()).isEqualTo("REVOKE_ALL_SESSIONS");
        assertThat(row.get("dryRun").asBoolean()).isTrue();
        assertThat(oauth.doRefreshTokenRequest(attacker.getRefreshToken()).isSuccess())
                .as("dry run: the session is untouched").isTrue();
    }

    @Test
    @Order(5)
    void feedbackChangesTheModelMetrics() {
        JsonNode before = api.get(REALM, token(), "model").json().get("metrics");
        assertThat(before.get("labelled").asLong()).isZero();
        assertThat(before.hasNonNull("precision")).isFalse();

        assertThat(api.post(REALM, token(), "login-events/" + attackLoginId + "/feedback",
                "{\"feedback\":\"compromised\"}").status()).isEqualTo(200);
        assertThat(api.post(REALM, token(), "login-events/" + normalLoginId + "/feedback",
                "{\"feedback\":\"safe\"}").status()).isEqualTo(200);

        JsonNode after = api.get(REALM, token(), "model").json().get("metrics");
        assertThat(after.get("labelled").asLong()).isEqualTo(2);
        assertThat(after.get("truePositives").asLong()).isEqualTo(1);
        assertThat(after.get("trueNegatives").asLong()).isEqualTo(1);
        assertThat(after.get("precision").asDouble()).isEqualTo(1.0);
        assertThat(after.get("recall").asDouble()).isEqualTo(1.0);
        assertThat(after.get("f1").asDouble()).isEqualTo(1.0);

        List<JsonNode> compromised = api.loginEvents(REALM, token(), "type=LOGIN&max=500").stream()
                .filter(r -> "COMPROMISED".equals(r.path("feedback").asText())).toList();
        assertThat(compromised).extracting(r -> r.get("id").asText()).containsExactly(attackLoginId);
    }

    @Test
    @Order(6)
    void flaggedListStatsAndPermissions() {
        // the history's very first login (everything new) may have been flagged by the bootstrap model:
        // look at the takeover night only
        String night = "from=" + ATTACK_AT.minusHours(1).toInstant() + "&to=" + ATTACK_AT.plusHours(1).toInstant();
        JsonNode flagged = api.get(REALM, token(), "flagged-logins?" + night).json();
        assertThat(flagged).hasSize(2);
        assertThat(api.get(REALM, token(), "flagged-logins?status=compromised&" + night).json()).hasSize(1);
        assertThat(api.get(REALM, token(), "flagged-logins?status=open&" + night).json()).hasSize(1);
        // one level: read along (realm, level, status, time); the same rows as the list filtered by hand
        for (String level : List.of("LOW", "MEDIUM", "HIGH")) {
            List<String> byHand = new ArrayList<>();
            flagged.forEach(r -> {
                if (level.equals(r.path("riskLevel").asText())) {
                    byHand.add(r.get("id").asText());
                }
            });
            assertThat(api.get(REALM, token(), "flagged-logins?level=" + level + "&" + night).json().findValuesAsText("id"))
                    .as("level " + level).containsExactlyElementsOf(byHand);
        }
        assertThat(api.get(REALM, token(), "flagged-logins?minScore=1.5").status()).isEqualTo(400);
        assertThat(api.get(REALM, token(), "flagged-logins?status=maybe").status()).isEqualTo(400);
        // the reason filter: a flagged login is found by one of the model's reasons it was flagged for
        String feature = flagged.get(0).at("/reasons/0/feature").asText();
        assertThat(api.get(REALM, token(), "flagged-logins?reason=" + feature + "&" + night).json().findValuesAsText("id"))
                .contains(flagged.get(0).get("id").asText());
        assertThat(api.get(REALM, token(), "flagged-logins?reason=ip_deny&" + night).json()).isEmpty();
        assertThat(api.get(REALM, token(), "flagged-logins?reason=x%25").json().get("errorMessage").asText())
                .contains("reason must be one of");

        JsonNode stats = api.get(REALM, token(), "stats?" + night).json();
        assertThat(stats.get("flagged").asLong()).isEqualTo(2);
        assertThat(stats.get("actions").get("REVOKE_ALL_SESSIONS").asLong()).isEqualTo(1);
        assertThat(stats.get("actions").get("REVOKE_ALL_SESSIONS (dry run)").asLong()).isEqualTo(1);
        long histogramTotal = 0;
        for (JsonNode bin : stats.get("scoreHistogram")) {
            histogramTotal += bin.asLong();
        }
        assertThat(histogramTotal).isEqualTo(stats.get("logins").asLong());
        long byWeekdayAndHour = 0;
        for (JsonNode weekday : stats.get("weekdayHour")) {
            for (JsonNode hour : weekday) {
                byWeekdayAndHour += hour.asLong();
            }
        }
        assertThat(byWeekdayAndHour).as("the database's quarter hours, folded").isEqualTo(stats.get("logins").asLong());
        assertThat(stats.get("perDay").toString()).contains(ATTACK_AT.withZoneSameInstant(java.time.ZoneId.of(
                stats.get("timeZone").asText())).toLocalDate().toString());

        String viewer = RealmTokens.of(adminClients, REALM, "viewer");
        assertThat(api.get(REALM, viewer, "model").status()).isEqualTo(200);
        assertThat(api.get(REALM, viewer, "settings").status()).isEqualTo(200);
        assertThat(api.put(REALM, viewer, "settings", "{\"dryRun\":\"false\"}").status()).isEqualTo(403);
        assertThat(api.post(REALM, viewer, "login-events/" + attackLoginId + "/feedback", "{\"feedback\":\"safe\"}")
                .status()).isEqualTo(403);
        assertThat(api.post(REALM, viewer, "model/retrain", null).status()).isEqualTo(403);

        // manage-events alone cannot give "compromised", nor take it back: both need manage-users too
        String analyst = RealmTokens.of(adminClients, REALM, "analyst");
        assertThat(api.post(REALM, analyst, "login-events/" + attackLoginId + "/feedback", "{\"feedback\":\"safe\"}")
                .status()).as("reversing a compromised verdict").isEqualTo(403);
        assertThat(api.get(REALM, token(), "login-events/" + attackLoginId).json().get("login").get("feedback").asText())
                .isEqualTo("COMPROMISED");
        assertThat(api.post(REALM, analyst, "login-events/" + normalLoginId + "/feedback",
                "{\"feedback\":\"compromised\"}").status()).as("giving a compromised verdict").isEqualTo(403);
        assertThat(api.post(REALM, analyst, "login-events/" + normalLoginId + "/feedback", "{\"feedback\":\"safe\"}")
                .status()).as("a safe verdict on a login nobody called compromised").isEqualTo(200);

        VigilApi.Answer bad = api.put(REALM, token(), "settings", "{\"action\":\"NUKE\",\"contamination\":\"2\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errorMessage").asText()).contains("action").contains("contamination");
        assertThat(api.post(REALM, token(), "login-events/" + attackLoginId + "/feedback", "{\"feedback\":\"meh\"}")
                .status()).isEqualTo(400);
        assertThat(api.get(REALM, token(), "login-events/no-such-id").status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void strangersFailuresNeverGetTheOwnerActedOnNorFlaggedFromTheirUsualAddress() {
        assertThat(api.put(REALM, token(), "settings", "{\"dryRun\":\"false\",\"action\":\"REVOKE_ALL_SESSIONS\"}")
                .status()).isEqualTo(200);
        // two ordinary office days, logged out each time, so that nina's next login is ordinary in every way
        ZonedDateTime day = NORMAL_AT.plusDays(8);
        for (int d = 0; d < 2; d++) {
            clockAt(day.plusDays(d));
            AccessTokenResponse t = login(HOME_IP, HOME_UA);
            assertThat(t.isSuccess()).isTrue();
            oauth.doLogout(t.getRefreshToken());
        }
        awaitAllScored();
        ZonedDateTime attackDay = day.plusDays(2);
        clockAt(attackDay.minusMinutes(30));
        for (int i = 0; i < 20; i++) {
            // someone elsewhere guesses nina's password; others behind nina's office NAT mistype their own
            assertThat(oauth.passwordGrantRequest("nina", "guess-" + i).header("X-Forwarded-For", "203.0.113.201")
                    .send().isSuccess()).isFalse();
            assertThat(oauth.passwordGrantRequest("viewer", "typo-" + i).header("X-Forwarded-For", HOME_IP)
                    .send().isSuccess()).isFalse();
        }
        clockAt(attackDay);
        AccessTokenResponse session = login(HOME_IP, HOME_UA);
        assertThat(session.isSuccess()).isTrue();
        awaitAllScored();

        JsonNode owner = newestLogin("nina");
        String id = owner.get("id").asText();
        JsonNode features = api.get(REALM, token(), "login-events/" + id).json().get("features");
        assertThat(features.get("user_failures_1h").asDouble()).isEqualTo(20);
        assertThat(features.get("ip_failures_1h").asDouble())
                .as("other accounts' failures from the address nina always uses are not held against her").isZero();
        assertThat(names(owner.get("reasons"))).doesNotContain("ip_failures_1h");
        System.out.printf("scoring: nina's login after 20 failures by others: %s, action %s, reasons %s%n",
                owner.get("status").asText(), owner.path("actionTaken").asText("-"), names(owner.get("reasons")));
        assertThat(owner.path("actionTaken").asText()).as(owner.toString())
                .isIn("", "NONE", "WITHHELD_WEAK_EVIDENCE");
        assertThat(oauth.doRefreshTokenRequest(session.getRefreshToken()).isSuccess())
                .as("nina's session survives what strangers did").isTrue();
        assertThat(seenAdminEvents(id)).as("no admin event for an action not taken").isEmpty();
    }

    @Test
    @Order(8)
    void aNewUsersFirstLoginIsNotFlaggedForBeingFirst() {
        clockAt(NORMAL_AT.plusDays(10).plusHours(1));
        assertThat(oauth.passwordGrantRequest("olga", DemoUsers.PASSWORD).header("X-Forwarded-For", "192.0.2.44")
                .header("User-Agent", HOME_UA).send().isSuccess()).isTrue();
        awaitAllScored();
        JsonNode first = newestLogin("olga");
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("SCORED");
        assertThat(names(first.get("reasons"))).doesNotContain("new_device", "new_network", "new_client",
                "log_hours_since_last");
    }

    @Test
    @Order(9)
    void automaticActionsStopAtTheRealmsHourlyLimit() {
        assertThat(api.put(REALM, token(), "settings", "{\"maxActionsPerHour\":\"1\"}").status()).isEqualTo(200);
        ZonedDateTime night = ATTACK_AT.plusDays(10); // after the failures above; each from a new network and tool
        List<String> actions = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clockAt(night.plusMinutes(5L * i));
            assertThat(login("198.18." + (10 + i) + ".70", "attack" + i + "/1.0").isSuccess()).isTrue();
            awaitAllScored();
            JsonNode row = newestLogin("nina");
            assertThat(row.get("status").asText()).as(row.toString()).isEqualTo("FLAGGED");
            actions.add(row.get("actionTaken").asText());
            System.out.printf("scoring: attack %d: %s, score %.3f / %.3f, reasons %s, features %s%n", i,
                    row.get("actionTaken").asText(), row.get("score").asDouble(), row.get("threshold").asDouble(),
                    names(row.get("reasons")), api.get(REALM, token(), "login-events/" + row.get("id").asText()).json()
                            .get("features"));
        }
        assertThat(actions).containsExactly("REVOKE_ALL_SESSIONS", "WITHHELD_RATE_LIMIT", "WITHHELD_RATE_LIMIT");
        assertThat(api.put(REALM, token(), "settings", "{\"maxActionsPerHour\":\"10\"}").status()).isEqualTo(200);
    }

    // --- helpers ---

    private JsonNode newestLogin(String username) {
        return api.loginEvents(REALM, token(), "type=LOGIN&max=1&user=" + username).get(0);
    }

    private List<JsonNode> seenAdminEvents(String loginId) {
        List<JsonNode> heard = new java.util.ArrayList<>();
        api.faultGet(token(), "admin-events-seen").json().forEach(heard::add);
        heard.removeIf(e -> !loginId.equals(e.get("loginEventId").asText()));
        return heard;
    }

    private AccessTokenResponse login(String ip, String userAgent) {
        return oauth.passwordGrantRequest("nina", DemoUsers.PASSWORD)
                .header("X-Forwarded-For", ip).header("User-Agent", userAgent).send();
    }

    private void clockAt(ZonedDateTime serverTime) {
        long offset = serverTime == null ? 0 : (serverTime.toInstant().toEpochMilli() - System.currentTimeMillis()) / 1000;
        assertThat(api.fault(token(), "clock?offset=" + offset).status()).isEqualTo(204);
    }

    private void awaitAllScored() {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            boolean pending = api.loginEvents(REALM, token(), "type=LOGIN&max=500").stream()
                    .anyMatch(r -> "NEW".equals(r.path("status").asText()));
            if (!pending) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("history not scored within 60 s");
    }

    private MimeMessage to(String address) throws Exception {
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address))) {
                return m;
            }
        }
        throw new AssertionError("no mail to " + address);
    }

    private static String body(MimeMessage m) {
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=\n", "");
    }

    private static List<String> names(JsonNode reasons) {
        return reasons == null ? List.of() : java.util.stream.StreamSupport.stream(reasons.spliterator(), false)
                .map(r -> r.get("feature").asText()).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A token issued at the server's current (moved) time: the admin client's cached token would be
     * expired server-side once the clock jumps forward.
     */
    private String token() {
        return admin.tokenManager().grantToken().getToken();
    }

    /** The realm's admin API with a token valid at the server's current time. */
    private org.keycloak.admin.client.resource.RealmResource realmAdmin() {
        token();
        return admin.realm(REALM);
    }

    static class ScoringRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).sslRequired("none").eventsListeners("vigil", "vigil-test-admin-events").adminEventsEnabled(true)
                    // long-lived tokens so that the takeover, hours later, finds the victim's tokens still valid
                    .accessTokenLifespan(86_400)
                    .update(rep -> {
                        rep.setSsoSessionIdleTimeout(172_800);
                        rep.setSsoSessionMaxLifespan(172_800);
                    })
                    .attribute("vigil.timeZone", "UTC")
                    .attribute("vigil.minRealLogins", "20")
                    // a model trained on ~30 logins calibrates its threshold at about its second-highest training
                    // score, which smile's random subsampling moves from one training to the next (a normal login
                    // was flagged in 1 of 7 runs); this test is about what is done with flags, so it fixes the
                    // threshold between the normal logins (about 0.3) and the takeovers (0.59-0.63 measured)
                    .attribute("vigil.flagThreshold", "0.45")
                    .attribute("vigil.action", "REVOKE_ALL_SESSIONS")
                    .attribute("vigil.adminEmails", "soc@vigil.example")
                    .users(DemoUsers.user("nina"), DemoUsers.eventViewer("viewer"),
                            DemoUsers.user("olga"), DemoUsers.user("analyst").clientRoles("realm-management", "view-events", "manage-events"));
        }
    }
}
