package dev.vigil.keycloak.bench.overhead;

/** How many cores Keycloak, this load generator and everything else used between construction and {@link #stop}. */
final class CpuUse {

    private final CpuClock server;
    private final CpuClock self = CpuClock.process("self");
    private final CpuClock machine = CpuClock.machine();
    private final long start = System.nanoTime();
    private final long serverStart;
    private final long selfStart;
    private final long machineStart;
    private double wall;
    private long serverUsed;
    private long selfUsed;
    private long machineUsed;

    /** @param server the server's clock, or null when unknown */
    CpuUse(CpuClock server) {
        this.server = server;
        serverStart = known() ? server.nanos() : 0;
        selfStart = known() ? self.nanos() : 0;
        machineStart = known() ? machine.nanos() : 0;
    }

    void stop() {
        wall = System.nanoTime() - start;
        if (known()) {
            serverUsed = server.nanos() - serverStart;
            selfUsed = self.nanos() - selfStart;
            machineUsed = machine.nanos() - machineStart;
        }
    }

    boolean known() {
        return server != null && self != null && machine != null;
    }

    double server() {
        return serverUsed / wall;
    }

    double self() {
        return selfUsed / wall;
    }

    double others() {
        return Math.max(0, machineUsed - serverUsed - selfUsed) / wall;
    }
}
