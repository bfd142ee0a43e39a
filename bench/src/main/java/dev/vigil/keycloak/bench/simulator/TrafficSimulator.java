package dev.vigil.keycloak.bench.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.vigil.keycloak.bench.simulator.World.AsnType;
import dev.vigil.keycloak.bench.simulator.World.Asn;
import dev.vigil.keycloak.bench.simulator.World.Block;
import dev.vigil.keycloak.bench.simulator.World.City;
import dev.vigil.keycloak.bench.simulator.World.Country;

/**
 * A seeded generator of multi-user login traffic over weeks: legitimate users with habits and honest irregularities,
 * and attackers of increasing skill. Same seed and options, same traffic. Every number it uses is a constant below
 * and is listed in the README ("Traffic simulator: assumptions").
 */
public final class TrafficSimulator {

    // ---- assumptions (README: "Traffic simulator: assumptions") ----
    /** the first simulated day: Monday 2026-09-07 00:00 UTC */
    public static final long START = 1_788_739_200_000L;
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    static final long WEEK = 7 * DAY;
    /** median logins per user and week, and the log-normal spread around it; clamped to [0.5, 35] */
    static final double MEDIAN_PER_WEEK = 5;
    static final double PER_WEEK_SIGMA = 0.8;
    /** weekdays vs weekend days, relative login rate */
    static final double WEEKEND_FACTOR = 0.5;
    /** share of logins at a uniformly random hour (not the user's habits) */
    static final double ODD_HOUR = 0.03;
    /** devices per user: 1, 2, 3 */
    static final double[] DEVICES = {0.45, 0.40, 0.15};
    /** the first device is a phone (else a computer) */
    static final double PHONE_FIRST = 0.25;
    /** users with an office network (a business ISP) on weekdays 8-18 local */
    static final double OFFICE_USERS = 0.5;
    /** mean days a residential IP lease lasts (then a new address in the same ISP, usually a new /24) */
    static final double LEASE_DAYS = 21;
    /** a phone at home uses the home Wi-Fi (else the carrier, a new CGNAT address each time) */
    static final double PHONE_ON_WIFI = 0.6;
    /** per login: the browser's cookies were cleared (sends no device cookie; gets a new one) */
    static final double CLEARED_COOKIES = 0.01;
    /** users whose browser deletes cookies on exit: never sends a device cookie */
    static final double ALWAYS_CLEARS = 0.03;
    /** per user and week: a new device (new phone or computer, a new browser) replaces one */
    static final double NEW_DEVICE_PER_WEEK = 0.01;
    /** per user and week: a trip starts (2-10 days); share abroad (else domestic) */
    static final double TRIP_PER_WEEK = 0.04;
    static final double TRIP_ABROAD = 0.45;
    /** flight: cruise speed km/h plus hours at airports; below this distance by land at the land speed */
    static final double FLIGHT_KMH = 750;
    static final double AIRPORT_HOURS = 2.5;
    static final double LAND_KM = 400;
    static final double LAND_KMH = 80;
    /** abroad, a phone on mobile data is home-routed (roaming: an address of the home carrier, located at home) */
    static final double ROAMING = 0.5;
    /** per legitimate login: one wrong password first, two wrong passwords first */
    static final double ONE_TYPO = 0.04;
    static final double TWO_TYPOS = 0.01;
    /** users with a typing-rhythm template (passive enrolment after {@link #ENROLMENT} logins) */
    static final double TYPING_USERS = 0.7;
    static final int ENROLMENT = 10;
    /** genuine typing: no usable typing (password manager, paste, correction): UNVERIFIED */
    static final double GENUINE_UNVERIFIED = 0.04;
    /**
     * genuine typing rejected and impostor typing accepted: one operating point, the detector with passive enrolment
     * (the templates here are learnt from the first {@link #ENROLMENT} logins) at the default sensitivity, N=10, whose
     * template then follows the user as the login flow makes it do (each MATCH folded in): {@code bench/keystroke
     * --cv 0 --clocks none}, "Vigil, passive enrolment, template following the user (each MATCH learnt) at default
     * threshold": FAR 0.2385, FRR 0.0195. Until 2026-12-06 the FRR was the batch enrolment's (0.051) beside the passive
     * FAR: two operating points mixed; then the passive template frozen after its 10th typing (FAR 0.2877, FRR
     * 0.0262), which the login flow never leaves as it is.
     */
    static final double GENUINE_MISMATCH = 0.0195;
    static final double IMPOSTOR_MATCH = 0.2385;
    /** a targeted attacker replays a captured typing with a bot (REPLAY) */
    static final double TARGETED_REPLAY_BOT = 0.15;
    /** session minutes of a legitimate login: log-normal, median 60, clamped to 5-600 (SSO max 10 h) */
    static final double SESSION_MEDIAN_MIN = 60;
    /** attack volume per user over the evaluation weeks */
    static final double NAIVE_PER_USER = 1;
    static final double VPN_PER_USER = 1;
    static final double TARGETED_PER_USER = 4;
    static final double SESSION_THEFT_PER_USER = 0.5;
    /** password spraying: campaigns, addresses each, passwords tried per account, users with such a password */
    static final int SPRAY_CAMPAIGNS = 3;
    static final int SPRAY_IPS = 2;
    static final int SPRAY_PASSWORDS = 2;
    static final double WEAK_PASSWORD = 0.015;
    /** credential stuffing: campaigns, proxy addresses each, users in the leak, of them reusing the password */
    static final int STUFF_CAMPAIGNS = 2;
    static final int STUFF_IPS = 20;
    static final double IN_LEAK = 0.4;
    static final double REUSED = 0.08;

