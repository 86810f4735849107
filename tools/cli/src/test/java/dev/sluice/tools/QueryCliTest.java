package dev.sluice.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice query} run as a separate process (real exit codes, stdout and stderr) on the three vendors and a cluster. */
class QueryCliTest {

    /** Runs the CLI's main class in a new JVM on this test's class path, with {@code env} added to a clean environment. */
    static SluiceCliTest.Result sluice(Map<String, String> env, String... args) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", Sluice.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DATABASE_URL");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("sluice-out", ".txt");
        Path err = Files.createTempFile("sluice-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("sluice " + String.join(" ", args) + " did not finish in 120s");
            }
            return new SluiceCliTest.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static SluiceCliTest.Result sluice(String... args) throws Exception {
        return sluice(Map.of(), args);
    }

    @Test
    void queriesWritesAndFailuresOnEveryVendor() throws Exception {
        assertThat(File.pathSeparator).isNotEmpty();
        for (TestDatabase db : new TestDatabase[] {TestDatabases.postgres(), TestDatabases.mysql(), TestDatabases.sqlite()}) {
            try (db) {
                String url = db.url();
                SluiceCliTest.Result create = sluice("query", "--url", url, "--write", "CREATE TABLE q (id INT PRIMARY KEY, name VARCHAR(50))");
                assertThat(create.code()).as(db + ": " + create.err()).isZero();
                SluiceCliTest.Result insert = sluice("query", "--url", url, "--write", "INSERT INTO q VALUES (1, 'tab\there'), (2, NULL), (3, 'z')");
                assertThat(insert.code()).as(insert.err()).isZero();
                assertThat(insert.out()).startsWith("3 rows changed (");

                // the database from DATABASE_URL; an aligned table, NULL spelled out, the tab escaped, the count and time
                SluiceCliTest.Result select = sluice(Map.of("DATABASE_URL", url), "query", "SELECT id, name FROM q ORDER BY id");
                assertThat(select.code()).as(select.err()).isZero();
                List<String> lines = select.out().lines().toList();
                assertThat(lines.subList(0, 4)).containsExactly("id  name", "1   tab\\there", "2   NULL", "3   z");
                assertThat(lines.get(4)).matches("\\(3 rows, \\d+\\.\\d\\dms\\)");

                SluiceCliTest.Result json = sluice("query", "--url", url, "--json", "--max-rows", "2", "SELECT id, name FROM q ORDER BY id");
                assertThat(json.code()).isZero();
                assertThat(json.out()).startsWith("{\"columns\":[\"id\",\"name\"],\"rows\":[{\"id\":1,\"name\":\"tab\\there\"},"
                        + "{\"id\":2,\"name\":null}],\"rowCount\":2,\"updateCount\":-1,\"truncated\":true,\"elapsed\":");

                // read-only unless --write: the server refuses, nothing changes
                SluiceCliTest.Result refused = sluice("query", "--url", url, "DELETE FROM q");
                assertThat(refused.code()).isEqualTo(1);
                assertThat(refused.err().lines()).singleElement().asString().startsWith("error: ")
                        .endsWith("(the statement ran read-only; allow writes to change data)");
                assertThat(sluice("query", "--url", url, "SELECT count(*) AS n FROM q").out()).startsWith("n\n3\n");

                // bad SQL: exit 1, one line with the database's message
                SluiceCliTest.Result bad = sluice("query", "--url", url, "SELEC id FROM q");
                assertThat(bad.code()).isEqualTo(1);
                assertThat(bad.out()).isEmpty();
                assertThat(bad.err().lines()).singleElement().asString().startsWith("error: ").contains("SELEC")
                        .containsIgnoringCase("syntax");
            }
        }
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        SluiceCliTest.Result all = sluice("query", "--url", "sqlite::memory:", "--all", "SELECT 1");
        assertThat(all.code()).isEqualTo(2);
        assertThat(all.err()).isEqualTo("error: --all needs a cluster: --config CLUSTER.yaml (a file with nodes)\n");
        SluiceCliTest.Result none = sluice("query");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter: 'SQL'");
    }

    @Test
    void everyNodeOfAClusterAnswersInItsOwnBlock(@TempDir Path dir) throws Exception {
        try (TestDatabase pg = TestDatabases.postgres(); TestDatabase maria = TestDatabases.mysql()) {
            int closed = SluiceCliTest.closedPort();
            String yaml = """
                    name: cli-query
                    health: {timeout: 2s}
                    connect-timeout: 2s
                    nodes:
                      - id: main
                        url: %s
                        required: true
                      - id: maria
                        url: %s
                        required: %s
                      - id: down
                        url: postgres://postgres@127.0.0.1:%d/none
                    """;
            Path cluster = Files.writeString(dir.resolve("cluster.yaml"), yaml.formatted(pg.url(), maria.url(), false, closed));

            SluiceCliTest.Result r = sluice("query", "--config", cluster.toString(), "--all", "SELECT 40 + 2 AS answer");
            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines).hasSize(10);
            assertThat(lines.get(0)).matches("== main  ok  \\d+\\.\\d\\dms  required");
            assertThat(lines.subList(1, 4)).startsWith("answer", "42").last().asString().startsWith("(1 row, ");
            assertThat(lines.get(4)).matches("== maria  ok  \\d+\\.\\d\\dms");
            assertThat(lines.get(8)).startsWith("== down  error  ");
            assertThat(lines.get(9)).startsWith("error: Node 'down' has not connected: Cannot reach PostgreSQL at 127.0.0.1:" + closed);

            // only the healthy nodes; JSON has one entry per node
            SluiceCliTest.Result healthy = sluice("query", "--config", cluster.toString(), "--healthy", "--json", "SELECT 1 AS one");
            assertThat(healthy.code()).as(healthy.err()).isZero();
            assertThat(healthy.out()).startsWith("{\"nodes\":[{\"node\":\"main\",\"required\":true,\"ok\":true,\"elapsed\":")
                    .contains("{\"node\":\"maria\",\"required\":false,\"ok\":true").doesNotContain("\"down\"")
                    .contains("\"rows\":[{\"one\":1}]");

            // PostgreSQL's cast syntax fails on MariaDB: its block has the error; exit 1 only when that node is required
            String pgOnly = "SELECT CAST(1 AS int) + '1'::int AS two";
            SluiceCliTest.Result optional = sluice("query", "--config", cluster.toString(), "--healthy", pgOnly);
            assertThat(optional.code()).as(optional.err()).isZero();
            assertThat(optional.out()).contains("== maria  error").contains("two\n2\n");
            Path strict = Files.writeString(dir.resolve("strict.yaml"), yaml.formatted(pg.url(), maria.url(), true, closed));
            SluiceCliTest.Result required = sluice("query", "--config", strict.toString(), "--healthy", pgOnly);
            assertThat(required.code()).isEqualTo(1);
            assertThat(required.out()).contains("== maria  error").contains("required\nerror: ").contains("two\n2\n");
        }
    }
}
