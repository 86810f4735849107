package dev.sluice.connection;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.sluice.connection.internal.Connector;
import dev.sluice.connection.internal.InFlight;
import dev.sluice.connection.internal.Lifecycle;
import dev.sluice.connection.internal.Listeners;
import dev.sluice.connection.internal.ManagedDataSource;
import dev.sluice.connection.internal.PoolFactory;
import dev.sluice.connection.internal.PoolMetrics;
import dev.sluice.connection.internal.SessionResets;
import dev.sluice.connection.internal.Supervisor;
import dev.sluice.connection.internal.TrackedConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of one database and everything that keeps it working: the entry point of {@code core-connection}.
 *
 * <pre>{@code
 * try (ConnectionManager db = ConnectionManager.connect(ConnectionConfig.fromEnv())) {
 *     try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
 *         s.execute("SELECT 1");
 *     }
 *     System.out.println(db.health() + " " + db.poolStats().summary());
 * }
 * }</pre>
 *
 * <p>{@link #connect()} checks the database with a real round trip and starts a HikariCP pool, a health checker and,
 * when the database stops answering, a reconnect loop with backoff (see {@link ConnectionState} for the lifecycle and
 * {@link ConnectionListener} for its events). {@link #shutdown(Duration)} stops new work at once, drains what is in
 * flight and reports what it did.
 *
 * <p>This is the only class in Sluice that opens database connections; other modules borrow them from here.
 */
public final class ConnectionManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);
    private static final EnumSet<ConnectionState> CONNECTABLE = EnumSet.of(ConnectionState.DISCONNECTED, ConnectionState.FAILED);

    private final ConnectionConfig config;
    private final Connector connector;
    private final Listeners listeners;
    private final Lifecycle lifecycle;
    private final ScheduledExecutorService scheduler;
    private final PoolMetrics metrics;
    private final InFlight inFlight;
    private final DataSource dataSource = new ManagedDataSource(this::getConnection, this);
    private final Object lifecycleLock = new Object();

    private volatile HikariDataSource pool;
    private volatile Supervisor supervisor;
    private volatile ServerInfo serverInfo;
    private volatile boolean accepting;
    private volatile ShutdownReport lastShutdown;
    private volatile Thread shutdownHook;
    private boolean rotating; // guarded by lifecycleLock

    private ConnectionManager(ConnectionConfig config) {
        this.config = config;
        this.connector = new Connector(config); // fails at once with the coordinates when the driver is missing
        this.listeners = new Listeners(config.name());
        this.lifecycle = new Lifecycle(config.name(), config.redactedUrl(), listeners);
        // two threads: a health check that waits for its timeout does not hold up leak reports or pool statistics
        this.scheduler = Executors.newScheduledThreadPool(2,
                Thread.ofPlatform().daemon().name(config.name() + "-supervisor").factory());
        // timing statistics live as long as the manager, across reconnects, so "since start" means since creation
        this.metrics = new PoolMetrics(config, this::poolMXBean);
        this.inFlight = new InFlight(config.name(), config.pool().max(), config.stats().sample(), metrics,
                config.pool().leakDetectionThreshold(), scheduler, report -> listeners.fire("onLeak", l -> l.onLeak(report)));
        if (config.pool().resetOnReturn()) {
            inFlight.sessionReset(new SessionResets(config, connector.descriptor(), () -> pool));
        }
    }

    /**
     * Creates a manager in state {@link ConnectionState#DISCONNECTED}; nothing is opened until {@link #connect()}.
     *
     * @throws MissingDriverException when the vendor's JDBC driver is not on the class path
     */
    public static ConnectionManager create(ConnectionConfig config) {
        return new ConnectionManager(config);
    }

    /** Creates a manager and {@link #connect() connects} it. */
    public static ConnectionManager connect(ConnectionConfig config) {
        ConnectionManager m = create(config);
        try {
            m.connect();
        } catch (RuntimeException e) {
            m.scheduler.shutdownNow();
            throw e;
        }
        return m;
    }

    /**
     * Opens one connection without a pool, makes one round trip and returns what the server says about itself: a
     * quick check that a configuration works.
     *
     * @throws MissingDriverException when the driver is missing
     * @throws ConnectionFailedException saying why the database cannot be used
     */
    public static ServerInfo probe(ConnectionConfig config) {
        return new Connector(config).probe();
    }

    /**
     * One health check without a pool, for tools: opens a dedicated connection and makes one round trip, all within
     * {@code config.health().timeout()}, whatever the network does: a server that accepts TCP and never answers is
     * reported unhealthy when that timeout runs out, not after the connect and socket timeouts. It never throws for a
     * database that is down or slow; the result says why ({@link NodeHealth#lastError()}, redacted).
     *
     * @throws MissingDriverException when the driver is missing
     */
    public static NodeHealth probeHealth(ConnectionConfig config) {
        try (dev.sluice.connection.internal.HealthProbe probe = new dev.sluice.connection.internal.HealthProbe(new Connector(config))) {
            dev.sluice.connection.internal.HealthProbe.Result r = probe.check(config.health().timeout());
            return new NodeHealth(HealthStatus.HEALTHY, ConnectionState.DISCONNECTED, r.roundTrip(), 0, null, Instant.now(),
                    r.replication());
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new NodeHealth(HealthStatus.UNHEALTHY, ConnectionState.DISCONNECTED, null, 1, Redaction.redact(why), Instant.now());
        }
    }

    /** Adds a listener for lifecycle events; returns this manager. */
    public ConnectionManager addListener(ConnectionListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Removes a listener. */
    public void removeListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    /**
     * Checks the database with a real round trip and starts the pool and the health checker. When the database cannot
     * be reached, {@link StartupMode#FAIL_FAST} throws a {@link ConnectionFailedException} that says why (unreachable,
     * no such database, credentials rejected), and {@link StartupMode#BACKGROUND} returns in state
     * {@link ConnectionState#DEGRADED} and keeps reconnecting. Calling it while connected does nothing.
     *
     * @throws IllegalStateException after {@link #shutdown(Duration)}
     */
    public void connect() {
        synchronized (lifecycleLock) {
            ConnectionState s = lifecycle.get();
            if (s == ConnectionState.CLOSED || s == ConnectionState.CLOSING) {
                throw new IllegalStateException("Pool '" + config.name() + "' is shut down; create a new ConnectionManager");
            }
            if (lifecycle.moveFromAny(CONNECTABLE, ConnectionState.CONNECTING) == null) {
                return; // already connected, degraded or reconnecting
            }
            ServerInfo info;
            try {
                info = connector.probe();
            } catch (ConnectionFailedException e) {
                listeners.fire("onError", l -> l.onError(e));
                if (config.startup() == StartupMode.FAIL_FAST) {
                    closePool();
                    lifecycle.move(ConnectionState.CONNECTING, ConnectionState.DISCONNECTED);
                    throw e;
                }
                LOG.warn("{}: {}; starting degraded and reconnecting in the background", config.name(), e.getMessage());
                startPool();
                supervisor.initial(null, e);
                lifecycle.move(ConnectionState.CONNECTING, ConnectionState.DEGRADED);
                listeners.fire("onDegraded", l -> l.onDegraded(e));
                supervisor.startReconnecting();
                return;
            }
            serverInfo = info;
            startPool();
            supervisor.initial(info.roundTrip(), null);
            lifecycle.move(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
            listeners.fire("onConnected", l -> l.onConnected(info));
        }
    }

    private void startPool() {
        if (pool == null) {
            pool = PoolFactory.create(config, connector);
        }
        if (!rotating) {
            long period = metrics.rotationPeriod().toNanos();
            scheduler.scheduleAtFixedRate(metrics::rotate, period, period, TimeUnit.NANOSECONDS);
            rotating = true;
        }
        supervisor = new Supervisor(config.name(), config.health(), config.reconnect(), lifecycle, listeners, connector,
                new Supervisor.Pool() {
                    @Override
                    public void evictAll() {
                        HikariDataSource p = pool;
                        if (p != null && p.getHikariPoolMXBean() != null) {
                            p.getHikariPoolMXBean().softEvictConnections();
                        }
                    }

                    @Override
                    public PoolStats stats() {
                        return poolStats();
                    }

                    @Override
                    public void serverInfo(ServerInfo info) {
                        serverInfo = info;
                    }

                    @Override
                    public void healthCheckSucceeded(Duration latency) {
                        metrics.recordHealthCheck(latency);
                    }
                }, scheduler);
        supervisor.start();
        accepting = true;
        if (config.shutdown().hook() && shutdownHook == null) {
            Thread hook = new Thread(() -> {
                ShutdownReport r = shutdown(config.shutdown().drain());
                LOG.info("{}: shutdown hook: {}", config.name(), r);
            }, config.name() + "-shutdown-hook");
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        }
    }

    /** Whether the pool is up: {@link ConnectionState#CONNECTED} or {@link ConnectionState#DEGRADED}. */
    public boolean isConnected() {
        ConnectionState s = lifecycle.get();
        return s == ConnectionState.CONNECTED || s == ConnectionState.DEGRADED;
    }

    /** The current lifecycle state. */
    public ConnectionState state() {
        return lifecycle.get();
    }

    /**
     * Borrows a connection; close it to return it. Fails with a {@link PoolExhaustedException} (naming the pool and its
     * counts) when none becomes free within the connection timeout, with a {@link ShutdownException} during and after
     * shutdown, and with a {@link SQLTransientConnectionException} that says why when the database cannot be reached.
     */
    public Connection getConnection() throws SQLException {
        if (!accepting) {
            throw notAccepting();
        }
        // The hot path: one clock read here, one when lent (acquire ends, usage starts) and one at the return; none
        // for a borrow that stats.sample leaves untimed.
        long start = inFlight.acquireStart();
        HikariDataSource p = pool;
        Connection pooled;
        try {
            pooled = p.getConnection();
        } catch (SQLException e) {
            pooled = retryOrFail(p, e, start);
        }
        TrackedConnection c = inFlight.lend(pooled, start);
        if (!accepting) {
            // a shutdown began while this borrower waited in the pool's queue: it is new work, so it is refused
            c.close();
            throw new ShutdownException(config.name(), lifecycle.get());
        }
        return c;
    }

    private SQLException notAccepting() {
        ConnectionState s = lifecycle.get();
        if (s == ConnectionState.CLOSING || s == ConnectionState.CLOSED) {
            return new ShutdownException(config.name(), s);
        }
        return new SQLNonTransientConnectionException("Pool '" + config.name() + "' is not connected (state " + s
                + "); call connect() first", "08003");
    }

    /** After a failed borrow: retries an exhausted pool as configured, or throws what the failure means. */
    private Connection retryOrFail(HikariDataSource p, SQLException first, long start) throws SQLException {
        int attempts = config.pool().acquireRetries() + 1;
        SQLException failure = first;
        for (int i = 1; ; i++) {
            if (!(failure instanceof SQLTransientConnectionException timedOut)) {
                if (!accepting) {
                    throw new ShutdownException(config.name(), lifecycle.get());
                }
                throw failure;
            }
            metrics.recordTimeout(); // HikariCP throws this type only when the connection timeout ran out
            // a borrow that stats.sample left untimed has no start: it waited its timeout on each attempt
            long waited = start == InFlight.UNTIMED ? config.pool().connectionTimeout().toNanos() * i : System.nanoTime() - start;
            SQLException translated = translate(timedOut, Duration.ofNanos(waited));
            if (!(translated instanceof PoolExhaustedException) || i >= attempts || !accepting) {
                throw translated;
            }
            LOG.debug("{}: pool exhausted, retry {} of {}", config.name(), i, attempts - 1);
            try {
                return p.getConnection();
            } catch (SQLException e) {
                failure = e;
            }
        }
    }

    private SQLException translate(SQLTransientConnectionException e, Duration waited) {
        if (!accepting) {
            return new ShutdownException(config.name(), lifecycle.get());
        }
        // HikariCP attaches the last failure to open a connection; without one, every connection was simply in use.
        Throwable cause = e.getCause();
        if (cause == null) {
            return new PoolExhaustedException(config.name(), waited, poolStats());
        }
        Supervisor s = supervisor;
        if (s != null) {
            s.suspect(cause);
        }
        ConnectionFailedException reason = connector.failure(cause);
        return new SQLTransientConnectionException("Pool '" + config.name() + "' has no connection after "
                + waited.toMillis() + " ms: " + reason.getMessage(), e.getSQLState(), cause);
    }

    /** A {@link DataSource} view of this manager for libraries (jOOQ, Flyway); {@code unwrap} gives back the manager. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The configuration. */
    public ConnectionConfig config() {
        return config;
    }

    /** The vendor. */
    public Vendor vendor() {
        return config.vendor();
    }

    /** What the server said about itself at the last successful connect, or {@code null} before one. */
    public ServerInfo serverInfo() {
        return serverInfo;
    }

    /** The health as of the last check (no new check is made). */
    public NodeHealth health() {
        Supervisor s = supervisor;
        return s == null ? new NodeHealth(HealthStatus.UNKNOWN, lifecycle.get(), null, 0, null, null) : s.health();
    }

    /** Runs a health check now and returns its result. */
    public NodeHealth checkHealth() {
        Supervisor s = supervisor;
        if (s == null || !lifecycle.get().isOpen()) {
            return health();
        }
        return s.checkNow();
    }

    /**
     * A snapshot of the pool's connections and of how borrowers fared: in the recent window ({@code stats.window},
     * default the last minute) and since this manager was created.
     */
    public PoolStats poolStats() {
        HikariPoolMXBean mx = poolMXBean();
        PoolTimings[] timings = metrics.poolTimings();
        if (mx == null) {
            return new PoolStats(config.name(), 0, 0, 0, 0, config.pool().max(), config.pool().min(), timings[0], timings[1],
                    Instant.now());
        }
        return new PoolStats(config.name(), mx.getActiveConnections(), mx.getIdleConnections(), mx.getThreadsAwaitingConnection(),
                mx.getTotalConnections(), config.pool().max(), config.pool().min(), timings[0], timings[1], Instant.now());
    }

    /** Round trip times of this database's health checks, in the recent window and since this manager was created. */
    public HealthLatency healthLatency() {
        return metrics.healthLatency();
    }

    private HikariPoolMXBean poolMXBean() {
        HikariDataSource p = pool;
        return p == null ? null : p.getHikariPoolMXBean();
    }

    /**
     * Closes the pool after draining in-flight work for the configured drain time; the manager can
     * {@link #connect()} again afterwards.
     */
    public ShutdownReport disconnect() {
        return stop(config.shutdown().drain(), ConnectionState.DISCONNECTED);
    }

    /**
     * Shuts down for good: rejects new work at once with a {@link ShutdownException}, waits up to {@code drain} for
     * in-flight work, then cancels the statements still running, closes the pool and reports what happened.
     */
    public ShutdownReport shutdown(Duration drain) {
        return stop(drain, ConnectionState.CLOSED);
    }

    /** {@link #shutdown(Duration)} with the configured drain time. */
    @Override
    public void close() {
        shutdown(config.shutdown().drain());
    }

    private ShutdownReport stop(Duration drain, ConnectionState end) {
        long start = System.nanoTime();
        synchronized (lifecycleLock) {
            ConnectionState from = lifecycle.moveFromAny(EnumSet.complementOf(EnumSet.of(ConnectionState.CLOSING,
                    ConnectionState.CLOSED)), ConnectionState.CLOSING);
            if (from == null) {
                ShutdownReport last = lastShutdown;
                return last != null ? last : new ShutdownReport(config.name(), 0, 0, 0, Duration.ZERO);
            }
            accepting = false;
            Supervisor s = supervisor;
            if (s != null) {
                s.stop();
            }
            int atStart = inFlight.size();
            int left;
            try {
                left = inFlight.awaitEmpty(start + drain.toNanos());
                if (left > 0) {
                    int cancelled = inFlight.cancelAll();
                    LOG.warn("{}: drain time {} ms ran out; cancelled the statements of {} connection(s)", config.name(),
                            drain.toMillis(), cancelled);
                    inFlight.awaitEmpty(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                left = inFlight.size();
            }
            closePool();
            int finished = Math.max(0, atStart - left);
            ShutdownReport report = new ShutdownReport(config.name(), atStart, finished, left,
                    Duration.ofNanos(System.nanoTime() - start));
            lastShutdown = report;
            if (end == ConnectionState.CLOSED) {
                scheduler.shutdownNow();
                metrics.close();
                removeShutdownHook();
            }
            lifecycle.move(ConnectionState.CLOSING, end);
            listeners.fire("onDisconnected", ConnectionListener::onDisconnected);
            LOG.info("{}", report);
            return report;
        }
    }

    private void closePool() {
        HikariDataSource p = pool;
        pool = null;
        if (p != null) {
            p.close(); // aborts connections still lent out
        }
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        if (hook != null && hook != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException jvmAlreadyShuttingDown) {
                // the hook is running or about to; nothing to remove
            }
        }
    }

    @Override
    public String toString() {
        return "ConnectionManager[" + config.name() + " " + config.redactedUrl() + " " + lifecycle.get() + "]";
    }
}
