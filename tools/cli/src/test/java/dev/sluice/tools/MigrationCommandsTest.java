package dev.sluice.tools;

import static dev.sluice.tools.SluiceCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The migration commands are thin adapters: these check the wiring, exit codes and output, on the real servers. */
class MigrationCommandsTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void migrateInfoSeedRollbackValidate(Vendor vendor) {
        try (TestDatabase db = TestDatabases.create(vendor)) {
            Map<String, String> env = Map.of("DATABASE_URL", db.url());
            SluiceCliTest.Result migrate = run(env, "migrate", "--target", "1");
            assertThat(migrate.code()).as(migrate.err()).isZero();
            assertThat(migrate.out()).contains("V1__create_tables.sql").contains("1 migration applied: <empty> -> 1");

            SluiceCliTest.Result rest = run(env, "migrate", "--json");
            assertThat(rest.out()).startsWith("{\"fromVersion\":\"1\",\"toVersion\":\"3\",\"migrations\":[{\"version\":\"2\"")
                    .containsPattern("\"took\":[0-9.]+}$");

            SluiceCliTest.Result info = run(env, "info", "--json");
            assertThat(info.out()).contains("\"current\":\"3\"").contains("\"state\":\"Success\"").contains("\"hasDownScript\":true");

            SluiceCliTest.Result seed = run(env, "seed", "demo");
            assertThat(seed.code()).as(seed.err()).isZero();
            assertThat(seed.out()).contains("seed demo loaded: 40 rows");
            assertThat(run(env, "seed", "demo").out()).contains("was already loaded");
            SluiceCliTest.Result scale = run(env, "seed", "scale", "--scale", "2", "--seed", "9", "--json");
            assertThat(scale.out()).contains("\"parameters\":\"scale=2 seed=9\"").contains("\"alreadyApplied\":false");

            SluiceCliTest.Result back = run(env, "rollback", "--to", "1");
            assertThat(back.code()).as(back.err()).isZero();
            assertThat(back.out()).contains("U3__tenant_scoped_references.sql").contains("U2__event_indexes_and_form_description.sql")
                    .contains("2 migrations rolled back: 3 -> 1");
            assertThat(run(env, "validate").code()).isZero();
            assertThat(run(env, "migrate").out()).contains("-> 3");
        }
    }

    @Test
    void checkSchemaIsZeroWhenCleanAndOneWithTheDifferenceNamed() {
        try (TestDatabase db = TestDatabases.mysql()) {
            Map<String, String> env = Map.of("DATABASE_URL", db.url());
            assertThat(run(env, "migrate").code()).isZero();
            SluiceCliTest.Result clean = run(env, "check-schema");
            assertThat(clean.code()).as(clean.err()).isZero();
            assertThat(clean.out()).contains("schema matches: 6 tables checked");
            try (var c = db.connect().getConnection(); var s = c.createStatement()) {
                s.execute("ALTER TABLE forms DROP COLUMN description");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            SluiceCliTest.Result drift = run(env, "check-schema", "--json");
            assertThat(drift.code()).isEqualTo(Sluice.FAILED);
            assertThat(drift.out()).contains("\"clean\":false").contains("forms.description: missing");
        }
    }

    @Test
    void editedScriptMakesValidateExitOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id INT PRIMARY KEY);\n");
        try (TestDatabase db = TestDatabases.sqlite()) {
            String[] where = {"--url", db.url(), "--locations", "filesystem:" + dir};
            assertThat(run(concat(new String[] {"migrate"}, where)).code()).isZero();
            Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id INT PRIMARY KEY, x INT);\n");
            SluiceCliTest.Result r = run(concat(new String[] {"validate"}, where));
            assertThat(r.code()).isEqualTo(Sluice.FAILED);
            assertThat(r.out()).contains("V1__t.sql").containsIgnoringCase("checksum");
            SluiceCliTest.Result missing = run(concat(new String[] {"rollback", "--to", "0"}, where));
            assertThat(missing.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(missing.err()).contains("a down script is missing: U1__t.sql (for V1__t.sql)");
        }
    }

    @Test
    void badArgumentsExitTwo() {
        try (TestDatabase db = TestDatabases.sqlite()) {
            assertThat(run("rollback", "--to", "latest", "--url", db.url()).code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(run("rollback", "--url", db.url()).code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(run("seed", "everything", "--url", db.url()).code()).isEqualTo(Sluice.BAD_INPUT);
            SluiceCliTest.Result scale = run("seed", "scale", "--scale", "0", "--url", db.url());
            assertThat(scale.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(scale.err()).contains("Invalid scale '0'");
            assertThat(run("migrate", "--locations", "ftp://x", "--url", db.url()).code()).isEqualTo(Sluice.BAD_INPUT);
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
