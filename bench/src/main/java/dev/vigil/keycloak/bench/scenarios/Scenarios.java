package dev.vigil.keycloak.bench.scenarios;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.vigil.keycloak.bench.scenarios.DemoBrowser.Page;
import dev.vigil.keycloak.bench.scenarios.DemoBrowser.Shown;

/**
 * Named scenarios played live against the running demo ({@code ./demo}), one at a time, each printing what a person
 * at the browser saw and what Vigil decided and why (level, score, reasons from Vigil's row of the login). Every
 * scenario creates its own users (scn-…) with a password, an authenticator app and weeks of history through the
 * simulation endpoint, so it can be played again and again. Addresses are forwarded as a proxy would; the demo
 * locates them with its DB-IP database (without it the country and travel signals stay silent).
 */
public final class Scenarios {

    static final String HOME = "85.214.132.";       // Berlin, DE
    static final String HOME_ELSEWHERE = "81.169.145."; // Berlin, DE (another network)
    static final String TRIP = "194.109.6.";        // Amsterdam, NL
    static final String FAR = "203.2.218.";         // Sydney, AU
    static final String VPN = "10.20.30.";          // her employer's VPN: a private address, no location
    static final String LAPTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    static final String OTHER_BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";
    static final int HISTORY_DAYS = 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    @FunctionalInterface
    interface Play {
        void run(Scenarios s) throws Exception;
    }

