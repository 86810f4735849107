package dev.sluice.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterNode;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Durations;
import dev.sluice.monitoring.internal.MonitoredNode;
import dev.sluice.monitoring.internal.NodeMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The health and metrics of a database or a cluster, for a monitoring system: the entry point of
 * {@code sluice-monitoring}. {@code sluice serve} runs it in a {@link MonitoringServer}; your own application mounts
 * the same handlers on its {@link HttpServer}, so nobody has to run a second process:
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * ConnectionManager db = ConnectionManager.connect(ConnectionConfig.builder().url(url).meterRegistry(registry).build());
 * SluiceEndpoints endpoints = SluiceEndpoints.builder().database(db).build(); // uses the pool's registry
 * endpoints.mount(server);                                                    // GET /health/db, GET /metrics
 * }</pre>
 *
 * <p>{@code GET /health/db} answers {@link HealthReport#toJson()}: each node's state, latency and last error (secrets
 * masked), with HTTP 200 when every required node is healthy and 503 otherwise. It reports the health checker's last
 * result (see {@code health.interval}); {@code ?check=now} runs a check on every node first and waits for it.
 * {@code GET /metrics} answers the registry's Prometheus text: the pool meters core-connection publishes when the
 * pool was configured with the registry ({@code sluice_pool_connections_active}, {@code _idle}, {@code _pending},
 * {@code _max}, the {@code sluice_pool_acquire_seconds} and {@code sluice_pool_usage_seconds} histograms,
 * {@code sluice_pool_timeouts_total}) and the node meters added here ({@code sluice_health_up},
 * {@code sluice_health_last_latency_seconds}, {@code sluice_health_consecutive_failures} and, when a version reader is
 * given and a history table exists, {@code sluice_migration_version}).
 *
 * <p>With a registry of another kind (your application's own), the node meters are bound to it and published as it
 * publishes; only {@link #metricsHandler()} needs a {@link PrometheusMeterRegistry}.
 */
public final class SluiceEndpoints implements AutoCloseable {
    /** The path of the health handler in {@link #mount(HttpServer)}. */
    public static final String HEALTH_PATH = "/health/db";
    /** The path of the metrics handler in {@link #mount(HttpServer)}. */
    public static final String METRICS_PATH = "/metrics";

    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPEN_METRICS = "application/openmetrics-text";

    private final Supplier<List<MonitoredNode>> nodes;
    private final MeterRegistry registry;
    private final NodeMeters meters;

    private SluiceEndpoints(Builder b) {
        this.nodes = b.nodes;
        this.registry = b.registry != null ? b.registry : b.poolRegistry != null ? b.poolRegistry
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.meters = new NodeMeters(registry, b.migrationVersion, b.migrationRefresh);
        meters.sync(nodes.get());
    }

    /** A builder; give it a {@link Builder#database database} or a {@link Builder#cluster cluster}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The registry the node meters are bound to (and {@link #metricsHandler()} scrapes). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every node's health as of its last check. */
    public HealthReport health() {
        return report(false);
    }

    /** Runs a health check on every node now, one after the other, and reports the results. */
    public HealthReport checkHealth() {
        return report(true);
    }

    private HealthReport report(boolean now) {
        List<HealthReport.Node> out = new ArrayList<>();
        for (MonitoredNode n : nodes.get()) {
            var h = now ? n.connections().checkHealth() : n.health().get();
            out.add(HealthReport.Node.of(n.id(), n.connections().config().redactedUrl(), n.required(), h));
        }
        return HealthReport.of(out);
    }

    /**
     * The Prometheus text of the registry, nodes' meters brought up to date first.
     *
     * @param contentType the exposition format: {@code text/plain; version=0.0.4} or {@code application/openmetrics-text}
     * @throws IllegalStateException when the registry is not a {@link PrometheusMeterRegistry}
     */
    public String scrape(String contentType) {
        PrometheusMeterRegistry prometheus = prometheus();
        meters.sync(nodes.get());
        return prometheus.scrape(contentType);
    }

    private PrometheusMeterRegistry prometheus() {
        if (registry instanceof PrometheusMeterRegistry p) {
            return p;
        }
        throw new IllegalStateException("metrics: the registry is a " + registry.getClass().getName()
                + ", not a PrometheusMeterRegistry; publish through it, or give SluiceEndpoints a PrometheusMeterRegistry");
    }

    /** {@code GET /health/db}: {@link #health()} (or {@link #checkHealth()} with {@code ?check=now}) as JSON, 200 or 503. */
    public HttpHandler healthHandler() {
        return exchange -> {
            if (!allowed(exchange)) {
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            HealthReport r = query != null && List.of(query.split("&")).contains("check=now") ? checkHealth() : health();
            send(exchange, r.httpStatus(), "application/json", r.toJson());
        };
    }

    /**
     * {@code GET /metrics}: the Prometheus text format, or OpenMetrics when the scraper asks for it.
     *
     * @throws IllegalStateException when the registry is not a {@link PrometheusMeterRegistry}
     */
    public HttpHandler metricsHandler() {
        prometheus();
        return exchange -> {
            if (!allowed(exchange)) {
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            String type = accept != null && accept.contains(OPEN_METRICS) ? OPEN_METRICS + "; version=1.0.0; charset=utf-8" : TEXT_FORMAT;
            send(exchange, 200, type, scrape(type));
        };
    }

    /** Adds {@value #HEALTH_PATH} and {@value #METRICS_PATH} to {@code server}. */
    public void mount(HttpServer server) {
        server.createContext(HEALTH_PATH, healthHandler());
        server.createContext(METRICS_PATH, metricsHandler());
    }

    /** Removes the node meters from the registry (the pools are the caller's to close). */
    @Override
    public void close() {
        meters.close();
    }

    /** Only GET and HEAD, on the exact path; anything else is answered here. */
    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found: " + exchange.getRequestURI().getPath() + "\n");
            return false;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "method " + method + " not allowed; use GET\n");
            return false;
        }
        return true;
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** Builds {@link SluiceEndpoints}. */
    public static final class Builder {
        private Supplier<List<MonitoredNode>> nodes;
        private MeterRegistry registry;
        private MeterRegistry poolRegistry;
        private Function<ConnectionManager, String> migrationVersion;
        private Duration migrationRefresh = Duration.ofSeconds(30);

        private Builder() {}

        /** Watches one database: one required node named after its pool. */
        public Builder database(ConnectionManager db) {
            Objects.requireNonNull(db, "database");
            MonitoredNode node = new MonitoredNode(db.config().name(), true, db, db::health);
            this.nodes = () -> List.of(node);
            this.poolRegistry = (MeterRegistry) db.config().meterRegistry();
            return this;
        }

        /** Watches every node of a cluster, nodes added or removed at run time included. */
        public Builder cluster(Cluster cluster) {
            Objects.requireNonNull(cluster, "cluster");
            this.nodes = () -> cluster.nodes().stream()
                    .map(n -> new MonitoredNode(n.id(), n.required(), n.connections(), n::health)).toList();
            this.poolRegistry = cluster.nodes().stream().map(ClusterNode::connections)
                    .map(c -> (MeterRegistry) c.config().meterRegistry()).filter(Objects::nonNull).findFirst().orElse(null);
            return this;
        }

        /**
         * The registry to bind the node meters to and to scrape. Default: the one the pools were configured with
         * ({@code meterRegistry}), else a new {@link PrometheusMeterRegistry} (which then has no pool meters).
         */
        public Builder registry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Publishes each node's schema version as {@code sluice_migration_version{version="..."} 1}: {@code reader}
         * returns it ({@code null} when the node has no history table); it runs on a scrape when the last read is
         * older than {@code refresh}. sluice-migrations' {@code Migrations.currentVersion()} is such a reader.
         */
        public Builder migrationVersion(Function<ConnectionManager, String> reader, Duration refresh) {
            this.migrationVersion = Objects.requireNonNull(reader, "migrationVersion");
            if (refresh == null || refresh.isNegative()) {
                throw new ConfigException("migration-refresh", refresh == null ? null : Durations.format(refresh), "a duration of 0 or more");
            }
            this.migrationRefresh = refresh;
            return this;
        }

        /** The endpoints; their node meters are registered at once. */
        public SluiceEndpoints build() {
            if (nodes == null) {
                throw new IllegalStateException("SluiceEndpoints: give a database(...) or a cluster(...) to watch");
            }
            return new SluiceEndpoints(this);
        }
    }
}
