package dev.vigil.keycloak.riskengine.geo;

/**
 * Where an IP address is, as far as the configured GeoIP databases say. Every part may be missing (null).
 *
 * @param country        ISO 3166-1 alpha-2 code, upper case
 * @param asn            autonomous system number
 * @param asOrganization the autonomous system's organisation
 * @param latitude       coarse latitude
 * @param longitude      coarse longitude
 * @param accuracyKm     radius around the coordinates the address is likely in (MaxMind's {@code accuracy_radius})
 */
public record GeoLocation(String country, Long asn, String asOrganization, Double latitude, Double longitude,
        Integer accuracyKm) {

    /** Accuracy assumed for coordinates a database gives without one (the flat city layouts): a city's size. */
    public static final int DEFAULT_ACCURACY_KM = 100;

    /** Whether the coordinates are known. */
    public boolean located() {
        return latitude != null && longitude != null;
    }

    /** This location with the missing parts taken from {@code other}. */
    public GeoLocation or(GeoLocation other) {
        if (other == null) {
            return this;
        }
        return new GeoLocation(country != null ? country : other.country, asn != null ? asn : other.asn,
                asOrganization != null ? asOrganization : other.asOrganization,
                latitude != null ? latitude : other.latitude, longitude != null ? longitude : other.longitude,
                accuracyKm != null ? accuracyKm : other.accuracyKm);
    }
}
