package dev.sluice.migrations.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.HealthSettings;
import java.time.Duration;

/** Connection configurations for short-lived work: small pool, no periodic health checks. */
public final class ScratchConfigs {
    private ScratchConfigs() {}

    /**
     * The server of {@code base} (host, port, user, password, SSL, timeouts, driver properties) with another database
     * ({@code null}: none, which MySQL allows) and pool name.
     */
    public static ConnectionConfig onDatabase(ConnectionConfig base, String database, String poolName) {
        ConnectionConfig.Builder b = ConnectionConfig.builder().vendor(base.vendor()).host(base.host()).port(base.port())
                .user(base.user()).password(base.password()).ssl(base.ssl())
                .timeouts(base.timeouts());
        if (database != null) {
            b.database(database);
        }
        base.driverProperties().forEach(b::driverProperty);
        if (base.driverClassLoader() != null) {
            b.driverClassLoader(base.driverClassLoader());
        }
        return small(b, poolName).build();
    }

    /** A builder made small: at most two connections, none kept idle, no periodic health checks. */
    public static ConnectionConfig.Builder small(ConnectionConfig.Builder b, String poolName) {
        return b.name(poolName).pool(p -> p.min(0).max(2)).health(new HealthSettings(Duration.ZERO, Duration.ofSeconds(5), 3));
    }
}
