package dev.vigil.keycloak.bench.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The simulated internet: countries with cities (real coordinates and UTC offsets), and per country synthetic ISPs
 * (autonomous systems) of four types, each owning IPv4 /16 blocks that a GeoIP database would place in one city with
 * an accuracy radius. ASN numbers and address blocks are made up (seeded), not real allocations.
 */
final class World {

    enum AsnType { RESIDENTIAL, MOBILE, BUSINESS, HOSTING }

    record City(String country, String region, String name, double lat, double lon, double utcOffset) {
    }

    /** One /16: who owns it, and where GeoIP places its addresses. */
    record Block(int a, int b, Asn asn, City city, int accuracyKm) {
    }

    record Asn(long number, String country, AsnType type, List<Block> blocks) {
    }

    record Country(String code, double userWeight, double travelWeight, List<City> cities, List<Asn> asns) {
        List<Asn> of(AsnType type) {
            return asns.stream().filter(a -> a.type() == type).toList();
        }
    }

    final Map<String, Country> countries = new LinkedHashMap<>();

    /** ISPs per country and type: residential, mobile, business, hosting (VPN/datacentre) */
    static final int[] ASNS_PER_TYPE = {3, 2, 2, 2};
    static final int BLOCKS_PER_ASN = 6;

    World(Random r) {
        // code, weight among users, weight as a travel destination, cities: region, name, lat, lon, UTC offset
        add("DE", 25, 10, c("BE", "Berlin", 52.52, 13.40, 1), c("BY", "Munich", 48.14, 11.58, 1),
                c("HH", "Hamburg", 53.55, 9.99, 1), c("NW", "Cologne", 50.94, 6.96, 1), c("HE", "Frankfurt", 50.11, 8.68, 1));
        add("FR", 14, 10, c("IDF", "Paris", 48.86, 2.35, 1), c("ARA", "Lyon", 45.76, 4.84, 1),
                c("PAC", "Marseille", 43.30, 5.37, 1), c("OCC", "Toulouse", 43.60, 1.44, 1));
        add("GB", 12, 8, c("ENG", "London", 51.51, -0.13, 0), c("ENG", "Manchester", 53.48, -2.24, 0),
                c("SCT", "Edinburgh", 55.95, -3.19, 0), c("ENG", "Birmingham", 52.49, -1.89, 0));
        add("NL", 7, 5, c("NH", "Amsterdam", 52.37, 4.90, 1), c("ZH", "Rotterdam", 51.92, 4.48, 1),
                c("UT", "Utrecht", 52.09, 5.12, 1));
        add("ES", 7, 9, c("MD", "Madrid", 40.42, -3.70, 1), c("CT", "Barcelona", 41.39, 2.17, 1),
                c("VC", "Valencia", 39.47, -0.38, 1));
        add("IT", 7, 8, c("LAZ", "Rome", 41.90, 12.50, 1), c("LOM", "Milan", 45.46, 9.19, 1),
                c("CAM", "Naples", 40.85, 14.27, 1));
        add("PL", 5, 3, c("MZ", "Warsaw", 52.23, 21.01, 1), c("MA", "Krakow", 50.06, 19.94, 1));
        add("SE", 3, 2, c("AB", "Stockholm", 59.33, 18.07, 1), c("O", "Gothenburg", 57.71, 11.97, 1));
        add("US", 10, 8, c("NY", "New York", 40.71, -74.01, -5), c("CA", "San Francisco", 37.77, -122.42, -8),
                c("IL", "Chicago", 41.88, -87.63, -6), c("TX", "Austin", 30.27, -97.74, -6));
        add("CA", 2, 1, c("ON", "Toronto", 43.65, -79.38, -5), c("BC", "Vancouver", 49.28, -123.12, -8));
        add("BR", 2, 1, c("SP", "Sao Paulo", -23.55, -46.63, -3));
        add("IN", 4, 2, c("KA", "Bengaluru", 12.97, 77.59, 5.5), c("MH", "Mumbai", 19.08, 72.88, 5.5));
        add("JP", 1, 2, c("13", "Tokyo", 35.68, 139.69, 9));
        add("AU", 1, 1, c("NSW", "Sydney", -33.87, 151.21, 10));
        // countries with no users: travel destinations and where naive attackers and VPN exits sit
        add("TR", 0, 3, c("34", "Istanbul", 41.01, 28.98, 3));
        add("SG", 0, 1, c("01", "Singapore", 1.35, 103.82, 8));
        add("RU", 0, 0, c("MOW", "Moscow", 55.76, 37.62, 3));
        add("CN", 0, 0, c("BJ", "Beijing", 39.90, 116.40, 8));
        add("VN", 0, 0, c("HN", "Hanoi", 21.03, 105.85, 7));
        add("NG", 0, 0, c("LA", "Lagos", 6.52, 3.38, 1));
        add("UA", 0, 0, c("30", "Kyiv", 50.45, 30.52, 2));
        add("RO", 0, 0, c("B", "Bucharest", 44.43, 26.10, 2));
        allocate(r);
    }

