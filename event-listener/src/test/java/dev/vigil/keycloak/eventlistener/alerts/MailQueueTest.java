package dev.vigil.keycloak.eventlistener.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A realm whose SMTP server hangs costs a bounded amount and never blocks the caller (the scoring thread). */
class MailQueueTest {

    @Test
    void aHangingRealmIsBoundedAndNeverBlocksTheCaller() throws Exception {
        MailQueue mail = new MailQueue(2, 1_000, 50, 10_000);
        CountDownLatch never = new CountDownLatch(1);
        try {
            long start = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 500; i++) {
                if (mail.submit("hanging", () -> await(never))) {
                    accepted++;
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(accepted).as("at most 50 waiting for one realm").isEqualTo(50);
            assertThat(mail.dropped()).isEqualTo(450);
            assertThat(mail.pending("hanging")).isEqualTo(50);
            assertThat(millis).as("submitting never waits for a send (ms)").isLessThan(5_000);

            assertThat(mail.submit("other", () -> { })).as("another realm is still accepted").isTrue();
        } finally {
            never.countDown();
            mail.close();
        }
    }

    @Test
    void anHourlyLimitPerRealm() throws Exception {
        MailQueue mail = new MailQueue(1, 1_000, 1_000, 3);
        CountDownLatch sent = new CountDownLatch(3);
        try {
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                if (mail.submit("chatty", sent::countDown)) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(3);
            assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(mail.submit("quiet", () -> { })).isTrue();
        } finally {
            mail.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
