package dev.vigil.keycloak.riskengine.risk;

import dev.vigil.keycloak.riskengine.geo.GeoLocation;

/**
 * What a login request shows, as the assessment reads it. Everything may be missing (null): a signal without its
 * input is silent and says so in no reason, except where silence would be a free pass (see {@link RiskScorer}).
 *
 * @param time              epoch ms
 * @param hourOfDay         0-23 in the realm's time zone
 * @param ip                client IP as Keycloak sees it
 * @param network           its /24 or /48
 * @param country           ISO country code from GeoIP, or null
 * @param asn               autonomous system number from GeoIP, or null
 * @param latitude          GeoIP latitude, or null
 * @param longitude         GeoIP longitude, or null
 * @param accuracyKm        GeoIP accuracy radius, or null
 * @param deviceId          the device id ({@code d:…} from Vigil's cookie), or null when the browser has none
 * @param deviceTrusted     the user trusts this device
 * @param userAgent         the User-Agent header
 * @param typing            the typing-rhythm outcome name ({@code MATCH}, …), or null when no form ran
 * @param userFailures      failed logins of the user in the failure window
 * @param ipFailures        failed logins from the IP in the failure window
 * @param otherCountrySessions active sessions of the user from another country
 * @param otherNetworkSessions active sessions of the user from another network (same or unknown country)
 * @param modelFlagged      the realm's model flags the login's features, or null when it could not say
 */
public record LoginFacts(long time, int hourOfDay, String ip, String network, String country, Long asn,
        Double latitude, Double longitude, Integer accuracyKm, String deviceId, boolean deviceTrusted,
        String userAgent, String typing, int userFailures, int ipFailures, int otherCountrySessions,
        int otherNetworkSessions, Boolean modelFlagged) {

    /** The facts with the location's parts taken from {@code geo} (null: not located). */
    public static LoginFacts of(long time, int hourOfDay, String ip, String network, GeoLocation geo, String deviceId,
            boolean deviceTrusted, String userAgent, String typing, int userFailures, int ipFailures,
            int otherCountrySessions, int otherNetworkSessions, Boolean modelFlagged) {
        return new LoginFacts(time, hourOfDay, ip, network, geo == null ? null : geo.country(),
                geo == null ? null : geo.asn(), geo == null ? null : geo.latitude(), geo == null ? null : geo.longitude(),
                geo == null ? null : geo.accuracyKm(), deviceId, deviceTrusted, userAgent, typing, userFailures,
                ipFailures, otherCountrySessions, otherNetworkSessions, modelFlagged);
    }

    /** Whether GeoIP located the login. */
    public boolean located() {
        return latitude != null && longitude != null;
    }

    /** The same facts with another typing-rhythm outcome (null: no typing-rhythm form ran). */
    public LoginFacts withTyping(String otherTyping) {
        return new LoginFacts(time, hourOfDay, ip, network, country, asn, latitude, longitude, accuracyKm, deviceId,
                deviceTrusted, userAgent, otherTyping, userFailures, ipFailures, otherCountrySessions,
                otherNetworkSessions, modelFlagged);
    }
}
