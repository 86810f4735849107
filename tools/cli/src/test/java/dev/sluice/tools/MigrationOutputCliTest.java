package dev.sluice.tools;

import static dev.sluice.tools.MigrationCommandsTest.concat;
import static dev.sluice.tools.SluiceCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.SchemaFixtures;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The defects of issue 8 in the migration commands' output and arguments, each checked on the real servers. */
class MigrationOutputCliTest {
    private static final List<String> MIGRATION_COMMANDS = List.of("migrate", "info", "validate", "repair", "check-schema");

    /** Runs the CLI and also captures what the logging library writes to the process's stderr. */
    static SluiceCliTest.Result runCapturingLogs(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            SluiceCliTest.Result r = run(args);
            return new SluiceCliTest.Result(r.code(), r.out(), r.err() + logs.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    /** The tables of a database, by plain JDBC metadata (jOOQ's meta() fails on MariaDB 10.11). */
    static List<String> tables(Database db) {
        return db.dsl().connectionResult(c -> {
            List<String> out = new ArrayList<>();
            try (var rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    out.add(rs.getString("TABLE_NAME"));
                }
            }
            return out;
        });
    }

    /** The command names listed by {@code sluice --help}, and the subcommands they list ({@code seed generate}). */
    static List<String> commands() {
        List<String> out = new ArrayList<>();
        for (String c : commands(run("--help").out())) {
            out.add(c);
            if (!c.equals("help")) {
                commands(run(c, "--help").out()).forEach(sub -> out.add(c + " " + sub));
            }
        }
        return out;
    }

    private static List<String> commands(String help) {
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String line : help.split("\n")) {
            if (line.startsWith("Commands:")) {
                in = true;
            } else if (in && line.matches("  \\S.*")) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    @Test
    void everyCommandAnswersHelpWithExitZero() {
        List<String> commands = commands();
        assertThat(commands).contains("migrate", "info", "validate", "rollback", "baseline", "repair", "seed", "check-schema", "check",
                "seed demo", "seed scale", "seed scripts", "seed generate");
        for (String command : commands) {
            for (String flag : new String[] {"--help", "-h"}) {
                SluiceCliTest.Result r = run(concat(command.split(" "), new String[] {flag}));
                assertThat(r.code()).as(command + " " + flag + ": " + r.err()).isZero();
                assertThat(r.out()).as(command).contains("Usage: sluice " + command);
                assertThat(r.err()).as(command).doesNotContain("Unknown option");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aLocationWithoutMigrationsExitsTwoAndCreatesNothing(Vendor vendor, @TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        try (TestDatabase db = TestDatabases.create(vendor)) {
            String url = vendor == Vendor.SQLITE ? "sqlite:" + dir.resolve("never.db") : db.url();
            List<String[]> commands = new ArrayList<>();
            MIGRATION_COMMANDS.forEach(c -> commands.add(new String[] {c}));
            commands.add(new String[] {"rollback", "--to", "0"});
            commands.add(new String[] {"baseline", "--version", "1"});
            for (String[] command : commands) {
                for (String location : new String[] {"filesystem:" + dir.resolve("nope"), "filesystem:" + empty}) {
                    SluiceCliTest.Result r = run(concat(command, new String[] {"--url", url, "--locations", location}));
                    assertThat(r.code()).as(Arrays.toString(command) + ": " + r.err()).isEqualTo(Sluice.BAD_INPUT);
                    assertThat(r.err()).startsWith("error: no migrations found at " + location).doesNotContain("\n  ");
                    assertThat(r.err().strip().lines()).hasSize(1);
                }
            }
            if (vendor == Vendor.SQLITE) {
                assertThat(dir.resolve("never.db")).doesNotExist();
            } else {
                try (Database d = Database.connect(db.config())) {
                    assertThat(tables(d)).isEmpty();
                }
            }
        }
    }

    @Test
    void flywayLogLinesAndUpsellTextOnlyWithVerbose(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id INT PRIMARY KEY);\nCREATE TABLE c (id no_such_type);\n");
        try (TestDatabase db = TestDatabases.mysql()) {
            String[] where = {"--url", db.url(), "--locations", "filesystem:" + dir};
            SluiceCliTest.Result failed = runCapturingLogs(concat(new String[] {"migrate"}, where));
            assertThat(failed.code()).isEqualTo(Sluice.FAILED);
            assertThat(failed.out()).contains("V1__a.sql").containsPattern("V1__a\\.sql +\\d+ ms");
            assertThat(failed.err().strip().lines()).as(failed.err()).hasSize(1);
            assertThat(failed.err()).startsWith("error: Migration V2__b.sql failed at line 2 (CREATE TABLE c (id no_such_type)): "
                            + "Unknown data type: 'no_such_type'.")
                    .contains("these statements of V2__b.sql stayed applied and may need manual clean-up: line 1 CREATE TABLE b (id INT PRIMARY KEY)")
                    .contains("run repair (sluice repair)")
                    .doesNotContain("-X").doesNotContain("http").doesNotContain("ERROR").doesNotContain("-----").doesNotContain("SQL State");
            SluiceCliTest.Result baseline = runCapturingLogs(concat(new String[] {"baseline", "--version", "1"}, where));
            assertThat(baseline.err()).doesNotContain("http").doesNotContain("Learn more").hasLineCount(1);

            SluiceCliTest.Result verbose = runCapturingLogs(concat(new String[] {"migrate", "--verbose"}, where));
            assertThat(verbose.err()).contains("o.f.").contains("at dev.sluice");
        }
    }

    @Test
    void infoShowsTheLastSuccessfulVersionMarksTheFailedOneAndAlignsColumns(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a_table_with_a_long_description_indeed.sql"), "CREATE TABLE a (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("U1__a_table_with_a_long_description_indeed.sql"), "DROP TABLE a;\n");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V3__broken.sql"), "CREATE TABLE c (id no_such_type);\n");
        try (TestDatabase db = TestDatabases.mysql()) {
            String[] where = {"--url", db.url(), "--locations", "filesystem:" + dir};
            assertThat(run(concat(new String[] {"migrate"}, where)).code()).isEqualTo(Sluice.FAILED);
            SluiceCliTest.Result info = run(concat(new String[] {"info"}, where));
            assertThat(info.code()).isZero();
            List<String> lines = info.out().lines().toList();
            assertThat(lines.get(1)).startsWith("   1 ");
            assertThat(lines.get(2)).startsWith(">  2 ");
            assertThat(lines.get(3)).startsWith("!  3 ").contains("Failed");
            int state = lines.get(0).indexOf("STATE");
            int installed = lines.get(0).indexOf("INSTALLED");
            for (String row : lines.subList(1, 4)) {
                assertThat(row.substring(state)).matches("(Success|Failed) .*");
                assertThat(row.substring(installed)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .*");
            }
            assertThat(info.out()).contains("current version: 2 (the newest applied successfully)")
                    .contains("failed: V3__broken.sql (version 3); undo what it left, then run sluice repair");
            assertThat(run(concat(new String[] {"info", "--json"}, where)).out()).contains("\"current\":\"2\",\"failed\":[\"3\"]");
        }
    }

    @Test
    void rollbackAheadOrWithMissingDownScriptsExitsTwoNamingEveryMissingScript(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V3__c.sql"), "CREATE TABLE c (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("U3__c.sql"), "DROP TABLE c;\n");
        try (TestDatabase db = TestDatabases.sqlite()) {
            String[] where = {"--url", db.url(), "--locations", "filesystem:" + dir};
            assertThat(run(concat(new String[] {"migrate", "--target", "2"}, where)).code()).isZero();
            SluiceCliTest.Result ahead = run(concat(new String[] {"rollback", "--to", "5"}, where));
            assertThat(ahead.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(ahead.err()).contains("Invalid rollback target '5': a version at or below the current version (2)");
            assertThat(run(concat(new String[] {"migrate"}, where)).code()).isZero();
            SluiceCliTest.Result missing = run(concat(new String[] {"rollback", "--to", "0"}, where));
            assertThat(missing.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(missing.err()).contains("2 down scripts are missing: U2__b.sql (for V2__b.sql), U1__a.sql (for V1__a.sql)")
                    .contains("Nothing was rolled back.");
            assertThat(run(concat(new String[] {"info", "--json"}, where)).out()).contains("\"current\":\"3\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void checkSchemaComparesWithTheGivenLocationsNotTheBuiltInSchema(Vendor vendor) {
        try (TestDatabase db = TestDatabases.create(vendor)) {
            Map<String, String> env = Map.of("DATABASE_URL", db.url());
            String location = SchemaFixtures.location(SchemaFixtures.SHOP);
            assertThat(run(env, "migrate", "--locations", location).code()).isZero();
            SluiceCliTest.Result clean = run(env, "check-schema", "--locations", location);
            assertThat(clean.code()).as(clean.err()).isZero();
            assertThat(clean.out()).contains("schema matches: 7 tables checked")
                    .contains("compared with the migrations in " + location.replace("{vendor}", vendor.id()) + " up to version 2");
            try (Database d = Database.connect(db.config())) {
                d.dsl().execute("ALTER TABLE customers ADD COLUMN nickname VARCHAR(20)");
            }
            SluiceCliTest.Result drift = run(env, "check-schema", "--locations", location);
            assertThat(drift.code()).isEqualTo(Sluice.FAILED);
            assertThat(drift.out()).contains("schema drift: 1 difference(s)").contains("  customers: unexpected column nickname");
            // without --locations the reference is the built-in schema, which this database does not have
            SluiceCliTest.Result builtIn = run(env, "check-schema", "--json");
            assertThat(builtIn.code()).isEqualTo(Sluice.FAILED);
            assertThat(builtIn.out()).contains("\"organizations: table missing\"");
        }
    }
}
