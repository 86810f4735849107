package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark runs: one short iteration each, in this JVM, against the real local PostgreSQL and MariaDB and
 * SQLite files. Timings never gate the test; it checks that each benchmark ran and produced a score, and that the
 * report finds both sides of every ratio it is held to.
 */
class BenchmarksRunTest {
    @Test
    void everyBenchmarkRunsOneShortIterationAndTheReportHasEveryRatio(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh.json");
        var results = new Runner(new OptionsBuilder()
                .include("dev\\.sluice\\.benchmarks\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .timeout(TimeValue.minutes(2))
                .param("rows", "2000") // the bulk loads: a short load is enough to check that they run
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .timeUnit(TimeUnit.MICROSECONDS)
                .build()).run();

        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().substring("dev.sluice.benchmarks.".length());
            String vendor = r.getParams().getParam("vendor");
            scores.put(vendor == null ? name : name + "[" + vendor + "]", r.getPrimaryResult().getScore());
        }
        assertThat(scores).allSatisfy((name, score) -> assertThat(score).as(name).isPositive().isFinite());
        List<String> ran = scores.keySet().stream().map(k -> k.replaceAll("\\[.*", "")).distinct().toList();
        for (Goals.Goal g : Goals.ALL) {
            assertThat(ran).as("goal %s %s", g.number(), g.ratioName()).contains(g.measured(), g.baseline());
        }
        // the vendors of every benchmark that takes one
        assertThat(scores.keySet().stream().filter(k -> k.startsWith("PkSelectBenchmark.selectSluice[")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("PkSelectBenchmark.selectSluice[postgresql]", "PkSelectBenchmark.selectSluice[mysql]",
                        "PkSelectBenchmark.selectSluice[sqlite]");

        Map<String, Map<String, Report.Score>> byParams = new LinkedHashMap<>();
        Report.read(json, byParams);
        String table = Report.render(byParams, List.of(), "test");
        assertThat(table).doesNotContain("Not in this run")
                .contains("| 1 | `borrowSluice / borrowHikari` |", "| 2 | `selectSluiceNoReset / selectJooq` | postgresql |",
                        "| 7 | `newConnection / pooled` | mysql |",
                        "| 6 | `rawCopy / bulkInsertSluice` | postgresql |", "| 6 | `jdbcBatches / bulkInsertSluice` | mysql |", "| 9 | `sluiceMigrateNoOp / sluiceMigrate` | sqlite |");
        assertThat(Files.size(json)).isPositive();
    }

    @Test
    void ratiosAreComparedWithTheirGoalsInTheirDirection() {
        Map<String, Map<String, Report.Score>> byParams = Map.of("", Map.of(
                "BorrowBenchmark.borrowSluice", new Report.Score(120, 1, "ns/op", 30),
                "BorrowBenchmark.borrowHikari", new Report.Score(100, 1, "ns/op", 0),
                "NewConnectionBenchmark.pooled", new Report.Score(50, 1, "us/op", Double.NaN),
                "NewConnectionBenchmark.newConnection", new Report.Score(400, 1, "us/op", Double.NaN)));
        String table = Report.render(byParams, List.of(), null);
        assertThat(table).contains("| 1 | `borrowSluice / borrowHikari` |  | **1.20** | ≤ 1.25x | yes |")
                .contains("30 vs 0 (**not met**)")
                .contains("| 7 | `newConnection / pooled` |  | **8.00** | ≥ 10x | **no** |")
                .contains("Not in this run:");
    }

    @Test
    void bulkGoalsHoldForTheirVendorOnly() {
        Map<String, Map<String, Report.Score>> byParams = Map.of("rows=100000,vendor=mysql", Map.of(
                "BulkInsertBenchmark.bulkInsertSluice", new Report.Score(500, 1, "ms/op", Double.NaN),
                "BulkInsertBenchmark.jdbcBatches", new Report.Score(2000, 1, "ms/op", Double.NaN),
                "BulkInsertBenchmark.jdbcBatchesRewritten", new Report.Score(1000, 1, "ms/op", Double.NaN)));
        String table = Report.render(byParams, List.of(), null);
        assertThat(table).contains("| 6 | `jdbcBatches / bulkInsertSluice` | mysql | **4.00** | ≥ 3x | yes |")
                .contains("| 6 | `jdbcBatchesRewritten / bulkInsertSluice` | mysql | **2.00** | — |  |")
                .doesNotContain("≥ 1.50x") // PostgreSQL's goal for rewritten batches
                .doesNotContain("rows=");
    }

    @Test
    void theStudiosFirstPageHasAnAbsoluteGoal() {
        String fast = Report.render(Map.of("", Map.of(
                "StudioBrowseBenchmark.firstPageStudio", new Report.Score(28.4, 1, "ms/op", Double.NaN),
                "StudioBrowseBenchmark.firstPageSelectLimit", new Report.Score(0.04, 0.01, "ms/op", Double.NaN))), List.of(), null);
        assertThat(fast).contains("| **710.00** | measured ≤ 1000 ms | yes |");
        String slow = Report.render(Map.of("", Map.of(
                "StudioBrowseBenchmark.firstPageStudio", new Report.Score(1.5, 0.1, "s/op", Double.NaN),
                "StudioBrowseBenchmark.firstPageSelectLimit", new Report.Score(0.04, 0.01, "s/op", Double.NaN))), List.of(), null);
        assertThat(slow).contains("| measured ≤ 1000 ms | **no** |");
    }
}
