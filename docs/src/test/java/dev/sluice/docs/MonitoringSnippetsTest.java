package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.monitoring.HealthReport;
import dev.sluice.monitoring.MonitoringServer;
import dev.sluice.monitoring.SluiceEndpoints;
import dev.sluice.testkit.PrometheusText;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** monitoring/README.md and docs/operations.md. */
class MonitoringSnippetsTest {
    @Test
    void healthAndMetricsOfAPool() {
        try (TestDatabase t = TestDatabases.postgres()) {
            String url = t.url();
            HealthReport health;
            String scrape;
            // tag::readme[]
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            ConnectionConfig config = ConnectionConfig.builder().url(url).name("app").meterRegistry(registry).build();
            try (ConnectionManager db = ConnectionManager.connect(config);
                    SluiceEndpoints endpoints = SluiceEndpoints.builder().database(db).build(); // the pool's registry
                    MonitoringServer server = MonitoringServer.start(endpoints, "127.0.0.1", 0)) {
                health = endpoints.health();                                // what GET /health/db answers
                System.out.println(health.httpStatus() + " " + health.toJson()); // 200 {"status":"UP","nodes":[...]}
                scrape = endpoints.scrape("text/plain; version=0.0.4");    // what GET /metrics answers
                System.out.println("serving " + server.url() + "/health/db and /metrics");
            } // stops the server (requests in flight finish), then drains the pool
            // end::readme[]
            assertThat(health.httpStatus()).isEqualTo(200);
            assertThat(PrometheusText.parse(scrape).value("sluice_pool_connections_max", Map.of("pool", "app"))).isEqualTo(10.0);
        }
    }

    @Test
    void mountedOnTheApplicationsOwnServer() throws Exception {
        try (TestDatabase t = TestDatabases.sqlite(); ConnectionManager db = t.connect()) {
            // tag::embed[]
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0); // your application's server
            SluiceEndpoints endpoints = SluiceEndpoints.builder().database(db).build();
            endpoints.mount(server);                                 // adds GET /health/db and GET /metrics
            server.start();
            // end::embed[]
            try (InputStream in = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/db").toURL().openStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("{\"status\":\"UP\"");
            } finally {
                server.stop(0);
                endpoints.close();
            }
        }
    }
}
