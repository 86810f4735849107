package dev.sluice.connection.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.PoolSettings;

/** Builds the HikariCP pool of one database from a {@link ConnectionConfig}: the only place that knows HikariCP's setters. */
public final class PoolFactory {
    private PoolFactory() {}

    /**
     * Creates and starts the pool. It does not fail when the database is down (connections are opened in the
     * background); {@code connect()} has already made its own round trip when that matters.
     */
    public static HikariDataSource create(ConnectionConfig config, Connector connector, PoolMetrics metrics) {
        PoolSettings pool = config.pool();
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(config.name());
        hc.setJdbcUrl(config.jdbcUrl()); // has no credentials: they travel in the data source properties below
        hc.setDataSourceProperties(connector.properties());
        hc.setMinimumIdle(pool.min());
        hc.setMaximumPoolSize(pool.max());
        hc.setConnectionTimeout(pool.connectionTimeout().toMillis());
        hc.setIdleTimeout(pool.idleTimeout().toMillis());
        hc.setMaxLifetime(pool.maxLifetime().toMillis());
        hc.setValidationTimeout(pool.validationTimeout().toMillis());
        // Leak detection is ours (InFlight), with a listener event; HikariCP's would report the same leak twice.
        hc.setLeakDetectionThreshold(0);
        hc.setInitializationFailTimeout(-1);
        String initSql = connector.descriptor().connectionInitSql(config);
        if (initSql != null) {
            hc.setConnectionInitSql(initSql);
        }
        hc.setMetricsTrackerFactory(metrics);
        hc.setThreadFactory(Thread.ofPlatform().daemon().name(config.name() + "-hikari-", 0).factory());
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        // HikariCP loads the driver class through the context class loader first, both when the class name is set and
        // when the pool starts; make it the configured one for both (a driver only the configured loader sees, as in
        // the Maven plugin, failed with "Failed to load driver class" when the name was set outside this block).
        t.setContextClassLoader(config.driverClassLoader());
        try {
            hc.setDriverClassName(connector.driverClassName());
            return new HikariDataSource(hc);
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
