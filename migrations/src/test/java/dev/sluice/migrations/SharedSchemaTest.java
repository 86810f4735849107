package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application's own scripts, numbered from 1 like the built-in schema's, migrate into the same schema: each set
 * keeps its own history table, in whichever order they run, and rolling one back leaves the other alone.
 */
class SharedSchemaTest {
    /** The application's V1 (and its down script); it may refer to the built-in organizations, as an application would. */
    private static Path appScripts(Path tmp, Vendor vendor, boolean referencesBuiltIn) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(vendor.id()));
        String uuid = switch (vendor) {
            case POSTGRESQL -> "uuid";
            case MYSQL -> "CHAR(36)";
            case SQLITE -> "TEXT";
        };
        String reference = referencesBuiltIn ? ",\n    CONSTRAINT app_notes_org_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id)" : "";
        // on MySQL a foreign key needs the referenced column's character set, which the built-in tables name
        String options = vendor == Vendor.MYSQL ? " ENGINE = InnoDB DEFAULT CHARSET = utf8mb4" : "";
        Files.writeString(dir.resolve("V1__app_notes.sql"), "CREATE TABLE app_notes (\n    id INT NOT NULL PRIMARY KEY,\n"
                + "    organization_id " + uuid + " NOT NULL,\n    note VARCHAR(200) NOT NULL" + reference + "\n)" + options + ";\n");
        Files.writeString(dir.resolve("U1__app_notes.sql"), "DROP TABLE app_notes;\n");
        return dir;
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void yourV1MigratesAfterTheBuiltInSchema(Vendor vendor, @TempDir Path tmp) throws Exception {
        Path scripts = appScripts(tmp, vendor, true);
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations builtIn = Migrations.builder(db).build();
            Migrations app = Migrations.builder(db).locations("filesystem:" + scripts).build();
            assertThat(builtIn.table()).isEqualTo(Migrations.BUILT_IN_TABLE);
            assertThat(app.table()).isEqualTo(Migrations.DEFAULT_TABLE);

            assertThat(builtIn.migrate().toVersion()).isEqualTo("3");
            MigrationReport mine = app.migrate();
            assertThat(mine.migrations()).extracting(AppliedMigration::script).containsExactly("V1__app_notes.sql");
            assertThat(mine.fromVersion()).isNull();
            assertThat(mine.toVersion()).isEqualTo("1");

            assertThat(MigrationsTest.tables(db)).contains("organizations", "events", "app_notes",
                    Migrations.BUILT_IN_TABLE, Migrations.DEFAULT_TABLE);
            assertThat(app.info()).extracting(MigrationStatus::version, MigrationStatus::state)
                    .containsExactly(tuple("0", MigrationState.BASELINE), tuple("1", MigrationState.SUCCESS));
            assertThat(app.info().get(0).description()).isEqualTo("<< beside " + Migrations.BUILT_IN_TABLE + " >>");
            assertThat(Migrations.currentVersion(app.info())).isEqualTo(app.currentVersion()).isEqualTo("1");
            assertThat(builtIn.info()).extracting(MigrationStatus::state).containsOnly(MigrationState.SUCCESS).hasSize(3);
            assertThat(app.validate().valid()).isTrue();
            assertThat(builtIn.validate().valid()).isTrue();
            assertThat(builtIn.migrate().migrations()).isEmpty();
            assertThat(app.migrate().migrations()).isEmpty();

            // rolling your set back to before its first script leaves the built-in schema as it is
            assertThat(app.rollback("0").toVersion()).isNull();
            assertThat(Migrations.currentVersion(app.info())).isEqualTo(app.currentVersion()).isNull(); // the version-0 start only
            assertThat(MigrationsTest.tables(db)).doesNotContain("app_notes").contains("organizations", "events");
            assertThat(builtIn.currentVersion()).isEqualTo("3");
            MigrationReport again = app.migrate(); // from the version-0 start beside the built-in schema, written before
            assertThat(again.fromVersion()).isNull();
            assertThat(again.toVersion()).isEqualTo("1");
            assertThat(app.migrate().fromVersion()).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theBuiltInSchemaMigratesAfterYourScripts(Vendor vendor, @TempDir Path tmp) throws Exception {
        Path scripts = appScripts(tmp, vendor, false);
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations app = Migrations.builder(db).locations("filesystem:" + scripts).build();
            Migrations builtIn = Migrations.builder(db).build();
            assertThat(app.migrate().toVersion()).isEqualTo("1");
            MigrationReport r = builtIn.migrate();
            assertThat(r.migrations()).extracting(AppliedMigration::version).containsExactly("1", "2", "3");
            assertThat(builtIn.currentVersion()).isEqualTo("3");
            assertThat(app.currentVersion()).isEqualTo("1");
            assertThat(builtIn.info().get(0).description()).isEqualTo("<< beside " + Migrations.DEFAULT_TABLE + " >>");
            // what Seeds.generate and the drift check leave alone: both history tables
            assertThat(builtIn.checkSchema().otherTables()).contains("app_notes", Migrations.BUILT_IN_TABLE, Migrations.DEFAULT_TABLE);
        }
    }
}
