package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Flyway wrapper on the real PostgreSQL, MariaDB and SQLite. */
class MigrationsTest {

    /** Tables, read with plain JDBC metadata (jOOQ's meta() query does not run on MariaDB 10.11). */
    static Set<String> tables(Database db) {
        return db.dsl().connectionResult(c -> {
            Set<String> out = new java.util.HashSet<>();
            try (var rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    out.add(rs.getString("TABLE_NAME").toLowerCase());
                }
            }
            return out;
        });
    }

    static Set<String> columns(Database db, String table) {
        return db.dsl().connectionResult(c -> {
            Set<String> out = new java.util.HashSet<>();
            try (var rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), table, "%")) {
                while (rs.next()) {
                    out.add(rs.getString("COLUMN_NAME").toLowerCase());
                }
            }
            return out;
        });
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void migrateTwiceInfoAndValidate(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            assertThat(m.locations()).containsExactly("classpath:dev/sluice/schema/migrations/" + vendor.id());
            MigrationReport first = m.migrate();
            assertThat(first.migrations()).extracting(AppliedMigration::version).containsExactly("1", "2", "3");
            assertThat(first.migrations()).extracting(AppliedMigration::script)
                    .containsExactly("V1__create_tables.sql", "V2__event_indexes_and_form_description.sql",
                            "V3__tenant_scoped_references.sql");
            assertThat(first.fromVersion()).isNull();
            assertThat(first.toVersion()).isEqualTo("3");
            assertThat(tables(db)).contains("organizations", "users", "forms", "submissions", "workflows", "events");

            MigrationReport again = m.migrate();
            assertThat(again.migrations()).isEmpty();
            assertThat(again.fromVersion()).isEqualTo("3");
            assertThat(again.toVersion()).isEqualTo("3");

            List<MigrationStatus> info = m.info();
            assertThat(info).extracting(MigrationStatus::version).containsExactly("1", "2", "3");
            assertThat(Migrations.currentVersion(info)).isEqualTo(m.currentVersion()).isEqualTo("3");
            assertThat(info).allSatisfy(s -> {
                assertThat(s.state()).isEqualTo(MigrationState.SUCCESS);
                assertThat(s.installedOn()).isNotNull();
                assertThat(s.hasDownScript()).isTrue();
            });
            assertThat(m.validate().valid()).isTrue();
            assertThat(m.currentVersion()).isEqualTo("3");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anEditedAppliedScriptFailsValidationNamingTheFile(Vendor vendor, @TempDir Path dir) throws Exception {
        Scripts.copy(vendor, dir);
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).locations(Scripts.location(dir)).build();
            m.migrate();
            Path v2 = dir.resolve("V2__event_indexes_and_form_description.sql");
            Files.writeString(v2, Files.readString(v2) + "\n-- an innocent-looking edit\n");
            ValidationReport r = m.validate();
            assertThat(r.valid()).isFalse();
            assertThat(r.problems()).singleElement().asString()
                    .startsWith("V2__event_indexes_and_form_description.sql: ")
                    .containsIgnoringCase("checksum");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rollbackForwardBackForwardKeepsUntouchedTables(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            m.migrate();
            db.dsl().execute("CREATE TABLE keep_me (id INT PRIMARY KEY, note VARCHAR(20))");
            db.dsl().execute("INSERT INTO keep_me VALUES (1, 'survives')");
            assertThat(columns(db, "forms")).contains("description");

            MigrationReport back = m.rollback("1");
            assertThat(back.migrations()).extracting(AppliedMigration::script)
                    .containsExactly("U3__tenant_scoped_references.sql", "U2__event_indexes_and_form_description.sql");
            assertThat(back.fromVersion()).isEqualTo("3");
            assertThat(back.toVersion()).isEqualTo("1");
            assertThat(m.currentVersion()).isEqualTo("1");
            assertThat(columns(db, "forms")).doesNotContain("description");

            assertThat(m.migrate().migrations()).extracting(AppliedMigration::version).containsExactly("2", "3");
            assertThat(columns(db, "forms")).contains("description");

            MigrationReport all = m.rollback("0");
            assertThat(all.migrations()).extracting(AppliedMigration::version).containsExactly("3", "2", "1");
            assertThat(all.toVersion()).isNull();
            assertThat(tables(db)).doesNotContain("organizations", "users", "forms", "submissions", "workflows", "events");
            assertThat(db.dsl().fetchValue("SELECT note FROM keep_me WHERE id = 1", String.class)).isEqualTo("survives");

            assertThat(m.migrate().migrations()).hasSize(3);
            assertThat(m.validate().valid()).isTrue();
            assertThat(db.dsl().fetchValue("SELECT note FROM keep_me WHERE id = 1", String.class)).isEqualTo("survives");
        }
    }

    @Test
    void rollbackRefusesNamingEveryMissingDownScript(@TempDir Path dir) throws Exception {
        Scripts.copy(Vendor.POSTGRESQL, dir);
        Files.delete(dir.resolve("U2__event_indexes_and_form_description.sql"));
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).locations(Scripts.location(dir)).build();
            m.migrate();
            assertThatThrownBy(() -> m.rollback("1"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Cannot roll back to version 1: a down script is missing: "
                            + "U2__event_indexes_and_form_description.sql (for V2__event_indexes_and_form_description.sql)")
                    .hasMessageEndingWith("Nothing was rolled back.");
            Files.delete(dir.resolve("U1__create_tables.sql"));
            assertThatThrownBy(() -> m.rollback("0"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("2 down scripts are missing: U2__event_indexes_and_form_description.sql "
                            + "(for V2__event_indexes_and_form_description.sql), U1__create_tables.sql (for V1__create_tables.sql)");
            assertThat(m.currentVersion()).isEqualTo("3");
            assertThat(tables(db)).contains("organizations");
            assertThat(m.info()).extracting(MigrationStatus::hasDownScript).containsExactly(false, false, true);
        }
    }

    @Test
    void rollbackToAVersionAheadOfTheDatabaseIsRefused() {
        try (TestDatabase tdb = TestDatabases.sqlite(); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            assertThatThrownBy(() -> m.rollback("1")).isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid rollback target '1': a version at or below the current version (none: nothing is applied); "
                            + "rollback only goes back, migrate --target goes forward");
            m.migrate("1");
            assertThatThrownBy(() -> m.rollback("5")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Invalid rollback target '5': a version at or below the current version (1)");
            assertThat(m.currentVersion()).isEqualTo("1");
            assertThat(m.rollback("1").migrations()).isEmpty();
        }
    }

    @Test
    void aDatabaseWithTablesButNoHistoryIsExplained() {
        try (TestDatabase tdb = TestDatabases.sqlite(); Database db = Database.connect(tdb.config())) {
            db.dsl().execute("CREATE TABLE legacy (id INT)");
            assertThatThrownBy(() -> Migrations.builder(db).build().migrate())
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("The database already has tables but no sluice_schema_history history")
                    .hasMessageContaining("Baseline it");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRESQL", "MYSQL"})
    void aHistoryTableNamedInMixedCaseIsReadBackAsFlywayCreatedIt(Vendor vendor) {
        // Flyway quotes the history table's name when it creates it; the read after the migration (PostgreSQL and
        // MariaDB, where Flyway's lock is per script) must quote it too, or PostgreSQL looks for "apphistory"
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).table("AppHistory").build();
            MigrationReport r = m.migrate();
            assertThat(r.fromVersion()).isNull();
            assertThat(r.toVersion()).isEqualTo("3");
            assertThat(tables(db)).contains("apphistory");
            assertThat(m.migrate().fromVersion()).isEqualTo("3");
        }
    }

    @Test
    void baselineAdoptsAnExistingDatabase(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__legacy.sql"), "CREATE TABLE legacy (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__legacy_name.sql"), "ALTER TABLE legacy ADD COLUMN name VARCHAR(20);\n");
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = Database.connect(tdb.config())) {
            db.dsl().execute("CREATE TABLE legacy (id INT PRIMARY KEY)"); // made by hand before Sluice
            Migrations m = Migrations.builder(db).locations(Scripts.location(dir)).build();
            m.baseline("1");
            assertThat(m.currentVersion()).isEqualTo("1");
            MigrationReport r = m.migrate();
            assertThat(r.migrations()).extracting(AppliedMigration::version).containsExactly("2");
            assertThat(columns(db, "legacy")).contains("name");
        }
    }

    @Test
    void badTargetsAreRejected() {
        try (TestDatabase tdb = TestDatabases.sqlite(); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            assertThatThrownBy(() -> m.rollback("latest")).isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid rollback target 'latest': a version number such as 1, 2 or 1.1");
            assertThatThrownBy(() -> m.migrate("v2")).hasMessage("Invalid target 'v2': a version number such as 1, 2 or 1.1");
            assertThatThrownBy(() -> Migrations.builder(db).locations("http://scripts")).isInstanceOf(ConfigException.class);
            assertThat(Migrations.currentVersion(m.info())).isNull();
            assertThat(m.migrate("1").toVersion()).isEqualTo("1");
            assertThat(Migrations.currentVersion(m.info())).isEqualTo(m.currentVersion()).isEqualTo("1");
            MigrationReport rest = m.migrate();
            assertThat(rest.fromVersion()).isEqualTo("1");
            assertThat(rest.toVersion()).isEqualTo("3");
            assertThat(rest.migrations()).extracting(AppliedMigration::version).containsExactly("2", "3");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRESQL", "MYSQL", "SQLITE"})
    void fourConcurrentMigratorsApplyEveryVersionOnce(Vendor vendor) throws Exception {
        try (TestDatabase tdb = TestDatabases.create(vendor)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<MigrationReport>> results = new ArrayList<>();
            List<Database> dbs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                dbs.add(Database.connect(tdb.configBuilder().name("migrator-" + i).build()));
            }
            for (Database db : dbs) {
                results.add(pool.submit(() -> Migrations.builder(db).build().migrate()));
            }
            int applied = 0;
            for (Future<MigrationReport> f : results) {
                MigrationReport r = f.get(120, TimeUnit.SECONDS);
                assertThat(r.toVersion()).isEqualTo("3");
                // each reports the version it found once it could migrate: one that waited for another starts there
                String first = r.migrations().isEmpty() ? "4" : r.migrations().get(0).version();
                assertThat(r.fromVersion()).isEqualTo(first.equals("1") ? null : String.valueOf(Integer.parseInt(first) - 1));
                applied += r.migrations().size();
            }
            assertThat(applied).isEqualTo(3);
            pool.shutdown();
            Database db = dbs.get(0);
            var rows = db.dsl().fetch("SELECT version, COUNT(*) FROM sluice_schema_history WHERE success = "
                    + (vendor == Vendor.POSTGRESQL ? "true" : "1") + " AND version IS NOT NULL GROUP BY version ORDER BY version");
            assertThat(rows).hasSize(3);
            assertThat(rows.getValues(1, Integer.class)).containsOnly(1);
            dbs.forEach(Database::close);
        }
    }

    @Test
    void aFailedMigrationLeavesPostgresUnchanged(@TempDir Path dir) throws Exception {
        Scripts.copy(Vendor.POSTGRESQL, dir);
        Files.writeString(dir.resolve("V4__broken.sql"), "CREATE TABLE broken_a (id INT);\nCREATE TABLE broken_b (id no_such_type);\n");
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).locations(Scripts.location(dir)).build();
            assertThatThrownBy(m::migrate)
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("V4__broken.sql")
                    .hasMessageContaining("at line 2")
                    .hasMessageContaining("type \"no_such_type\" does not exist")
                    .hasMessageContaining("rolled the failed migration back as a whole");
            assertThat(tables(db)).doesNotContain("broken_a", "broken_b").contains("forms");
            assertThat(m.currentVersion()).isEqualTo("3");
        }
    }

    @Test
    void aFailedMigrationOnMariaDbSaysWhatToCleanUpAndWhatRepairDoes(@TempDir Path dir) throws Exception {
        Scripts.copy(Vendor.MYSQL, dir);
        Files.writeString(dir.resolve("V4__broken.sql"), "CREATE TABLE broken_a (id INT);\nCREATE TABLE broken_b (id no_such_type);\n");
        try (TestDatabase tdb = TestDatabases.mysql(); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).locations(Scripts.location(dir)).build();
            assertThatThrownBy(m::migrate)
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("V4__broken.sql")
                    .hasMessageStartingWith("Migration V4__broken.sql failed at line 2 (CREATE TABLE broken_b (id no_such_type)): "
                            + "Unknown data type: 'no_such_type'. ")
                    .hasMessageContaining("these statements of V4__broken.sql stayed applied and may need manual clean-up: "
                            + "line 1 CREATE TABLE broken_a (id INT).")
                    .hasMessageContaining("run repair (sluice repair): it removes the failed entry from flyway_schema_history");
            assertThat(tables(db)).contains("broken_a").doesNotContain("broken_b");
            // the failed V4 is not the current version, and info marks it
            assertThat(m.currentVersion()).isEqualTo("3");
            assertThat(Migrations.currentVersion(m.info())).isEqualTo("3");
            assertThat(m.info()).extracting(MigrationStatus::version, MigrationStatus::state)
                    .containsExactly(org.assertj.core.api.Assertions.tuple("1", MigrationState.SUCCESS), org.assertj.core.api.Assertions.tuple("2", MigrationState.SUCCESS),
                            org.assertj.core.api.Assertions.tuple("3", MigrationState.SUCCESS), org.assertj.core.api.Assertions.tuple("4", MigrationState.FAILED));
            db.dsl().execute("DROP TABLE broken_a");
            Files.writeString(dir.resolve("V4__broken.sql"), "CREATE TABLE broken_a (id INT);\n");
            assertThat(m.repair()).contains("1 failed entry removed");
            assertThat(m.migrate().toVersion()).isEqualTo("4");
        }
    }
}
