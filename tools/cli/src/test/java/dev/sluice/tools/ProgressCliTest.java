package dev.sluice.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Progress of {@code seed scale} as a user sees it: plain lines, few and bounded, when output goes to a pipe; a bar
 * with rate and ETA on a (pseudo-)terminal; nothing but errors with {@code --quiet}.
 */
class ProgressCliTest {
    /** The built-in schema's tables: one report line each. */
    private static final int TABLES = 6;

    record Output(int code, String text, long millis) {}

    static Output runProcess(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start(); // stdout and stderr into one pipe
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Output(p.exitValue(), text, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void seedScaleIntoAPipePrintsAFewPlainLinesAndTheSummary() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            assertThat(SluiceCliTest.run("migrate", "--url", db.url()).code()).isZero();
            Output o = runProcess(CliProcess.command("seed", "scale", "--scale", "40", "--url", db.url()));
            assertThat(o.code()).as(o.text()).isZero();
            assertThat(o.text()).doesNotContain("\r").doesNotContain("[=");
            List<String> lines = o.text().lines().toList();
            List<String> progress = lines.stream().filter(l -> l.startsWith("seed scale: ")).toList();
            // at most one progress line per PLAIN_EVERY (5 s) of the run, however many batches and tables it wrote
            assertThat(progress.size()).as(o.text()).isLessThanOrEqualTo((int) (o.millis() / 5_000) + 1);
            progress.forEach(l -> assertThat(l).matches("seed scale: \\d+(/\\d+)? rows( \\(\\d+%\\))?, \\d+ rows/s(, ETA \\S+)? \\(\\w+\\)"));
            assertThat(lines).hasSize(progress.size() + 1 + TABLES + 1); // header, one line per table, summary
            assertThat(lines.getLast()).startsWith("seed scale (scale=40 seed=1) loaded: ").contains(" rows in ");
        }
    }

    @Test
    void seedScaleOnAPseudoTerminalDrawsABarWithRateAndEta() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            assertThat(SluiceCliTest.run("migrate", "--url", db.url()).code()).isZero();
            String command = CliProcess.command("seed", "scale", "--scale", "40", "--url", db.url()).stream()
                    .map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
            // util-linux script(1) runs the command on a pseudo-terminal; what the terminal shows comes out on its stdout
            Output o = runProcess(List.of("script", "-q", "-e", "-c", command, "/dev/null"));
            assertThat(o.code()).as(o.text()).isZero();
            assertThat(o.text()).containsPattern("seed scale +\\d+% \\[[=> ]*\\] \\d+/\\d+ rows \\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\) [\\d.]+ rows/s")
                    .contains("seed scale 100% [").contains("\r")
                    .contains("seed scale (scale=40 seed=1) loaded: ");
        }
    }

    @Test
    void quietPrintsNothingButErrors() {
        try (TestDatabase db = TestDatabases.sqlite()) {
            Map<String, String> env = Map.of("DATABASE_URL", db.url());
            SluiceCliTest.Result migrate = SluiceCliTest.run(env, "migrate", "--quiet");
            assertThat(migrate.code()).as(migrate.err()).isZero();
            assertThat(migrate.out()).isEmpty();
            assertThat(migrate.err()).isEmpty();
            SluiceCliTest.Result seed = SluiceCliTest.run(env, "seed", "scale", "--scale", "2", "--quiet");
            assertThat(seed.code()).as(seed.err()).isZero();
            assertThat(seed.out()).isEmpty();
            assertThat(seed.err()).isEmpty();
            assertThat(SluiceCliTest.run(env, "seed", "scale", "--scale", "2").out()).contains("was already loaded");
            SluiceCliTest.Result error = SluiceCliTest.run(env, "seed", "generate", "--table", "nope=3", "--quiet");
            assertThat(error.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(error.out()).isEmpty();
            assertThat(error.err()).startsWith("error: Invalid --table 'nope'");
        }
    }
}
