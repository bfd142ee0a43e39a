package dev.vigil.keycloak.bench.soak;

import dev.vigil.keycloak.bench.overhead.Samples;

/**
 * What happened in one stretch of time: attempts sent (scheduled) in it, attempts that ended in it by outcome, and
 * the latencies of the successful logins that ended in it. Thread-safe.
 */
final class Window {

    private long sent;
    private long ok;
    private long rejected;
    private long failed;
    private long noAnswer;
    /** null: latencies not kept */
    private final Samples okLatency;

    Window() {
        this(true);
    }

    Window(boolean latencies) {
        okLatency = latencies ? new Samples() : null;
    }

    synchronized void sent() {
        sent++;
    }

    synchronized void ended(Traffic.Outcome outcome, long latencyNanos) {
        switch (outcome) {
            case OK -> {
                ok++;
                if (okLatency != null) {
                    okLatency.add(latencyNanos);
                }
            }
            case REJECTED -> rejected++;
            case FAILED -> failed++;
            case NO_ANSWER -> noAnswer++;
        }
    }

    synchronized Snapshot snapshot() {
        return okLatency == null ? new Snapshot(sent, ok, rejected, failed, noAnswer, 0, Double.NaN, Double.NaN)
                : new Snapshot(sent, ok, rejected, failed, noAnswer, okLatency.size(), okLatency.percentileMillis(50),
                        okLatency.percentileMillis(99));
    }

    /**
     * @param ok        successful logins (tokens received)
     * @param rejected  wrong-password attempts refused as they should be
     * @param failed    answered, but not as expected (a correct password without tokens, an error page)
     * @param noAnswer  I/O error or timeout
     */
    record Snapshot(long sent, long ok, long rejected, long failed, long noAnswer, int samples, double p50, double p99) {

        long answered() {
            return ok + rejected + failed;
        }

        long ended() {
            return answered() + noAnswer;
        }
    }
}
