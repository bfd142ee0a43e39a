package dev.vigil.keycloak.admin.loginevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import dev.vigil.keycloak.riskengine.history.LoginEventQuery;
import org.junit.jupiter.api.Test;

class LoginEventsParamsTest {

    @Test
    void defaultsWhenNothingIsGiven() {
        LoginEventQuery q = LoginEventsParams.parse(null, null, null, null, null, null);
        assertThat(q.first()).isZero();
        assertThat(q.max()).isEqualTo(LoginEventsParams.DEFAULT_MAX);
        assertThat(q.fromMillis()).isNull();
        assertThat(q.toMillis()).isNull();
        assertThat(q.user()).isNull();
        assertThat(q.type()).isNull();
    }

    @Test
    void acceptsEpochMillisInstantsOffsetsAndDates() {
        assertThat(LoginEventsParams.parse(null, null, "1700000000000", null, null, null).fromMillis())
                .isEqualTo(1_700_000_000_000L);
        assertThat(LoginEventsParams.parse(null, null, "2026-11-23T08:00:00Z", null, null, null).fromMillis())
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z").toEpochMilli());
        assertThat(LoginEventsParams.parse(null, null, "2026-11-23T09:00:00+01:00", null, null, null).fromMillis())
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z").toEpochMilli());
        LoginEventQuery day = LoginEventsParams.parse(null, null, "2026-11-23", "2026-11-23", null, null);
        assertThat(day.fromMillis()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z").toEpochMilli());
        assertThat(day.toMillis()).as("a date 'to' includes the whole day")
                .isEqualTo(Instant.parse("2026-11-24T00:00:00Z").toEpochMilli());
    }

    @Test
    void typeIsCaseInsensitiveAndUserIsTrimmed() {
        LoginEventQuery q = LoginEventsParams.parse("10", "20", null, null, "  alice ", "login_error");
        assertThat(q.type()).isEqualTo("LOGIN_ERROR");
        assertThat(q.user()).isEqualTo("alice");
        assertThat(q.first()).isEqualTo(10);
        assertThat(q.max()).isEqualTo(20);
    }

    @Test
    void rejectsBadValuesWithAMessage() {
        assertRejected("-1", null, null, null, null, null, "first must be between 0 and 100000");
        assertRejected("100001", null, null, null, null, null, "first must be between 0 and 100000");
        assertRejected("2147483648", null, null, null, null, null, "first must be a whole number");
        assertRejected("x", null, null, null, null, null, "first must be a whole number");
        assertRejected(null, "0", null, null, null, null, "max must be between 1 and 500");
        assertRejected(null, "501", null, null, null, null, "max must be between 1 and 500");
        assertRejected(null, "1e3", null, null, null, null, "max must be a whole number");
        assertRejected(null, null, "tomorrow", null, null, null, "from must be");
        assertRejected(null, null, null, "2026-02-30", null, null, "to must be");
        assertRejected(null, null, "9999999999999999999999", null, null, null, "from must be");
        assertRejected(null, null, "2026-03-01", "2026-02-01", null, null, "from must not be after to");
        assertRejected(null, null, null, null, "u".repeat(256), null, "user must be at most 255");
        assertRejected(null, null, null, null, null, "CLIENT_DELETE", "type must be one of");
    }

    @Test
    void timesOutsideWhatCanBeStoredAreRefusedNotOverflowed() {
        assertRejected(null, null, "+300000000-01-01T00:00:00Z", null, null, null, "from must be");
        assertRejected(null, null, null, "-300000000-01-01T00:00:00Z", null, null, "to must be");
        assertRejected(null, null, "+10000-01-01T00:00:00Z", null, null, null, "from must lie between 1970-01-01 and 9999-12-31");
        assertRejected(null, null, "1969-12-31T23:59:59Z", null, null, null, "from must lie between");
        assertRejected(null, null, "999999999999999", null, null, null, "from must lie between");
        assertRejected(null, null, null, "9999-12-31", null, null, "to must lie between"); // its end is 10000-01-01
        assertThat(LoginEventsParams.parse(null, null, "9999-12-31T23:59:59.999Z", null, null, null).fromMillis())
                .isEqualTo(LoginEventsParams.MAX_TIME);
        assertThat(LoginEventsParams.parse(null, null, "0", null, null, null).fromMillis()).isZero();
        assertThatThrownBy(() -> LoginEventsParams.window("+300000000-01-01T00:00:00Z", null, 0, 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from must be");
    }

    @Test
    void flaggedListParameters() {
        LoginEventQuery q = LoginEventsParams.parseFlagged(null, "10", null, null, "alice", "0.7", "Compromised");
        assertThat(q.statuses()).containsExactly(dev.vigil.keycloak.riskengine.history.LoginStatus.FLAGGED);
        assertThat(q.minScore()).isEqualTo(0.7);
        assertThat(q.review()).isEqualTo(LoginEventQuery.Review.COMPROMISED);
        assertThat(q.type()).isEqualTo("LOGIN");
        assertThatThrownBy(() -> LoginEventsParams.parseFlagged(null, null, null, null, null, "1.5", null))
                .hasMessageContaining("minScore must be a number between 0 and 1");
        assertThatThrownBy(() -> LoginEventsParams.parseFlagged(null, null, null, null, null, "NaN", null))
                .hasMessageContaining("minScore");
        assertThatThrownBy(() -> LoginEventsParams.parseFlagged(null, null, null, null, null, null, "pending"))
                .hasMessageContaining("status must be open, safe or compromised");
    }

    @Test
    void aReasonIsAnInFlowSignalOrAModelFeature() {
        LoginEventQuery base = LoginEventsParams.parseFlagged(null, null, null, null, null, null, null);
        assertThat(LoginEventsParams.withReason(base, " New_Device ").reason()).isEqualTo("new_device");
        assertThat(LoginEventsParams.withReason(base, "ip_changed").reason()).isEqualTo("ip_changed");
        assertThat(LoginEventsParams.withReason(base, "hour_of_day").reason()).isEqualTo("hour_of_day");
        assertThat(LoginEventsParams.withReason(base, "").reason()).isNull();
        assertThatThrownBy(() -> LoginEventsParams.withReason(base, "%' or 1=1 --"))
                .hasMessageContaining("reason must be one of [new_device, trusted_device");
    }

    @Test
    void loginEventsFilterByScoringStatusFailedIncluded() {
        assertThat(LoginEventsParams.parse(null, null, null, null, null, null, "FAILED").statuses())
                .containsExactly(dev.vigil.keycloak.riskengine.history.LoginStatus.FAILED);
        assertThat(LoginEventsParams.parse(null, null, null, null, null, "login", " new, failed").statuses())
                .containsExactlyInAnyOrder(dev.vigil.keycloak.riskengine.history.LoginStatus.NEW,
                        dev.vigil.keycloak.riskengine.history.LoginStatus.FAILED);
        assertThat(LoginEventsParams.parse(null, null, null, null, null, null, " ").statuses()).isNull();
        assertThatThrownBy(() -> LoginEventsParams.parse(null, null, null, null, null, null, "gone"))
                .hasMessageContaining("status must be one or more of recorded, new, scored, flagged, failed");
    }

    @Test
    void windowsDefaultToTheLastSpanBeforeNowAndKeepTheirOrder() {
        long now = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();
        assertThat(LoginEventsParams.window(null, null, now, 1000)).containsExactly(now - 1000, now);
        assertThat(LoginEventsParams.window("2026-11-01", "2026-11-02", now, 1000)).containsExactly(
                Instant.parse("2026-11-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-11-03T00:00:00Z").toEpochMilli());
        assertThatThrownBy(() -> LoginEventsParams.window("2026-11-05", "2026-11-01", now, 1000))
                .hasMessageContaining("from must not be after to");
        assertThatThrownBy(() -> LoginEventsParams.window("soon", null, now, 1000)).hasMessageContaining("from must be");
    }

    @Test
    void echoedInputIsShortened() {
        assertThatThrownBy(() -> LoginEventsParams.parse(null, null, "z".repeat(10_000), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    private static void assertRejected(String first, String max, String from, String to, String user, String type,
            String message) {
        assertThatThrownBy(() -> LoginEventsParams.parse(first, max, from, to, user, type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