    public static final String NAIVE = "naive";
    public static final String VPN = "vpn";
    public static final String TARGETED = "targeted";
    public static final String SPRAYER = "sprayer";
    public static final String STUFFER = "stuffer";
    public static final String SESSION_THEFT = "session_theft";
    public static final List<String> ATTACKERS = List.of(NAIVE, VPN, TARGETED, SPRAYER, STUFFER, SESSION_THEFT);

    /** What to generate: users, weeks, seed, and the weeks before attacks start (the replay's warm-up). */
    public record Options(int users, int weeks, long seed, int warmupWeeks) {
        public Options {
            if (users < 1 || weeks < 2 || warmupWeeks < 1 || warmupWeeks >= weeks) {
                throw new IllegalArgumentException("need users >= 1 and 1 <= warm-up weeks < weeks");
            }
        }

        public static Options of(int users, int weeks, long seed) {
            return new Options(users, weeks, seed, Math.max(1, weeks / 2));
        }

        public long attacksFrom() {
            return START + warmupWeeks * WEEK;
        }

        public long end() {
            return START + weeks * WEEK;
        }
    }

    static final class Device {
        String os;
        String browser;
        boolean phone;
        int lag;
        String cookie;
    }

    static final class User {
        String id;
        City home;
        Asn residential;
        Asn carrier;
        String homeIp;
        long leaseUntil;
        Block office;
        String officeIp;
        final List<Device> devices = new ArrayList<>();
        double perWeek;
        double[][] peaks;
        boolean alwaysClears;
        boolean typing;
        long enrolledAt = Long.MAX_VALUE;
        int successes;
        boolean weakPassword;
        boolean inLeak;
        boolean reused;
        boolean mailClient;
    }

    private final Options options;
    private final Random r;
    private final World world;
    private final List<User> users = new ArrayList<>();
    private final List<Login> out = new ArrayList<>();
    private int cookieSeq;

    private TrafficSimulator(Options options) {
        this.options = options;
        this.r = new Random(options.seed());
        this.world = new World(new Random(options.seed() ^ 0x5DEECE66DL));
    }

    /** The traffic, in time order. */
    public static List<Login> generate(Options options) {
        TrafficSimulator s = new TrafficSimulator(options);
        for (int i = 0; i < options.users(); i++) {
            s.users.add(s.newUser(i));
        }
        for (User u : s.users) {
            s.legitimate(u);
        }
        List<Login> legit = new ArrayList<>(s.out);
        s.naive();
        s.vpn();
        s.targeted();
        s.sessionTheft(legit);
        s.spray();
        s.stuffing();
        s.out.sort(Comparator.comparingLong(Login::time).thenComparing(Login::userId));
        return s.out;
    }

    // ---------------------------------------------------------------- users

