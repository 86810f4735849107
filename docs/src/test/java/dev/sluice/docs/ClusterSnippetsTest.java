package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.NodeResult;
import dev.sluice.query.ClusterDatabase;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/clusters.md. */
class ClusterSnippetsTest {
    @Test
    void aClusterFromYamlWritesOnThePrimaryAndFansOut(@TempDir Path dir) throws Exception {
        try (TestDatabase a = TestDatabases.postgres(); TestDatabase b = TestDatabases.postgres()) {
            Path file = Files.writeString(dir.resolve("cluster.yaml"), "nodes:\n"
                    + "  - {id: primary, url: '" + a.url() + "', role: primary, required: true}\n"
                    + "  - {id: replica-1, url: '" + b.url() + "', role: replica}\n");
            for (TestDatabase t : List.of(a, b)) {
                try (var m = t.connect(); var c = m.getConnection(); var s = c.createStatement()) {
                    s.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
                }
            }
            List<String> printed = use(file);
            assertThat(printed).containsExactly("primary: [{n=1}]", "replica-1: [{n=0}]");
        }
    }

    static List<String> use(Path file) {
        List<String> out = new ArrayList<>();
        // tag::cluster[]
        try (Cluster cluster = Cluster.start(ClusterConfig.fromYaml(file))) {
            ClusterDatabase db = ClusterDatabase.using(cluster);
            db.primary().dsl().execute("INSERT INTO notes VALUES (1, 'hello')");   // writes: the primary
            db.reader().dsl().fetch("SELECT body FROM notes");                      // reads: a healthy replica
            for (NodeResult<List<Map<String, Object>>> r : cluster.queryHealthy("SELECT count(*) AS n FROM notes", Duration.ofSeconds(2))) {
                out.add(r.node() + ": " + (r.isOk() ? r.value() : r.errorMessage()));
            }
        }
        // end::cluster[]
        return out;
    }
}
