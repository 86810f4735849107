package dev.sluice.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCliTest {
    public record Result(int code, String out, String err) {}

    public static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Sluice.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static Result run(String... args) {
        return run(Map.of(), args);
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void checkPrintsVendorDriverVersionAndRoundTripOnEveryVendor() {
        for (TestDatabase db : new TestDatabase[] {TestDatabases.postgres(), TestDatabases.mysql(), TestDatabases.sqlite()}) {
            try (db) {
                Result r = run("check", "--url", db.url());
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.out()).contains("vendor:      " + db.vendor().id()).contains("driver:").contains("round trip:");
                Result json = run("check", "--url", db.url(), "--json");
                assertThat(json.out()).startsWith("{\"url\":").contains("\"vendor\":\"" + db.vendor().id() + "\"")
                        .containsPattern("\"version\":\"\\d+(\\.\\d+)+\"");
            }
        }
    }

    @Test
    void onlyTheCommandNamedIsBuiltAndItsHelpIsTheSameAsInTheFullTree() {
        assertThat(Sluice.commandsFor(new String[] {"--verbose", "info", "--url", "sqlite:x.db"}))
                .containsExactly(dev.sluice.tools.internal.MigrateCommands.Info.class);
        assertThat(Sluice.commandsFor(new String[] {"check", "--help"})).containsExactly(dev.sluice.tools.internal.CheckCommand.class);
        // the list, help <command> and suggestions for a mistyped name need every command
        for (String[] all : new String[][] {{}, {"--help"}, {"help", "check"}, {"chek"}}) {
            assertThat(Sluice.commandsFor(all)).as(String.join(" ", all)).hasSize(18);
        }
        for (String command : new String[] {"check", "info", "migrate", "seed", "serve", "backup"}) {
            Result alone = run(command, "--help"); // built alone
            Result inTree = run("help", command); // built with all the others
            assertThat(alone.code()).isZero();
            assertThat(alone.out()).as(command).startsWith("Usage: sluice " + command).contains("--verbose").isEqualTo(inTree.out());
        }
        Result typo = run("chek");
        assertThat(typo.err()).contains("Did you mean: sluice check");
    }

    @Test
    void theDatabaseComesFromDatabaseUrlWhenNoOptionIsGiven(@TempDir Path dir) {
        Result r = run(Map.of("DATABASE_URL", "sqlite:" + dir.resolve("env.db")), "check");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("env.db");
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        Result r = run("check", "--url", "oracle://scott:tiger@h/db");
        assertThat(r.code()).isEqualTo(Sluice.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("error: Invalid --url").doesNotContain("tiger").doesNotContain("\n");
        Result none = run("check");
        assertThat(none.code()).isEqualTo(Sluice.BAD_INPUT);
        assertThat(none.err()).contains("--url URL, --config FILE.yaml, or the DATABASE_URL environment variable");
        Result usage = run("chek");
        assertThat(usage.code()).isEqualTo(Sluice.BAD_INPUT);
        Result envBad = run(Map.of("DATABASE_URL", "postgres://h/db", "DB_POOL_MAX", "0"), "check");
        assertThat(envBad.code()).isEqualTo(Sluice.BAD_INPUT);
        assertThat(envBad.err()).contains("Invalid pool.max '0' (from DB_POOL_MAX)");
    }

    @Test
    void unreachableDatabaseExitsOneWithoutThePassword() throws Exception {
        Result r = run("check", "--url", "postgres://app:hunter2@127.0.0.1:" + closedPort() + "/app");
        assertThat(r.code()).isEqualTo(Sluice.FAILED);
        assertThat(r.err()).startsWith("error: Cannot reach PostgreSQL at 127.0.0.1:").doesNotContain("hunter2");
        Result verbose = run("check", "--verbose", "--url", "postgres://app:hunter2@127.0.0.1:" + closedPort() + "/app");
        assertThat(verbose.err()).contains("at dev.sluice").doesNotContain("hunter2");
    }

    @Test
    void healthIsZeroWhenHealthyAndOneWhenNot() throws Exception {
        try (TestDatabase db = TestDatabases.mysql()) {
            Result ok = run("health", "--url", db.url(), "--json");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("\"status\":\"HEALTHY\"").contains("\"consecutiveFailures\":0");
        }
        Result bad = run("health", "--url", "postgres://127.0.0.1:" + closedPort() + "/x", "--json");
        assertThat(bad.code()).isEqualTo(Sluice.FAILED);
        assertThat(bad.out()).contains("\"status\":\"UNHEALTHY\"").contains("\"lastError\":\"Cannot reach PostgreSQL");
        Result watch = run("health", "--url", "postgres://127.0.0.1:" + closedPort() + "/x", "--watch", "--interval", "100ms", "--count", "3");
        assertThat(watch.out().lines().count()).isEqualTo(3);
        assertThat(watch.out()).contains("consecutive_failures=3");
        Result tooShort = run("health", "--url", "sqlite:x.db", "--timeout", "50ms");
        assertThat(tooShort.code()).isEqualTo(Sluice.BAD_INPUT);
        assertThat(tooShort.err().strip()).isEqualTo("error: Invalid --timeout '50ms': must be at least 100ms");
    }

    @Test
    void statsPrintsPoolMetrics() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Result r = run("stats", "--url", db.url(), "--json", "--queries", "7");
            assertThat(r.code()).as(r.err()).isZero();
            // the library's records as they are, durations in milliseconds: both periods
            assertThat(r.out()).contains("\"window\":60000.0").contains("\"active\":0").contains("\"max\":10")
                    .containsPattern("\"recent\":\\{\"period\":[0-9.]+,\"timeouts\":0,\"acquire\":\\{\"count\":7,")
                    .contains("\"usage\":{\"count\":7").containsPattern("\"healthLatency\":\\{\"recentPeriod\":[0-9.]+,\"recent\":\\{\"count\":1,");
            Result total = run(Map.of("DATABASE_URL", db.url(), "SLUICE_STATS_WINDOW", "5s"), "stats", "--since-start", "--queries", "3");
            assertThat(total.code()).as(total.err()).isZero();
            assertThat(total.out()).contains("since start (").contains("window 5s):").containsPattern("acquire: count=3 mean=")
                    .containsPattern("usage: +count=3 mean=").contains("timeouts=0");
            Result bad = run(Map.of("DATABASE_URL", db.url(), "SLUICE_STATS_WINDOW", "10h"), "stats");
            assertThat(bad.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(bad.err().strip()).isEqualTo("error: Invalid stats.window '10h' (from SLUICE_STATS_WINDOW): a duration from 1s to 1h");
        }
    }

    @Test
    void demoRunsOnTheEmbeddedDefault(@TempDir Path dir) {
        Result r = run("demo", "--url", "sqlite:" + dir.resolve("demo.db"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 migrations applied").contains("seed demo:  40 rows loaded")
                .containsPattern("acme +Acme Corporation +3 users +2 forms +3 submissions").contains("Demo finished.");
        Result again = run("demo", "--url", "sqlite:" + dir.resolve("demo.db"));
        assertThat(again.out()).contains("schema up to date at version 3").contains("seed demo:  already loaded");
    }
}
