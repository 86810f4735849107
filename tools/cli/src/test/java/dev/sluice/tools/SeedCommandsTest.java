package dev.sluice.tools;

import static dev.sluice.tools.SluiceCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.SchemaFixtures;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sluice seed} on a user's own schema: scripts, generated data, and the built-in seeds refusing it. */
class SeedCommandsTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void seedDemoOnAUserSchemaFailsWithOneLineAndLeavesNothing(Vendor vendor) {
        try (TestDatabase db = TestDatabases.create(vendor)) {
            Map<String, String> env = Map.of("DATABASE_URL", db.url());
            String location = SchemaFixtures.location(SchemaFixtures.SHOP);
            assertThat(run(env, "migrate", "--locations", location).code()).isZero();
            SluiceCliTest.Result r = run(env, "seed", "demo", "--locations", location);
            assertThat(r.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(r.err().strip()).startsWith("error: Seed demo is for another schema: this database has no table organizations")
                    .doesNotContain("\n").doesNotContain("SQL [");
            try (Database d = Database.connect(db.config())) {
                assertThat(MigrationOutputCliTest.tables(d)).doesNotContain("sluice_seed_history");
            }
        }
    }

    @Test
    void seedScriptsFromTheDefaultOrAGivenLocation(@TempDir Path dir) throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("sqlite"));
        Files.writeString(scripts.resolve("001_customers.sql"), "INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada');\n");
        try (TestDatabase db = TestDatabases.sqlite()) {
            Map<String, String> env = Map.of("DATABASE_URL", db.url());
            assertThat(run(env, "migrate", "--locations", SchemaFixtures.location(SchemaFixtures.SHOP)).code()).isZero();
            String at = "filesystem:" + dir.resolve("{vendor}");
            SluiceCliTest.Result first = run(env, "seed", "scripts", "--seed-locations", at);
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).containsPattern("001_customers\\.sql +applied +1 +\\d+ ms").contains("seed scripts: 1 applied, 0 unchanged");
            assertThat(run(env, "seed", "scripts", "--seed-locations", at).out()).contains("001_customers.sql  unchanged")
                    .contains("seed scripts: 0 applied, 1 unchanged");
            SluiceCliTest.Result none = run(env, "seed", "scripts");
            assertThat(none.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(none.err()).startsWith("error: no seed scripts found at filesystem:db/seed/sqlite");
        }
    }

    @Test
    void seedGenerateFillsAUserSchemaAndNamesWhatItCannotFill() {
        try (TestDatabase db = TestDatabases.postgres()) {
            Map<String, String> env = Map.of("DATABASE_URL", db.url());
            assertThat(run(env, "migrate", "--locations", SchemaFixtures.location(SchemaFixtures.SHOP)).code()).isZero();
            SluiceCliTest.Result r = run(env, "seed", "generate", "--rows", "5", "--seed", "4", "--table", "orders=8");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).containsPattern("orders +8").containsPattern("customers +5")
                    .contains("seed generate (rows=5 seed=4 tables=orders=8) loaded: ");
            assertThat(run(env, "seed", "generate", "--rows", "5", "--seed", "4", "--table", "orders=8").out()).contains("was already loaded");
            try (Database d = Database.connect(db.config())) {
                d.dsl().execute("CREATE TABLE hosts (id serial PRIMARY KEY, address inet NOT NULL)");
            }
            SluiceCliTest.Result partial = run(env, "seed", "generate", "--rows", "3", "--json");
            assertThat(partial.code()).isEqualTo(Sluice.FAILED);
            assertThat(partial.out()).contains("\"notFilled\":{\"hosts\":\"column address has type inet, which the generator cannot fill\"}");
            SluiceCliTest.Result bad = run(env, "seed", "generate", "--table", "nope=3");
            assertThat(bad.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(bad.err()).startsWith("error: Invalid --table 'nope': a table of the database: ");
        }
    }
}
