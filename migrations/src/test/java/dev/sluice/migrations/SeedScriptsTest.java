package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.schema.ScaleSeed;
import dev.sluice.testkit.SchemaFixtures;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Seed scripts for a user's own schema, and the built-in seeds refusing a schema they are not for. */
class SeedScriptsTest {

    static Database migratedShop(TestDatabase tdb) {
        Database db = Database.connect(tdb.config());
        Migrations.builder(db).locations(SchemaFixtures.location(SchemaFixtures.SHOP)).build().migrate();
        return db;
    }

    static long count(Database db, String sql) {
        return ((Number) db.dsl().fetchValue(sql)).longValue();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void scriptsRunOnceAndAgainAfterAChange(Vendor vendor, @TempDir Path dir) throws Exception {
        Path scripts = Files.createDirectories(dir.resolve(vendor.id()));
        Files.writeString(scripts.resolve("001_customers.sql"), "INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada');\n"
                + "INSERT INTO customers (email, name) VALUES ('bob@example.com', 'Bob; Jr.');\n");
        Files.writeString(scripts.resolve("002_orders.sql"), "INSERT INTO orders (customer_id, note) SELECT id, 'first' FROM customers;\n");
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = migratedShop(tdb)) {
            List<String> at = List.of("filesystem:" + dir.resolve("{vendor}"));
            List<SeedReport> first = Seeds.applyScripts(db, at, null);
            assertThat(first).extracting(SeedReport::seed).containsExactly("001_customers.sql", "002_orders.sql");
            assertThat(first).noneMatch(SeedReport::alreadyApplied);
            assertThat(first.get(0).totalRows()).isEqualTo(2);
            assertThat(count(db, "SELECT count(*) FROM orders")).isEqualTo(2);

            assertThat(Seeds.applyScripts(db, at, null)).allMatch(SeedReport::alreadyApplied);
            assertThat(count(db, "SELECT count(*) FROM orders")).isEqualTo(2);

            Files.writeString(scripts.resolve("002_orders.sql"), "INSERT INTO orders (customer_id, note) SELECT id, 'second' FROM customers;\n");
            List<SeedReport> third = Seeds.applyScripts(db, at, null);
            assertThat(third).extracting(SeedReport::alreadyApplied).containsExactly(true, false);
            assertThat(count(db, "SELECT count(*) FROM orders WHERE note = 'second'")).isEqualTo(2);
            assertThat(Seeds.history(db)).extracting(h -> h.get("name")).containsOnly("script").hasSize(3);
        }
    }

    @Test
    void aFailingScriptIsNamedAndLeavesNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("010_bad.sql"), "INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada');\n"
                + "INSERT INTO customers (email, name) VALUES ('not-an-email', 'Bob');\n");
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = migratedShop(tdb)) {
            assertThatThrownBy(() -> Seeds.applyScripts(db, List.of("filesystem:" + dir), null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Seed script 010_bad.sql failed at line 2 (INSERT INTO customers (email, name) VALUES "
                            + "('not-an-email', 'Bob')): ERROR: value for domain email_address violates check constraint")
                    .hasMessageContaining("Nothing of it was applied.");
            assertThat(count(db, "SELECT count(*) FROM customers")).isZero();
            assertThat(Seeds.history(db)).isEmpty();
        }
    }

    @Test
    void postgresSeedScriptsMayCarryCopyData(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001_customers.sql"), "COPY customers (email, name) FROM stdin;\nada@example.com\tAda\n"
                + "grace@example.com\tGrace; Hopper\n\\.\nUPDATE customers SET name = upper(name);\n");
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = migratedShop(tdb)) {
            List<SeedReport> r = Seeds.applyScripts(db, List.of("filesystem:" + dir), null);
            assertThat(r.get(0).totalRows()).isEqualTo(4);
            assertThat(db.dsl().fetchValue("SELECT name FROM customers WHERE email = 'grace@example.com'")).isEqualTo("GRACE; HOPPER");
        }
    }

    @Test
    void aLocationWithoutScriptsIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        try (TestDatabase tdb = TestDatabases.sqlite(); Database db = Database.connect(tdb.config())) {
            assertThatThrownBy(() -> Seeds.applyScripts(db, List.of("filesystem:" + dir.resolve("{vendor}")), null))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("no seed scripts found at filesystem:" + dir.resolve("sqlite") + ": the directory "
                            + dir.resolve("sqlite") + " does not exist");
            assertThat(MigrationsTest.tables(db)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theBuiltInSeedsRefuseAUserSchemaAndLeaveNothing(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = migratedShop(tdb)) {
            for (var seed : List.of(new DemoSeed(), new ScaleSeed(2, 1))) {
                assertThatThrownBy(() -> Seeds.load(db, seed, (t, d, n) -> { }))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("Seed " + seed.name() + " is for another schema: this database has no table organizations")
                        .hasMessageEndingWith("Nothing was loaded. For your own schema, use seed scripts (sluice seed scripts) "
                                + "or generated data (sluice seed generate).");
            }
            assertThat(MigrationsTest.tables(db)).doesNotContain(Seeds.HISTORY_TABLE);
        }
    }
}
