package dev.sluice.connection.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With the shutdown hook on, SIGTERM drains in-flight work and closes the pool before the JVM exits. */
class ShutdownHookIT {

    /** The child process: connects with the hook on, starts a 1 s query, says READY and waits to be terminated. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            ConnectionConfig config = ConnectionConfig.builder().url(args[0]).shutdown(s -> s.hook(true)
                    .drain(java.time.Duration.ofSeconds(5))).name("hook-pool").build();
            ConnectionManager m = ConnectionManager.connect(config);
            Thread.ofPlatform().daemon().start(() -> {
                try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT pg_sleep(1)");
                    System.out.println("QUERY FINISHED");
                } catch (Exception e) {
                    System.out.println("QUERY FAILED " + e);
                }
            });
            Thread.sleep(200);
            System.out.println("READY");
            Thread.sleep(60_000);
        }
    }

    @Test
    void sigtermDrainsAndCloses() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=logback-test.xml",
                    Child.class.getName(), db.url()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    if (line.equals("READY")) {
                        p.toHandle().destroy(); // SIGTERM, without closing our end of its output
                    }
                }
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = String.join("\n", lines);
            assertThat(out).contains("READY").contains("QUERY FINISHED")
                    .contains("pool hook-pool shut down in").contains("1 in flight, 1 finished, 0 cancelled");
        }
    }
}
