package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.migrations.DriftReport;
import dev.sluice.migrations.GeneratorSettings;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.SeedProgress;
import dev.sluice.migrations.SeedReport;
import dev.sluice.migrations.Seeds;
import dev.sluice.migrations.ThrowawayDatabase;
import dev.sluice.migrations.ValidationReport;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/** migrations' README. */
class MigrationsSnippetsTest {

    @Test
    void theReadmeMigratesSeedsChecksAndRollsBack() {
        ConnectionConfig env = Snippets.freshEnvDatabase();
        readme();
        try (Database db = Database.connect(env)) {
            assertThat(Migrations.builder(db).build().currentVersion()).isEqualTo("1");
            assertThat(Seeds.history(db)).hasSize(1);
        }
    }

    @Test
    void aThrowawayDatabaseIsMigratedAndDropped() {
        try (TestDatabase tdb = TestDatabases.sqlite()) {
            throwaway(tdb.config()); // fails when the scripts cannot be found or applied
            try (Database db = Database.connect(tdb.config())) { // the scripts went to the throwaway database only
                assertThat(Migrations.builder(db).locations("classpath:db/migration/{vendor}").build().currentVersion()).isNull();
            }
        }
    }

    @Test
    void seedScriptsAndGeneratedDataFillTheReadersOwnSchema() {
        try (TestDatabase tdb = TestDatabases.sqlite(); Database db = Database.connect(tdb.config())) {
            Migrations.builder(db).locations("classpath:db/migration/{vendor}").build().migrate();
            SeedReport r = seeds(db, SeedProgress.NONE);
            assertThat(r.notFilled()).isEmpty();
            assertThat(r.rowsInserted()).containsEntry("orders", 500L);
            assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("customers"))).isEqualTo(2 + 100);
        }
    }

    @Test
    void yourScriptsMigrateBesideTheBuiltInSchema() {
        try (TestDatabase tdb = TestDatabases.sqlite(); Database db = Database.connect(tdb.config())) {
            beside(db);
            assertThat(Migrations.builder(db).build().currentVersion()).isEqualTo("3");
            assertThat(Migrations.builder(db).locations("classpath:db/migration/{vendor}").build().currentVersion()).isEqualTo("1");
            assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("customers"))).isZero();
            assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("organizations"))).isZero();
        }
    }

    static void beside(Database db) {
        // tag::beside[]
        Migrations.builder(db).build().migrate();                                             // built-in: sluice_schema_history
        Migrations.builder(db).locations("classpath:db/migration/{vendor}").build().migrate(); // yours:    flyway_schema_history
        // end::beside[]
    }

    static void readme() {
        // tag::readme[]
        try (Database db = Database.connect(ConnectionConfig.fromEnv())) {
            Migrations m = Migrations.builder(db).build();       // classpath:dev/sluice/schema/migrations/{vendor} of the schema jar
            System.out.println(m.migrate().summary("applied"));  // or migrate("2") for a target version
            m.info().forEach(System.out::println);               // state of each version, and whether it has a down script
            ValidationReport check = m.validate();               // an edited applied script is named in check.problems()
            // the demo seed fills the built-in schema at its latest version (it needs every column up to V3)
            Seeds.load(db, new DemoSeed(), (table, rows, total) -> System.out.println(table + " " + rows));
            DriftReport drift = m.checkSchema();                 // live schema against the generated classes
            m.rollback("1");                                     // U3__*.sql, then U2__*.sql; refuses if one is missing
        }
        // end::readme[]
    }

    static void throwaway(ConnectionConfig config) {
        // tag::throwaway[]
        try (ThrowawayDatabase scratch = ThrowawayDatabase.builder(config).locations("classpath:db/migration/{vendor}").open()) {
            scratch.config();      // jdbcUrl(), user(), password(): for jOOQ's code generator
            scratch.database();    // a connected Database on it
        }
        // end::throwaway[]
    }

    static SeedReport seeds(Database db, SeedProgress progress) {
        // tag::seeds[]
        Seeds.applyScripts(db, List.of("classpath:db/seed/{vendor}"), null);   // each *.sql once; again after its content changes
        SeedReport r = Seeds.generate(db, GeneratorSettings.builder().rows(100).seed(7).table("orders", 500).build(), progress);
        r.notFilled();   // tables the generator could not fill, with the reason
        // end::seeds[]
        return r;
    }
}
