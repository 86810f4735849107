package dev.sluice.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code health} and {@code stats} with {@code --config cluster.yaml}: one line per node, exit 1 only for a required node. */
class ClusterCliTest {
    static TestDatabase a;
    static TestDatabase b;
    static int closed;

    @BeforeAll
    static void databases() throws Exception {
        a = TestDatabases.postgres();
        b = TestDatabases.postgres();
        closed = SluiceCliTest.closedPort();
    }

    @AfterAll
    static void close() {
        a.close();
        b.close();
    }

    static Path cluster(Path dir, boolean downIsRequired) throws Exception {
        return Files.writeString(dir.resolve("cluster.yaml"), """
                name: cli
                health: {timeout: 2s}
                password: ${DB_TEST_PASSWORD:-}
                connect-timeout: 2s
                nodes:
                  - id: main
                    url: %s
                    role: primary
                    required: true
                  - id: copy
                    url: %s
                    role: replica
                  - id: down
                    url: postgres://postgres@127.0.0.1:%d/none
                    required: %s
                """.formatted(a.url(), b.url(), closed, downIsRequired));
    }

    @Test
    void healthPrintsOneLinePerNodeAndFailsOnlyForARequiredNode(@TempDir Path dir) throws Exception {
        SluiceCliTest.Result r = SluiceCliTest.run("health", "--config", cluster(dir, false).toString());
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out().lines().toList().get(0)).startsWith("main").contains("HEALTHY", "primary", "required", "latency=");
        // the server is no replica: the line says what it is and what it was configured as
        assertThat(r.out().lines().toList().get(1)).startsWith("copy").contains("HEALTHY", "primary (configured replica)");
        assertThat(r.out().lines().toList().get(2)).startsWith("down").contains("UNHEALTHY", "last_error=Cannot reach PostgreSQL");

        SluiceCliTest.Result required = SluiceCliTest.run("health", "--config", cluster(dir, true).toString());
        assertThat(required.code()).isEqualTo(1);
        assertThat(required.out().lines()).hasSize(3);

        SluiceCliTest.Result json = SluiceCliTest.run("health", "--config", cluster(dir, false).toString(), "--json");
        assertThat(json.code()).isZero();
        assertThat(json.out()).startsWith("{\"nodes\":[{\"node\":\"main\"").contains("\"role\":\"primary\",\"configuredRole\":\"primary\"")
                .contains("\"status\":\"UNHEALTHY\"").contains("\"replication\":{\"inRecovery\":false");
    }

    @Test
    void statsOpensEveryNodesPoolAndPrintsOneLineEach(@TempDir Path dir) throws Exception {
        SluiceCliTest.Result r = SluiceCliTest.run("stats", "--config", cluster(dir, false).toString(), "--queries", "5");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out().lines().toList().get(0)).startsWith("main").contains("CONNECTED", "active=0", "acquire_p50=");
        assertThat(r.out().lines().toList().get(2)).startsWith("down").containsAnyOf("DEGRADED", "RECONNECTING");
        SluiceCliTest.Result json = SluiceCliTest.run("stats", "--config", cluster(dir, false).toString(), "--json", "--queries", "1");
        assertThat(json.out()).startsWith("{\"nodes\":[{\"node\":\"main\"");

        SluiceCliTest.Result required = SluiceCliTest.run("stats", "--config", cluster(dir, true).toString());
        assertThat(required.code()).isEqualTo(1);
        assertThat(required.err()).startsWith("error: Cannot reach PostgreSQL at 127.0.0.1:" + closed);
    }

    @Test
    void aBadClusterFileIsOneLineNamingTheLineAndField(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "nodes:\n  - id: a\n    url: postgres://127.0.0.1/a\n    pool: {maxx: 3}\n");
        SluiceCliTest.Result r = SluiceCliTest.run(Map.of(), "health", "--config", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: Unknown key pool.maxx (from " + bad + " line 4: nodes[0].pool.maxx)");
        assertThat(r.err().lines()).hasSize(1);

        Path secret = Files.writeString(dir.resolve("secret.yaml"), "password: ${CLUSTER_CLI_PW}\nnodes:\n  - id: a\n    url: postgres://127.0.0.1/a\n");
        SluiceCliTest.Result missing = SluiceCliTest.run(Map.of(), "health", "--config", secret.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("line 1: password").contains("environment variable CLUSTER_CLI_PW is not set");

        SluiceCliTest.Result both = SluiceCliTest.run("health", "--config", cluster(dir, false).toString(), "--url", a.url());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("Both --url and a cluster's --config file");
    }
}
