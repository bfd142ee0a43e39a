package dev.vigil.keycloak.riskengine.features;

/**
 * The attributes of a login whose frequencies a user's profile counts, for the likelihood signal (Freeman et al.,
 * NDSS 2016): two hierarchies, where the network side is IP → ASN → country and the client side is the full
 * user-agent string → browser → operating system → device type. Each level has the weight the authors' reference
 * implementation gives it when the levels are combined.
 */
public enum LoginAttribute {
    IP(Group.NETWORK, 0.6),
    ASN(Group.NETWORK, 0.3),
    COUNTRY(Group.NETWORK, 0.1),
    USER_AGENT(Group.CLIENT, 0.539),
    BROWSER(Group.CLIENT, 0.268),
    OS(Group.CLIENT, 0.188),
    DEVICE_TYPE(Group.CLIENT, 0.005);

    /** The two hierarchies. */
    public enum Group { NETWORK, CLIENT }

    private final Group group;
    private final double weight;

    LoginAttribute(Group group, double weight) {
        this.group = group;
        this.weight = weight;
    }

    public Group group() {
        return group;
    }

    /** The level's weight within its hierarchy (the weights of a hierarchy add up to 1). */
    public double weight() {
        return weight;
    }
}
