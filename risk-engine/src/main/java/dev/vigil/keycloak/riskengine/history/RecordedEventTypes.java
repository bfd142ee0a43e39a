package dev.vigil.keycloak.riskengine.history;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.keycloak.events.EventType;

/**
 * The Keycloak event types Vigil records in {@code VIGIL_LOGIN_EVENT}: the login attempts themselves,
 * and what an admin investigating a login wants on the same timeline — lockouts, impersonation,
 * session ends, and the account changes an intruder makes after a takeover (password reset, new or
 * removed credentials, changed e-mail). Deprecated duplicates Keycloak still emits
 * ({@code UPDATE_PASSWORD}, {@code UPDATE_TOTP}, {@code REMOVE_TOTP}) are left out: the
 * {@code *_CREDENTIAL} events cover every credential type.
 */
public final class RecordedEventTypes {

    private static final Set<EventType> RECORDED = Collections.unmodifiableSet(EnumSet.of(
            EventType.LOGIN,
            EventType.LOGIN_ERROR,
            EventType.LOGOUT,
            EventType.IMPERSONATE,
            EventType.USER_DISABLED_BY_TEMPORARY_LOCKOUT,
            EventType.USER_DISABLED_BY_PERMANENT_LOCKOUT,
            EventType.SEND_RESET_PASSWORD,
            EventType.RESET_PASSWORD,
            EventType.UPDATE_CREDENTIAL,
            EventType.REMOVE_CREDENTIAL,
            EventType.UPDATE_EMAIL));

    private RecordedEventTypes() {
    }

    public static Set<EventType> all() {
        return RECORDED;
    }

    public static boolean isRecorded(EventType type) {
        return type != null && RECORDED.contains(type);
    }
}
