package dev.vigil.keycloak.riskengine.scoring;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.vigil.keycloak.riskengine.features.Feature;
import dev.vigil.keycloak.riskengine.model.ModelKind;
import dev.vigil.keycloak.riskengine.model.Reason;
import dev.vigil.keycloak.riskengine.settings.FlagAction;

/**
 * Decides whether a flagged login is strong enough evidence for an automatic action against its user (revoke,
 * disable). A flag alone is not: strangers choose what failure counts say about a victim, a cold-start model
 * knows nothing of the realm, and a user with almost no history looks new in every way. Such flags are
 * recorded and alerted, and their action is withheld, with the reason in {@code actionTaken}.
 */
public final class ActionGate {

    /** earlier scored logins a user needs before an action may be taken against them */
    public static final int MIN_EARLIER_LOGINS = 5;
    /** independent reasons (not counting {@link #NOT_EVIDENCE}) a flag needs before an action */
    public static final int MIN_REASONS = 2;
    /** what anyone can cause: failed logins against a username, or from a shared address (NAT, carrier) */
    public static final Set<String> NOT_EVIDENCE = Set.of(Feature.USER_FAILURES_1H.reportName(),
            Feature.IP_FAILURES_1H.reportName());

    /** Why an action was not taken; stored as {@code actionTaken} ({@code WITHHELD_…}, at most 32 characters). */
    public enum Withheld {
        /** the realm is still scored by the generated cold-start model */
        BOOTSTRAP_MODEL,
        /** the user has fewer than {@link #MIN_EARLIER_LOGINS} earlier scored logins */
        FEW_LOGINS,
        /** fewer than {@link #MIN_REASONS} reasons besides failure counts */
        WEAK_EVIDENCE,
        /** the realm's {@code maxActionsPerHour} was reached */
        RATE_LIMIT;

        public String actionTaken() {
            return "WITHHELD_" + name();
        }
    }

    private ActionGate() {
    }

    /** Whether {@code action} is one that acts on the user (anything but {@link FlagAction#NONE}). */
    public static boolean acts(FlagAction action) {
        return action != FlagAction.NONE;
    }

    /**
     * @param earlierLogins the user's scored logins before this one (within the history window)
     * @param flaggedWithoutFailureCounts whether the login is still flagged with its failure counts set to zero
     * @return why an action against the user must be withheld, or empty when the evidence suffices
     */
    public static Optional<Withheld> check(ModelKind model, long earlierLogins, List<Reason> reasons,
            boolean flaggedWithoutFailureCounts) {
        if (model == ModelKind.BOOTSTRAP) {
            return Optional.of(Withheld.BOOTSTRAP_MODEL);
        }
        if (earlierLogins < MIN_EARLIER_LOGINS) {
            return Optional.of(Withheld.FEW_LOGINS);
        }
        long evidence = reasons.stream().map(Reason::feature).filter(f -> !NOT_EVIDENCE.contains(f)).distinct().count();
        return evidence < MIN_REASONS || !flaggedWithoutFailureCounts ? Optional.of(Withheld.WEAK_EVIDENCE)
                : Optional.empty();
    }

    /**
     * The login's vector as if nobody had failed to log in: the failure counts set to zero. A flag that does not
     * survive this rests on what strangers did.
     */
    public static double[] withoutFailureCounts(double[] x) {
        double[] y = x.clone();
        y[Feature.USER_FAILURES_1H.ordinal()] = 0;
        y[Feature.IP_FAILURES_1H.ordinal()] = 0;
        return y;
    }

    /** Whether a stored {@code actionTaken} is one that was withheld. */
    public static boolean withheld(String actionTaken) {
        return actionTaken != null && actionTaken.startsWith("WITHHELD_");
    }

    /** The actions that count towards the realm's hourly limit. */
    public static List<String> counted() {
        return List.of(FlagAction.REVOKE_SESSION.name(), FlagAction.REVOKE_ALL_SESSIONS.name(),
                FlagAction.DISABLE_USER.name());
    }
}
