package dev.vigil.keycloak.riskengine.history;

import java.util.Objects;

import dev.vigil.keycloak.riskengine.geo.GeoLocation;

/**
 * One recorded login-related event, as Vigil stores and returns it. Immutable; string fields are
 * clipped to their column sizes by {@link #clipped()} before they reach the database.
 *
 * @param id          Vigil row id (the Keycloak event id when there is one)
 * @param realmId     realm the event happened in
 * @param type        Keycloak event type name, e.g. {@code LOGIN}
 * @param error       Keycloak error code for {@code *_ERROR} events, else {@code null}
 * @param time        epoch milliseconds
 * @param userId      user id, {@code null} when the username was unknown
 * @param username    the username as typed/attempted, lower-cased by Keycloak
 * @param clientId    OAuth client id
 * @param sessionId   user-session id
 * @param ipAddress   client IP as Keycloak sees it (honours {@code --proxy-headers})
 * @param userAgent   the {@code User-Agent} request header
 * @param deviceId    {@code d:<id>} from Vigil's signed device cookie, else {@code ua:<user-agent family>}
 * @param network     the IP's network ({@code /24} or {@code /48}), null if the IP is not a literal
 * @param authMethod  protocol, e.g. {@code openid-connect}
 * @param grantType   OAuth grant type for token-endpoint logins, e.g. {@code password}
 * @param keystroke   the typing-rhythm outcome of the login ({@code MATCH}, {@code MISMATCH}, ... see
 *                    {@code TypingRhythmSignal}), null when the flow had no typing-rhythm form
 * @param riskLevel   the in-flow risk level ("Vigil - login risk"), null when the flow did not assess the login
 * @param riskScore   its score in [0, 1], or null
 * @param riskReasons its reasons, {@code signal=value(+points),...}, or null
 * @param geo         where the IP was located when the login was recorded ({@code vigil-geoip}), or null when
 *                    GeoIP was off or did not know the address
 */
public record LoginRecord(
        String id,
        String realmId,
        String type,
        String error,
        long time,
        String userId,
        String username,
        String clientId,
        String sessionId,
        String ipAddress,
        String userAgent,
        String deviceId,
        String network,
        String authMethod,
        String grantType,
        String keystroke,
        String riskLevel,
        Double riskScore,
        String riskReasons,
        GeoLocation geo) {

    public static final int ID_LENGTH = 36;
    public static final int SHORT_LENGTH = 64;
    public static final int NAME_LENGTH = 255;
    public static final int USER_AGENT_LENGTH = 512;
    public static final int KEYSTROKE_LENGTH = 16;
    public static final int RISK_LEVEL_LENGTH = 8;
    public static final int RISK_REASONS_LENGTH = 1000;
    public static final int COUNTRY_LENGTH = 2;

    /** A login without an in-flow risk assessment. */
    public LoginRecord(String id, String realmId, String type, String error, long time, String userId, String username,
            String clientId, String sessionId, String ipAddress, String userAgent, String deviceId, String network,
            String authMethod, String grantType, String keystroke) {
        this(id, realmId, type, error, time, userId, username, clientId, sessionId, ipAddress, userAgent, deviceId,
                network, authMethod, grantType, keystroke, null, null, null);
    }

    /** A login without a GeoIP location. */
    public LoginRecord(String id, String realmId, String type, String error, long time, String userId, String username,
            String clientId, String sessionId, String ipAddress, String userAgent, String deviceId, String network,
            String authMethod, String grantType, String keystroke, String riskLevel, Double riskScore,
            String riskReasons) {
        this(id, realmId, type, error, time, userId, username, clientId, sessionId, ipAddress, userAgent, deviceId,
                network, authMethod, grantType, keystroke, riskLevel, riskScore, riskReasons, null);
    }

    /** A copy with the given location (null or empty: none). */
    public LoginRecord withGeo(GeoLocation location) {
        return new LoginRecord(id, realmId, type, error, time, userId, username, clientId, sessionId, ipAddress,
                userAgent, deviceId, network, authMethod, grantType, keystroke, riskLevel, riskScore, riskReasons,
                isEmpty(location) ? null : location);
    }

    public LoginRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(type, "type");
    }

    /** A copy whose strings fit the columns of {@code VIGIL_LOGIN_EVENT}. */
    public LoginRecord clipped() {
        return new LoginRecord(id, realmId, clip(type, SHORT_LENGTH), clip(error, NAME_LENGTH), time,
                clip(userId, NAME_LENGTH), clip(username, NAME_LENGTH), clip(clientId, NAME_LENGTH),
                clip(sessionId, NAME_LENGTH), clip(ipAddress, SHORT_LENGTH), clip(userAgent, USER_AGENT_LENGTH),
                clip(deviceId, SHORT_LENGTH), clip(network, SHORT_LENGTH), clip(authMethod, SHORT_LENGTH),
                clip(grantType, SHORT_LENGTH), clip(keystroke, KEYSTROKE_LENGTH),
                clip(riskLevel, RISK_LEVEL_LENGTH), riskScore, clip(riskReasons, RISK_REASONS_LENGTH), clip(geo));
    }

    static boolean isEmpty(GeoLocation g) {
        return g == null || g.country() == null && g.asn() == null && g.asOrganization() == null && !g.located();
    }

    private static GeoLocation clip(GeoLocation g) {
        if (g == null) {
            return null;
        }
        String country = g.country() != null && g.country().length() == COUNTRY_LENGTH ? g.country() : null;
        return new GeoLocation(country, g.asn(), clip(g.asOrganization(), NAME_LENGTH), g.latitude(), g.longitude(),
                g.accuracyKm());
    }

    /**
     * The value cut to {@code max} characters, a NUL written as U+FFFD: PostgreSQL refuses a NUL in text, and a
     * username typed with one must not cost the attempt its row.
     */
    static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
        return v.length() <= max ? v : v.substring(0, max);
    }
}
