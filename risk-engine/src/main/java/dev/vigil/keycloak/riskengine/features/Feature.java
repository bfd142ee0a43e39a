package dev.vigil.keycloak.riskengine.features;

/** The features of a login, in vector order. Adding one means a new {@link #SCHEMA} and retraining. */
public enum Feature {
    HOUR_SIN("hour of day", false),
    HOUR_COS("hour of day", false),
    DAY_SIN("day of week", false),
    DAY_COS("day of week", false),
    IP_CHANGED("IP differs from the previous login", true),
    NEW_DEVICE("device never seen for this user", true),
    LOGINS_TODAY("logins in the last 24 h", false),
    NEW_NETWORK("network (/24, /48) never seen for this user", true),
    DISTINCT_IPS_24H("distinct IPs in the last 24 h", false),
    DISTINCT_DEVICES_24H("distinct devices in the last 24 h", false),
    USER_FAILURES_1H("failed logins of the user in the last hour", false),
    IP_FAILURES_1H("failed logins from the IP in the last hour", false),
    LOG_HOURS_SINCE_LAST("time since the previous login (log hours)", false),
    ACTIVE_SESSIONS("concurrent active sessions", false),
    NEW_CLIENT("client never used by this user", true);

    /** Version of the feature layout; models trained on another layout are not used. */
    public static final int SCHEMA = 1;
    public static final int COUNT = values().length;

    private final String description;
    private final boolean novelty;

    Feature(String description, boolean novelty) {
        this.description = description;
        this.novelty = novelty;
    }

    public String description() {
        return description;
    }

    /** A 0/1 "never seen before" feature. */
    public boolean isNovelty() {
        return novelty;
    }

    /** Name used in reasons and the REST API: hour sin/cos are reported together as {@code hour_of_day}. */
    public String reportName() {
        return switch (this) {
            case HOUR_SIN, HOUR_COS -> "hour_of_day";
            case DAY_SIN, DAY_COS -> "day_of_week";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
