package dev.sluice.connection.internal;

import dev.sluice.connection.Durations;
import dev.sluice.connection.ReplicationStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One health check: a real round trip on a dedicated connection of its own, so that a busy pool does not look like a
 * sick database and a sick database does not take a pool slot. Each check runs on a virtual thread and is abandoned
 * after its timeout; the connection is then aborted so the stuck thread is released, and the next check opens a new
 * one. A check never waits longer than its timeout, whatever the network does.
 */
public final class HealthProbe implements AutoCloseable {
    private final Connector connector;
    /**
     * Platform daemon threads, not virtual ones: a virtual thread's socket I/O starts the JDK's poller threads, which
     * then sit in native code, and the JVM's exit waits up to 300 ms for such threads (measured: {@code sluice health}
     * spent 0.3 s of its 0.65 s exiting). A check a few seconds apart does not need cheaper threads.
     */
    private final ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("sluice-health-probe").factory());
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Connection connection;

    /** @param connector opens the dedicated connection */
    public HealthProbe(Connector connector) {
        this.connector = connector;
    }

    /**
     * The outcome of a successful check.
     *
     * @param roundTrip the ping's round trip time
     * @param replication the server's place in replication, or {@code null} when its vendor does not tell
     */
    public record Result(Duration roundTrip, ReplicationStatus replication) {}

    /**
     * Runs one check: the ping, then (within the same timeout) the vendor's readiness check (a Galera node must be
     * Synced) and replication query, if it has them.
     *
     * @throws Exception the failure, or a {@link TimeoutException} naming the timeout
     */
    public Result check(Duration timeout) throws Exception {
        if (!running.compareAndSet(false, true)) {
            throw new TimeoutException("the previous health check has not finished: the server is not answering");
        }
        CompletableFuture<Result> f;
        try {
            f = CompletableFuture.supplyAsync(() -> {
                try {
                    return roundTrip(timeout);
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                } finally {
                    running.set(false);
                }
            }, executor);
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort();
            throw new TimeoutException("health check timed out after " + Durations.format(timeout));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null
                    ? ce.getCause() : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    private Result roundTrip(Duration timeout) throws SQLException {
        Connection c = connection;
        if (c == null || c.isClosed()) {
            try {
                c = connector.open();
            } catch (SQLException | RuntimeException e) {
                throw connector.failure(e); // says why in words: unreachable, no such database, credentials
            }
            connection = c;
        }
        long start = System.nanoTime();
        try {
            try {
                c.setNetworkTimeout(executor, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            } catch (SQLException | UnsupportedOperationException notSupported) {
                // SQLite has no network; the outer timeout still bounds the wait
            }
            try (Statement s = c.createStatement()) {
                s.execute(connector.descriptor().pingSql());
            }
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
            connector.descriptor().checkReady(c); // a Galera node that is not Synced answers but must not serve
            return new Result(roundTrip, connector.descriptor().replication(c).orElse(null));
        } catch (SQLException e) {
            closeQuietly(c);
            connection = null;
            throw e;
        }
    }

    private void abort() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.abort(executor);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(c);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is being discarded because it failed
        }
    }

    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            closeQuietly(c);
        }
        executor.shutdownNow();
    }
}