    private static City c(String region, String name, double lat, double lon, double offset) {
        return new City(null, region, name, lat, lon, offset);
    }

    private void add(String code, double users, double travel, City... cities) {
        List<City> cs = new ArrayList<>();
        for (City c : cities) {
            cs.add(new City(code, c.region(), c.name(), c.lat(), c.lon(), c.utcOffset()));
        }
        countries.put(code, new Country(code, users, travel, List.copyOf(cs), new ArrayList<>()));
    }

    private void allocate(Random r) {
        Set<Long> numbers = new HashSet<>();
        Set<Integer> used = new HashSet<>();
        for (Country country : countries.values()) {
            for (AsnType type : AsnType.values()) {
                for (int k = 0; k < ASNS_PER_TYPE[type.ordinal()]; k++) {
                    long number;
                    do {
                        number = 1_000 + r.nextInt(64_000);
                    } while (!numbers.add(number));
                    List<Block> blocks = new ArrayList<>();
                    Asn asn = new Asn(number, country.code(), type, blocks);
                    int n = type == AsnType.HOSTING ? 2 : BLOCKS_PER_ASN;
                    for (int i = 0; i < n; i++) {
                        int ab;
                        do {
                            int a = 11 + r.nextInt(212);
                            ab = a * 256 + r.nextInt(256);
                        } while (reserved(ab / 256) || !used.add(ab));
                        blocks.add(new Block(ab / 256, ab % 256, asn, placeOf(country, type, i, r), accuracy(type, r)));
                    }
                    country.asns().add(asn);
                }
            }
        }
    }

    /**
     * Where GeoIP places a block: residential and business blocks in one city each (round robin, so every city has
     * some), mobile blocks at one of two gateway cities of the carrier, hosting blocks in the largest city.
     */
    private static City placeOf(Country country, AsnType type, int i, Random r) {
        List<City> cs = country.cities();
        return switch (type) {
            case RESIDENTIAL, BUSINESS -> cs.get(i % cs.size());
            case MOBILE -> cs.get(i % Math.min(2, cs.size()));
            case HOSTING -> cs.get(0);
        };
    }

    /** GeoIP accuracy radius of a block, km (MaxMind's published radii are 1-1000 km, coarser for mobile). */
    private static int accuracy(AsnType type, Random r) {
        int[] choices = switch (type) {
            case RESIDENTIAL -> new int[] {10, 20, 20, 50, 100};
            case BUSINESS -> new int[] {5, 10, 20, 50};
            case MOBILE -> new int[] {100, 200, 500, 1000};
            case HOSTING -> new int[] {10, 20, 50};
        };
        return choices[r.nextInt(choices.length)];
    }

    private static boolean reserved(int a) {
        return a == 10 || a == 100 || a == 127 || a == 169 || a == 172 || a == 192 || a == 198 || a == 203;
    }

    /** A random address in the block. */
    static String ip(Block b, Random r) {
        return b.a() + "." + b.b() + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    /** Blocks of an ASN placed in a city (all of them when none is). */
    static List<Block> blocksIn(Asn asn, City city) {
        List<Block> in = asn.blocks().stream().filter(b -> b.city().equals(city)).toList();
        return in.isEmpty() ? asn.blocks() : in;
    }

    Country country(String code) {
        return countries.get(code);
    }

    static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    String pickCountry(Random r, boolean travel) {
        double total = 0;
        for (Country c : countries.values()) {
            total += travel ? c.travelWeight() : c.userWeight();
        }
        double x = r.nextDouble() * total;
        for (Country c : countries.values()) {
            x -= travel ? c.travelWeight() : c.userWeight();
            if (x < 0) {
                return c.code();
            }
        }
        return "DE";
    }
}
