package dev.vigil.keycloak.bench.loginrisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.vigil.keycloak.bench.simulator.Login;
import dev.vigil.keycloak.bench.simulator.LoginCsv;
import dev.vigil.keycloak.bench.simulator.TrafficSimulator;
import dev.vigil.keycloak.riskengine.features.LoginAttribute;
import dev.vigil.keycloak.riskengine.features.LoginFeatures;
import dev.vigil.keycloak.riskengine.features.Networks;
import dev.vigil.keycloak.riskengine.features.UserHistory;
import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.features.ValueHasher;
import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.model.ModelKind;
import dev.vigil.keycloak.riskengine.model.ModelTrainer;
import dev.vigil.keycloak.riskengine.model.PerUserCap;
import dev.vigil.keycloak.riskengine.risk.LoginFacts;
import dev.vigil.keycloak.riskengine.risk.Population;
import dev.vigil.keycloak.riskengine.risk.RiskAssessment;
import dev.vigil.keycloak.riskengine.risk.RiskLevel;
import dev.vigil.keycloak.riskengine.risk.RiskScorer;
import dev.vigil.keycloak.riskengine.risk.RiskSettings;
import dev.vigil.keycloak.riskengine.risk.RiskSignal;

/**
 * Replays login traffic in time order through Vigil's in-flow assessment ({@link RiskScorer#assess}) with the default
 * settings, and through two baselines computed in the same pass on the same logins: Freeman et al.'s likelihood ratio
 * alone, and the realm's Isolation Forest alone (trained on the warm-up weeks' legitimate logins, as the listener
 * trains it). Each baseline is then put at the threshold that steps up the same share of legitimate logins as Vigil.
 */
public final class LoginRiskBench {

    static final long MINUTE = 60_000L;
    static final long DAY = 86_400_000L;
    static final long WEEK = 7 * DAY;
    /** the realm's history window (VigilRealmSettings.historyDays default) */
    static final long HISTORY = 90 * DAY;
    /** a session of a file without session lengths: Keycloak's SSO Session Idle default */
    static final int DEFAULT_SESSION_MINUTES = 30;
    /** the realm's model contamination (VigilRealmSettings default) */
    static final double CONTAMINATION = 0.01;
    /** examples kept per kind for --explain */
    static final int EXAMPLES = 12;

    /** What one replay measured on the evaluated (post-warm-up) successful logins. */
    public record Result(String source, Set<String> off, long warmupEnd, long end, Map<String, Kind> kinds,
            Kind legit, double freemanThreshold, double freemanLegit, double iforestThreshold, double iforestLegit,
            String targetedKind, int modelRows) {

        public double targetedStopped() {
            Kind k = kinds.get(targetedKind);
            return k == null ? Double.NaN : k.vigilStopped();
        }
    }

    /** The evaluated successful logins of one kind (legitimate, or one attacker kind). */
    public static final class Kind {
        final String name;
        int n;
        int medium;
        int high;
        int freeman;
        int iforest;
        int withTemplate;
        int withTemplateStopped;
        /** asked to type the password again (typing UNVERIFIED, the rest LOW) */
        int retyped;
        final List<double[]> scores = new ArrayList<>(); // vigil points, freeman log10 LR, iforest score
        /** a few examples: attacker logins Vigil let through, legitimate logins it denied */
        final List<String> examples = new ArrayList<>();

        Kind(String name) {
            this.name = name;
        }

        public int n() {
            return n;
        }

        public double vigilMedium() {
            return share(medium);
        }

        public double vigilHigh() {
            return share(high);
        }

        public double vigilStopped() {
            return share(medium + high);
        }

        public double freemanStopped() {
            return share(freeman);
        }

        public double iforestStopped() {
            return share(iforest);
        }

        double share(int k) {
            return n == 0 ? Double.NaN : k / (double) n;
        }
    }

    private LoginRiskBench() {
    }

