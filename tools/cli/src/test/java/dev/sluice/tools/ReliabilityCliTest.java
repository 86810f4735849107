package dev.sluice.tools;

import static dev.sluice.tools.SluiceCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TcpProxy;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import dev.sluice.testkit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's side of issue 9: bounded health checks, rejected bad counts, the tenancy check, seeding as the owner. */
class ReliabilityCliTest {

    @Test
    void healthOfAServerThatAcceptsTcpAndNeverAnswersIsBoundedByTheHealthTimeout() {
        TestServer pg = TestDatabases.server(Vendor.POSTGRESQL);
        try (TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
            proxy.blackhole();
            long start = System.nanoTime();
            SluiceCliTest.Result r = run("health", "--url", "postgres://postgres@127.0.0.1:" + proxy.port() + "/" + pg.adminDatabase());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.code()).isEqualTo(Sluice.FAILED);
            assertThat(r.out()).contains("UNHEALTHY").contains("health check timed out after 5s");
            // the default health timeout, not the connect timeout (10s) plus the check (5s): it took 15.8s before
            assertThat(ms).as("bounded by the 5s health timeout (+ scheduling slack)").isLessThan(7_500);
        }
    }

    @Test
    void aNegativeQueryCountIsBadInput() {
        SluiceCliTest.Result r = run("stats", "--queries", "-1", "--url", "sqlite::memory:");
        assertThat(r.code()).isEqualTo(Sluice.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("error: Invalid --queries '-1': a whole number from 0 to 1000000");
    }

    @Test
    void checkTenancyReportsWhatIsWrongAndExitsOne() {
        try (TestDatabase db = TestDatabases.postgres()) {
            assertThat(run("migrate", "--url", db.url()).code()).isZero();
            SluiceCliTest.Result asOwner = run("check", "--tenancy", "--url", db.url());
            assertThat(asOwner.code()).isEqualTo(Sluice.FAILED);
            assertThat(asOwner.out()).contains("tenancy:     8 problem(s) for role postgres")
                    .contains("  - role postgres is a superuser").contains("  - role postgres owns table forms");
            SluiceCliTest.Result json = run(Map.of("DATABASE_URL", db.url(), "SLUICE_ROLE", "sluice_app"), "check", "--tenancy", "--json");
            assertThat(json.code()).as(json.err()).isZero();
            assertThat(json.out()).contains("\"tenancy\":{\"isolated\":true,\"vendor\":\"postgresql\",\"role\":\"sluice_app\"")
                    .contains("\"problems\":[]");
        }
        try (TestDatabase db = TestDatabases.sqlite()) {
            assertThat(run("migrate", "--url", db.url()).code()).isZero();
            SluiceCliTest.Result sqlite = run("check", "--tenancy", "--url", db.url());
            assertThat(sqlite.code()).isZero();
            assertThat(sqlite.out()).contains("tenancy:     isolated: SQLite has no row-level security");
        }
    }

    @Test
    void demoAndSeedRunAsTheSchemaOwnerWithoutSuperuser() throws Exception {
        TestDatabase db = TestDatabases.postgres();
        String owner = "sluice_t_demo_" + db.name().substring(db.name().length() - 8);
        try (java.sql.Connection c = db.server().admin().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + owner + " LOGIN NOSUPERUSER NOBYPASSRLS");
            s.execute("ALTER DATABASE " + db.name() + " OWNER TO " + owner);
        }
        try {
            String url = "postgres://" + owner + "@127.0.0.1:" + db.server().port() + "/" + db.name();
            SluiceCliTest.Result demo = run("demo", "--url", url);
            assertThat(demo.code()).as(demo.err()).isZero();
            assertThat(demo.out()).contains("seed demo:  40 rows loaded")
                    .containsPattern("acme +Acme Corporation +3 users +2 forms +3 submissions")
                    .containsPattern("globex +Globex +3 users +2 forms +3 submissions").contains("Demo finished.");
            SluiceCliTest.Result seed = run("seed", "scale", "--scale", "2", "--url", url);
            assertThat(seed.code()).as(seed.err()).isZero();
        } finally {
            db.close();
            try (java.sql.Connection c = db.server().admin().getConnection(); java.sql.Statement s = c.createStatement()) {
                s.execute("DROP ROLE IF EXISTS " + owner);
            }
        }
    }
}
