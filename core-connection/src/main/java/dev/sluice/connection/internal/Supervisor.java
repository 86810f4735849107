package dev.sluice.connection.internal;

import dev.sluice.connection.Backoff;
import dev.sluice.connection.ConnectionState;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.HealthStatus;
import dev.sluice.connection.NodeHealth;
import dev.sluice.connection.PoolStats;
import dev.sluice.connection.ReconnectSettings;
import dev.sluice.connection.Redaction;
import dev.sluice.connection.ReplicationStatus;
import dev.sluice.connection.ServerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one database: runs the periodic health check, moves the lifecycle between {@code CONNECTED},
 * {@code DEGRADED} and {@code RECONNECTING}, runs the reconnect loop with backoff and jitter, and publishes pool
 * statistics at the health interval.
 */
public final class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.connection.health");

    /** What the supervisor needs from its manager. */
    public interface Pool {
        /** Drops every pooled connection (idle ones now, lent ones when returned) so new ones are opened. */
        void evictAll();

        /** The pool's current statistics. */
        PoolStats stats();

        /** Records what the server said about itself after a successful reconnect. */
        void serverInfo(ServerInfo info);

        /** Records the round trip of a successful check or probe. */
        void healthCheckSucceeded(Duration latency);
    }

    private final String name;
    private final HealthSettings health;
    private final ReconnectSettings reconnect;
    private final Lifecycle lifecycle;
    private final Listeners listeners;
    private final HealthProbe probe;
    private final Connector connector;
    private final Pool pool;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final java.util.concurrent.locks.ReentrantLock checking = new java.util.concurrent.locks.ReentrantLock();
    private final Object healthLock = new Object();

    private HealthStatus status = HealthStatus.UNKNOWN;
    private Duration lastLatency;
    private int consecutiveFailures;
    private String lastError;
    private Instant lastCheck;
    private ReplicationStatus replication;
    private volatile long troubleSinceNanos;
    private volatile ScheduledFuture<?> periodic;
    private volatile Thread reconnectThread;
    private volatile boolean stopped;

    /** Wires the supervisor; call {@link #start()} to begin periodic checks. */
    public Supervisor(String name, HealthSettings health, ReconnectSettings reconnect, Lifecycle lifecycle, Listeners listeners,
            Connector connector, Pool pool, ScheduledExecutorService scheduler) {
        this.name = name;
        this.health = health;
        this.reconnect = reconnect;
        this.lifecycle = lifecycle;
        this.listeners = listeners;
        this.connector = connector;
        this.probe = new HealthProbe(connector);
        this.pool = pool;
        this.scheduler = scheduler;
    }

    /** Starts the periodic health checks (no-op when the interval is 0). */
    public void start() {
        if (!health.interval().isZero()) {
            // At a fixed rate, so a check that runs into its timeout does not push the next one back: a silent server
            // is found unhealthy within interval x threshold + timeout.
            long ms = health.interval().toMillis();
            periodic = scheduler.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops checks and any reconnect loop. */
    public void stop() {
        stopped = true;
        ScheduledFuture<?> p = periodic;
        if (p != null) {
            p.cancel(false);
        }
        Thread t = reconnectThread;
        if (t != null) {
            t.interrupt();
        }
        probe.close();
    }

    private void tick() {
        try {
            ConnectionState s = lifecycle.get();
            if (s == ConnectionState.CONNECTED || s == ConnectionState.DEGRADED) {
                checkIfIdle();
            }
            if (s.isOpen()) {
                PoolStats stats = pool.stats();
                listeners.fire("onPoolStats", l -> l.onPoolStats(stats));
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: health check task failed unexpectedly", name, e);
        }
    }

    /**
     * Runs one health check now and applies its result to the lifecycle. When another check is running, waits for it
     * (at most its timeout) and then runs its own, so the result is always fresh.
     */
    public NodeHealth checkNow() {
        checking.lock();
        return runCheck();
    }

    /** Runs a check unless one is running already (the periodic tick and borrowers' alarms need not queue up). */
    private void checkIfIdle() {
        if (checking.tryLock()) {
            runCheck();
        }
    }

    private NodeHealth runCheck() {
        try {
            HealthProbe.Result result = probe.check(health.timeout());
            recordSuccess(result.roundTrip(), result.replication());
            if (lifecycle.move(ConnectionState.DEGRADED, ConnectionState.CONNECTED)) {
                LOG.info("{}: recovered after {} ms of failures", name, troubleMillis());
            }
        } catch (Exception e) {
            failure(e);
        } finally {
            checking.unlock();
        }
        return health();
    }

    /** A borrower saw the database fail: check at once instead of waiting for the next tick. */
    public void suspect(Throwable cause) {
        if (stopped) {
            return;
        }
        ConnectionState s = lifecycle.get();
        if (s == ConnectionState.CONNECTED || s == ConnectionState.DEGRADED) {
            scheduler.execute(this::checkIfIdle);
        }
    }

    private void failure(Throwable e) {
        int failures = recordFailure(e);
        listeners.fire("onError", l -> l.onError(e));
        if (lifecycle.move(ConnectionState.CONNECTED, ConnectionState.DEGRADED)) {
            troubleSinceNanos = System.nanoTime();
            LOG.warn("{}: health check failed ({}); degraded", name, Redaction.redact(String.valueOf(e.getMessage())));
            listeners.fire("onDegraded", l -> l.onDegraded(e));
        }
        if (failures >= health.unhealthyThreshold() && lifecycle.get() == ConnectionState.DEGRADED) {
            startReconnecting();
        }
    }

    /** Moves {@code DEGRADED} to {@code RECONNECTING} and starts the backoff loop on its own thread. */
    public void startReconnecting() {
        if (troubleSinceNanos == 0) {
            troubleSinceNanos = System.nanoTime();
        }
        if (!lifecycle.move(ConnectionState.DEGRADED, ConnectionState.RECONNECTING) || !reconnecting.compareAndSet(false, true)) {
            return;
        }
        reconnectThread = Thread.ofVirtual().name(name + "-reconnect").start(this::reconnectLoop);
    }

    /** The shared backoff loop ({@link ReconnectSettings#retry}): wait, probe, until the server answers or attempts run out. */
    private void reconnectLoop() {
        int[] attempts = {0};
        try {
            ServerInfo info = reconnect.retry(true, n -> {
                if (stopped || lifecycle.get() != ConnectionState.RECONNECTING) {
                    return null;
                }
                attempts[0] = n;
                return connector.probe();
            }, new Backoff.Retry() {
                @Override
                public boolean retryAfter(int n, RuntimeException e) {
                    recordFailure(e);
                    listeners.fire("onError", l -> l.onError(e));
                    return !stopped;
                }

                @Override
                public void waiting(int n, Duration delay) {
                    LOG.warn("{}: reconnect attempt {} in {} ms", name, n, delay.toMillis());
                    listeners.fire("onReconnecting", l -> l.onReconnecting(n, delay));
                }
            });
            if (info != null) {
                reconnected(info, attempts[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopped && lifecycle.move(ConnectionState.RECONNECTING, ConnectionState.FAILED)) {
                int made = attempts[0];
                LOG.error("{}: gave up reconnecting after {} attempts", name, made);
                listeners.fire("onFailed", l -> l.onFailed(made, e));
            }
        } finally {
            reconnecting.set(false);
            reconnectThread = null;
        }
    }

    private void reconnected(ServerInfo info, int attempts) {
        recordSuccess(info.roundTrip(), null); // the next check tells whether the server came back as what it was
        pool.serverInfo(info);
        pool.evictAll();
        Duration downtime = Duration.ofMillis(troubleMillis());
        if (lifecycle.move(ConnectionState.RECONNECTING, ConnectionState.CONNECTED)) {
            troubleSinceNanos = 0;
            LOG.info("{}: reconnected after {} attempt(s), {} ms of trouble", name, attempts, downtime.toMillis());
            listeners.fire("onReconnected", l -> l.onReconnected(attempts, downtime));
        }
    }

    private long troubleMillis() {
        long since = troubleSinceNanos;
        return since == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    private void recordSuccess(Duration latency, ReplicationStatus replicationNow) {
        pool.healthCheckSucceeded(latency);
        NodeHealth now;
        synchronized (healthLock) {
            if (status == HealthStatus.UNHEALTHY) {
                LOG.info("{}: healthy again ({} ms round trip)", name, latency.toMillis());
            }
            status = HealthStatus.HEALTHY;
            lastLatency = latency;
            consecutiveFailures = 0;
            lastCheck = Instant.now();
            replication = replicationNow;
            now = snapshot();
        }
        listeners.fire("onHealthCheck", l -> l.onHealthCheck(now));
    }

    private int recordFailure(Throwable e) {
        NodeHealth now;
        int failures;
        synchronized (healthLock) {
            consecutiveFailures++;
            lastError = Redaction.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            lastCheck = Instant.now();
            if (consecutiveFailures >= health.unhealthyThreshold() && status != HealthStatus.UNHEALTHY) {
                status = HealthStatus.UNHEALTHY;
                LOG.warn("{}: unhealthy after {} failed checks in a row; last error: {}", name, consecutiveFailures, lastError);
            }
            failures = consecutiveFailures;
            now = snapshot();
        }
        listeners.fire("onHealthCheck", l -> l.onHealthCheck(now));
        return failures;
    }

    /** The health as of the last check. */
    public NodeHealth health() {
        synchronized (healthLock) {
            return snapshot();
        }
    }

    private NodeHealth snapshot() {
        return new NodeHealth(status, lifecycle.get(), lastLatency, consecutiveFailures, lastError, lastCheck, replication);
    }

    /** Records the result of {@code connect()}'s own round trip. */
    public void initial(Duration latency, Throwable failure) {
        if (failure == null) {
            recordSuccess(latency, null);
        } else {
            recordFailure(failure);
        }
    }
}
