package dev.sluice.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.NodeRole;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.ClusterDatabase;
import dev.sluice.schema.DemoSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console of a cluster (what {@code sluice studio --config cluster.yaml} serves): data from the primary, one health
 * row per node, and the primary's password in none of the answers. A PostgreSQL primary with the demo data and a
 * MariaDB peer with none.
 */
class StudioClusterTest {
    /** The machine's PostgreSQL trusts loopback logins, so a password is accepted and ignored: it must show nowhere. */
    private static final String SECRET = "studio-s3cret-pw";

    @Test
    void dataComesFromThePrimaryAndHealthHasOneRowPerNode() throws Exception {
        try (TestDatabase pg = TestDatabases.postgres(); TestDatabase maria = TestDatabases.mysql()) {
            Cluster cluster = Cluster.start(ClusterConfig.builder()
                    .node(NodeConfig.builder("primary").role(NodeRole.PRIMARY).connection(pg.configBuilder().name("primary").password(SECRET).build()).build())
                    .node(NodeConfig.builder("peer").role(NodeRole.PEER).connection(maria.configBuilder().name("peer").build()).build())
                    .build());
            try {
                ClusterDatabase db = ClusterDatabase.using(cluster);
                Migrations.builder(db.primary()).build().migrate();
                Seeds.load(db.primary(), new DemoSeed(), (t, d, n) -> { });
                try (Studio studio = Studio.start(db, StudioOptions.builder().port(0).build())) {
                    JsonNode tables = get(studio, "/api/tables").get("tables");
                    assertThat(tables.findValuesAsText("name")).contains("submissions", "forms");
                    JsonNode page = get(studio, "/api/rows?table=organizations&page=1&size=50");
                    assertThat(page.get("total").asInt()).isEqualTo(DemoSeed.tenants().size());

                    JsonNode nodes = get(studio, "/api/health").get("nodes");
                    for (int i = 0; i < 100 && (nodes == null || nodes.size() < 2 || nodes.toString().contains("UNKNOWN")); i++) {
                        Thread.sleep(100); // the sampler's first round, once a second
                        nodes = get(studio, "/api/health").get("nodes");
                    }
                    List<String> ids = new ArrayList<>();
                    nodes.forEach(n -> ids.add(n.get("node").asText()));
                    assertThat(ids).containsExactlyInAnyOrder("primary", "peer");
                    nodes.forEach(n -> assertThat(n.get("status").asText()).as(n.toString()).isEqualTo("HEALTHY"));
                    for (String path : List.of("/api/info", "/api/health", "/api/tables", "/api/schema", "/api/migrations")) {
                        assertThat(get(studio, path).toString()).as(path).doesNotContain(SECRET);
                    }
                }
            } finally {
                cluster.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    private static JsonNode get(Studio studio, String path) throws Exception {
        return StudioApiTest.get(studio, path, 200, "");
    }
}
