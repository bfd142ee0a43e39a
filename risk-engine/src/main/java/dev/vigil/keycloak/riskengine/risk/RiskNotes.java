package dev.vigil.keycloak.riskengine.risk;

import java.util.Map;
import java.util.Optional;

import org.keycloak.events.EventBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where the in-flow assessment of a login is kept and how it is read back: the one place the "Vigil - login risk"
 * condition writes it and everything else (the deny authenticator, the step-up guard, the event listener that puts
 * it on the login row) reads it.
 * <ul>
 *   <li>auth-session notes {@value #LEVEL_NOTE}, {@value #SCORE_NOTE}, {@value #REASONS_NOTE}: the assessment runs
 *       once per authentication session; later conditions and requests read it from here;</li>
 *   <li>event details {@value #LEVEL_DETAIL}, {@value #SCORE_DETAIL}, {@value #REASONS_DETAIL} on the LOGIN or
 *       LOGIN_ERROR event (Keycloak's Events page shows them).</li>
 * </ul>
 */
public final class RiskNotes {

    public static final String LEVEL_NOTE = "vigil.risk.level";
    public static final String SCORE_NOTE = "vigil.risk.score";
    public static final String REASONS_NOTE = "vigil.risk.reasons";
    /** auth note and event detail: the level of authentication Vigil asked for ("Vigil - risk raises level …") */
    public static final String LOA_NOTE = "vigil.risk.loa";
    public static final String LOA_DETAIL = "vigil_requested_loa";
    public static final String LEVEL_DETAIL = "vigil_risk_level";
    public static final String SCORE_DETAIL = "vigil_risk_score";
    public static final String REASONS_DETAIL = "vigil_risk_reasons";

    /** An assessment as notes and details carry it. */
    public record Noted(RiskLevel level, double score, String reasons) {
    }

    private RiskNotes() {
    }

    public static void record(AuthenticationSessionModel authSession, RiskAssessment a) {
        authSession.setAuthNote(LEVEL_NOTE, a.level().name());
        authSession.setAuthNote(SCORE_NOTE, a.scoreText());
        authSession.setAuthNote(REASONS_NOTE, a.reasonsText());
    }

    /** Puts the noted assessment on the event being built. */
    public static void detail(EventBuilder event, Noted n) {
        if (event != null) {
            event.detail(LEVEL_DETAIL, n.level().name());
            event.detail(SCORE_DETAIL, Decimals.fixed(n.score(), 3));
            event.detail(REASONS_DETAIL, n.reasons());
        }
    }

    /**
     * Puts the assessment made earlier in this login, if any, on the event of this request: the LOGIN event of a
     * stepped-up login comes from a later request than the assessment (after the second factor).
     */
    public static void carry(AuthenticationSessionModel authSession, EventBuilder event) {
        of(authSession).ifPresent(n -> detail(event, n));
        String loa = authSession == null ? null : authSession.getAuthNote(LOA_NOTE);
        if (loa != null && event != null) {
            event.detail(LOA_DETAIL, loa);
        }
    }

    /** The assessment of this authentication session, if it was made. */
    public static Optional<Noted> of(AuthenticationSessionModel authSession) {
        return authSession == null ? Optional.empty() : parse(authSession.getAuthNote(LEVEL_NOTE),
                authSession.getAuthNote(SCORE_NOTE), authSession.getAuthNote(REASONS_NOTE));
    }

    /** The assessment carried by an event's details, if any. */
    public static Optional<Noted> of(Map<String, String> details) {
        return details == null ? Optional.empty()
                : parse(details.get(LEVEL_DETAIL), details.get(SCORE_DETAIL), details.get(REASONS_DETAIL));
    }

    private static Optional<Noted> parse(String level, String score, String reasons) {
        Optional<RiskLevel> l = RiskLevel.parse(level);
        if (l.isEmpty()) {
            return Optional.empty();
        }
        double s;
        try {
            s = Double.parseDouble(score);
        } catch (NumberFormatException | NullPointerException e) {
            s = Double.NaN;
        }
        return Optional.of(new Noted(l.get(), Double.isFinite(s) ? Math.max(0, Math.min(1, s)) : 0.0,
                reasons == null ? "" : reasons));
    }
}
