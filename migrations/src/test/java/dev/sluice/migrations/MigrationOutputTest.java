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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What users see of migrations: bad locations, progress per script, failures, lock files. */
class MigrationOutputTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aLocationWithoutMigrationsIsRefusedBeforeAnythingIsCreated(Vendor vendor, @TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("README.md"), "not a migration");
        Files.writeString(empty.resolve("U1__down_only.sql"), "DROP TABLE t;");
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            assertThatThrownBy(() -> Migrations.builder(db).locations("filesystem:" + dir.resolve("nope")).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("no migrations found at filesystem:" + dir.resolve("nope") + ": the directory "
                            + dir.resolve("nope") + " does not exist");
            assertThatThrownBy(() -> Migrations.builder(db).locations("filesystem:" + empty).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("no migrations found at filesystem:" + empty + ": it has no V<version>__<description>.sql");
            assertThatThrownBy(() -> Migrations.builder(db).locations("classpath:db/no_such_dir").build())
                    .hasMessage("no migrations found at classpath:db/no_such_dir: nothing on the class path is at db/no_such_dir");
            // one good location does not excuse a bad one
            assertThatThrownBy(() -> Migrations.builder(db).locations(Migrations.DEFAULT_LOCATION, "filesystem:" + empty).build())
                    .hasMessageStartingWith("no migrations found at filesystem:" + empty);
            assertThatThrownBy(() -> Migrations.checkLocations(vendor, List.of("filesystem:" + dir.resolve("{vendor}"))))
                    .hasMessageStartingWith("no migrations found at filesystem:" + dir.resolve(vendor.id()));
            assertThat(MigrationsTest.tables(db)).isEmpty();
        }
    }

    @Test
    void aLocationInAJarIsListedOnceThenRemembered(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("scripts.jar");
        writeJar(jar, "db/jarred/V1__first.sql", "db/empty/U1__down_only.sql");
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            Migrations.checkLocations(Vendor.SQLITE, List.of("classpath:db/jarred"), loader);
            assertThatThrownBy(() -> Migrations.checkLocations(Vendor.SQLITE, List.of("classpath:db/empty"), loader))
                    .hasMessageStartingWith("no migrations found at classpath:db/empty");
            // replaced on disk by a jar without scripts (a new file: the loader keeps reading the one it opened): a
            // location found to hold migrations is not listed again, one that held none still is
            Path replacement = dir.resolve("replacement.jar");
            writeJar(replacement, "db/other/README.md");
            Files.move(replacement, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Migrations.checkLocations(Vendor.SQLITE, List.of("classpath:db/jarred"), loader);
            // listed again: from the new file, which lacks the entry the loader still sees
            assertThatThrownBy(() -> Migrations.checkLocations(Vendor.SQLITE, List.of("classpath:db/empty"), loader))
                    .hasMessageContaining("classpath:db/empty");
        }
    }

    private static void writeJar(Path jar, String... entries) throws Exception {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            java.util.Set<String> dirs = new java.util.HashSet<>();
            for (String e : entries) {
                for (int slash = e.indexOf('/'); slash >= 0; slash = e.indexOf('/', slash + 1)) {
                    if (dirs.add(e.substring(0, slash + 1))) { // directory entries, as jar tools write them
                        out.putNextEntry(new java.util.jar.JarEntry(e.substring(0, slash + 1)));
                        out.closeEntry();
                    }
                }
                out.putNextEntry(new java.util.jar.JarEntry(e));
                out.write("SELECT 1;".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    @Test
    void theBuiltInLocationIsFoundInsideTheSchemaJarOrDirectory() {
        for (Vendor v : Vendor.values()) {
            Migrations.checkLocations(v, List.of());
            Migrations.checkLocations(v, List.of(Migrations.DEFAULT_LOCATION));
        }
    }

    @Test
    void eachScriptIsReportedAsSoonAsItHasRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V3__broken.sql"), "CREATE TABLE c (id no_such_type);\n");
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = Database.connect(tdb.config())) {
            List<AppliedMigration> seen = new ArrayList<>();
            Migrations m = Migrations.builder(db).locations("filesystem:" + dir).build();
            assertThatThrownBy(() -> m.migrate(null, seen::add)).isInstanceOf(MigrationFailedException.class)
                    .hasMessage("Migration V3__broken.sql failed at line 1 (CREATE TABLE c (id no_such_type)): ERROR: type "
                            + "\"no_such_type\" does not exist. PostgreSQL rolled the failed migration back as a whole: "
                            + "the database is as it was before that script.");
            assertThat(seen).extracting(AppliedMigration::script).containsExactly("V1__a.sql", "V2__b.sql");
            assertThat(seen).allSatisfy(a -> assertThat(a.took()).isPositive());
            assertThat(m.currentVersion()).isEqualTo("2");
        }
    }

    @Test
    void onMariaDbDataChangesAfterTheLastDdlAreNamedAsRolledBack(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__b.sql"), "-- two tables and a row\nCREATE TABLE b (id INT PRIMARY KEY);\n"
                + "CREATE INDEX b_id ON b (id);\nINSERT INTO b VALUES (1);\nINSERT INTO b VALUES (1);\n");
        try (TestDatabase tdb = TestDatabases.mysql(); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).locations("filesystem:" + dir).build();
            assertThatThrownBy(m::migrate).isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Migration V2__b.sql failed at line 5 (INSERT INTO b VALUES (1)): Duplicate entry '1'")
                    .hasMessageContaining("these statements of V2__b.sql stayed applied and may need manual clean-up: "
                            + "line 2 CREATE TABLE b (id INT PRIMARY KEY); line 3 CREATE INDEX b_id ON b (id).")
                    .hasMessageContaining("The data changes after line 3 were rolled back.")
                    .hasMessageEndingWith("Undo them by hand, then run repair (sluice repair): it removes the failed entry from "
                            + "flyway_schema_history so the script can run again.");
            assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("b"))).isZero();
            assertThat(m.currentVersion()).isEqualTo("1");
        }
    }

    @Test
    void sqliteLockFilesAreRemovedAfterUse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db");
        try (Database other = Database.connect(dev.sluice.connection.ConnectionConfig.fromUrl("sqlite:" + dir.resolve("old.db")))) {
            other.dsl().execute("CREATE TABLE legacy (id INT)");
            Migrations.builder(other).build().baseline("1");
        }
        try (Database db = Database.connect(dev.sluice.connection.ConnectionConfig.fromUrl("sqlite:" + file))) {
            Migrations m = Migrations.builder(db).build();
            m.migrate("1");
            m.repair();
            m.rollback("0");
            m.migrate();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".migrate.lock"));
            }
        }
    }

    @Test
    void concurrentSqliteMigratorsStillTakeTurnsWithTheLockFileDeleted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db");
        var config = dev.sluice.connection.ConnectionConfig.fromUrl("sqlite:" + file);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Database db = Database.connect(config)) {
                    for (int k = 0; k < 3; k++) {
                        Migrations.builder(db).build().migrate();
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(120_000);
        }
        assertThat(errors).isEmpty();
        try (Database db = Database.connect(config)) {
            assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table(Migrations.BUILT_IN_TABLE))).isEqualTo(3);
        }
        assertThat(Files.exists(Path.of(file + ".migrate.lock"))).isFalse();
    }
}