    private User newUser(int i) {
        User u = new User();
        u.id = String.format(Locale.ROOT, "user%05d", i);
        Country c = world.country(world.pickCountry(r, false));
        u.home = World.pick(c.cities(), r);
        u.residential = World.pick(c.of(AsnType.RESIDENTIAL), r);
        u.carrier = World.pick(c.of(AsnType.MOBILE), r);
        if (r.nextDouble() < OFFICE_USERS) {
            u.office = World.pick(World.blocksIn(World.pick(c.of(AsnType.BUSINESS), r), u.home), r);
            u.officeIp = World.ip(u.office, r);
        }
        double x = r.nextDouble();
        int devices = x < DEVICES[0] ? 1 : x < DEVICES[0] + DEVICES[1] ? 2 : 3;
        boolean phoneFirst = r.nextDouble() < PHONE_FIRST;
        for (int d = 0; d < devices; d++) {
            u.devices.add(newDevice(d == 0 ? phoneFirst : d == 1 ? !phoneFirst : r.nextBoolean(), null));
        }
        u.perWeek = Math.max(0.5, Math.min(35, MEDIAN_PER_WEEK * Math.exp(PER_WEEK_SIGMA * r.nextGaussian())));
        double p = r.nextDouble();
        double[][] base = p < 0.6 ? new double[][] {{8.5, 1.0, 0.5}, {13, 1.5, 0.25}, {20, 1.5, 0.25}}
                : p < 0.9 ? new double[][] {{19.5, 1.5, 0.6}, {8, 1.0, 0.3}, {13, 2.0, 0.1}}
                : new double[][] {{23, 1.5, 0.6}, {14, 3.0, 0.4}};
        for (double[] peak : base) {
            peak[0] += r.nextGaussian();
        }
        u.peaks = base;
        u.alwaysClears = r.nextDouble() < ALWAYS_CLEARS;
        u.typing = r.nextDouble() < TYPING_USERS;
        u.weakPassword = r.nextDouble() < WEAK_PASSWORD;
        u.inLeak = r.nextDouble() < IN_LEAK;
        u.reused = u.inLeak && r.nextDouble() < REUSED;
        u.mailClient = r.nextDouble() < 0.4;
        u.homeIp = World.ip(World.pick(World.blocksIn(u.residential, u.home), r), r);
        u.leaseUntil = START + lease();
        return u;
    }

    private long lease() {
        return (long) (-Math.log(1 - r.nextDouble()) * LEASE_DAYS * DAY);
    }

    /** A device; {@code like} (may be null) keeps the operating system of the one it replaces most of the time. */
    private Device newDevice(boolean phone, Device like) {
        Device d = new Device();
        d.phone = phone;
        if (like != null && like.phone == phone && r.nextDouble() < 0.8) {
            d.os = like.os;
        } else if (phone) {
            d.os = r.nextDouble() < 0.55 ? "Android" : "iOS";
        } else {
            double x = r.nextDouble();
            d.os = x < 0.6 ? "Windows" : x < 0.9 ? "macOS" : "Linux";
        }
        double x = r.nextDouble();
        d.browser = switch (d.os) {
            case "Android" -> x < 0.9 ? "Chrome" : "Firefox";
            case "iOS" -> x < 0.85 ? "Safari" : "Chrome";
            case "Windows" -> x < 0.65 ? "Chrome" : x < 0.85 ? "Edge" : "Firefox";
            case "macOS" -> x < 0.45 ? "Safari" : x < 0.9 ? "Chrome" : "Firefox";
            default -> x < 0.5 ? "Firefox" : "Chrome";
        };
        d.lag = r.nextDouble() < 0.7 ? 0 : 1;
        d.cookie = newCookie();
        return d;
    }

    private String newCookie() {
        return String.format(Locale.ROOT, "d:%08x%08x", r.nextInt(), ++cookieSeq);
    }

    // ---------------------------------------------------------------- legitimate traffic

    /** A trip: leaves home at {@code depart}, arrives at {@code arrive}, leaves again at {@code back}, home at {@code home}. */
    record Trip(City to, long depart, long arrive, long back, long home) {
    }

