package dev.sluice.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sluice as a modular application sees it: the shipped jars' module descriptors export only the root packages (and the
 * schema's generated classes); a consumer module compiles against that API and fails to compile against an
 * {@code internal} type; compiled, it runs on the module path, where Flyway must find the built-in scripts in the
 * schema module, jOOQ must build the generated records, and the JDBC drivers must be found without being required;
 * and the CLI's picocli commands load there too.
 */
class ModulePathTest {
    /** Each module's jar (or classes directory, in some reactor builds), found from a class it holds. */
    private static final Map<String, String> SLUICE = Map.of(
            "dev.sluice.connection", "dev.sluice.connection.ConnectionConfig",
            "dev.sluice.schema", "dev.sluice.schema.DemoSeed",
            "dev.sluice.query", "dev.sluice.query.Database",
            "dev.sluice.migrations", "dev.sluice.migrations.Migrations",
            "dev.sluice.monitoring", "dev.sluice.monitoring.SluiceEndpoints",
            "dev.sluice.studio", "dev.sluice.studio.Studio",
            "dev.sluice.testkit", "dev.sluice.testkit.TestDatabases",
            "dev.sluice.tools", "dev.sluice.tools.Sluice");

    /** What each module exports: its root package, and for the schema the generated jOOQ classes. */
    private static final Map<String, Set<String>> EXPORTS = Map.of(
            "dev.sluice.connection", Set.of("dev.sluice.connection"),
            "dev.sluice.schema", Set.of("dev.sluice.schema", "dev.sluice.schema.db", "dev.sluice.schema.db.tables",
                    "dev.sluice.schema.db.tables.records"),
            "dev.sluice.query", Set.of("dev.sluice.query"),
            "dev.sluice.migrations", Set.of("dev.sluice.migrations"),
            "dev.sluice.monitoring", Set.of("dev.sluice.monitoring"),
            "dev.sluice.studio", Set.of("dev.sluice.studio"),
            "dev.sluice.testkit", Set.of("dev.sluice.testkit"),
            "dev.sluice.tools", Set.of("dev.sluice.tools"));

    /** The libraries a consumer of sluice-migrations (and of the CLI) has at run time, each found from a class it holds. */
    private static final List<String> LIBRARIES = List.of(
            "com.zaxxer.hikari.HikariConfig", "org.snakeyaml.engine.v2.api.LoadSettings", "org.HdrHistogram.Histogram",
            "org.slf4j.Logger", "org.jooq.DSLContext", "io.r2dbc.spi.ConnectionFactory", "org.reactivestreams.Publisher",
            "org.flywaydb.core.Flyway", "com.fasterxml.jackson.annotation.JsonProperty",
            "org.flywaydb.database.postgresql.PostgreSQLDatabaseType", "org.flywaydb.database.cockroachdb.CockroachDBDatabaseType",
            "org.flywaydb.database.mysql.MySQLDatabaseType",
            // the drivers: on the module path, and required by no one
            "org.postgresql.Driver", "org.sqlite.JDBC");

    /** What the CLI adds (its logging backend is left out of the library consumer's run: no one configures it there). */
    private static final List<String> CLI_LIBRARIES = List.of("picocli.CommandLine", "ch.qos.logback.classic.Logger",
            "ch.qos.logback.core.Appender", "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonGenerator",
            // sluice serve: Micrometer's Prometheus registry and what it is made of; seed and migrate: the progress bar
            "io.micrometer.core.instrument.MeterRegistry", "io.micrometer.common.KeyValue", "io.micrometer.observation.Observation",
            "io.micrometer.prometheusmetrics.PrometheusMeterRegistry", "io.prometheus.metrics.config.PrometheusProperties",
            "io.prometheus.metrics.core.metrics.Counter", "io.prometheus.metrics.model.registry.PrometheusRegistry",
            "io.prometheus.metrics.expositionformats.ExpositionFormats", "io.prometheus.metrics.expositionformats.generated.Metrics",
            "io.prometheus.metrics.tracer.common.SpanContext", "me.tongfei.progressbar.ProgressBar", "org.jline.terminal.Terminal");

