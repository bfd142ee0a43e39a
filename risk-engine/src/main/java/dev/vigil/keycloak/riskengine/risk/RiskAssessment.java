package dev.vigil.keycloak.riskengine.risk;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The in-flow risk of a login.
 *
 * @param score    in [0, 1]: the logistic of the signals' points less {@link RiskScorer#POINTS_AT_HALF}
 * @param points   the sum of the reasons' points
 * @param level    the score against the realm's thresholds
 * @param reasons  every signal that added or removed points, largest effect first
 * @param fallback null, or why the assessment could not be made (then {@code level} is the realm's fallback level)
 */
public record RiskAssessment(double score, double points, RiskLevel level, List<RiskReason> reasons, String fallback) {

    /** At most this many characters of reasons go on events and rows. */
    public static final int MAX_REASONS_LENGTH = 1000;

    /** The assessment used when the real one failed: the fallback level, no reasons. */
    public static RiskAssessment fallback(RiskLevel level, String why) {
        double score = switch (level) {
            case LOW -> 0.0;
            case MEDIUM -> 0.5;
            case HIGH -> 1.0;
        };
        return new RiskAssessment(score, Double.NaN, level, List.of(), why);
    }

    /** Reasons as {@code signal=value(+points),...}, clipped to {@value #MAX_REASONS_LENGTH} characters. */
    public String reasonsText() {
        if (fallback != null) {
            return "fallback=" + fallback.replace(',', ' ');
        }
        String text = reasons.stream().filter(r -> r.points() != 0).map(RiskReason::compact)
                .collect(Collectors.joining(","));
        return text.length() <= MAX_REASONS_LENGTH ? text : text.substring(0, MAX_REASONS_LENGTH);
    }

    /** The score with three decimals, as events and rows carry it. */
    public String scoreText() {
        return Decimals.fixed(score, 3);
    }
}
