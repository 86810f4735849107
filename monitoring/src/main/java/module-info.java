/**
 * Sluice monitoring: the health and Prometheus metrics of a database or a cluster, as HTTP handlers
 * ({@code /health/db}, {@code /metrics}) to mount in your own application's {@code com.sun.net.httpserver} server, as
 * node health meters for any Micrometer registry, and as a small server of its own ({@code sluice serve} runs it). Its
 * API is {@link dev.sluice.monitoring}; the {@code internal} package is not exported.
 */
@SuppressWarnings("requires-automatic") // micrometer-core and micrometer-registry-prometheus have no module descriptor of their own
module dev.sluice.monitoring {
    exports dev.sluice.monitoring;

    requires transitive dev.sluice.connection;
    requires transitive jdk.httpserver;
    requires transitive micrometer.core;
    requires transitive micrometer.registry.prometheus;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
}
