package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.PgBouncerMode;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.testkit.PgBouncer;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/operations.md: PgBouncer in transaction mode, with migrations through migration-url. */
class ScaleOutSnippetsTest {
    @Test
    void theAppGoesThroughPgBouncerAndMigrationsStraightToPostgres(@TempDir Path dir) throws Exception {
        try (TestDatabase pg = TestDatabases.postgres(); PgBouncer bouncer = PgBouncer.start(pg.server(), PgBouncerMode.TRANSACTION)) {
            Path file = Files.writeString(dir.resolve("sluice.yaml"), "url: " + bouncer.urlFor(pg.name()) + "\n"
                    + "pgbouncer: transaction\n"
                    + "migration-url: " + pg.url() + "\n");
            assertThat(run(file)).as("history rows, read through PgBouncer").isEqualTo(3);
        }
    }

    static int run(Path file) {
        // tag::pgbouncer[]
        ConnectionConfig config = ConnectionConfig.fromYaml(file);          // url: PgBouncer, pgbouncer: transaction
        try (Database migrator = Database.connect(config.forMigrations())) { // migration-url: PostgreSQL itself
            Migrations.builder(migrator).build().migrate();
        }
        try (Database app = Database.connect(config)) {                      // no server-side prepared statements
            return app.dsl().fetchCount(app.dsl().selectFrom("sluice_schema_history").where("success"));
        }
        // end::pgbouncer[]
    }
}
