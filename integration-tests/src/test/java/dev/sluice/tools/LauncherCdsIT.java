package dev.sluice.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./sluice} launcher's class-data sharing. On JDK 25 and newer an AOT cache per command: the first run
 * records, the second assembles the cache in the background, the runs after load the CLI's classes from it; a stale,
 * broken or foreign cache never fails a command. With {@code SLUICE_CDS=appcds} (and on JDK 21-24) an AppCDS archive:
 * the first run of a command writes it, the next run loads the CLI's classes from it. {@code SLUICE_CDS=off} runs
 * without either. SQLite's native library is copied out of the jar once, beside the caches. Runs the launcher as a user would (bash, the shaded jar built by this reactor); no timings are
 * asserted (they are in docs/benchmarks.md).
 */
class LauncherCdsIT {
    private static final Map<String, String> APPCDS = Map.of("SLUICE_CDS", "appcds");
    private static final String LOADED_FROM_CACHE = "dev\\.sluice\\.tools\\.Sluice source: shared objects file";
    private static Path root;
    private static Path jar;

    @TempDir
    Path cds;

    @BeforeAll
    static void findLauncherAndJar() throws IOException {
        root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("sluice")).as("the launcher at the repository root").isRegularFile();
        try (Stream<Path> files = Files.list(root.resolve("tools/cli/target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("sluice-cli-.*-cli\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no shaded CLI jar in tools/cli/target: build with -pl integration-tests -am"));
        }
    }

    @Test
    void firstRunWritesTheCommandsArchiveAndTheNextRunLoadsClassesFromIt() throws Exception {
        Result first = launch(APPCDS, "check", "--help");
        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.output).contains("Usage: sluice check");
        assertThat(cds.resolve("check.jsa")).as("archive written at the first run's exit").isRegularFile();
        assertThat(Files.size(cds.resolve("check.jsa"))).isGreaterThan(100_000);

        Result second = launch(Map.of("SLUICE_CDS", "appcds", "SLUICE_JAVA_OPTS", "-Xlog:class+load=info"), "check", "--help");
        assertThat(second.exit).as(second.output).isZero();
        // "(top)" is the dynamic archive the launcher made, as opposed to the JDK's own base archive
        assertThat(second.output).containsPattern("dev\\.sluice\\.tools\\.Sluice source: shared objects file \\(top\\)");
    }

    @Test
    void aRebuiltJarGetsAFreshArchiveInsteadOfRunningWithout(@TempDir Path jars) throws Exception {
        // the JVM refuses an archive made with another build of the jar and, with it present, writes no new one
        Path built = Files.copy(jar, jars.resolve(jar.getFileName()));
        Map<String, String> withBuilt = Map.of("SLUICE_CDS", "appcds", "SLUICE_JAR", built.toString());
        assertThat(launch(withBuilt, "check", "--help").exit).isZero();
        assertThat(cds.resolve("check.jsa")).isRegularFile();

        // "rebuilt": the jar's time changes (the archive no longer matches it) and is newer than the archive
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(cds.resolve("check.jsa"), java.nio.file.attribute.FileTime.fromMillis(now - 10_000));
        Files.setLastModifiedTime(built, java.nio.file.attribute.FileTime.fromMillis(now - 5_000));
        assertThat(launch(withBuilt, "check", "--help").exit).isZero(); // removes the stale archive, writes a fresh one

        Map<String, String> logged = Map.of("SLUICE_CDS", "appcds", "SLUICE_JAR", built.toString(), "SLUICE_JAVA_OPTS",
                "-Xlog:class+load=info");
        Result third = launch(logged, "check", "--help");
        assertThat(third.exit).as(third.output).isZero();
        assertThat(third.output).containsPattern("dev\\.sluice\\.tools\\.Sluice source: shared objects file \\(top\\)");
    }