    record Scenario(String name, String title, Play play) {
    }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        add("usual", "her usual login: her laptop, her home network, her usual hour", Scenarios::usual);
        add("3am", "a login at an hour she never signs in (her habit is 12 hours away)", Scenarios::unusualHour);
        add("foreign-ip", "her own laptop from another country (a trip to Amsterdam)", Scenarios::foreignIp);
        add("new-device", "her password in a browser she never used, at home; she trusts it", Scenarios::newDevice);
        add("impossible-travel", "her password from Sydney, a minute after she signed in at home in Berlin",
                Scenarios::impossibleTravel);
        add("spray", "one network tries a common password against 20 usernames, then hers", Scenarios::spray);
        add("stuffing", "a leaked list of 8 username/password pairs, each tried once from its own network",
                Scenarios::stuffing);
    }

    private static void add(String name, String title, Play play) {
        SCENARIOS.put(name, new Scenario(name, title, play));
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String realm;
    private final DemoAdmin admin;
    private final Totp totp = new Totp();
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000L, 36);

    Scenarios(String base, String realm, String adminUser, String adminPassword) {
        this.base = base;
        this.realm = realm;
        this.admin = new DemoAdmin(http, base, realm, adminUser, adminPassword);
    }

    /** A scenario's user: name, password, authenticator secret, her laptop (after the warm-up, a known browser). */
    final class Person {
        final String username;
        final String password;
        final String otpSecret;
        String id;
        DemoBrowser laptop;

        Person(String username) {
            this.username = username;
            this.password = "Scn-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
            this.otpSecret = "scn-otp-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        }
    }

    public static void main(String[] args) throws Exception {
        String base = "http://localhost:8080";
        String realm = "vigil-demo";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base-url" -> base = args[++i].replaceAll("/+$", "");
                case "--realm" -> realm = args[++i];
                case "--list", "-l" -> {
                    SCENARIOS.values().forEach(s -> System.out.printf(Locale.ROOT, "  %-18s %s%n", s.name(), s.title()));
                    return;
                }
                default -> names.add(args[i]);
            }
        }
        if (names.isEmpty() || names.contains("all")) {
            names = new ArrayList<>(SCENARIOS.keySet());
        }
        for (String n : names) {
            if (!SCENARIOS.containsKey(n)) {
                System.err.println("unknown scenario '" + n + "'; one of: " + String.join(", ", SCENARIOS.keySet()) + ", all");
                System.exit(2);
            }
        }
        Scenarios s = new Scenarios(base, realm, env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                env("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        for (String n : names) {
            Scenario sc = SCENARIOS.get(n);
            System.out.printf(Locale.ROOT, "%n=== %s: %s%n", sc.name(), sc.title());
            sc.play().run(s);
        }
    }

    // ---------------------------------------------------------------- the scenarios

    private static void usual(Scenarios s) throws Exception {
        Person p = s.person("usual", currentHour());
        s.attempt(p.laptop, p, HOME + 40, "her laptop at home in Berlin", false);
    }

    private static void unusualHour(Scenarios s) throws Exception {
        Person p = s.person("3am", (currentHour() + 12) % 24);
        s.attempt(p.laptop, p, HOME + 41, "her laptop at home, at an hour she never signs in", false);
        s.say("   An unusual hour adds little by itself; with a browser she never used it is a step-up:");
        s.attempt(s.browser(OTHER_BROWSER), p, HOME + 42, "someone with her password, same hour, a new browser", false);
    }

    private static void foreignIp(Scenarios s) throws Exception {
        Person p = s.person("trip", currentHour());
        s.attempt(p.laptop, p, TRIP + 66, "her laptop in Amsterdam (her last login was in Berlin yesterday)", true);
    }

    private static void newDevice(Scenarios s) throws Exception {
        Person p = s.person("newdev", currentHour());
        DemoBrowser fresh = s.browser(OTHER_BROWSER);
        fresh.from(HOME + 43);
        Page page = fresh.signIn(p.username, p.password);
        long t = System.currentTimeMillis();
        s.say("-> her password in a browser she never used, at home (" + fresh.ip() + "): " + describe(page));
        if (page.shown() == Shown.OTP_ASKED) {
            page = fresh.submitOtp(s.totp.code(p.otpSecret));
            s.say("   she enters the code from her app: " + describe(page));
            if (page.shown() == Shown.TRUST_OFFER) {
                page = fresh.answerTrustOffer(true);
                s.say("   she chooses \"Trust this browser\": " + describe(page));
            }
        }
        s.decision(p.id, t);
        s.attempt(fresh, p, HOME_ELSEWHERE + 44, "the trusted browser later, on another network in Berlin", false);
    }

    private static void impossibleTravel(Scenarios s) throws Exception {
        Person p = s.person("travel", currentHour());
        s.attempt(p.laptop, p, HOME + 45, "her laptop at home in Berlin", false);
        s.attempt(s.browser(OTHER_BROWSER), p, FAR + 214, "her password in Sydney, a minute later, in another browser",
                false);
    }

    private static void spray(Scenarios s) throws Exception {
        Person p = s.person("spray", currentHour());
        String net = "83.137." + (10 + RANDOM.nextInt(200)) + ".";
        s.say("-> a sprayer on " + net + "0/24 (London) tries \"Winter2026!\" against 20 usernames of a list:");
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            DemoBrowser b = s.browser(OTHER_BROWSER);
            b.from(net + (i % 250 + 2));
            Page page = b.signIn("scn-" + s.run + "-spray-target-" + i, "Winter2026!");
            answers.merge(describe(page), 1, Integer::sum);
        }
        answers.forEach((what, n) -> s.say("   " + n + " × " + what));
        DemoBrowser b = s.browser(OTHER_BROWSER);
        b.from(net + 99);
        long t = System.currentTimeMillis();
        Page page = b.signIn(p.username, p.password);
        s.say("-> then her username with her real password, from the same network: " + describe(page));
        s.decision(p.username, t); // refused before the password was checked: the row has the attempted username
        s.attempt(p.laptop, p, HOME + 46, "she herself, at home, meanwhile", false);
    }

    private static void stuffing(Scenarios s) throws Exception {
        List<Person> real = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            real.add(s.new Person("scn-" + s.run + "-stuffed-" + i));
        }
        s.createWithHistory(real, currentHour(), false);
        String[] networks = {"62.116.131.", "83.137.2.", "1.128.0.", "145.53.10.", "194.109.7.", "81.169.145.",
            "203.2.219.", "85.214.133."};
        int right = 0;
        int stopped = 0;
        int denied = 0;
        int taken = 0;
        for (int i = 0; i < networks.length; i++) {
            boolean leakedRight = i % 3 == 0 && i / 3 < real.size();
            Person victim = leakedRight ? real.get(i / 3) : null;
            String username = victim != null ? victim.username : "scn-" + s.run + "-leaked-" + i;
            String password = victim != null ? victim.password : "hunter" + i;
            DemoBrowser b = s.browser(i % 2 == 0 ? OTHER_BROWSER : LAPTOP);
            b.from(networks[i] + (20 + i));
            long t = System.currentTimeMillis();
            Page page = b.signIn(username, password);
            String line = String.format(Locale.ROOT, "-> %-28s from %-15s %s", username, b.ip(), describe(page));
            if (victim != null) {
                right++;
                if (page.shown() == Shown.OTP_ASKED) {
                    stopped++;
                    page = b.submitOtp("000000");
                    line += "; a guessed code: " + describe(page);
                } else if (page.shown() == Shown.SIGNED_IN) {
                    taken++;
                } else if (page.shown() == Shown.REFUSED) {
                    denied++;
                }
            }
            s.say(line);
            if (victim != null) {
                s.decision(s.admin.newestRow(victim.id, page.shown() == Shown.SIGNED_IN ? "LOGIN" : "LOGIN_ERROR", t));
            }
        }
        s.say(String.format(Locale.ROOT, "   %d of %d leaked pairs were right: %d refused like a wrong password (HIGH), %d"
                + " stopped at the second factor (MEDIUM), %d accounts taken over", right, networks.length, denied, stopped,
                taken));
    }

    // ---------------------------------------------------------------- shared steps

    /**
     * A user with weeks of history (60 logins at {@code habitHour} UTC from her home network in Berlin, none in the
     * last day) and her laptop, which she used once on her employer's VPN: it asked her for her authenticator (a
     * browser new to Vigil), she answered "Not now" to trusting it; from then on it is a known browser.
     */
    Person person(String tag, int habitHour) throws Exception {
        Person p = new Person("scn-" + run + "-" + tag);
        createWithHistory(List.of(p), habitHour, true);
        p.laptop = browser(LAPTOP);
        p.laptop.from(VPN + (2 + RANDOM.nextInt(200)));
        Page page = p.laptop.signIn(p.username, p.password);
        if (page.shown() == Shown.OTP_ASKED) {
            page = p.laptop.submitOtp(totp.code(p.otpSecret));
        }
        if (page.shown() == Shown.TRUST_OFFER) {
            page = p.laptop.answerTrustOffer(false);
        }
        if (page.shown() != Shown.SIGNED_IN) {
            throw new IllegalStateException("setting up " + p.username + ": her first login on her laptop ended with "
                    + describe(page));
        }
        admin.newestRow(p.id, "LOGIN", 0); // scored: her profile knows the laptop now
        admin.logout(p.id); // she signed out of the VPN session
        say(String.format(Locale.ROOT, "   setting up: %s, password and authenticator app, %d logins over %d days from"
                + " %s0/24 (Berlin) around %02d:00 UTC; her laptop signed in once on her VPN (OTP asked: a browser new"
                + " to Vigil) and signed out", p.username, HISTORY_DAYS, HISTORY_DAYS + 1, HOME, habitHour));
        return p;
    }

    void createWithHistory(List<Person> people, int habitHour, boolean quiet) throws Exception {
        List<String> logins = new ArrayList<>();
        ZonedDateTime today = ZonedDateTime.now(ZoneOffset.UTC).withMinute(0).withSecond(0).withNano(0);
        for (Person p : people) {
            p.id = admin.createUser(p.username, p.password, p.otpSecret);
            for (int d = HISTORY_DAYS + 1; d >= 2; d--) {
                long time = today.minusDays(d).withHour(habitHour).plusMinutes(RANDOM.nextInt(50)).toInstant().toEpochMilli();
                logins.add("{\"time\":" + time + ",\"username\":" + DemoAdmin.q(p.username) + ",\"success\":true,\"ip\":"
                        + DemoAdmin.q(HOME + (10 + RANDOM.nextInt(10))) + ",\"userAgent\":" + DemoAdmin.q(LAPTOP)
                        + ",\"device\":\"laptop\",\"clientId\":\"vigil-demo-app\"}");
            }
        }
        String answer = admin.importHistory(logins);
        if (!quiet) {
            say(String.format(Locale.ROOT, "   setting up: %d accounts with %d days of history from %s0/24 (Berlin): %s",
                    people.size(), HISTORY_DAYS, HOME, answer));
        }
    }

    /** One sign-in by a person who knows the password; she answers her own authenticator if {@code isHer}. */
    void attempt(DemoBrowser b, Person p, String ip, String what, boolean isHer) throws Exception {
        b.from(ip);
        long t = System.currentTimeMillis();
        Page page = b.signIn(p.username, p.password);
        say("-> " + what + " (" + ip + "): " + describe(page));
        if (page.shown() == Shown.OTP_ASKED) {
            if (isHer) {
                page = b.submitOtp(totp.code(p.otpSecret));
                say("   she enters the code from her app: " + describe(page));
                if (page.shown() == Shown.TRUST_OFFER) {
                    page = b.answerTrustOffer(false);
                    say("   she answers \"Not now\": " + describe(page));
                }
            } else {
                page = b.submitOtp("000000");
                say("   without her phone, a guessed code: " + describe(page));
                decision(admin.newestRow(p.id, "LOGIN_ERROR", t));
                return;
            }
        }
        decision(p.id, t);
    }

    /** What Vigil's newest row of the user (id) since {@code after} says. */
    void decision(String userId, long after) throws IOException, InterruptedException {
        Optional<DemoAdmin.Row> row = admin.newestRow(userId, null, after);
        decision(row);
    }

    void decision(Optional<DemoAdmin.Row> row) {
        say("   Vigil: " + row.map(DemoAdmin.Row::decision).orElse("no row of this attempt yet")
                + row.map(r -> r.error() == null ? "" : " [event error " + r.error() + "]").orElse(""));
    }

    DemoBrowser browser(String userAgent) {
        return new DemoBrowser(http, base, realm, userAgent, HOME + 1);
    }

    void say(String line) {
        System.out.println(line);
    }

    static String describe(Page page) {
        return switch (page.shown()) {
            case SIGNED_IN -> "signed in";
            case OTP_ASKED -> "asked for a code from the authenticator app (step-up)";
            case TRUST_OFFER -> "offered to trust this browser";
            case REFUSED -> "refused: \"" + page.message() + "\"";
            case OTHER -> "shown " + page.message();
        };
    }

    static int currentHour() {
        return ZonedDateTime.now(ZoneOffset.UTC).getHour();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
