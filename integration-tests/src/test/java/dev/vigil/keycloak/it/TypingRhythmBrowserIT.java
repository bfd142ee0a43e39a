package dev.vigil.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.VigilApi;
import org.apache.http.client.HttpClient;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.server.KeycloakUrls;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import dev.vigil.keycloak.it.support.ChromiumBrowser;
import dev.vigil.keycloak.it.support.InjectChromium;
import dev.vigil.keycloak.it.support.KeyReplay;
import dev.vigil.keycloak.it.support.KeyReplay.Mode;
import dev.vigil.keycloak.it.support.KeyReplay.Typing;
import dev.vigil.keycloak.it.support.RequiresChromium;
import dev.vigil.keycloak.it.support.TypingData;
import dev.vigil.keycloak.it.support.TypingRhythmPages;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Typing rhythm end to end in a real browser: headless Debian Chromium on the demo realm's login page
 * ("vigil browser" flow), the capture script {@code vigil-keystroke.js} as shipped, and typings of the
 * MEU-Mobile data set played back as key events with their recorded timings ({@link KeyReplay}). Where
 * {@link TypingRhythmIT} writes the hidden field, here only the script writes it.
 *
 * <p>Each MEU typing has 14 keys ({@code . t i e Shift 5 Shift Caps r o a n l Enter}); the test users'
 * password has 14 different printable keys, one per recorded key, so every recorded hold and gap is played
 * and captured (the script sends positions, never key values). The test reads the hidden field at the
 * moment the form is submitted (a window-level submit listener that runs after the script's handler),
 * compares it with what was played, and only then lets the form go. A take whose capture is off by more
 * than {@value #RETAKE_MS} ms anywhere (the machine stalled the browser or the test) is thrown away before
 * the server sees it and typed again, so the server's verdicts are those of the data set; every take counts
 * in the capture-error figures.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
@RequiresChromium
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class TypingRhythmBrowserIT {

    /** one printable key per key of an MEU typing: . t i e [Shift→s] 5 [Shift→h] [Caps→c] r o a n l [Enter→x] */
    static final String PASSWORD = ".ties5hcroanlx";
    /** the OTP step: entering a code, or setting one up for a user who has none */
    /** the step-up: the typist's own OTP (each has one; nobody is offered to set one up during a step-up) */
    static final List<String> STEP_UP = List.of("login-login-otp");
    /** the first two subjects of the file own accounts; the first typing of subjects 11–20 is the impostors' */
    static final List<String> OWNERS = List.of(System.getProperty("vigil.browser.owners", "1,2").split(","));
    static final List<String> IMPOSTORS = IntStream.rangeClosed(11, 20).mapToObj(String::valueOf).toList();
    static final int ENROLMENT = 10;
    static final int GENUINE = 5;
    static final double RETAKE_MS = 10;
    static final int MAX_TAKES = 6;

    static Map<String, List<String>> typings;
    /** absolute capture errors (ms) of every take played with Mode.CDP, the mode the logins use */
    static final List<Double> cdpErrors = new ArrayList<>();
    static int takes;
    static int retakes;
    static final Map<String, String> totpSecrets = new HashMap<>();

    @InjectRealm(fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectChromium
    ChromiumBrowser chromium;

    TypingRhythmUsers users;

    @InjectChromium(ref = "no-js", javascript = false)
    ChromiumBrowser noJavaScript;

    @BeforeEach
    void data() {
        typings = TypingData.bySubjectOrSkip();
        users = new TypingRhythmUsers(demo);
        users.reusableOtpCodes(); // enrolment logins ask for the OTP, faster than its 30 s period
    }

    @Test
    @Order(1)
    void theCapturedTimingsAreThoseThatWerePlayed() {
        // the same three typings (first typing of subjects 21–23) played each way; nothing is submitted
        List<String> samples = List.of(typings.get("21").get(0), typings.get("22").get(0), typings.get("23").get(0));
        Map<Mode, double[]> signed = new HashMap<>();
        Map<Mode, Double> means = new HashMap<>();
        for (Mode mode : Mode.values()) {
            List<Double> abs = new ArrayList<>();
            List<Double> sgn = new ArrayList<>();
            for (String sample : samples) {
                // CDP takes are retaken when a key is off by more than RETAKE_MS, as for logins: a renderer
                // descheduled for tens of ms on a busy 2-core machine is the machine's noise, not the capture's
                Take take = mode == Mode.CDP ? take(chromium, "nobody", Typing.parse(sample))
                        : type(chromium, "nobody", Typing.parse(sample), mode);
                for (double e : take.errors()) {
                    abs.add(e);
                }
                sgn.addAll(signedErrors(take.played(), take.captured()));
            }
            signed.put(mode, sgn.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "typing rhythm (browser): capture error with %-14s %s, mean signed %+.2f ms%n",
                    mode, summary(abs), mean(signed.get(mode)));
            means.put(mode, mean(abs.stream().mapToDouble(Double::doubleValue).toArray()));
            if (mode == Mode.CDP) {
                // robust statistics: a descheduled renderer on a busy 2-core machine moves the mean and the tail
                // (mean 2.72 ms, p90 6.3 ms seen in CI), not what a typical key sees; the errors are measured
                // against the times the player really sent each key (KeyReplay.dispatched), and takes with a key
                // off by more than RETAKE_MS are typed again (a median of 3.0 ms was seen, against the schedule,
                // with a Maven build and a benchmark running beside the browser)
                assertThat(percentile(abs, 0.5)).as("median capture error (ms), CDP").isLessThanOrEqualTo(2.5);
                assertThat(percentile(abs, 0.75)).as("75th percentile of the capture error (ms), CDP").isLessThanOrEqualTo(4.0);
            }
        }
        // Actions' pauses are relative: every key event's own cost is added to the gaps after it
        assertThat(means.get(Mode.CDP)).as("CDP at absolute times is more faithful than Actions")
                .isLessThan(means.get(Mode.ACTIONS));

        // keys that overlap (the next key goes down before the last one is up): a typing of subject 24
        // with its down-down times cut to 15 %, so most up-down times are negative
        Typing recorded = Typing.parse(typings.get("24").get(0));
        double[] dd = Arrays.stream(recorded.dd()).map(d -> Math.round(d * 0.15)).toArray();
        Typing rollover = new Typing(recorded.h(), dd);
        Take take = type(chromium, "nobody", rollover, Mode.CDP);
        double[] capturedUd = Typing.array(take.captured(), "ud");
        long overlaps = Arrays.stream(rollover.ud()).filter(u -> u < 0).count();
        long capturedOverlaps = Arrays.stream(capturedUd).filter(u -> u < 0).count();
        System.out.printf(Locale.ROOT, "typing rhythm (browser): overlapping keys: %d of 13 up-down times negative, "
                + "%d captured negative; capture error %s%n", overlaps, capturedOverlaps, summary(box(take.errors())));
        assertThat(overlaps).isGreaterThanOrEqualTo(5);
        for (int i = 0; i < capturedUd.length; i++) {
            if (Math.abs(rollover.ud()[i]) > RETAKE_MS) {
                assertThat(Math.signum(capturedUd[i])).as("sign of up-down %d", i).isEqualTo(Math.signum(rollover.ud()[i]));
            }
        }
        assertThat(median(box(take.errors()))).as("median capture error (ms), overlapping keys").isLessThanOrEqualTo(1.0);

        // a typo put right: erased to an empty field and typed again, the new typing is captured like any other;
        // a correction that leaves part of the first typing in the field is no clean typing and sends nothing
        Typing again = Typing.parse(typings.get("21").get(1));
        openLoginPage(chromium, "nobody");
        typeThenErase(chromium, "qw", 2);
        assertThat(chromium.findElement(By.id("password")).getAttribute("value")).as("erased").isEmpty();
        double[] late = KeyReplay.type(chromium, Mode.CDP, PASSWORD, again);
        String retyped = pressEnterAndRead(chromium);
        assertThat(retyped).as("hidden field after erasing and typing again").startsWith("{\"v\":1,");
        double[] retypedErrors = KeyReplay.errors(KeyReplay.dispatched(again, late), retyped);
        System.out.printf(Locale.ROOT, "typing rhythm (browser): typed again after erasing: capture error %s%n",
                summary(box(retypedErrors)));
        assertThat(median(box(retypedErrors))).as("median capture error (ms), typed again").isLessThanOrEqualTo(2.5);

        openLoginPage(chromium, "nobody");
        KeyReplay.type(chromium, Mode.CDP, PASSWORD, Typing.parse(typings.get("22").get(1)));
        typeThenErase(chromium, "z", 1);
        assertThat(chromium.findElement(By.id("password")).getAttribute("value")).isEqualTo(PASSWORD);
        assertThat(pressEnterAndRead(chromium)).as("hidden field after a correction within the typing").isEmpty();
    }

    /** Types the characters, then presses Backspace {@code times} times, with a human's pauses. */
    private static void typeThenErase(ChromiumBrowser browser, String chars, int times) {
        for (char c : chars.toCharArray()) {
            String code = "Key" + Character.toUpperCase(c);
            int vk = Character.toUpperCase(c);
            browser.cdp().call("Input.dispatchKeyEvent", Map.of("type", "keyDown", "key", String.valueOf(c), "code", code,
                    "windowsVirtualKeyCode", vk, "text", String.valueOf(c), "unmodifiedText", String.valueOf(c)));
            browser.cdp().call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", String.valueOf(c), "code", code,
                    "windowsVirtualKeyCode", vk));
        }
        for (int i = 0; i < times; i++) {
            browser.cdp().call("Input.dispatchKeyEvent", Map.of("type", "rawKeyDown", "key", "Backspace",
                    "code", "Backspace", "windowsVirtualKeyCode", 8, "commands", List.of("deleteBackward")));
            browser.cdp().call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", "Backspace",
                    "code", "Backspace", "windowsVirtualKeyCode", 8));
        }
    }

    @Test
    @Order(2)
    void genuineTypingsAreLetInOtherPeoplesStepUpToOtp() {
        int genuineTypings = 0;
        int genuineMatched = 0;
        int impostorTypings = 0;
        int steppedUp = 0;
        for (String owner : OWNERS) {
            String username = "typist-" + owner;
            createUser(username);
            List<String> mine = typings.get(owner);
            for (int i = 0; i < ENROLMENT; i++) {
                // while the rhythm is learnt, the user's own OTP first: nothing is learnt from the password alone
                String page = login(username, mine.get(i));
                assertThat(page).as("enrolment login %d of %s", i + 1, username).isEqualTo(STEP_UP.get(0));
                assertThat(completeOtp(chromium, username, page)).isEqualTo("logged-in");
                assertThat(lastOutcome(username)).isEqualTo("ENROLLING");
            }
            assertThat(keystrokeCredentials(username)).hasSize(1);
            assertThat(keystrokeCredentials(username).get(0).getCredentialData()).contains("\"samples\":" + ENROLMENT);

            StringBuilder genuine = new StringBuilder();
            int matched = 0;
            for (int i = ENROLMENT; i < ENROLMENT + GENUINE; i++) {
                String page = login(username, mine.get(i));
                assertThat(page).isIn(List.of("logged-in", STEP_UP.get(0)));
                String outcome = page.equals("logged-in") ? lastOutcome(username) : "stepped up";
                genuine.append(genuine.isEmpty() ? "" : ", ").append(outcome);
                if ("MATCH".equals(outcome)) {
                    matched++;
                } else {
                    // the owner passes their own OTP (a rejected typing holds the next ones back until then)
                    assertThat(completeOtp(chromium, username, page)).isEqualTo("logged-in");
                }
            }
            StringBuilder impostors = new StringBuilder();
            int stepped = 0;
            for (String other : IMPOSTORS) {
                String page = login(username, typings.get(other).get(0));
                assertThat(page).isIn(List.of("logged-in", STEP_UP.get(0)));
                if (STEP_UP.contains(page)) {
                    stepped++;
                    impostors.append(other).append(":OTP ");
                } else {
                    impostors.append(other).append(':').append(lastOutcome(username)).append(' ');
                }
            }
            // someone else's typings stopped at the owner's OTP: the owner's own next typing vouches for nothing until
            // the owner passes that OTP (an attacker gets one try at the rhythm, not one per attempt)
            Assumptions.assumeTrue(stepped > 0, "every impostor typing was accepted: nothing rejected to hold back");
            String after = login(username, mine.get(ENROLMENT + GENUINE + 3));
            assertThat(after).as("the owner's own typing after rejected ones").isIn(STEP_UP);
            assertThat(completeOtp(chromium, username, after)).isEqualTo("logged-in");
            Map<String, String> details = lastLogin(username).getDetails();
            System.out.printf("typing rhythm (browser): %s enrolled on %d typings; genuine %d of %d MATCH [%s]; "
                    + "impostors %d of %d stepped up to OTP [%s]; the owner after them: %s %s, then the OTP%n",
                    username, ENROLMENT, matched, GENUINE, genuine, stepped, IMPOSTORS.size(),
                    impostors.toString().trim(), details.get("vigil_keystroke"), details.get("vigil_keystroke_reason"));
            if (stepped > 0 && "UNVERIFIED".equals(details.get("vigil_keystroke"))) {
                assertThat(details).containsEntry("vigil_keystroke_reason", "after_rejected_typing");
            }
            assertThat(details.get("vigil_keystroke")).as("held back, or the owner's own off day")
                    .isIn("UNVERIFIED", "MISMATCH");
            genuineTypings += GENUINE;
            genuineMatched += matched;
            impostorTypings += IMPOSTORS.size();
            steppedUp += stepped;
        }
        System.out.printf(Locale.ROOT, "typing rhythm (browser): genuine %d of %d let in with MATCH (%.0f %%), impostor "
                        + "%d of %d stepped up to OTP (%.0f %% accepted; bench/keystroke, passive enrolment: about 29 %%)%n",
                genuineMatched, genuineTypings, 100.0 * genuineMatched / genuineTypings, steppedUp, impostorTypings,
                100.0 * (impostorTypings - steppedUp) / impostorTypings);
        // bench/keystroke at the default sensitivity: ~2.6 % of genuine typings rejected, ~29 % of impostor
        // typings accepted (per person 0 to 0.8, so a few owners give a rough rate): most genuine typings
        // pass and at least half of the impostors' are stepped up
        assertThat(genuineMatched).as("genuine typings let in with MATCH, of " + genuineTypings)
                .isGreaterThanOrEqualTo((int) Math.ceil(genuineTypings * 0.8));
        assertThat(steppedUp).as("impostor typings stepped up to OTP, of " + impostorTypings)
                .isGreaterThanOrEqualTo(impostorTypings / 2);
    }

    @Test
    @Order(3)
    void theSameTypingTwiceIsAReplay() {
        String username = "typist-" + OWNERS.get(0);
        String sample = typings.get(OWNERS.get(0)).get(ENROLMENT + GENUINE);

        // the same recorded typing played twice: the second capture is within a few ms of the first
        Take first = take(chromium, username, Typing.parse(sample));
        String firstPage = submit(chromium);
        String firstOutcome = firstPage.equals("logged-in") ? lastOutcome(username) : "stepped up";
        Take second = take(chromium, username, Typing.parse(sample));
        double[] between = KeyReplay.errors(Typing.parse(first.captured()), second.captured());
        String secondPage = submit(chromium);
        System.out.printf(Locale.ROOT, "typing rhythm (browser): %s typed one recording twice: first %s, second page %s; "
                + "the two captures differ by %s%n", username, firstOutcome, secondPage, summary(box(between)));
        assertThat(firstPage).as("the first typing, a genuine one, lets the owner in").isEqualTo("logged-in");
        assertThat(firstOutcome).isEqualTo("MATCH");
        // within a few ms of a typing that just matched, so only the replay check can step it up
        assertThat(secondPage).as("the second identical typing steps up").isIn(STEP_UP);
        assertThat(completeOtp(chromium, username, secondPage)).as("with OTP the owner gets in").isEqualTo("logged-in");
        System.out.printf("typing rhythm (browser): LOGIN event after the replay and OTP: details %s%n",
                lastLogin(username).getDetails());
        // Keycloak's LOGIN event of a login finished by OTP has no typing detail;
        // Vigil's login row takes it from the login's authentication session
        assertThat(vigilRowOutcome(username)).as("Vigil's row of the login that ended with OTP").isEqualTo("REPLAY");

        // the first capture sent again as it was (stolen from the form): the password is pasted, and the
        // stolen value goes into the hidden field after the script has written it
        Take pasted = paste(chromium, username);
        assertThat(pasted.captured()).isEmpty();
        chromium.js("window.__vigil.send = arguments[0];", first.captured());
        String thirdPage = submit(chromium);
        System.out.printf("typing rhythm (browser): the first capture sent again verbatim: page %s%n", thirdPage);
        assertThat(thirdPage).as("a stolen capture sent again steps up").isIn(STEP_UP);
        assertThat(completeOtp(chromium, username, thirdPage)).isEqualTo("logged-in");
        assertThat(vigilRowOutcome(username)).isEqualTo("REPLAY");
    }

    @Test
    @Order(4)
    void pastedOrAutofilledAnEnrolledUserIsAskedToTypeItOnceMoreThenSteppedUpAndWithoutJavaScriptSteppedUp() {
        String owner = OWNERS.get(OWNERS.size() - 1);
        String username = "typist-" + owner;

        // pasted from a password manager in the user's own browser: nothing else is risky, so the page asks to type
        // the password once more (no username: it was right); the owner types it, and that typing is judged
        Take pasted = paste(chromium, username);
        assertThat(pasted.captured()).as("hidden field after a paste").isEmpty();
        String page = submit(chromium);
        assertThat(page).isEqualTo(TypingRhythmPages.RETYPE_PAGE);
        assertThat(chromium.findElement(By.id(TypingRhythmPages.RETYPE_PAGE)).getText())
                .contains("Please type your password once more");
        assertThat(chromium.driver().findElements(By.id("username"))).as("no username field").isEmpty();
        Take typed = retype(chromium, Typing.parse(typings.get(owner).get(ENROLMENT + GENUINE + 2)));
        assertThat(typed.captured()).as("hidden field after typing it again").startsWith("{\"v\":1,");
        page = submit(chromium);
        System.out.printf("typing rhythm (browser): pasted, then typed again by %s: %s%n", username,
                page.equals("logged-in") ? lastOutcome(username) : page);
        assertThat(page).as("the owner's own typing, judged as any other").isIn(List.of("logged-in", STEP_UP.get(0)));
        if (page.equals("logged-in")) {
            assertThat(lastLogin(username).getDetails()).containsEntry("vigil_keystroke", "MATCH")
                    .containsEntry("vigil_keystroke_retyped", "true");
        } else {
            assertThat(completeOtp(chromium, username, page)).isEqualTo("logged-in");
        }

        // asked once per login: pasted again on that page, the login is UNVERIFIED and steps up to the owner's OTP
        // (the typing above, a MATCH, was learnt; nothing is learnt from here on)
        String samplesBefore = keystrokeCredentials(username).get(0).getCredentialData();
        paste(chromium, username);
        assertThat(submit(chromium)).isEqualTo(TypingRhythmPages.RETYPE_PAGE);
        assertThat(pasteHere(chromium).captured()).isEmpty();
        page = submit(chromium);
        assertThat(page).isIn(STEP_UP);
        assertThat(completeOtp(chromium, username, page)).isEqualTo("logged-in");
        assertThat(vigilRowOutcome(username)).isEqualTo("UNVERIFIED");

        Take filled = fill(chromium, username);
        assertThat(filled.captured()).as("hidden field after a fill without key events").isEmpty();
        assertThat(submit(chromium)).isEqualTo(TypingRhythmPages.RETYPE_PAGE);
        assertThat(fillHere(chromium).captured()).isEmpty();
        page = submit(chromium);
        assertThat(page).isIn(STEP_UP);
        assertThat(completeOtp(chromium, username, page)).isEqualTo("logged-in");
        assertThat(vigilRowOutcome(username)).isEqualTo("UNVERIFIED");

        // JavaScript blocked in another browser: one of the owner's own typings, played as in the other tests,
        // sends nothing (no script ran); that browser has no Vigil device cookie (a new device, MEDIUM by itself),
        // so the login is not asked again: it goes straight to the step-up, as a right and a wrong password would
        String typing = typings.get(owner).get(ENROLMENT + GENUINE + 1);
        noJavaScript.clearCookies();
        noJavaScript.open(oauth.loginForm().build());
        noJavaScript.findElement(By.id("username")).sendKeys(username);
        page = typeWithoutJavaScript(typing);
        System.out.printf("typing rhythm (browser): paste and fill in the owner's browser, each typed again the same"
                + " way: UNVERIFIED, UNVERIFIED; no JavaScript in a new browser: %s%n", page);
        assertThat(page).isIn(STEP_UP);
        assertThat(completeOtp(noJavaScript, username, page)).isEqualTo("logged-in");
        assertThat(vigilRowOutcome(username)).isEqualTo("UNVERIFIED");
        assertThat(keystrokeCredentials(username).get(0).getCredentialData()).as("nothing learnt without a sample")
                .isEqualTo(samplesBefore);
    }

    /** In the browser without JavaScript: plays the typing into the password field and presses Enter. */
    private String typeWithoutJavaScript(String typing) {
        noJavaScript.findElement(By.id("password")).click();
        KeyReplay.type(noJavaScript, Mode.CDP, PASSWORD, Typing.parse(typing));
        assertThat(noJavaScript.findElement(By.id("password")).getAttribute("value")).isEqualTo(PASSWORD);
        WebElement form = noJavaScript.findElement(By.id("kc-form-login"));
        KeyReplay.pressEnter(noJavaScript);
        return afterSubmit(noJavaScript, form);
    }

    @Test
    @Order(5)
    void theCaptureWasFaithfulThroughout() {
        Assumptions.assumeTrue(!cdpErrors.isEmpty(), "no typing played");
        System.out.printf(Locale.ROOT, "typing rhythm (browser): all %d takes played with CDP: capture error %s; "
                + "%d takes thrown away (error > %.0f ms) and typed again%n", takes, summary(cdpErrors), retakes, RETAKE_MS);
        // ReplayGuard compares typings on a 12 ms grid and is documented to catch copies jittered by ±2 ms
        // (all) and ±3 ms (> 99 %): the capture has to be finer than that for its verdicts to be the data's
        // Bounded on robust statistics: on a busy 2-core machine the browser's renderer is sometimes descheduled
        // for a few ms, which moves the mean (2.7 and 2.9 ms were seen) but not what a typical key sees. The median
        // stays finer than the replay guard's 2 ms; the 75th percentile (3.3 ms was seen once, with a Maven build
        // running beside the browser; median 1.4 ms then) must stay within 4 ms, a third of the guard's 12 ms grid.
        double[] all = cdpErrors.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(Locale.ROOT, "typing rhythm (browser): capture error mean %.2f ms, median %.2f ms, p75 %.2f ms,"
                + " p90 %.2f ms%n", mean(all), percentile(cdpErrors, 0.5), percentile(cdpErrors, 0.75),
                percentile(cdpErrors, 0.9));
        assertThat(percentile(cdpErrors, 0.5)).as("median capture error (ms)").isLessThanOrEqualTo(2.0);
        assertThat(percentile(cdpErrors, 0.75)).as("75th percentile of the capture error (ms)").isLessThanOrEqualTo(4.0);
        assertThat(retakes).as("takes thrown away, of " + takes).isLessThanOrEqualTo(takes / 4);
    }

    // ---------------------------------------------------------------------------------------------------

    /** What the form held when it was submitted, and what had been played. */
    record Take(Typing played, String captured, double[] errors) {
    }

    /** A full login: a faithful take of the typing, submitted; "logged-in" or the page Keycloak shows. */
    private String login(String username, String sample) {
        take(chromium, username, Typing.parse(sample));
        return submit(chromium);
    }

    /** Types until the capture is faithful (never submitting an unfaithful one); the form waits to be submitted. */
    private Take take(ChromiumBrowser browser, String username, Typing typing) {
        for (int attempt = 1; ; attempt++) {
            Take take = type(browser, username, typing, Mode.CDP);
            double max = Arrays.stream(take.errors()).max().orElse(0);
            if (max <= RETAKE_MS) {
                return take;
            }
            retakes++;
            System.out.printf(Locale.ROOT, "typing rhythm (browser): take %d of a typing by %s off by up to %.1f ms: "
                    + "typed again%n", attempt, username, max);
            assertThat(attempt).as("takes of one typing").isLessThan(MAX_TAKES);
        }
    }

    /** Opens a fresh login page, fills the username, plays the typing in the password field and presses Enter. */
    private Take type(ChromiumBrowser browser, String username, Typing typing, Mode mode) {
        openLoginPage(browser, username);
        return play(browser, typing, mode);
    }

    /** Plays the typing in the focused password field and presses Enter; the form waits to be submitted. */
    private Take play(ChromiumBrowser browser, Typing typing, Mode mode) {
        double[] late = KeyReplay.type(browser, mode, PASSWORD, typing);
        String captured = pressEnterAndRead(browser);
        assertThat(browser.findElement(By.id("password")).getAttribute("value")).isEqualTo(PASSWORD);
        assertThat(captured).as("hidden field after a clean typing").startsWith("{\"v\":1,");
        // against what the player actually sent (its own lateness on a busy machine left out): the browser's error
        double[] errors = KeyReplay.errors(KeyReplay.dispatched(typing, late), captured);
        if (mode == Mode.CDP) {
            takes++;
            for (double e : errors) {
                cdpErrors.add(e);
            }
        }
        return new Take(typing, captured, errors);
    }

    /** The password put in with the clipboard: Ctrl+V, as a user pastes from a password manager. */
    private Take paste(ChromiumBrowser browser, String username) {
        openLoginPage(browser, username);
        return pasteInto(browser);
    }

    /** The same, on the retype page the browser shows. */
    private Take pasteHere(ChromiumBrowser browser) {
        focusPassword(browser);
        return pasteInto(browser);
    }

    private Take pasteInto(ChromiumBrowser browser) {
        String origin = browser.getCurrentUrl().replaceFirst("^(https?://[^/]+).*$", "$1");
        browser.cdp().call("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        Object written = browser.driver().executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "navigator.clipboard.writeText(arguments[0]).then(function () { done('ok'); },"
                + " function (e) { done(String(e)); });", PASSWORD);
        assertThat(written).isEqualTo("ok");
        key(browser, "rawKeyDown", "Control", "ControlLeft", 17, null);
        key(browser, "rawKeyDown", "v", "KeyV", 86, "paste");
        key(browser, "keyUp", "v", "KeyV", 86, null);
        key(browser, "keyUp", "Control", "ControlLeft", 17, null);
        assertThat(browser.findElement(By.id("password")).getAttribute("value")).as("pasted").isEqualTo(PASSWORD);
        return new Take(null, pressEnterAndRead(browser), new double[0]);
    }

    /** The password put in without any key event, as a password manager's autofill does. */
    private Take fill(ChromiumBrowser browser, String username) {
        openLoginPage(browser, username);
        return fillInto(browser);
    }

    /** The same, on the retype page the browser shows. */
    private Take fillHere(ChromiumBrowser browser) {
        focusPassword(browser);
        return fillInto(browser);
    }

    private Take fillInto(ChromiumBrowser browser) {
        browser.cdp().call("Input.insertText", Map.of("text", PASSWORD));
        assertThat(browser.findElement(By.id("password")).getAttribute("value")).isEqualTo(PASSWORD);
        return new Take(null, pressEnterAndRead(browser), new double[0]);
    }

    private static void key(ChromiumBrowser browser, String type, String key, String code, int vk, String command) {
        Map<String, Object> params = new HashMap<>(Map.of("type", type, "key", key, "code", code,
                "windowsVirtualKeyCode", vk, "modifiers", type.equals("keyUp") && key.equals("Control") ? 0 : 2));
        if (command != null) {
            params.put("commands", List.of(command));
        }
        browser.cdp().call("Input.dispatchKeyEvent", params);
    }

    /** A new browser session on the login page, username filled, password field focused, submit watched. */
    private void openLoginPage(ChromiumBrowser browser, String username) {
        browser.newSession(); // the same browser: its Vigil device cookie stays, as a real one's does
        browser.open(oauth.loginForm().build());
        browser.findElement(By.id("username")).sendKeys(username);
        focusPassword(browser);
    }

    /**
     * On the retype page: plays the typing in the password field (no username there) and presses Enter; the form
     * waits to be submitted.
     */
    private Take retype(ChromiumBrowser browser, Typing typing) {
        focusPassword(browser);
        return play(browser, typing, Mode.CDP);
    }

    /** Holds the form's submission (see below) and puts the cursor in the password field of the page shown. */
    private static void focusPassword(ChromiumBrowser browser) {
        holdSubmission(browser);
        browser.findElement(By.id("password")).click();
    }

    private static void holdSubmission(ChromiumBrowser browser) {
        // runs after the script's own submit handler (that one is on the form, this one on the window):
        // keeps what the form would send and holds the submission until the test lets it go
        browser.js("window.__vigil = { captured: null, release: false, send: null };"
                + "window.addEventListener('submit', function (e) {"
                + "  var field = document.getElementById('vigil-ks');"
                + "  if (window.__vigil.release) {"
                + "    if (window.__vigil.send !== null) { field.value = window.__vigil.send; }"
                + "    return;"
                + "  }"
                + "  window.__vigil.captured = field.value;"
                + "  e.preventDefault();"
                + "});");
    }

    private static String pressEnterAndRead(ChromiumBrowser browser) {
        KeyReplay.pressEnter(browser);
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> (String) browser.js("return window.__vigil.captured;"));
    }

    /** Lets the held form go (the script computes the field again from the same keys) and waits for the next page. */
    private static String submit(ChromiumBrowser browser) {
        WebElement form = browser.findElement(By.id("kc-form-login"));
        browser.js("window.__vigil.release = true; document.getElementById('kc-form-login').requestSubmit();");
        return afterSubmit(browser, form);
    }

    private static String afterSubmit(ChromiumBrowser browser, WebElement form) {
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(30));
        wait.until(ExpectedConditions.stalenessOf(form));
        wait.until(d -> loggedIn(d.getCurrentUrl())
                || "complete".equals(browser.js("return document.readyState;")));
        if (loggedIn(browser.getCurrentUrl())) {
            return "logged-in";
        }
        if (!browser.driver().findElements(By.id(TypingRhythmPages.RETYPE_PAGE)).isEmpty()) {
            return TypingRhythmPages.RETYPE_PAGE;
        }
        String page = browser.pageId();
        if (TypingRhythmPages.TRUST_PAGE.equals(page)) {
            // after the OTP, Vigil offers to trust this browser: these typists answer "Not now"
            WebElement offer = browser.findElement(By.id("vigil-trust-device-form"));
            browser.findElement(By.id("vigil-trust-no")).click();
            return afterSubmit(browser, offer);
        }
        return page;
    }

    /**
     * Back at the application with a code. A Keycloak page's own URL may carry {@code session_code=} too (pages
     * rendered without JavaScript keep it), so the login-actions pages do not count.
     */
    private static boolean loggedIn(String url) {
        return url.contains("code=") && !url.contains("/login-actions/");
    }

    /** Enters the user's TOTP code on the OTP page, as the user would with an authenticator app. */
    private String completeOtp(ChromiumBrowser browser, String username, String page) {
        assertThat(page).as("never a set-up page in a stepped-up login").isEqualTo(STEP_UP.get(0));
        WebElement form = browser.findElement(By.id("kc-otp-login-form"));
        browser.findElement(By.id("otp")).sendKeys(TypingRhythmUsers.totpNow(totpSecrets.get(username)) + Keys.ENTER);
        return afterSubmit(browser, form);
    }

    private void createUser(String username) {
        users.createUserWithOtp(username, PASSWORD, "otp-" + username);
        totpSecrets.put(username, "otp-" + username);
    }

    private String lastOutcome(String username) {
        return lastLogin(username).getDetails().get("vigil_keystroke");
    }

    /** The typing-rhythm outcome on Vigil's row of the user's newest LOGIN. */
    private String vigilRowOutcome(String username) {
        List<JsonNode> rows = new VigilApi(http, urls).loginEvents(demo.getName(),
                admin.tokenManager().getAccessTokenString(), "user=" + username + "&type=LOGIN&max=1");
        assertThat(rows).isNotEmpty();
        return rows.get(0).path("keystroke").asText(null);
    }

    private EventRepresentation lastLogin(String username) {
        return users.lastEvent(users.userId(username), "LOGIN");
    }

    private List<CredentialRepresentation> keystrokeCredentials(String username) {
        return users.keystrokeCredentials(users.userId(username));
    }

    // --- figures ---

    private static List<Double> signedErrors(Typing played, String captured) {
        List<Double> out = new ArrayList<>();
        double[][] want = {played.h(), played.dd(), played.ud()};
        double[][] got = {Typing.array(captured, "h"), Typing.array(captured, "dd"), Typing.array(captured, "ud")};
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < want[f].length; i++) {
                out.add(got[f][i] - want[f][i]);
            }
        }
        return out;
    }

    private static List<Double> box(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static String summary(List<Double> abs) {
        double[] a = abs.stream().mapToDouble(Double::doubleValue).toArray();
        return String.format(Locale.ROOT, "mean %.2f ms, median %.2f, p90 %.2f, max %.2f over %d values", mean(a),
                median(abs), percentile(abs, 0.9), Arrays.stream(a).max().orElse(Double.NaN), a.length);
    }
}