    private void legitimate(User u) {
        List<Trip> trips = new ArrayList<>();
        for (int w = 0; w < options.weeks(); w++) {
            if (r.nextDouble() < TRIP_PER_WEEK) {
                City to;
                if (r.nextDouble() < TRIP_ABROAD) {
                    String code;
                    do {
                        code = world.pickCountry(r, true);
                    } while (code.equals(u.home.country()));
                    to = World.pick(world.country(code).cities(), r);
                } else {
                    List<City> domestic = world.country(u.home.country()).cities().stream()
                            .filter(c -> !c.equals(u.home)).toList();
                    to = domestic.isEmpty() ? u.home : World.pick(domestic, r);
                }
                long depart = START + w * WEEK + r.nextInt(7) * DAY + (long) ((6 + r.nextInt(14)) * HOUR);
                long travel = travelMs(u.home, to);
                long stay = (2 + r.nextInt(9)) * DAY;
                if (trips.isEmpty() || trips.get(trips.size() - 1).home() < depart) {
                    trips.add(new Trip(to, depart, depart + travel, depart + stay, depart + stay + travel));
                }
            }
        }
        for (int day = 0; day < options.weeks() * 7; day++) {
            if (r.nextDouble() < NEW_DEVICE_PER_WEEK / 7) {
                int replaced = r.nextInt(u.devices.size());
                Device old = u.devices.get(replaced);
                u.devices.set(replaced, newDevice(old.phone, old));
            }
            boolean weekend = day % 7 >= 5;
            int n = poisson(u.perWeek / 7 * (weekend ? WEEKEND_FACTOR : 1) * 7 / (5 + 2 * WEEKEND_FACTOR));
            List<Long> times = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                double hour = r.nextDouble() < ODD_HOUR ? r.nextDouble() * 24 : habitHour(u);
                long localMidnight = START + day * DAY;
                City at = where(u, trips, localMidnight + (long) (hour * HOUR));
                long t = localMidnight + (long) (hour * HOUR) - (long) (at.utcOffset() * HOUR) + r.nextInt(60_000);
                times.add(t);
            }
            times.sort(null);
            for (long t : times) {
                Trip trip = tripAt(trips, t);
                if (trip != null && (t >= trip.depart() && t < trip.arrive() || t >= trip.back() && t < trip.home())) {
                    continue; // on the way: no login
                }
                if (t < START || t >= options.end()) {
                    continue;
                }
                loginOf(u, t, trip == null || t >= trip.home() ? u.home : trip.to());
            }
        }
    }

    private static Trip tripAt(List<Trip> trips, long t) {
        for (Trip trip : trips) {
            if (t >= trip.depart() && t < trip.home()) {
                return trip;
            }
        }
        return null;
    }

    private static City where(User u, List<Trip> trips, long t) {
        Trip trip = tripAt(trips, t);
        return trip == null ? u.home : trip.to();
    }

    static long travelMs(City a, City b) {
        double km = distanceKm(a, b);
        double hours = km < LAND_KM ? km / LAND_KMH : km / FLIGHT_KMH + AIRPORT_HOURS;
        return (long) (hours * HOUR);
    }

    private double habitHour(User u) {
        double x = r.nextDouble();
        for (double[] peak : u.peaks) {
            x -= peak[2];
            if (x < 0) {
                return Math.floorMod((long) Math.floor((peak[0] + peak[1] * r.nextGaussian()) * 60), 24 * 60) / 60.0;
            }
        }
        return u.peaks[0][0];
    }

    private void loginOf(User u, long t, City at) {
        boolean home = at.equals(u.home);
        Device d = pickDevice(u);
        String ip;
        Block block;
        if (t >= u.leaseUntil) {
            u.homeIp = World.ip(World.pick(World.blocksIn(u.residential, u.home), r), r);
            u.leaseUntil = t + lease();
        }
        double localHour = Math.floorMod(t + (long) (at.utcOffset() * HOUR), DAY) / (double) HOUR;
        boolean weekday = Math.floorMod(Math.floorDiv(t + (long) (at.utcOffset() * HOUR) - START, DAY), 7) < 5;
        if (d.phone && (!home ? r.nextDouble() < ROAMING : r.nextDouble() >= PHONE_ON_WIFI)) {
            block = World.pick(u.carrier.blocks(), r); // carrier: home-routed even abroad
            ip = World.ip(block, r);
        } else if (home) {
            if (!d.phone && u.office != null && weekday && localHour >= 8 && localHour < 18) {
                ip = u.officeIp;
            } else {
                ip = u.homeIp;
            }
            block = blockOf(ip);
        } else {
            Country c = world.country(at.country());
            Asn hotel = World.pick(r.nextBoolean() ? c.of(AsnType.RESIDENTIAL) : c.of(AsnType.BUSINESS), r);
            block = World.pick(World.blocksIn(hotel, at), r);
            ip = World.ip(block, r);
        }
        String sent;
        String issued = null;
        if (u.alwaysClears) {
            sent = null;
            issued = newCookie();
        } else if (r.nextDouble() < CLEARED_COOKIES) {
            sent = null;
            d.cookie = newCookie();
            issued = d.cookie;
        } else {
            sent = d.cookie;
        }
        String client = u.mailClient && r.nextDouble() < 0.3 ? "mail" : "portal";
        double typo = r.nextDouble();
        int typos = typo < TWO_TYPOS ? 2 : typo < TWO_TYPOS + ONE_TYPO ? 1 : 0;
        for (int k = typos; k >= 1; k--) {
            out.add(row(t - k * (20_000 + r.nextInt(40_000)), u.id, ip, block, d, sent, null, false, Login.LEGIT,
                    client, typingOf(u, t, false), null));
        }
        String typing = typingOf(u, t, false);
        int session = (int) Math.max(5, Math.min(600, SESSION_MEDIAN_MIN * Math.exp(r.nextGaussian())));
        out.add(row(t, u.id, ip, block, d, sent, issued, true, Login.LEGIT, client, typing, session));
        u.successes++;
        if (u.typing && u.successes == ENROLMENT) {
            u.enrolledAt = t;
        }
    }

    private Device pickDevice(User u) {
        if (u.devices.size() == 1 || r.nextDouble() < 0.6) {
            return u.devices.get(0);
        }
        return u.devices.get(1 + r.nextInt(u.devices.size() - 1));
    }

    /** The typing-rhythm outcome of a login by the user ({@code impostor}: by someone else typing the password). */
    private String typingOf(User u, long t, boolean impostor) {
        if (!u.typing) {
            return "NO_SAMPLE";
        }
        if (t <= u.enrolledAt) {
            return "ENROLLING";
        }
        return typing(impostor, r);
    }

    /**
     * One typing of the password of a user with a finished template: by the user (MATCH, MISMATCH at the detector's
     * FRR, UNVERIFIED when pasted, filled in or corrected) or by an impostor typing it (MATCH at the FAR). Also the
     * typing asked for again when the first one could not be checked (the typing-rhythm form's retype).
     */
    public static String typing(boolean impostor, Random r) {
        if (impostor) {
            return r.nextDouble() < IMPOSTOR_MATCH ? "MATCH" : "MISMATCH";
        }
        if (r.nextDouble() < GENUINE_UNVERIFIED) {
            return "UNVERIFIED";
        }
        return r.nextDouble() < GENUINE_MISMATCH ? "MISMATCH" : "MATCH";
    }

    // ---------------------------------------------------------------- attackers

    private long attackTime() {
        return options.attacksFrom() + (long) (r.nextDouble() * (options.end() - options.attacksFrom()));
    }

    private User victim() {
        return users.get(r.nextInt(users.size()));
    }

    private int count(double perUser) {
        return (int) Math.round(perUser * users.size());
    }

    /** Anywhere in the world, any client: hosting addresses abroad, a random browser or a script. */
    private void naive() {
        for (int i = 0; i < count(NAIVE_PER_USER); i++) {
            User v = victim();
            long t = attackTime();
            Country c;
            do {
                c = World.pick(List.copyOf(world.countries.values()), r);
            } while (c.code().equals(v.home.country()));
            Block b = World.pick(World.pick(c.of(r.nextBoolean() ? AsnType.HOSTING : AsnType.RESIDENTIAL), r).blocks(), r);
            Device d = newDevice(r.nextDouble() < 0.2, null);
            String ua = r.nextDouble() < 0.3 ? World.pick(List.of("python-requests/2.32.3", "curl/8.5.0",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0"
                            + " Safari/537.36"), r) : null;
            out.add(attack(t, v, World.ip(b, r), b, d, ua, null, NAIVE, typingOf(v, t, true)));
        }
    }

    /** A VPN exit (hosting ISP) in the victim's country, a common browser. */
    private void vpn() {
        for (int i = 0; i < count(VPN_PER_USER); i++) {
            User v = victim();
            long t = attackTime();
            Country c = world.country(v.home.country());
            Block b = World.pick(World.pick(c.of(AsnType.HOSTING), r).blocks(), r);
            out.add(attack(t, v, World.ip(b, r), b, newDevice(false, null), null, null, VPN, typingOf(v, t, true)));
        }
    }

    /**
     * Knows the victim's country, ISP type and browser: an address in that country on an ISP of the same type as
     * the victim's home ISP (a residential proxy), the victim's browser and OS at a current version, no device
     * cookie of the victim, during the victim's local daytime; types the password himself, or replays a captured
     * typing with a bot.
     */
    private void targeted() {
        for (int i = 0; i < count(TARGETED_PER_USER); i++) {
            User v = victim();
            Country c = world.country(v.home.country());
            long day = Math.floorDiv(attackTime() - START, DAY);
            long t = START + day * DAY + (long) ((8 + r.nextDouble() * 14 - v.home.utcOffset()) * HOUR);
            if (t < options.attacksFrom() || t >= options.end()) {
                i--;
                continue;
            }
            Asn isp = World.pick(c.of(v.residential.type()), r);
            Block b = World.pick(isp.blocks(), r);
            Device main = v.devices.get(0);
            Device d = new Device();
            d.os = main.os;
            d.browser = main.browser;
            d.phone = main.phone;
            d.lag = 0;
            String typing = v.typing && t > v.enrolledAt && r.nextDouble() < TARGETED_REPLAY_BOT ? "REPLAY"
                    : typingOf(v, t, true);
            out.add(attack(t, v, World.ip(b, r), b, d, null, null, TARGETED, typing));
        }
    }

    /**
     * Steals the browser's cookies (the device cookie with them) and the password after a legitimate login, and
     * signs in from another country 2-20 minutes later with the same browser.
     */
    private void sessionTheft(List<Login> legit) {
        List<Login> candidates = legit.stream().filter(l -> l.success() && l.time() >= options.attacksFrom()
                && l.deviceId() != null && l.time() < options.end() - HOUR).toList();
        if (candidates.isEmpty()) {
            return;
        }
        for (int i = 0; i < count(SESSION_THEFT_PER_USER); i++) {
            Login victimLogin = World.pick(candidates, r);
            User v = users.stream().filter(u -> u.id.equals(victimLogin.userId())).findFirst().orElseThrow();
            long t = victimLogin.time() + (2 + r.nextInt(19)) * MINUTE;
            Country c;
            do {
                c = world.country(World.pick(List.of("RU", "CN", "VN", "NG", "UA", "RO", "TR", "SG", "BR", "IN", "US"), r));
            } while (c.code().equals(victimLogin.country()));
            Block b = World.pick(World.pick(c.of(r.nextBoolean() ? AsnType.HOSTING : AsnType.RESIDENTIAL), r).blocks(), r);
            out.add(new Login(t, v.id, rtt(b), World.ip(b, r), b.city().country(), b.city().region(), b.city().name(),
                    b.asn().number(), victimLogin.userAgent(), victimLogin.browser(), victimLogin.os(),
                    victimLogin.deviceType(), true, true, true, victimLogin.deviceId(), null, typingOf(v, t, true),
                    geoLat(b), geoLon(b), b.accuracyKm(), SESSION_THEFT, victimLogin.clientId(), null));
        }
    }

    /** Two common passwords against every account from two hosting addresses abroad, within two hours. */
    private void spray() {
        for (int campaign = 0; campaign < SPRAY_CAMPAIGNS; campaign++) {
            long start = attackTime();
            Country c = world.country(World.pick(List.of("RU", "CN", "VN", "NG", "UA", "RO"), r));
            List<Block> blocks = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            for (int k = 0; k < SPRAY_IPS; k++) {
                Block b = World.pick(World.pick(c.of(AsnType.HOSTING), r).blocks(), r);
                blocks.add(b);
                ips.add(World.ip(b, r));
            }
            Device d = newDevice(false, null);
            long span = 2 * HOUR;
            int attempts = users.size() * SPRAY_PASSWORDS;
            for (int pw = 0; pw < SPRAY_PASSWORDS; pw++) {
                for (int k = 0; k < users.size(); k++) {
                    User v = users.get(k);
                    int n = pw * users.size() + k;
                    long t = Math.min(options.end() - 1, start + span * n / attempts);
                    int which = n % SPRAY_IPS;
                    boolean right = v.weakPassword && pw == 0;
                    Login l = attack(t, v, ips.get(which), blocks.get(which), d, null, null, SPRAYER,
                            typingOf(v, t, true));
                    out.add(right ? l : failed(l));
                }
            }
        }
    }

    /** A leaked list of credentials tried once per account through residential proxies in several countries. */
    private void stuffing() {
        for (int campaign = 0; campaign < STUFF_CAMPAIGNS; campaign++) {
            long start = attackTime();
            List<Block> blocks = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            for (int k = 0; k < STUFF_IPS; k++) {
                Country c = world.country(World.pick(List.of("US", "BR", "IN", "VN", "RU", "DE", "FR", "GB"), r));
                Block b = World.pick(World.pick(c.of(AsnType.RESIDENTIAL), r).blocks(), r);
                blocks.add(b);
                ips.add(World.ip(b, r));
            }
            Device d = newDevice(false, null);
            long span = 6 * HOUR;
            List<User> leaked = users.stream().filter(u -> u.inLeak).toList();
            for (int k = 0; k < leaked.size(); k++) {
                User v = leaked.get(k);
                long t = Math.min(options.end() - 1, start + span * k / Math.max(1, leaked.size()));
                int which = r.nextInt(STUFF_IPS);
                Login l = attack(t, v, ips.get(which), blocks.get(which), d, null, null, STUFFER, typingOf(v, t, true));
                out.add(v.reused ? l : failed(l));
            }
        }
    }

    private static Login failed(Login l) {
        return new Login(l.time(), l.userId(), l.rttMs(), l.ip(), l.country(), l.region(), l.city(), l.asn(),
                l.userAgent(), l.browser(), l.os(), l.deviceType(), false, l.attackIp(), false, l.deviceId(), null,
                l.typing(), l.latitude(), l.longitude(), l.accuracyKm(), l.kind(), l.clientId(), null);
    }

    private Login attack(long t, User v, String ip, Block b, Device d, String uaOverride, String cookie, String kind,
            String typing) {
        String[] ua = uaOverride != null ? new String[] {uaOverride, uaOverride.split("/")[0], "Other", "bot"}
                : userAgent(d, t);
        return new Login(t, v.id, rtt(b), ip, b.city().country(), b.city().region(), b.city().name(), b.asn().number(),
                ua[0], ua[1], ua[2], ua[3], true, true, true, cookie, null, typing, geoLat(b), geoLon(b),
                b.accuracyKm(), kind, "portal", null);
    }

    // ---------------------------------------------------------------- rows

    private final java.util.Map<String, Block> blocks = new java.util.HashMap<>();

    private Block blockOf(String ip) {
        if (blocks.isEmpty()) {
            for (Country c : world.countries.values()) {
                for (Asn a : c.asns()) {
                    for (Block b : a.blocks()) {
                        blocks.put(b.a() + "." + b.b(), b);
                    }
                }
            }
        }
        String[] p = ip.split("\\.");
        return blocks.get(p[0] + "." + p[1]);
    }

    private Login row(long t, String user, String ip, Block b, Device d, String sent, String issued, boolean success,
            String kind, String client, String typing, Integer session) {
        String[] ua = userAgent(d, t);
        return new Login(t, user, rtt(b), ip, b.city().country(), b.city().region(), b.city().name(), b.asn().number(),
                ua[0], ua[1], ua[2], ua[3], success, false, false, sent, success ? issued : null, typing, geoLat(b),
                geoLon(b), b.accuracyKm(), kind, client, session);
    }

    /** Where GeoIP puts the block: its city, shifted by a fixed amount within a fifth of the accuracy radius. */
    private static double geoLat(Block b) {
        return round4(b.city().lat() + ((b.a() * 31 + b.b()) % 21 - 10) / 10.0 * b.accuracyKm() / 5 / 111.0);
    }

    private static double geoLon(Block b) {
        double cos = Math.max(0.2, Math.cos(Math.toRadians(b.city().lat())));
        return round4(b.city().lon() + ((b.a() * 17 + b.b() * 7) % 21 - 10) / 10.0 * b.accuracyKm() / 5 / (111.0 * cos));
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** Round trip to a server in Frankfurt: fibre at 2/3 c both ways plus access latency. */
    private int rtt(Block b) {
        double km = distanceKm(b.city().lat(), b.city().lon(), 50.11, 8.68);
        int access = switch (b.asn().type()) {
            case MOBILE -> 35;
            case RESIDENTIAL -> 12;
            case BUSINESS -> 6;
            case HOSTING -> 2;
        };
        return (int) Math.round(access + km / 100 + r.nextDouble() * 10);
    }

    /** UA string, "Browser version", "OS version", device type of a device at a time (browsers update monthly). */
    static String[] userAgent(Device d, long t) {
        int months = (int) Math.max(0, (t - START) / (4 * WEEK)) - d.lag;
        int chrome = 140 + months;
        int firefox = 143 + months;
        String safari = "26." + Math.max(0, months / 2);
        return switch (d.os + "/" + d.browser) {
            case "Android/Chrome" -> new String[] {"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like"
                    + " Gecko) Chrome/" + chrome + ".0.0.0 Mobile Safari/537.36", "Chrome Mobile " + chrome + ".0.0",
                    "Android 10", "mobile"};
            case "Android/Firefox" -> new String[] {"Mozilla/5.0 (Android 15; Mobile; rv:" + firefox + ".0) Gecko/"
                    + firefox + ".0 Firefox/" + firefox + ".0", "Firefox Mobile " + firefox + ".0", "Android 15", "mobile"};
            case "iOS/Safari" -> new String[] {"Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15"
                    + " (KHTML, like Gecko) Version/" + safari + " Mobile/15E148 Safari/604.1", "Mobile Safari " + safari,
                    "iOS 18.6", "mobile"};
            case "iOS/Chrome" -> new String[] {"Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15"
                    + " (KHTML, like Gecko) CriOS/" + chrome + ".0.0.0 Mobile/15E148 Safari/604.1", "Chrome Mobile iOS "
                    + chrome + ".0.0", "iOS 18.6", "mobile"};
            case "Windows/Edge" -> new String[] {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
                    + " Gecko) Chrome/" + chrome + ".0.0.0 Safari/537.36 Edg/" + chrome + ".0.0.0", "Edge " + chrome + ".0.0",
                    "Windows 10", "desktop"};
            case "Windows/Firefox", "macOS/Firefox", "Linux/Firefox" -> new String[] {"Mozilla/5.0 (" + platform(d.os, true)
                    + "; rv:" + firefox + ".0) Gecko/20100101 Firefox/" + firefox + ".0", "Firefox " + firefox + ".0",
                    osVersion(d.os), "desktop"};
            case "macOS/Safari" -> new String[] {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"
                    + " (KHTML, like Gecko) Version/" + safari + " Safari/605.1.15", "Safari " + safari, "Mac OS X 10.15.7",
                    "desktop"};
            default -> new String[] {"Mozilla/5.0 (" + platform(d.os, false) + ") AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/" + chrome + ".0.0.0 Safari/537.36", "Chrome " + chrome + ".0.0", osVersion(d.os), "desktop"};
        };
    }

    private static String platform(String os, boolean firefox) {
        return switch (os) {
            case "macOS" -> "Macintosh; Intel Mac OS X 10.15";
            case "Linux" -> firefox ? "X11; Ubuntu; Linux x86_64" : "X11; Linux x86_64";
            default -> "Windows NT 10.0; Win64; x64";
        };
    }

    private static String osVersion(String os) {
        return switch (os) {
            case "macOS" -> "Mac OS X 10.15";
            case "Linux" -> "Ubuntu";
            default -> "Windows 10";
        };
    }

    private int poisson(double lambda) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static double distanceKm(City a, City b) {
        return distanceKm(a.lat(), a.lon(), b.lat(), b.lon());
    }

    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin((p2 - p1) / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
        return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