    public static void main(String[] args) throws IOException {
        try {
            run(args);
        } catch (IllegalArgumentException | java.nio.file.NoSuchFileException e) {
            System.err.println("bench/login-risk: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file "
                    : "") + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws IOException {
        int users = 500;
        int weeks = 8;
        long seed = 20261205L;
        Integer warmup = null;
        Path logins = null;
        Path write = null;
        boolean ablation = false;
        boolean explain = false;
        boolean retype = true;
        List<String> whatIfs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--users" -> users = Integer.parseInt(args[++i]);
                case "--weeks" -> weeks = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--warmup-weeks" -> warmup = Integer.parseInt(args[++i]);
                case "--logins" -> logins = Path.of(args[++i]);
                case "--write" -> write = Path.of(args[++i]);
                case "--ablation" -> ablation = true;
                case "--no-retype" -> retype = false;
                case "--explain" -> explain = true;
                case "--what-if" -> whatIfs.add(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; usage: bench/login-risk [--users 500] [--weeks 8]"
                            + " [--seed S] [--warmup-weeks W] [--logins file.csv] [--write file.csv] [--ablation] [--explain] [--no-retype] [--what-if signal=w,...|likelihood_no_reward]");
                    System.exit(2);
                }
            }
        }
        RiskSettings settings = RiskSettings.DEFAULTS;
        Result result;
        List<Login> traffic = null;
        LoginCsv.Columns columns;
        if (logins != null) {
            try (BufferedReader in = Files.newBufferedReader(logins, StandardCharsets.UTF_8)) {
                LoginCsv.Reader reader = new LoginCsv.Reader(in);
                columns = reader.columns();
                traffic = new ArrayList<>();
                reader.forEachRemaining(traffic::add);
            }
            int w = warmup == null ? 4 : warmup;
            long first = traffic.isEmpty() ? 0 : traffic.get(0).time();
            System.out.printf(Locale.ROOT, "Login-risk benchmark on %s: %,d rows; warm-up: the first %d weeks%n",
                    logins, traffic.size(), w);
            result = replay(logins.getFileName().toString(), traffic, columns, first + w * WEEK, settings, false, retype);
        } else {
            TrafficSimulator.Options o = warmup == null ? TrafficSimulator.Options.of(users, weeks, seed)
                    : new TrafficSimulator.Options(users, weeks, seed, warmup);
            traffic = TrafficSimulator.generate(o);
            columns = new LoginCsv.Columns(true, true, true, true, true, true);
            System.out.printf(Locale.ROOT, "Login-risk benchmark: simulated %d users, %d weeks, seed %d: %,d login"
                    + " attempts; warm-up weeks 1-%d (profiles, population, model training; no attacks), evaluated"
                    + " weeks %d-%d%n", users, weeks, seed, traffic.size(), o.warmupWeeks(), o.warmupWeeks() + 1, weeks);
            if (write != null) {
                try (Writer out = Files.newBufferedWriter(write, StandardCharsets.UTF_8)) {
                    LoginCsv.write(out, traffic);
                }
                System.out.println("wrote " + write);
            }
            result = replay("simulated", traffic, columns, o.attacksFrom(), settings, false, retype);
        }
        print(result);
        if (explain) {
            System.out.println("Examples (legitimate logins denied; attacker logins let through):");
            for (Kind k : java.util.stream.Stream.concat(java.util.stream.Stream.of(result.legit()),
                    result.kinds().values().stream()).toList()) {
                k.examples.forEach(e -> System.out.println("  " + k.name + ": " + e));
            }
        }
        if (ablation) {
            System.out.println();
            System.out.println("Ablation: each signal's weight at 0 once (everything else at the defaults; baselines"
                    + " unchanged, so only Vigil's columns move)");
            System.out.println(String.format(Locale.ROOT, "%-20s %8s %8s %8s %8s %8s %8s %8s %8s", "weight at 0",
                    "legit_up", "legit_hi", "naive", "vpn", "targeted", "sprayer", "stuffer", "theft"));
            line("(defaults)", result);
            for (RiskSignal s : RiskSignal.values()) {
                if (settings.weight(s) == 0 || s == RiskSignal.IP_ALLOW || s == RiskSignal.IP_DENY) {
                    continue;
                }
                Result r = replay(result.source(), traffic, columns, result.warmupEnd(), settings.withWeight(s, 0),
                        false, retype);
                line(s.id(), r);
            }
        }
        if (!whatIfs.isEmpty()) {
            System.out.println();
            System.out.println("What-if (NOT the defaults, which the figures above use; for the scorer's owner):");
            System.out.println(String.format(Locale.ROOT, "%-36s %8s %8s %8s %8s %8s %8s %8s %8s", "settings",
                    "legit_up", "legit_hi", "naive", "vpn", "targeted", "sprayer", "stuffer", "theft"));
            for (String w : whatIfs) {
                RiskSettings s = settings;
                boolean noReward = false;
                for (String part : w.split(",")) {
                    if (part.equals("likelihood_no_reward")) {
                        noReward = true;
                    } else {
                        String[] kv = part.split("=");
                        s = s.withWeight(RiskSignal.valueOf(kv[0].trim().toUpperCase(Locale.ROOT)),
                                Double.parseDouble(kv[1]));
                    }
                }
                line36(w, replay(result.source(), traffic, columns, result.warmupEnd(), s, noReward, retype));
            }
        }
        System.out.printf(Locale.ROOT, "LOGIN-RISK targeted_stopped=%.4f legit_stepped_up=%.4f"
                + " freeman_targeted_stopped=%.4f iforest_targeted_stopped=%.4f%n", result.targetedStopped(),
                result.legit().vigilStopped(), stoppedBy(result, true), stoppedBy(result, false));
    }

    private static double stoppedBy(Result r, boolean freeman) {
        Kind k = r.kinds().get(r.targetedKind());
        return k == null ? Double.NaN : freeman ? k.freemanStopped() : k.iforestStopped();
    }

    private static void line36(String name, Result r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-36s %8s %8s", name,
                pct(r.legit().vigilStopped()), pct(r.legit().vigilHigh())));
        for (String k : TrafficSimulator.ATTACKERS) {
            Kind kind = r.kinds().get(k);
            sb.append(String.format(Locale.ROOT, " %8s", kind == null ? "-" : pct(kind.vigilStopped())));
        }
        System.out.println(sb);
    }

    private static void line(String name, Result r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-20s %8s %8s", name,
                pct(r.legit().vigilStopped()), pct(r.legit().vigilHigh())));
        for (String k : TrafficSimulator.ATTACKERS) {
            Kind kind = r.kinds().get(k);
            sb.append(String.format(Locale.ROOT, " %8s", kind == null ? "-" : pct(kind.vigilStopped())));
        }
        System.out.println(sb);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static void print(Result r) {
        System.out.println("Signals off (the data has no such column): " + (r.off().isEmpty() ? "none"
                : String.join(", ", r.off())));
        System.out.printf(Locale.ROOT, "Isolation Forest: trained on %,d legitimate warm-up logins (per-user cap %d,"
                + " contamination %.2f)%n", r.modelRows(), PerUserCap.DEFAULT_CAP, CONTAMINATION);
        System.out.println("Evaluated: successful logins after the warm-up (the assessment runs after the password;"
                + " failed attempts only feed the failure counts). Stopped = stepped up (MEDIUM) or denied (HIGH).");
        System.out.printf(Locale.ROOT, "%-16s %7s %9s %9s %9s %10s %10s%n", "logins", "n", "vigil_med", "vigil_high",
                "vigil_stop", "freeman", "iforest");
        row(r.legit());
        for (Kind k : r.kinds().values()) {
            row(k);
        }
        Kind t = r.kinds().get(r.targetedKind());
        if (t != null && t.withTemplate > 0 && t.withTemplate < t.n) {
            System.out.printf(Locale.ROOT, "%s: victims with a finished typing template %s stopped (%d of %d),"
                    + " without %s (%d of %d)%n", r.targetedKind(), pct(t.withTemplateStopped / (double) t.withTemplate),
                    t.withTemplateStopped, t.withTemplate,
                    pct((t.medium + t.high - t.withTemplateStopped) / (double) (t.n - t.withTemplate)),
                    t.medium + t.high - t.withTemplateStopped, t.n - t.withTemplate);
        }
        StringBuilder retyped = new StringBuilder();
        for (Kind k : r.kinds().values()) {
            if (k.retyped > 0) {
                retyped.append(String.format(Locale.ROOT, ", %s %s", k.name, pct(k.share(k.retyped))));
            }
        }
        System.out.printf(Locale.ROOT, "Asked to type the password again (typing UNVERIFIED, the login otherwise LOW; the"
                + " second typing is what the table judges): legitimate %s (%d)%s%n", pct(r.legit().share(r.legit().retyped)),
                r.legit().retyped, retyped);
        System.out.printf(Locale.ROOT, "Baselines at Vigil's legitimate step-up rate (%s): Freeman log10 LR >= %.3f"
                + " steps up %s of legitimate logins; Isolation Forest score >= %.4f steps up %s%n",
                pct(r.legit().vigilStopped()), r.freemanThreshold(), pct(r.freemanLegit()), r.iforestThreshold(),
                pct(r.iforestLegit()));
    }

    private static void row(Kind k) {
        System.out.printf(Locale.ROOT, "%-16s %7d %9s %9s %9s %10s %10s%n", k.name, k.n, pct(k.vigilMedium()),
                pct(k.vigilHigh()), pct(k.vigilStopped()), pct(k.freemanStopped()), pct(k.iforestStopped()));
    }

    /** Running counts of the realm's successful legitimate logins: the population of the likelihood signal. */
    static final class Counting implements Population {
        long logins;
        final Map<LoginAttribute, Map<String, Long>> counts = new EnumMap<>(LoginAttribute.class);

        void add(Map<LoginAttribute, String> values) {
            logins++;
            values.forEach((a, v) -> {
                if (v != null) {
                    counts.computeIfAbsent(a, k -> new HashMap<>()).merge(v, 1L, Long::sum);
                }
            });
        }

        @Override
        public long logins() {
            return logins;
        }

        @Override
        public long count(LoginAttribute attribute, String value) {
            return counts.getOrDefault(attribute, Map.of()).getOrDefault(value, 0L);
        }

        @Override
        public long distinct(LoginAttribute attribute) {
            return counts.getOrDefault(attribute, Map.of()).size();
        }
    }

    /** A session of a successful legitimate login: until when, from which network and country. */
    record Session(long until, String network, String country) {
    }

    /**
     * Freeman et al.'s likelihood ratio, reimplemented here without the scorer's clamp to [-1, 3] (the scorer's
     * {@code log10LikelihoodRatio} is package-private; this is the same formula, so the baseline can rank logins
     * beyond the clamp). NaN without history.
     */
    static double freeman(UserProfile profile, Map<LoginAttribute, String> values, Population population) {
        long users = profile.observedLogins();
        long total = population.logins();
        if (users == 0 || total == 0) {
            return Double.NaN;
        }
        double log10 = 0;
        for (LoginAttribute.Group group : LoginAttribute.Group.values()) {
            double pg = 0;
            double pu = 0;
            double weights = 0;
            for (LoginAttribute a : LoginAttribute.values()) {
                String value = values.get(a);
                if (a.group() != group || value == null || !profile.hasObserved(a)) {
                    continue;
                }
                double global = (population.count(a, value) + 1.0) / (total + population.distinct(a) + 1.0);
                double user = (profile.count(a, value) + global) / (users + 1.0);
                pg += a.weight() * global;
                pu += a.weight() * user;
                weights += a.weight();
            }
            if (weights > 0) {
                log10 += Math.log10(pg / pu);
            }
        }
        return log10;
    }

    /**
     * One pass over the traffic (time order): per user a profile updated after each successful legitimate login,
     * a realm population, failure counts, active sessions; the Isolation Forest trained once at {@code warmupEnd}.
     */
    public static Result replay(String source, List<Login> traffic, LoginCsv.Columns columns, long warmupEnd,
            RiskSettings base) {
        return replay(source, traffic, columns, warmupEnd, base, false, true);
    }

    /**
     * @param likelihoodNoReward what-if for the ablation only: the likelihood signal's negative points are dropped
     *                           (it can raise risk but not lower it), the level recomputed from the points
     * @param retype             the typing-rhythm form's retype (its default): a login whose typing is UNVERIFIED and
     *                           whose level without the typing is LOW is typed once more, drawn as the simulator draws
     *                           a typing ({@link TrafficSimulator#typing}), seeded by the login
     */
    static Result replay(String source, List<Login> traffic, LoginCsv.Columns columns, long warmupEnd,
            RiskSettings base, boolean likelihoodNoReward, boolean retype) {
        Set<String> off = new LinkedHashSet<>();
        RiskSettings settings = base;
        if (!columns.deviceId()) {
            off.add("new_device and trusted_device (no device cookie column)");
            settings = settings.withWeight(RiskSignal.NEW_DEVICE, 0).withWeight(RiskSignal.TRUSTED_DEVICE, 0);
        }
        if (!columns.typing()) {
            off.add("typing_rhythm (no typing column)");
        }
        if (!columns.location()) {
            off.add("impossible_travel (no coordinates)");
        }
        if (!columns.sessions()) {
            off.add("session lengths (sessions_elsewhere assumes " + DEFAULT_SESSION_MINUTES + " min sessions)");
        }
        if (!columns.kind()) {
            off.add("attacker kinds (from Is Attack IP / Is Account Takeover)");
        }
        ValueHasher hasher = new ValueHasher("bench realm secret".getBytes(StandardCharsets.UTF_8), ValueHasher.PROFILE);
        Map<String, UserProfile> profiles = new HashMap<>();
        Map<String, List<Session>> sessions = new HashMap<>();
        Map<String, ArrayDeque<Long>> userFailures = new HashMap<>();
        Map<String, ArrayDeque<Long>> ipFailures = new HashMap<>();
        Counting population = new Counting();
        ModelTrainer.Reservoir reservoir = new ModelTrainer.Reservoir(ModelTrainer.MAX_SAMPLES, new Random(7));
        PerUserCap cap = new PerUserCap(PerUserCap.DEFAULT_CAP, reservoir);
        AnomalyModel model = null;
        boolean trained = false;
        Kind legit = new Kind("legitimate");
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (String k : TrafficSimulator.ATTACKERS) {
            kinds.put(k, new Kind(k));
        }
        long window = settings.failureWindowMinutes() * MINUTE;
        long last = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        Iterator<Login> it = traffic.iterator();
        while (it.hasNext()) {
            Login l = it.next();
            long t = l.time();
            if (t < last) {
                throw new IllegalArgumentException("rows must be in time order: " + l);
            }
            last = t;
            end = t;
            if (!trained && t >= warmupEnd) {
                trained = true;
                double[][] sample = reservoir.sample();
                if (sample.length >= ModelTrainer.MIN_SAMPLES) {
                    model = train(sample, t);
                }
            }
            String user = l.userId() == null ? "?" : l.userId();
            String ip = l.ip();
            int uf = failures(userFailures, user, t, window);
            int ipf = ip == null ? 0 : failures(ipFailures, ip, t, window);
            if (!l.success()) {
                userFailures.computeIfAbsent(user, k -> new ArrayDeque<>()).addLast(t);
                if (ip != null) {
                    ipFailures.computeIfAbsent(ip, k -> new ArrayDeque<>()).addLast(t);
                }
                continue;
            }
            UserProfile profile = profiles.computeIfAbsent(user, k -> UserProfile.empty(hasher));
            long since = t - HISTORY;
            String network = Networks.prefixOf(ip);
            int hour = (int) Math.floorMod(t / 3_600_000L, 24L); // realm zone UTC
            List<Session> active = sessions.computeIfAbsent(user, k -> new ArrayList<>());
            active.removeIf(s -> s.until() <= t);
            int otherCountry = 0;
            Set<String> otherNetworks = new LinkedHashSet<>();
            for (Session s : active) {
                if (s.country() != null && l.country() != null && !s.country().equals(l.country())) {
                    otherCountry++;
                } else if (s.network() != null && !s.network().equals(network)) {
                    otherNetworks.add(s.network());
                }
            }
            String device = columns.deviceId() ? l.deviceId() : null;
            String featureDevice = columns.deviceId() ? (device == null ? "d:none" : device)
                    : "ua:" + dev.vigil.keycloak.riskengine.features.UserAgents.family(l.userAgent());
            String client = l.clientId() == null ? "app" : l.clientId();
            LoginRecord record = new LoginRecord("bench", "bench", "LOGIN", null, t, user, null, client, null, ip,
                    l.userAgent(), featureDevice, network, null, null, null);
            double[] x = LoginFeatures.of(record, new UserHistory(profile, since, uf, ipf), active.size(), ZoneOffset.UTC);
            double ifScore = model == null ? Double.NaN : model.score(x);
            Boolean flagged = model == null ? null : model.isFlagged(ifScore, null);
            boolean located = columns.location() && l.latitude() != null && l.longitude() != null;
            LoginFacts facts = new LoginFacts(t, hour, ip, network, l.country(), l.asn(),
                    located ? l.latitude() : null, located ? l.longitude() : null, located ? l.accuracyKm() : null,
                    device, false, l.userAgent(), columns.typing() ? l.typing() : null, uf, ipf, otherCountry,
                    otherNetworks.size(), flagged);
            Map<LoginAttribute, String> values = RiskScorer.attributes(facts);
            if (t >= warmupEnd) {
                boolean retyped = false;
                if (retype && "UNVERIFIED".equals(facts.typing()) && RiskScorer.assess(settings, profile, since,
                        facts.withTyping(null), population).level() == RiskLevel.LOW) {
                    retyped = true;
                    facts = facts.withTyping(TrafficSimulator.typing(!l.legit(), new Random(31L * t + user.hashCode())));
                }
                RiskAssessment a = RiskScorer.assess(settings, profile, since, facts, population);
                RiskLevel level = a.level();
                if (likelihoodNoReward) {
                    double points = a.points() - a.reasons().stream().filter(rr -> rr.signal() == RiskSignal.LIKELIHOOD)
                            .mapToDouble(rr -> Math.min(0, rr.points())).sum();
                    level = settings.levelOf(1 / (1 + Math.exp(-(points - RiskScorer.POINTS_AT_HALF))));
                }
                double lr = freeman(profile, values, population);
                Kind k = l.legit() ? legit : kinds.computeIfAbsent(kindOf(l), Kind::new);
                k.n++;
                if (retyped) {
                    k.retyped++;
                }
                boolean stopped = level != RiskLevel.LOW;
                if (level == RiskLevel.MEDIUM) {
                    k.medium++;
                } else if (level == RiskLevel.HIGH) {
                    k.high++;
                }
                if ((l.legit() ? level == RiskLevel.HIGH : !stopped) && k.examples.size() < EXAMPLES) {
                    k.examples.add(String.format(Locale.ROOT, "%s %s %s %s AS%s %s typing=%s: %s %.2f", a.level(),
                            user, ip, l.country(), l.asn(), device, l.typing(), a.reasonsText(), a.points()));
                }
                String typing = l.typing();
                if (typing != null && !typing.equals("NO_SAMPLE") && !typing.equals("ENROLLING")) {
                    k.withTemplate++;
                    if (stopped) {
                        k.withTemplateStopped++;
                    }
                }
                k.scores.add(new double[] {a.points(), Double.isNaN(lr) ? Double.NEGATIVE_INFINITY : lr,
                    Double.isNaN(ifScore) ? Double.NEGATIVE_INFINITY : ifScore});
            }
            if (l.legit()) {
                String recorded = device != null ? device : columns.deviceId() ? l.issuedDeviceId() : featureDevice;
                profile.add(t, ip, network, recorded, client, x, since);
                profile.observe(t, values, hour, located ? new double[] {l.latitude(), l.longitude(),
                    l.accuracyKm() == null ? 0 : l.accuracyKm()} : null);
                population.add(values);
                int minutes = l.sessionMinutes() == null ? DEFAULT_SESSION_MINUTES : l.sessionMinutes();
                active.add(new Session(t + minutes * MINUTE, network, l.country()));
                if (t < warmupEnd) {
                    cap.offer(user, x);
                }
            }
        }
        kinds.values().removeIf(k -> k.n == 0);
        // the baselines at the threshold that steps up as many legitimate logins as Vigil did
        int target = legit.medium + legit.high;
        double fT = threshold(legit.scores, 1, target);
        double iT = threshold(legit.scores, 2, target);
        count(legit, fT, iT);
        for (Kind k : kinds.values()) {
            count(k, fT, iT);
        }
        String targetedKind = kinds.containsKey(TrafficSimulator.TARGETED) ? TrafficSimulator.TARGETED
                : "account_takeover";
        return new Result(source, off, warmupEnd, end, kinds, legit, fT, legit.share(legit.freeman), iT,
                legit.share(legit.iforest), targetedKind, (int) Math.min(reservoir.seen(), ModelTrainer.MAX_SAMPLES));
    }

    /**
     * The realm model, trained as the listener trains it; in a one-thread pool with smile's random generator seeded,
     * so that a replay gives the same figures each time (smile grows its trees in a parallel stream).
     */
    static AnomalyModel train(double[][] sample, long t) {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(1);
        try {
            return pool.submit(() -> {
                smile.math.MathEx.setSeed(20261205L);
                return ModelTrainer.train(sample, CONTAMINATION, ModelKind.REALM, t);
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static String kindOf(Login l) {
        if (l.kind() != null) {
            return l.kind();
        }
        return l.takeover() ? "account_takeover" : "attack_ip";
    }

    private static void count(Kind k, double fT, double iT) {
        for (double[] s : k.scores) {
            if (s[1] >= fT) {
                k.freeman++;
            }
            if (s[2] >= iT) {
                k.iforest++;
            }
        }
    }

    /**
     * The lowest score t such that at most {@code target} legitimate logins score t or more (ties stay together, so a
     * baseline never steps up more legitimate logins than Vigil; it may step up fewer).
     */
    static double threshold(List<double[]> legit, int column, int target) {
        double[] s = legit.stream().mapToDouble(v -> v[column]).toArray();
        Arrays.sort(s);
        if (target <= 0 || s.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        int n = s.length;
        double best = Double.POSITIVE_INFINITY;
        int i = n - 1;
        while (i >= 0) {
            double v = s[i];
            int j = i;
            while (j >= 0 && s[j] == v) {
                j--;
            }
            int atOrAbove = n - 1 - j;
            if (atOrAbove > target || v == Double.NEGATIVE_INFINITY) {
                break;
            }
            best = v;
            i = j;
        }
        return best;
    }

    private static int failures(Map<String, ArrayDeque<Long>> m, String key, long t, long window) {
        ArrayDeque<Long> q = m.get(key);
        if (q == null) {
            return 0;
        }
        while (!q.isEmpty() && q.peekFirst() <= t - window) {
            q.pollFirst();
        }
        return q.size();
    }
}
