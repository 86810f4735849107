/**
 * Sluice core-connection: vendors and URLs, validated configuration, HikariCP pools, lifecycle, health, reconnect,
 * metrics and shutdown. The only module that opens connections. Its API is {@link dev.sluice.connection}; the
 * {@code internal} package is not exported.
 *
 * <p>No JDBC driver is required here: a driver is found by its class name through the configured class loader
 * ({@code ConnectionConfig.driverClassLoader}), so each stays optional. On the module path the drivers on it are
 * resolved without anyone requiring them, as providers of {@code java.sql.Driver} (which {@code java.sql} uses).
 */
@SuppressWarnings("requires-automatic") // HdrHistogram and micrometer-core have no module descriptor of their own
module dev.sluice.connection {
    exports dev.sluice.connection;

    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires org.slf4j;
    requires org.snakeyaml.engine;
    requires HdrHistogram;
    // Only when the application passes a MeterRegistry, which means it has Micrometer itself.
    requires static micrometer.core;
}
