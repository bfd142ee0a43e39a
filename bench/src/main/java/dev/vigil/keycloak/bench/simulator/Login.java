package dev.vigil.keycloak.bench.simulator;

/**
 * One login attempt in the column layout of the public RBA data set of Wiefling et al. (the first 15 fields), plus
 * Vigil-only fields that such a file does not have (null when absent).
 *
 * @param time           epoch ms (UTC)
 * @param rttMs          round-trip time, or null
 * @param asn            autonomous system number, or null
 * @param success        the password was right
 * @param attackIp       the attempt came from an attacker
 * @param takeover       an attacker with the right password (an account-takeover attempt)
 * @param deviceId       Vigil's device cookie ({@code d:…}) the browser sent, or null (Vigil-only)
 * @param issuedDeviceId the cookie Vigil set after a successful browser login that sent none (what Vigil then
 *                       records for the login), or null (Vigil-only)
 * @param typing         typing-rhythm outcome, or null (Vigil-only)
 * @param latitude       GeoIP latitude, or null (Vigil-only)
 * @param longitude      GeoIP longitude, or null (Vigil-only)
 * @param accuracyKm     GeoIP accuracy radius, or null (Vigil-only)
 * @param kind           {@code legit} or the attacker kind, or null (Vigil-only)
 * @param clientId       the OIDC client, or null (Vigil-only)
 * @param sessionMinutes how long the session of a successful login stays active, or null (Vigil-only)
 */
public record Login(long time, String userId, Integer rttMs, String ip, String country, String region, String city,
        Long asn, String userAgent, String browser, String os, String deviceType, boolean success, boolean attackIp,
        boolean takeover, String deviceId, String issuedDeviceId, String typing, Double latitude, Double longitude, Integer accuracyKm,
        String kind, String clientId, Integer sessionMinutes) {

    public static final String LEGIT = "legit";

    /** Whether the row is a legitimate user's own attempt. */
    public boolean legit() {
        return kind == null ? !attackIp && !takeover : LEGIT.equals(kind);
    }
}
