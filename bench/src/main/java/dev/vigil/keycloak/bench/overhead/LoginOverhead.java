package dev.vigil.keycloak.bench.overhead;

import dev.vigil.keycloak.bench.Json;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures what the {@code vigil} event listener costs a real login: two realms identical but for their
 * event listeners, loaded in interleaved rounds by the same workers. Started by {@code bench/login-overhead},
 * which provides the Keycloak; see bench/README.md. Exit status 1 when more than 1% of the measured logins
 * of a realm fail or Vigil recorded nothing, 2 on bad options. {@code --check-options} only checks the options.
 */
public final class LoginOverhead {

    static final String PLAIN = "bench-plain";
    static final String VIGIL = "bench-vigil";
    private static final double MAX_FAILURE_RATE = 0.01;
    /** warm-up ends once the JIT compiler uses less than this share of the server's CPU */
    static final double JIT_QUIET = 0.02;
    private static final Duration WARMUP_SLICE = Duration.ofSeconds(10);

    private LoginOverhead() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(Options.USAGE);
            return;
        }
        boolean checkOnly = List.of(args).contains("--check-options");
        Options options;
        try {
            options = Options.parse(checkOnly ? List.of(args).stream()
                    .filter(arg -> !arg.equals("--check-options")).toArray(String[]::new) : args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (checkOnly) {
            return;
        }
        Report report = new Report(System.out);

        RealmSetup setup = new RealmSetup(options);
        setup.create(PLAIN, List.of("jboss-logging"));
        setup.create(VIGIL, List.of("jboss-logging", "vigil"), options.demoFlows() ? DemoFlows.members() : "");
        if (options.vigilHour() != null) {
            ZoneOffset offset = offsetForHour(options.vigilHour(), ZonedDateTime.now(ZoneOffset.UTC).getHour());
            setup.vigilSettings(VIGIL, "{\"timeZone\":" + Json.quote(offset.getId()) + "}");
            report.line("Vigil's time zone in %s: %s (it is %02d:xx there now)", VIGIL, offset.getId(), options.vigilHour());
        }
        report.line("realms %s (jboss-logging, Keycloak's flows) and %s (jboss-logging, vigil, %s) created, %d users each",
                PLAIN, VIGIL, options.demoFlows() ? "the demo realm's flows with login risk" : "Keycloak's flows",
                options.users());

        CpuClock server = CpuClock.process(System.getenv("BENCH_SERVER_PID"));
        LoadRunner runner = new LoadRunner(options, server, ThreadCpu.of(System.getenv("BENCH_SERVER_PID")));
        for (String realm : List.of(PLAIN, VIGIL)) {
            int failed = runner.prime(realm);
            report.line("%s: one browser login per user on their own browser first (unmeasured), %d failed", realm, failed);
        }
        long vigilWarmupLogins = warmUp(options, setup, runner, report);

        Duration duration = Duration.ofSeconds(options.roundSeconds());
        List<RoundResult> plainRuns = new ArrayList<>();
        List<RoundResult> vigilRuns = new ArrayList<>();
        CpuUse cpu = new CpuUse(server);
        long roundsStarted = System.currentTimeMillis();
        report.roundHeader();
        for (int round = 1; round <= options.rounds(); round++) {
            boolean plainFirst = round % 2 == 1;
            RoundResult first = run(setup, runner, plainFirst ? PLAIN : VIGIL, duration);
            RoundResult second = run(setup, runner, plainFirst ? VIGIL : PLAIN, duration);
            RoundResult plain = plainFirst ? first : second;
            RoundResult vigil = plainFirst ? second : first;
            plainRuns.add(plain);
            vigilRuns.add(vigil);
            report.round(round, plainFirst, plain, vigil);
        }
        cpu.stop();
        RoundResult plain = RoundResult.combine(PLAIN, plainRuns);
        RoundResult vigil = RoundResult.combine(VIGIL, vigilRuns);
        report.summary(options, plain, vigil);
        if (cpu.known()) {
            report.line("CPU used during the rounds, in cores of %d: Keycloak %.2f, load generator %.2f, other programs %.2f",
                    Runtime.getRuntime().availableProcessors(), cpu.server(), cpu.self(), cpu.others());
        }

        List<String> problems = new ArrayList<>();
        for (RoundResult realm : List.of(plain, vigil)) {
            if (realm.failureRate() > MAX_FAILURE_RATE) {
                problems.add(String.format("%.2f%% of the logins in %s failed (limit 1%%)",
                        100 * realm.failureRate(), realm.realm()));
            }
        }
        long vigilSuccesses = vigilWarmupLogins + vigil.tally().successes();
        Map<String, Long> statuses = setup.recordedLogins(VIGIL);
        long recorded = statuses.values().stream().mapToLong(Long::longValue).sum();
        long recordedPlain = setup.recordedLogins(PLAIN).values().stream().mapToLong(Long::longValue).sum();
        report.line("%nVigil recorded %d LOGIN rows in %s for %d successful logins there (warm-up included); %s: %d rows",
                recorded, VIGIL, vigilSuccesses, PLAIN, recordedPlain);
        long unscored = statuses.getOrDefault("NEW", 0L);
        report.line("  scored %d (flagged %d), not scored yet %d", recorded - unscored, statuses.getOrDefault("FLAGGED", 0L),
                unscored);
        if (recorded == 0 || recordedPlain != 0) {
            problems.add("the vigil listener did not record " + VIGIL + " only: the comparison is meaningless");
        }
        if (unscored > recorded / 100) {
            problems.add(unscored + " of " + VIGIL + "'s logins were not scored: the vigil realm's CPU leaves out work");
        }
        String startedAt = System.getenv("BENCH_STARTED_AT");
        if (startedAt != null && startedAt.matches("\\d+")) {
            report.line("wall time since bench/login-overhead started: %d s",
                    System.currentTimeMillis() / 1000 - Long.parseLong(startedAt));
        }
        if (options.demoFlows()) {
            // wall clock of each in-flow assessment in the server (its database reads included), this node, during
            // the measured rounds (not the priming logins, without profiles yet, nor the warm-up while JIT compiles)
            report.line("ASSESSMENT %s", setup.assessmentTimings(VIGIL, roundsStarted));
        }
        problems.forEach(problem -> report.line("FAILED: %s", problem));
        report.last(plain, vigil);
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** The whole-hour UTC offset (-12..+14) at which it is {@code hour} o'clock when it is {@code utcHour} in UTC. */
    static ZoneOffset offsetForHour(int hour, int utcHour) {
        int offset = Math.floorMod(hour - utcHour, 24);
        return ZoneOffset.ofHours(offset > 14 ? offset - 24 : offset);
    }

    /**
     * Unmeasured runs of both realms: {@code --warmup} seconds each, then 10 s slices of each until the JIT
     * compiler's share of the server's CPU is below {@link #JIT_QUIET} in the last slice of each realm, or
     * {@code --warmup-max} is reached. A JVM that was just started compiles for minutes, and more of it while a realm
     * runs new code paths; the rounds should measure what a long-running Keycloak does per login. (Each realm on its
     * own: with the pair's share, the plain realm's quiet slice hid the vigil realm's compiling one, 2.1 %, and the
     * JIT then took 4.2 ms of the vigil realm's logins in the rounds against 1.6 ms of the plain realm's.)
     *
     * @return the successful logins of the vigil realm
     */
    private static long warmUp(Options options, RealmSetup setup, LoadRunner runner, Report report) throws Exception {
        Duration slice = Duration.ofSeconds(options.warmupSeconds());
        long spent = 0;
        long vigilLogins = 0;
        while (true) {
            RoundResult plain = run(setup, runner, PLAIN, slice);
            report.warmup(plain);
            RoundResult vigil = run(setup, runner, VIGIL, slice);
            report.warmup(vigil);
            vigilLogins += vigil.tally().successes();
            spent += slice.toSeconds();
            double jit = Math.max(plain.jitShare(), vigil.jitShare());
            if (Double.isNaN(jit) || jit < JIT_QUIET || spent >= options.warmupMaxSeconds()) {
                return vigilLogins;
            }
            slice = Duration.ofSeconds(Math.min(WARMUP_SLICE.toSeconds(), options.warmupMaxSeconds() - spent));
        }
    }

    /** One realm's run, starting without user sessions: otherwise they pile up, 100s per user, over the rounds. */
    private static RoundResult run(RealmSetup setup, LoadRunner runner, String realm, Duration duration) throws Exception {
        setup.endSessions(realm);
        return runner.run(realm, duration);
    }
}
