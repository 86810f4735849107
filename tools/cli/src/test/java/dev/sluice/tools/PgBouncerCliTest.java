package dev.sluice.tools;

import static dev.sluice.tools.SluiceCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.PgBouncerMode;
import dev.sluice.testkit.PgBouncer;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** migrate, seed and check-schema when DATABASE_URL is a transaction-mode PgBouncer: migration-url, or one line. */
class PgBouncerCliTest {

    @Test
    void migrationCommandsUseMigrationUrlAndAimedAtThePoolerFailInOneLine() {
        try (TestDatabase db = TestDatabases.postgres(); PgBouncer bouncer = PgBouncer.start(db.server(), PgBouncerMode.TRANSACTION)) {
            Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", bouncer.urlFor(db.name()), "SLUICE_PGBOUNCER", "transaction"));
            SluiceCliTest.Result refused = run(env, "migrate");
            assertThat(refused.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(refused.err().strip()).doesNotContain("\n").contains("migration-url").contains("pgbouncer: transaction");
            assertThat(run(env, "seed", "demo").code()).isEqualTo(Sluice.BAD_INPUT);

            env.put("SLUICE_MIGRATION_URL", db.url());
            SluiceCliTest.Result migrate = run(env, "migrate");
            assertThat(migrate.code()).as(migrate.err()).isZero();
            assertThat(migrate.out()).contains("-> 3");
            assertThat(run(env, "seed", "demo").code()).isZero();
            assertThat(run(env, "check-schema").code()).isZero();
        }
    }
}
