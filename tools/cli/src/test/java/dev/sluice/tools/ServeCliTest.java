package dev.sluice.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.testkit.PostgresInstance;
import dev.sluice.testkit.PrometheusText;
import dev.sluice.testkit.TcpProxy;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import dev.sluice.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice serve} as a subprocess, over real HTTP: health follows a test-owned PostgreSQL down and up, the metrics
 * parse as strict Prometheus text and carry the pool, health and schema-version meters, and SIGTERM lets a request in
 * flight finish.
 */
class ServeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a change may take to show before the test gives up: a bound on waiting, not a timing assertion. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void healthFollowsPostgresDownAndUpAndMetricsParseAsPrometheusText(@TempDir Path dir) throws Exception {
        String secret = "s3cret-serve-pw";
        try (PostgresInstance pg = PostgresInstance.start()) {
            String url = "postgres://postgres:" + secret + "@127.0.0.1:" + pg.port() + "/postgres";
            assertThat(SluiceCliTest.run("migrate", "--url", url).code()).isZero();
            String version;
            try (Database db = Database.connect(ConnectionConfig.builder().url(url).build())) {
                version = Migrations.builder(db).build().currentVersion();
            }
            assertThat(version).isNotBlank();
            Path config = Files.writeString(dir.resolve("db.yaml"), "url: " + url
                    + "\nhealth: {interval: 500ms, timeout: 400ms, unhealthy-threshold: 1}\n");
            try (ServedCli served = ServedCli.start(dir, "serve", "--config", config.toString(), "--port", "0")) {
                Response up = served.awaitHealth(200);
                JsonNode body = JSON.readTree(up.body());
                assertThat(body.get("status").asText()).isEqualTo("UP");
                assertThat(body.get("nodes")).hasSize(1);
                JsonNode node = body.get("nodes").get(0);
                assertThat(node.get("required").asBoolean()).isTrue();
                assertThat(node.get("status").asText()).isEqualTo("HEALTHY");
                assertThat(node.get("latency_ms").isNumber()).isTrue();
                assertThat(up.contentType()).startsWith("application/json");

                Response metrics = served.get("/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
                PrometheusText.Scrape scrape = PrometheusText.parse(metrics.body());
                for (String gauge : new String[] {"sluice_pool_connections_active", "sluice_pool_connections_idle",
                    "sluice_pool_connections_pending", "sluice_pool_connections_max", "sluice_health_up",
                    "sluice_health_last_latency_seconds", "sluice_migration_version"}) {
                    assertThat(scrape.family(gauge).type()).as(gauge).isEqualTo("gauge");
                }
                assertThat(scrape.family("sluice_pool_acquire_seconds").type()).isEqualTo("histogram");
                assertThat(scrape.family("sluice_pool_usage_seconds").type()).isEqualTo("histogram");
                assertThat(scrape.family("sluice_pool_timeouts_total").type()).isEqualTo("counter");
                assertThat(scrape.value("sluice_pool_connections_max", Map.of())).isEqualTo(10.0);
                assertThat(scrape.value("sluice_health_up", Map.of("required", "true"))).isEqualTo(1.0);
                assertThat(scrape.value("sluice_health_last_latency_seconds", Map.of())).isPositive();
                assertThat(scrape.value("sluice_migration_version", Map.of("version", version))).isEqualTo(1.0);

                pg.stop();
                Response down = served.awaitHealth(503);
                JsonNode failing = JSON.readTree(down.body());
                assertThat(failing.get("status").asText()).isEqualTo("DOWN");
                assertThat(failing.get("nodes").get(0).get("status").asText()).isEqualTo("UNHEALTHY");
                assertThat(failing.get("nodes").get(0).get("consecutive_failures").asInt()).isPositive();
                assertThat(failing.get("nodes").get(0).get("last_error").asText()).isNotBlank();
                assertThat(PrometheusText.parse(served.get("/metrics").body()).value("sluice_health_up", Map.of())).isEqualTo(0.0);

                pg.startServer();
                assertThat(JSON.readTree(served.awaitHealth(200).body()).get("status").asText()).isEqualTo("UP");
                assertThat(PrometheusText.parse(served.get("/metrics").body()).value("sluice_health_up", Map.of())).isEqualTo(1.0);

                assertThat(down.body() + up.body() + metrics.body()).doesNotContain(secret);
                served.stop();
                assertThat(served.output()).doesNotContain(secret).contains("sluice serve: stopped");
            }
        }
    }

    @Test
    void sigtermLetsARequestInFlightFinishThenStops(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            TestServer s = db.server();
            try (TcpProxy proxy = TcpProxy.start(s.host(), s.port())) {
                String url = new TestServer(s.vendor(), s.host(), proxy.port(), s.user(), s.password(), s.adminDatabase(), s.source())
                        .urlFor(db.name());
                // no periodic checks: the only health check is the request's own (?check=now), held up by the proxy
                Path config = Files.writeString(dir.resolve("db.yaml"), "url: " + url + "\nhealth: {interval: 0s, timeout: 20s}\n");
                try (ServedCli served = ServedCli.start(dir, "serve", "--config", config.toString(), "--port", "0", "--grace", "30s")) {
                    served.awaitHealth(200);
                    proxy.beforeClientSends("SELECT 1", () -> sleep(2_000));
                    CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> served.get("/health/db?check=now"));
                    long deadline = System.nanoTime() + PATIENCE.toNanos();
                    while (!proxy.triggered() && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(proxy.triggered()).as("the request's health check reached the proxy").isTrue();
                    assertThat(slow).isNotDone();
                    served.process().destroy(); // SIGTERM
                    Response r = slow.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(JSON.readTree(r.body()).get("status").asText()).isEqualTo("UP");
                    assertThat(served.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    assertThat(served.output()).contains("sluice serve: stopped; every request in flight finished; pools drained");
                }
            }
        }
    }

