package dev.sluice.connection;

import java.time.Duration;

/**
 * What a graceful shutdown did.
 *
 * @param pool the pool name
 * @param inFlight connections that were lent out when the shutdown began
 * @param finished of those, the ones returned within the drain time
 * @param cancelled of those, the ones whose statements were cancelled and connections closed when the drain time ran out
 * @param took how long the shutdown took
 */
public record ShutdownReport(String pool, int inFlight, int finished, int cancelled, Duration took) {
    @Override
    public String toString() {
        return "pool " + pool + " shut down in " + took.toMillis() + " ms: " + inFlight + " in flight, " + finished
                + " finished, " + cancelled + " cancelled";
    }
}