    @Test
    void eachKindOfDatabaseGetsItsOwnArchive() throws Exception {
        // an archive holds the classes of the run that wrote it: a SQLite run's archive lacks pgjdbc's classes
        assertThat(launch(APPCDS, "check", "--help", "--url", "jdbc:sqlite:never-opened.db").exit).isZero();
        assertThat(launch(Map.of("SLUICE_CDS", "appcds", "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test"), "check",
                "--help").exit).isZero();
        assertThat(launch(APPCDS, "check", "--help", "--url=jdbc:mysql://127.0.0.1:3306/test").exit).isZero();
        assertThat(launch(APPCDS, "health", "--help", "--config=cluster.yaml").exit).isZero();
        try (Stream<Path> files = Files.list(cds)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("sqlite-native")).toList())
                    .containsExactlyInAnyOrder("check-sqlite.jsa",
                    "check-postgresql.jsa", "check-mysql.jsa", "health-cluster.jsa");
        }
    }

    @Test
    void cdsOffWritesNoArchive() throws Exception {
        Result r = launch(Map.of("SLUICE_CDS", "off"), "health", "--help");
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("Usage: sluice health");
        try (Stream<Path> files = Files.list(cds)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void theDemoAndTheMetadataCommandsRunWithTheLeanFlagsOthersWithTheDefaults() throws Exception {
        // the serial collector, the client compiler and a small initial heap: measured in docs/benchmarks.md (10)
        Map<String, String> logged = Map.of("SLUICE_CDS", "off", "SLUICE_JAVA_OPTS", "-Xlog:gc,gc+init");
        for (String command : List.of("demo", "info", "check")) {
            Result r = launch(logged, command, "--help");
            assertThat(r.exit).as(r.output).isZero();
            assertThat(r.output).as(command).contains("Using Serial").containsPattern("Initial Capacity: 8M");
        }
        Result serve = launch(logged, "serve", "--help");
        assertThat(serve.exit).as(serve.output).isZero();
        assertThat(serve.output).doesNotContain("Using Serial");
    }

    @Test
    void onJdk25TheFirstRunRecordsTheSecondAssemblesTheCacheAndLaterRunsLoadClassesFromIt() throws Exception {
        assumeAotCache();
        Result first = launch(Map.of(), "check", "--help");
        assertThat(first.exit).as(first.output).isZero();
        // the JVM's own lines ("AOTConfiguration recorded: ...") would mix with the command's output
        assertThat(first.output).startsWith("Usage: sluice check").doesNotContainIgnoringCase("aot");
        assertThat(aot("check.aotconf")).as("recorded at the first run's exit").isRegularFile();
        assertThat(aot("check.aot")).doesNotExist();

        Result second = launch(Map.of(), "check", "--help"); // starts the assembly beside itself
        assertThat(second.exit).as(second.output).isZero();
        assertThat(second.output).startsWith("Usage: sluice check");
        awaitAssembled("check");
        assertThat(Files.size(aot("check.aot"))).isGreaterThan(1_000_000);

        Result third = launch(Map.of("SLUICE_JAVA_OPTS", "-Xlog:class+load=info"), "check", "--help");
        assertThat(third.exit).as(third.output).isZero();
        assertThat(third.output).containsPattern(LOADED_FROM_CACHE).doesNotContain("[aot]");
        try (Stream<Path> files = Files.list(cds)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("sqlite-native")).toList())
                    .as("no AppCDS archive beside the AOT cache")
                    .containsExactly(aotDir().getFileName().toString());
        }
    }

    @Test
    void aCacheOlderThanTheJarIsRecordedAgain(@TempDir Path jars) throws Exception {
        assumeAotCache();
        Path built = Files.copy(jar, jars.resolve(jar.getFileName()));
        Map<String, String> withBuilt = Map.of("SLUICE_JAR", built.toString());
        assertThat(launch(withBuilt, "info", "--help").exit).isZero();
        assertThat(launch(withBuilt, "info", "--help").exit).isZero();
        awaitAssembled("info");

        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(aot("info.aot"), FileTime.fromMillis(now - 10_000));
        Files.setLastModifiedTime(built, FileTime.fromMillis(now - 5_000)); // "rebuilt" after the cache was made
        Result r = launch(withBuilt, "info", "--help");
        assertThat(r.exit).as(r.output).isZero();
        assertThat(aot("info.aot")).as("the stale cache removed").doesNotExist();
        assertThat(aot("info.aotconf")).as("and this run recorded anew").isRegularFile();
    }

    @Test
    void aBrokenCacheNeitherFailsTheCommandNorStays() throws Exception {
        assumeAotCache();
        Files.createDirectories(aotDir());
        Files.write(aot("check.aot"), "not an AOT cache".repeat(1000).getBytes(StandardCharsets.UTF_8));
        Result r = launch(Map.of(), "check", "--help");
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).startsWith("Usage: sluice check").doesNotContain("[aot]").doesNotContain("[error");
        assertThat(aot("check.log")).as("the JVM logged why it ignored the cache").isNotEmptyFile();

        Result next = launch(Map.of(), "check", "--help");
        assertThat(next.exit).as(next.output).isZero();
        assertThat(aot("check.aot")).as("the broken cache removed").doesNotExist();
        assertThat(aot("check.log")).doesNotExist();
        assertThat(aot("check.aotconf")).as("and recorded anew").isRegularFile();
    }

    @Test
    void anotherJdksCacheIsNeitherReadNorTouched() throws Exception {
        assumeAotCache();
        Path foreign = Files.createDirectories(cds.resolve("aot-24.0.2+12")).resolve("check.aot");
        byte[] garbage = "made by another JDK".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Files.write(foreign, garbage);
        Result r = launch(Map.of(), "check", "--help");
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).startsWith("Usage: sluice check");
        assertThat(foreign).hasBinaryContent(garbage);
        assertThat(aot("check.aotconf")).as("this JDK records its own").isRegularFile();
    }

    @Test
    void sqlitesNativeLibraryIsCopiedOncePerJarAndLoadedFromThatCopy(@TempDir Path data) throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux") && Files.exists(Path.of("/usr/bin/unzip")),
                "the launcher copies the library where the driver's folder for the platform is certain, with unzip");
        String url = "sqlite:" + data.resolve("native.db");
        Map<String, String> logged = Map.of("SLUICE_JAVA_OPTS", "-Xlog:library=info");
        Result first = launch(logged, "check", "--url", url);
        assertThat(first.exit).as(first.output).isZero();
        Path copy = cds.resolve("sqlite-native/libsqlitejdbc.so");
        assertThat(copy).isRegularFile();
        // the driver loads the launcher's copy instead of writing one of its own into the temp directory
        assertThat(first.output).contains("Loaded library " + copy).contains("vendor:      sqlite");
        FileTime made = Files.getLastModifiedTime(copy);
        assertThat(launch(Map.of(), "check", "--url", url).exit).isZero();
        assertThat(Files.getLastModifiedTime(copy)).as("copied once per jar").isEqualTo(made);

        Result off = launch(Map.of("SLUICE_CDS", "off", "SLUICE_JAVA_OPTS", "-Xlog:library=info"), "check", "--url", url);
        assertThat(off.exit).as(off.output).isZero();
        assertThat(off.output).doesNotContain("Loaded library " + copy).containsPattern("Loaded library .*sqlitejdbc");
    }

    private static void assumeAotCache() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25+ (this is " + Runtime.version() + ")");
    }

    /** The launcher names the directory after the JDK's build ({@code JAVA_RUNTIME_VERSION} of its release file). */
    private Path aotDir() {
        return cds.resolve("aot-" + Runtime.version());
    }

    private Path aot(String file) {
        return aotDir().resolve(file);
    }

    /** The assembly runs beside the second run and outlives it: waits for the cache and the lock's removal. */
    private void awaitAssembled(String name) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.isRegularFile(aot(name + ".aot")) && !Files.exists(aot(name + ".aot.lock")));
        assertThat(aot(name + ".aotconf")).as("the configuration is not kept once assembled").doesNotExist();
    }

    private record Result(int exit, String output) {}

    private Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = Stream.concat(Stream.of("bash", root.resolve("sluice").toString()), Stream.of(args)).toList();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DATABASE_URL"); // the archive's name follows the URL (eachKindOfDatabaseGetsItsOwnArchive)
        pb.environment().put("SLUICE_JAR", jar.toString());
        pb.environment().put("SLUICE_CDS_DIR", cds.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("launcher finished").isTrue();
        return new Result(p.exitValue(), out);
    }
}