    @Test
    void shippedModulesExportOnlyTheirRootPackages() throws Exception {
        for (Map.Entry<String, String> e : SLUICE.entrySet()) {
            ModuleDescriptor d = descriptor(locate(e.getValue()));
            assertThat(d.name()).isEqualTo(e.getKey());
            assertThat(d.isAutomatic()).as(e.getKey() + " has a module-info").isFalse();
            Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
            assertThat(exported).as(e.getKey() + " exports").isEqualTo(EXPORTS.get(e.getKey()));
            assertThat(d.exports()).as("no qualified exports either").allMatch(x -> !x.isQualified());
        }
        // the Maven plugin runs in a ClassWorlds realm, never on the module path: a stable name is what it carries
        try (JarFile plugin = new JarFile(locate("dev.sluice.maven.MigrateMojo").toFile())) {
            assertThat(plugin.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo("dev.sluice.maven");
        }
    }

    @Test
    void aConsumerCompilesAgainstTheRootApiButNotAgainstInternals(@TempDir Path dir) throws Exception {
        Path ok = consumer(dir.resolve("ok"), "requires dev.sluice.migrations; requires dev.sluice.testkit;", CONSUMER);
        assertThat(javac(ok, dir.resolve("ok-out"))).as("compiler output").isEmpty();

        for (String module : List.of("dev.sluice.connection", "dev.sluice.query", "dev.sluice.migrations", "dev.sluice.testkit")) {
            String internal = publicInternalClass(module);
            Path bad = consumer(dir.resolve(module), "requires dev.sluice.migrations; requires dev.sluice.testkit;",
                    "package consumer;\npublic class Main { " + internal + " x; }\n");
            String pkg = internal.substring(0, internal.lastIndexOf('.'));
            assertThat(javac(bad, dir.resolve(module + "-out")))
                    .as("using " + internal + " from outside its module")
                    .contains("package " + pkg + " is declared in module " + module + ", which does not export it");
        }
    }

    @Test
    void theConsumerRunsOnTheModulePath(@TempDir Path dir) throws Exception {
        Path src = consumer(dir.resolve("src"), "requires dev.sluice.migrations;", CONSUMER);
        Path out = dir.resolve("out");
        assertThat(javac(src, out)).isEmpty();
        try (TestDatabase sqlite = TestDatabases.sqlite(); TestDatabase pg = TestDatabases.postgres()) {
            for (TestDatabase db : List.of(sqlite, pg)) {
                List<String> cmd = new ArrayList<>(List.of(java(), "--module-path", out + java.io.File.pathSeparator + modulePath(),
                        "--enable-native-access=org.xerial.sqlitejdbc", "-m", "consumer/consumer.Main", db.url()));
                if (db.password() != null) {
                    cmd.add(db.password());
                }
                Result r = run(cmd);
                assertThat(r.exit).as(db.vendor() + ": " + r.output).isZero();
                assertThat(r.output).as(db.vendor().id()).contains("migrated to 3 (3 scripts)", "organizations=2 users=6",
                        "first user: wile@acme.test");
            }
        }
    }

    @Test
    void theCliRunsOnTheModulePath(@TempDir Path dir) throws Exception {
        // picocli fills the commands' options by reflection
        Result help = run(List.of(java(), "--module-path", modulePath(true), "-m", "dev.sluice.tools/dev.sluice.tools.Sluice", "migrate", "--help"));
        assertThat(help.exit).as(help.output).isZero();
        assertThat(help.output).contains("Usage: sluice migrate", "--locations");
        // Jackson writes the commands' output records; Flyway reads the built-in scripts
        Result info = run(List.of(java(), "--module-path", modulePath(true), "--enable-native-access=org.xerial.sqlitejdbc",
                "-m", "dev.sluice.tools/dev.sluice.tools.Sluice", "info", "--json", "--url", "sqlite:" + dir.resolve("cli.db")));
        assertThat(info.exit).as(info.output).isZero();
        assertThat(info.output).contains("\"current\":null", "\"version\":\"3\"", "\"state\":\"Pending\"");
    }

    /** Migrates the built-in schema, seeds the demo and reads it back with the generated classes. */
    private static final String CONSUMER = """
            package consumer;

            import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
            import static dev.sluice.schema.db.Tables.USERS;

            import dev.sluice.connection.ConnectionConfig;
            import dev.sluice.migrations.MigrationReport;
            import dev.sluice.migrations.Migrations;
            import dev.sluice.migrations.SeedProgress;
            import dev.sluice.migrations.Seeds;
            import dev.sluice.query.Database;
            import dev.sluice.schema.DemoSeed;
            import dev.sluice.schema.db.tables.records.UsersRecord;

            public class Main {
                public static void main(String[] args) {
                    ConnectionConfig.Builder config = ConnectionConfig.builder().url(args[0]);
                    if (args.length > 1) {
                        config.password(args[1]);
                    }
                    try (Database db = Database.connect(config.build())) {
                        MigrationReport r = Migrations.builder(db).build().migrate();
                        System.out.println("migrated to " + r.toVersion() + " (" + r.migrations().size() + " scripts)");
                        Seeds.load(db, new DemoSeed(), SeedProgress.NONE);
                        System.out.println("organizations=" + db.dsl().fetchCount(ORGANIZATIONS) + " users=" + db.dsl().fetchCount(USERS));
                        UsersRecord first = db.dsl().selectFrom(USERS).orderBy(USERS.EMAIL.desc()).limit(1).fetchOne();
                        System.out.println("first user: " + first.getEmail());
                    }
                }
            }
            """;

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Path consumer(Path root, String requires, String main) throws IOException {
        Files.createDirectories(root.resolve("consumer"));
        Files.writeString(root.resolve("module-info.java"), "module consumer { " + requires + " }\n");
        Files.writeString(root.resolve("consumer/Main.java"), main);
        return root;
    }

    /** Compiles a consumer on the module path; returns what javac said (nothing when it compiled cleanly). */
    private static String javac(Path src, Path out) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int exit = javac.run(null, said, said, "-d", out.toString(), "--module-path", modulePath(), "-Xlint:all",
                "--class-path", src.toString(), // not the test's own class path, which javac would take by default
                src.resolve("module-info.java").toString(), src.resolve("consumer/Main.java").toString());
        String text = said.toString(StandardCharsets.UTF_8);
        return exit == 0 && text.isEmpty() ? "" : "javac exit " + exit + "\n" + text;
    }