    @Test
    void aClusterFileServesEveryNodeWithItsPoolMeters(@TempDir Path dir) throws Exception {
        int closed = SluiceCliTest.closedPort();
        try (TestDatabase a = TestDatabases.postgres(); TestDatabase b = TestDatabases.mysql()) {
            Path config = Files.writeString(dir.resolve("cluster.yaml"), """
                    name: shop
                    health: {interval: 1s, timeout: 1s}
                    nodes:
                      - {id: main, url: '%s', role: primary, required: true}
                      - {id: reports, url: '%s', role: peer}
                      - {id: gone, url: 'postgres://postgres@127.0.0.1:%d/none'}
                    """.formatted(a.url(), b.url(), closed));
            try (ServedCli served = ServedCli.start(dir, "serve", "--config", config.toString(), "--port", "0")) {
                served.awaitHealth(200);
                // until the optional node's first check has failed (UNKNOWN before), the cluster stays healthy
                JsonNode nodes;
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                do {
                    Response r = served.get("/health/db");
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200); // an optional node down does not make it unhealthy
                    nodes = JSON.readTree(r.body()).get("nodes");
                    Thread.sleep(100);
                } while (nodes.get(2).get("status").asText().equals("UNKNOWN") && System.nanoTime() < deadline);
                assertThat(nodes).extracting(n -> n.get("node").asText()).containsExactly("main", "reports", "gone");
                assertThat(nodes).extracting(n -> n.get("status").asText()).containsExactly("HEALTHY", "HEALTHY", "UNHEALTHY");
                PrometheusText.Scrape scrape = PrometheusText.parse(served.get("/metrics").body());
                for (String node : new String[] {"main", "reports"}) {
                    assertThat(scrape.value("sluice_health_up", Map.of("node", node))).isEqualTo(1.0);
                    String pool = scrape.samples("sluice_health_up", Map.of("node", node)).getFirst().labels().get("pool");
                    assertThat(scrape.value("sluice_pool_connections_max", Map.of("pool", pool))).isPositive();
                }
                assertThat(scrape.value("sluice_health_up", Map.of("node", "gone", "required", "false"))).isEqualTo(0.0);
            }
        }
    }

    @Test
    void aBadPortOrAddressIsOneLineAndExit2() {
        try (TestDatabase db = TestDatabases.sqlite()) {
            SluiceCliTest.Result port = SluiceCliTest.run("serve", "--url", db.url(), "--port", "70000");
            assertThat(port.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(port.err().strip()).doesNotContain("\n").contains("port").contains("70000").contains("a port from 0 to 65535");
            SluiceCliTest.Result bind = SluiceCliTest.run("serve", "--url", db.url(), "--bind", "no-such-host.invalid");
            assertThat(bind.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(bind.err().strip()).doesNotContain("\n").contains("bind").contains("no-such-host.invalid");
            assertThat(SluiceCliTest.run("serve", "--help").out()).contains("GET /health/db").contains("GET /metrics").contains("--grace");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One HTTP answer. */
    record Response(int statusCode, String contentType, String body) {}

    /** The CLI started as a process of its own (a JVM on this test's class path), its output collected. */
    static final class ServedCli implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final String base;

        private ServedCli(Process process, Path out, String base) {
            this.process = process;
            this.out = out;
            this.base = base;
        }

        static ServedCli start(Path dir, String... args) throws Exception {
            Path out = Files.createTempFile(dir, "sluice", ".out");
            ProcessBuilder pb = new ProcessBuilder(CliProcess.command(args));
            pb.environment().remove("DATABASE_URL");
            pb.redirectErrorStream(true).redirectOutput(out.toFile());
            Process p = pb.start();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                String text = Files.readString(out);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("listening on (http://\\S+) ").matcher(text);
                if (m.find()) {
                    return new ServedCli(p, out, m.group(1));
                }
                if (!p.isAlive()) {
                    throw new AssertionError("sluice serve exited with " + p.exitValue() + ": " + text);
                }
                Thread.sleep(50);
            }
            p.destroyForcibly();
            throw new AssertionError("sluice serve did not start listening: " + Files.readString(out));
        }

        Process process() {
            return process;
        }

        String output() throws Exception {
            return Files.readString(out);
        }

        Response get(String path) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
                c.setConnectTimeout(5_000);
                c.setReadTimeout((int) PATIENCE.toMillis());
                int status = c.getResponseCode();
                try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                    return new Response(status, c.getContentType(), in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } finally {
                    c.disconnect();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + base + path + ": " + e.getMessage(), e);
            }
        }

        /** Polls {@code /health/db} until it answers {@code status}. */
        Response awaitHealth(int status) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Response r;
            do {
                r = get("/health/db");
                if (r.statusCode() == status) {
                    return r;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
            throw new AssertionError("/health/db stayed " + r.statusCode() + ", expected " + status + ": " + r.body());
        }

        /** SIGTERM and wait for the exit. */
        void stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
