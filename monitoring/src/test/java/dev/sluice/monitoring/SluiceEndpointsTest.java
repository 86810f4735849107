package dev.sluice.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.NodeRole;
import dev.sluice.testkit.PrometheusText;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The endpoints as a user's own application mounts them: on its own {@link HttpServer}, with its registry, for one
 * database and for a cluster, over real HTTP against the shared servers' fresh per-test databases.
 */
class SluiceEndpointsTest {

    record Response(int status, String type, String body) {}

    static Response request(String method, String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Response(status, c.getContentType(), in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }

    @Test
    void mountedOnTheApplicationsServerTheyAnswerHealthAndMetricsFromThePoolsRegistry() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicReference<String> version = new AtomicReference<>("7.1");
        try (TestDatabase db = TestDatabases.postgres();
                ConnectionManager m = ConnectionManager.connect(db.configBuilder().name("app").meterRegistry(registry).build());
                SluiceEndpoints endpoints = SluiceEndpoints.builder().database(m).migrationVersion(c -> version.get(), Duration.ZERO).build()) {
            assertThat(endpoints.registry()).isSameAs(registry);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            endpoints.mount(server);
            server.start();
            try {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();
                Response health = request("GET", base + "/health/db");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.body()).startsWith("{\"status\":\"UP\",\"nodes\":[{\"node\":\"app\",")
                        .contains("\"required\":true,\"status\":\"HEALTHY\",\"state\":\"CONNECTED\"");
                assertThat(request("GET", base + "/health/db?check=now").body()).contains("\"status\":\"HEALTHY\"");

                Response metrics = request("GET", base + "/metrics");
                PrometheusText.Scrape scrape = PrometheusText.parse(metrics.body());
                assertThat(scrape.value("sluice_pool_connections_max", Map.of("pool", "app"))).isEqualTo(10.0);
                assertThat(scrape.value("sluice_health_up", Map.of("pool", "app", "node", "app"))).isEqualTo(1.0);
                assertThat(scrape.value("sluice_migration_version", Map.of("node", "app", "version", "7.1"))).isEqualTo(1.0);
                version.set("7.2"); // a new version replaces the old series
                PrometheusText.Scrape after = PrometheusText.parse(request("GET", base + "/metrics").body());
                assertThat(after.samples("sluice_migration_version", Map.of())).singleElement()
                        .satisfies(s -> assertThat(s.labels()).containsEntry("version", "7.2"));

                assertThat(request("HEAD", base + "/health/db").status()).isEqualTo(200);
                Response post = request("POST", base + "/metrics");
                assertThat(post.status()).isEqualTo(405);
                assertThat(post.body()).isEqualTo("method POST not allowed; use GET\n");
                assertThat(request("GET", base + "/health/dbx").status()).isEqualTo(404);
            } finally {
                server.stop(0);
            }
            endpoints.close();
            assertThat(registry.find("sluice.health.up").meters()).isEmpty();
            assertThat(registry.find("sluice.pool.connections.max").meters()).as("the pool's own meters stay").hasSize(1);
        }
    }

    @Test
    void aClusterIsHealthyWhenEveryRequiredNodeIsAndAnOptionalNodeDownShowsAsSuch() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (TestDatabase a = TestDatabases.postgres()) {
            ClusterConfig config = ClusterConfig.builder()
                    .node(NodeConfig.builder("main").role(NodeRole.PRIMARY).required(true).connection(a.config()).build())
                    .node(NodeConfig.builder("gone").connection(ConnectionConfig.builder()
                            .url("postgres://postgres:hush-hush@127.0.0.1:" + closed + "/none").build()).build())
                    .build();
            try (Cluster cluster = Cluster.start(config);
                    SluiceEndpoints endpoints = SluiceEndpoints.builder().cluster(cluster).build();
                    MonitoringServer server = MonitoringServer.start(endpoints, "127.0.0.1", 0)) {
                Response r = request("GET", server.url() + "/health/db");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).contains("\"node\":\"main\"").contains("\"node\":\"gone\"").doesNotContain("hush-hush");
                HealthReport report = endpoints.health();
                assertThat(report.nodes()).extracting(HealthReport.Node::node).containsExactly("main", "gone");
                assertThat(report.nodes().get(1).healthy()).isFalse();
                assertThat(report.nodes().get(1).required()).isFalse();
                // a registry created by the endpoints: node meters, no pool meters (the pools were configured without one)
                PrometheusText.Scrape scrape = PrometheusText.parse(request("GET", server.url() + "/metrics").body());
                assertThat(scrape.value("sluice_health_up", Map.of("node", "main"))).isEqualTo(1.0);
                assertThat(scrape.value("sluice_health_up", Map.of("node", "gone", "required", "false"))).isEqualTo(0.0);
                assertThat(scrape.families()).doesNotContainKey("sluice_pool_connections_max");
            }
        }
    }

    @Test
    void anotherKindOfRegistryGetsTheNodeMetersAndMetricsSayWhatIsNeeded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TestDatabase db = TestDatabases.sqlite();
                ConnectionManager m = ConnectionManager.connect(db.config());
                SluiceEndpoints endpoints = SluiceEndpoints.builder().database(m).registry(registry).build()) {
            assertThat(registry.get("sluice.health.up").gauge().value()).isEqualTo(1.0);
            assertThatThrownBy(endpoints::metricsHandler).isInstanceOf(IllegalStateException.class)
                    .hasMessage("metrics: the registry is a io.micrometer.core.instrument.simple.SimpleMeterRegistry, not a "
                            + "PrometheusMeterRegistry; publish through it, or give SluiceEndpoints a PrometheusMeterRegistry");
        }
        assertThatThrownBy(() -> SluiceEndpoints.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("SluiceEndpoints: give a database(...) or a cluster(...) to watch");
    }

    @Test
    void aBadPortOrAddressIsOneClearMessage() {
        try (TestDatabase db = TestDatabases.sqlite();
                ConnectionManager m = ConnectionManager.connect(db.config());
                SluiceEndpoints endpoints = SluiceEndpoints.builder().database(m).build()) {
            assertThatThrownBy(() -> MonitoringServer.start(endpoints, "127.0.0.1", 70000)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("port").hasMessageContaining("70000").hasMessageContaining("a port from 0 to 65535");
            assertThatThrownBy(() -> MonitoringServer.start(endpoints, "no-such-host.invalid", 0)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("bind").hasMessageContaining("no-such-host.invalid");
            try (MonitoringServer first = MonitoringServer.start(endpoints, "127.0.0.1", 0)) {
                assertThatThrownBy(() -> MonitoringServer.start(endpoints, "127.0.0.1", first.port()))
                        .isInstanceOf(ConfigException.class).hasMessageContaining("a port free on 127.0.0.1");
            }
        }
    }
}