    /** A public class in the module's {@code internal} package (whatever it is called today). */
    private static String publicInternalClass(String module) throws Exception {
        ModuleReference ref = ModuleFinder.of(locate(SLUICE.get(module))).find(module).orElseThrow();
        Set<String> names = new TreeSet<>();
        try (var reader = ref.open()) {
            reader.list().filter(n -> n.contains("/internal/") && n.endsWith(".class") && !n.contains("$"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
        for (String n : names) {
            if (Modifier.isPublic(Class.forName(n, false, ModulePathTest.class.getClassLoader()).getModifiers())) {
                return n;
            }
        }
        throw new AssertionError(module + " has no public internal class to try");
    }

    private static String modulePath() throws Exception {
        return modulePath(false);
    }

    private static String modulePath(boolean cli) throws Exception {
        Set<Path> path = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : SLUICE.entrySet()) {
            if (cli || !e.getKey().equals("dev.sluice.tools")) {
                path.add(locate(e.getValue()));
            }
        }
        for (String anchor : cli ? concat(LIBRARIES, CLI_LIBRARIES) : LIBRARIES) {
            path.add(locate(anchor));
        }
        return path.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** The jar or classes directory a class is in, found without loading it (the plugin's need Maven's API). */
    private static Path locate(String className) throws URISyntaxException {
        String resource = className.replace('.', '/') + ".class";
        URL url = ModulePathTest.class.getClassLoader().getResource(resource);
        assertThat(url).as(className + " on the test class path").isNotNull();
        String u = url.toString();
        if (u.startsWith("jar:")) {
            return Path.of(new URI(u.substring("jar:".length(), u.indexOf("!/"))));
        }
        return Path.of(new URI(u.substring(0, u.length() - resource.length())));
    }

    private static ModuleDescriptor descriptor(Path jar) {
        return ModuleFinder.of(jar).findAll().iterator().next().descriptor();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command) throws Exception {
        Path log = Files.createTempFile("sluice-module-path", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command + "\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
