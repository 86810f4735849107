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
    public static HikariDataSource create(ConnectionConfig config, Connector connector) {
        return new HikariDataSource(hikariConfig(config, connector));
    }

    private static HikariConfig hikariConfig(ConnectionConfig config, Connector connector) {
        PoolSettings pool = config.pool();
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(config.name());
        // The connector's driver, from the configured class loader, opens the pool's connections; the URL (without
        // credentials) is only there for HikariCP's MySQL detection.
        hc.setDataSource(connector.pooledDataSource());
        hc.setJdbcUrl(config.jdbcUrl());
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
        // No metrics tracker: InFlight measures acquire and usage in nanoseconds (HikariCP's hook reports usage in
        // whole milliseconds), and without one HikariCP reads the clock twice less per borrow.
        hc.setThreadFactory(Thread.ofPlatform().daemon().name(config.name() + "-hikari-", 0).factory());
        return hc;
    }
}
