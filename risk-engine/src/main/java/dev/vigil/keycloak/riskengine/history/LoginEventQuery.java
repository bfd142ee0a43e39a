package dev.vigil.keycloak.riskengine.history;

import java.util.Set;

/**
 * Filters and page for listing recorded events of one realm, newest first. Null filters match all.
 *
 * @param fromMillis inclusive lower bound on the event time (epoch ms), or null
 * @param toMillis   exclusive upper bound on the event time (epoch ms), or null
 * @param user       a user id or an attempted username, or null
 * @param type       an event type name, or null
 * @param statuses   scoring statuses to include, or null
 * @param minScore   lowest anomaly score to include, or null
 * @param review     admin review state to include, or null
 * @param riskLevels in-flow risk levels to include ({@code LOW}, {@code MEDIUM}, {@code HIGH}), or null
 * @param reason     an in-flow signal id ({@code new_device}) or a model feature's report name ({@code ip_changed})
 *                   that must be among the login's reasons, or null
 * @param first      offset of the page, ≥ 0
 * @param max        page size, ≥ 1
 */
public record LoginEventQuery(Long fromMillis, Long toMillis, String user, String type, Set<LoginStatus> statuses,
        Double minScore, Review review, Set<String> riskLevels, String reason, int first, int max) {

    /** Admin review state of a login. */
    public enum Review {
        /** no feedback yet */
        OPEN,
        SAFE,
        COMPROMISED
    }

    public LoginEventQuery {
        if (first < 0) {
            throw new IllegalArgumentException("first must be >= 0");
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1");
        }
    }

    public LoginEventQuery(Long fromMillis, Long toMillis, String user, String type, int first, int max) {
        this(fromMillis, toMillis, user, type, null, null, null, null, null, first, max);
    }

    public LoginEventQuery(Long fromMillis, Long toMillis, String user, String type, Set<LoginStatus> statuses,
            Double minScore, Review review, int first, int max) {
        this(fromMillis, toMillis, user, type, statuses, minScore, review, null, null, first, max);
    }

    /** The same query restricted to these in-flow risk levels. */
    public LoginEventQuery withRiskLevels(Set<String> levels) {
        return new LoginEventQuery(fromMillis, toMillis, user, type, statuses, minScore, review, levels, reason, first,
                max);
    }

    /** The same query restricted to logins with this reason (see {@code reason}). */
    public LoginEventQuery withReason(String r) {
        return new LoginEventQuery(fromMillis, toMillis, user, type, statuses, minScore, review, riskLevels, r, first,
                max);
    }
}
