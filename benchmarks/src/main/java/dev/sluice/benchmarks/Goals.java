package dev.sluice.benchmarks;

import java.util.List;

/**
 * Every ratio the benchmarks report and the goal it is held to (issue 13), each a Sluice measurement against its
 * baseline in the same run. A time ratio is the measurement's time per operation divided by the baseline's, so below
 * 1 is faster; a speed-up is the baseline's time divided by the measurement's. Where the goal has a memory side, the
 * bytes allocated per operation ({@code -prof gc}) may be at most {@link #MEMORY_LIMIT} times the baseline's.
 */
final class Goals {
    /** The allocation goal of the benchmarks marked {@code memory}: at most this many times the baseline's bytes. */
    static final double MEMORY_LIMIT = 1.2;

    /** How a ratio is formed and compared. */
    enum Kind {
        /** measured time / baseline time, at most the limit. */
        TIME_AT_MOST,
        /** baseline time / measured time, at least the limit. */
        SPEEDUP_AT_LEAST,
        /** measured time / baseline time, reported with no goal (diagnosis only). */
        TIME_NO_GOAL,
        /** baseline time / measured time, reported with no goal. */
        SPEEDUP_NO_GOAL,
        /**
         * An absolute goal: the Sluice side's time per operation at most the limit, in milliseconds; the ratio to the
         * baseline is shown for context.
         */
        MEASURED_MILLIS_AT_MOST
    }

    /**
     * One reported ratio.
     *
     * @param number the benchmark's number in issue 13
     * @param measured {@code Class.method} of the Sluice path
     * @param baseline {@code Class.method} of its baseline
     * @param kind how the ratio is formed
     * @param limit the goal
     * @param memory whether the allocation goal applies
     * @param note what the row compares, in a few words
     * @param where the parameters the goal holds for ({@code vendor=postgresql}), or {@code null} for all
     */
    record Goal(String number, String measured, String baseline, Kind kind, double limit, boolean memory, String note, String where) {
        Goal(String number, String measured, String baseline, Kind kind, double limit, boolean memory, String note) {
            this(number, measured, baseline, kind, limit, memory, note, null);
        }

        /** Whether the goal holds for a result of these parameters ({@code rows=100000,vendor=mysql}). */
        boolean appliesTo(String params) {
            return where == null || List.of(params.split(",")).contains(where);
        }

        boolean speedUp() {
            return kind == Kind.SPEEDUP_AT_LEAST || kind == Kind.SPEEDUP_NO_GOAL;
        }

        String ratioName() {
            return speedUp() ? method(baseline) + " / " + method(measured) : method(measured) + " / " + method(baseline);
        }

        String goalText() {
            return switch (kind) {
                case TIME_AT_MOST -> "≤ " + fmt(limit);
                case SPEEDUP_AT_LEAST -> "≥ " + fmt(limit);
                case MEASURED_MILLIS_AT_MOST -> "measured ≤ " + String.format("%.0f ms", limit);
                case TIME_NO_GOAL, SPEEDUP_NO_GOAL -> "—";
            };
        }

        double ratio(double measuredScore, double baselineScore) {
            return speedUp() ? baselineScore / measuredScore : measuredScore / baselineScore;
        }

        /** Whether the goal is met by this ratio and the Sluice side's time in milliseconds; {@code null} without a goal. */
        Boolean met(double ratio, double measuredMillis) {
            return switch (kind) {
                case TIME_AT_MOST -> ratio <= limit;
                case SPEEDUP_AT_LEAST -> ratio >= limit;
                case MEASURED_MILLIS_AT_MOST -> measuredMillis <= limit;
                case TIME_NO_GOAL, SPEEDUP_NO_GOAL -> null;
            };
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? String.format("%.0fx", d) : String.format("%.2fx", d);
        }
    }

    private static final String BULK = "BulkInsertBenchmark.bulkInsertSluice";

    static final List<Goal> ALL = List.of(
            new Goal("1", "BorrowBenchmark.borrowSluice", "BorrowBenchmark.borrowHikari", Kind.TIME_AT_MOST, 1.25, true,
                    "borrow + return, stub driver, 1 thread"),
            new Goal("1", "BorrowBenchmark.borrowSluice2Threads", "BorrowBenchmark.borrowHikari2Threads", Kind.TIME_AT_MOST, 1.25, true,
                    "borrow + return, stub driver, 2 threads"),
            new Goal("1", "BorrowBenchmark.borrowSluiceSampled", "BorrowBenchmark.borrowHikari", Kind.TIME_NO_GOAL, 0, true,
                    "the same, 1 thread, with `stats.sample: 16` (opt-in: 1 borrow in 16 timed, counts exact)"),
            new Goal("1", "BorrowBenchmark.borrowSluice", "BorrowBenchmark.borrowHikariMetrics", Kind.TIME_NO_GOAL, 0, true,
                    "borrow + return, 1 thread, vs HikariCP timing every borrow itself (its Micrometer tracker, Prometheus registry)"),
            new Goal("2", "PkSelectBenchmark.selectSluiceNoReset", "PkSelectBenchmark.selectJooq", Kind.TIME_AT_MOST, 1.05, true,
                    "PK select, Database vs plain jOOQ on HikariCP (reset off, as the baseline)"),
            new Goal("2", "PkSelectBenchmark.selectSluiceNoReset", "PkSelectBenchmark.selectJdbc", Kind.TIME_AT_MOST, 1.10, false,
                    "PK select, Database vs raw JDBC PreparedStatement (stretch goal)"),
            new Goal("2", "PkSelectBenchmark.selectSluice", "PkSelectBenchmark.selectJooq", Kind.TIME_AT_MOST, 1.05, false,
                    "PK select, Database with its default reset on return vs plain jOOQ"),
            new Goal("2", "PkSelectBenchmark.selectJooq", "PkSelectBenchmark.selectJdbc", Kind.TIME_NO_GOAL, 0, false,
                    "PK select, plain jOOQ vs raw JDBC: what jOOQ itself costs"),
            new Goal("3", "TenantSelectBenchmark.selectScoped", "TenantSelectBenchmark.selectUnscoped", Kind.TIME_AT_MOST, 1.15, true,
                    "PK select in a transaction, tenant-scoped (RLS on PostgreSQL) vs unscoped"),
            new Goal("3", "TenantFilterBenchmark.joinInTenantScope", "TenantFilterBenchmark.joinFilteredByHand", Kind.TIME_AT_MOST, 1.15,
                    false, "join of two tenant tables in a tenant scope vs the predicates by hand (SQLite)"),
            new Goal("4", "ResetBenchmark.selectWithReset", "ResetBenchmark.selectWithoutReset", Kind.TIME_AT_MOST, 1.10, true,
                    "borrow, SELECT 1, return: session reset vs none"),
            new Goal("4", "PostgresResetBenchmark.discardStepsWithSetRole", "PostgresResetBenchmark.selectOne", Kind.TIME_NO_GOAL, 0, false,
                    "PostgreSQL reset under a role, one round trip (what Sluice sends)"),
            new Goal("4", "PostgresResetBenchmark.discardAllThenSetRole", "PostgresResetBenchmark.selectOne", Kind.TIME_NO_GOAL, 0, false,
                    "PostgreSQL reset under a role, DISCARD ALL + SET ROLE (two round trips)"),
            new Goal("5", "FanOutBenchmark.threeFanOut", "FanOutBenchmark.oneNode", Kind.TIME_AT_MOST, 1.5, false,
                    "query on 3 PostgreSQL nodes at once vs on one node"),
            new Goal("5", "FanOutBenchmark.threeFanOut", "FanOutBenchmark.threeSequential", Kind.TIME_AT_MOST, 0.6, false,
                    "query on 3 PostgreSQL nodes at once vs one after another"),
            new Goal("6", BULK, "BulkInsertBenchmark.jdbcBatches", Kind.SPEEDUP_AT_LEAST, 3, false,
                    "bulk load of 100,000 rows vs JDBC batches, driver defaults (not rewritten)", "vendor=postgresql"),
            new Goal("6", BULK, "BulkInsertBenchmark.jdbcBatchesRewritten", Kind.SPEEDUP_AT_LEAST, 1.5, false,
                    "bulk load vs JDBC batches rewritten into multi-row INSERTs (reWriteBatchedInserts)", "vendor=postgresql"),
            new Goal("6", BULK, "PostgresCopyBenchmark.rawCopy", Kind.SPEEDUP_AT_LEAST, 0.9, false,
                    "bulk load vs hand-written CSV into pgjdbc's CopyManager", "vendor=postgresql"),
            new Goal("6", BULK, "BulkInsertBenchmark.jdbcBatches", Kind.SPEEDUP_AT_LEAST, 3, false,
                    "bulk load of 100,000 rows vs JDBC batches, driver defaults (not rewritten)", "vendor=mysql"),
            new Goal("6", BULK, "BulkInsertBenchmark.jdbcBatchesRewritten", Kind.SPEEDUP_NO_GOAL, 0, false,
                    "bulk load vs JDBC batches rewritten into multi-row INSERTs (rewriteBatchedStatements)", "vendor=mysql"),
            new Goal("6", BULK, "BulkInsertBenchmark.jdbcBatches", Kind.SPEEDUP_NO_GOAL, 0, false,
                    "bulk load of 100,000 rows vs JDBC batches in one transaction", "vendor=sqlite"),
            new Goal("6", BULK, "BulkInsertBenchmark.jooqBatches", Kind.SPEEDUP_NO_GOAL, 0, false,
                    "bulk load vs jOOQ batch(insert).bind() in batches of 1000, driver rewriting on"),
            new Goal("7", "NewConnectionBenchmark.pooled", "NewConnectionBenchmark.newConnection", Kind.SPEEDUP_AT_LEAST, 10, false,
                    "SELECT 1 on a pooled connection vs a new connection per query"),
            new Goal("8", "HealthCheckBenchmark.withHealthChecks", "HealthCheckBenchmark.withoutHealthChecks", Kind.TIME_AT_MOST, 1.02, false,
                    "SELECT 1 throughput, 2 threads, health checks every 100 ms vs off"),
            new Goal("9", "MigrateBenchmark.sluiceMigrate", "MigrateBenchmark.flywayMigrate", Kind.TIME_AT_MOST, 1.1, false,
                    "migrate() of the built-in schema into an empty database vs Flyway alone"),
            new Goal("9", "MigrateBenchmark.sluiceMigrateNoOp", "MigrateBenchmark.sluiceMigrate", Kind.TIME_AT_MOST, 0.5, false,
                    "migrate() with nothing to do vs the first migrate()"),
            new Goal("17", "StudioBrowseBenchmark.firstPageStudio", "StudioBrowseBenchmark.firstPageSelectLimit", Kind.MEASURED_MILLIS_AT_MOST, 1000,
                    false, "studio: first page of a 1M-row table via its browse API (goal: under 1 s, absolute) vs SELECT LIMIT"),
            new Goal("—", "TimingRecordBenchmark.recordSluice", "TimingRecordBenchmark.recordHdrRecorder", Kind.TIME_NO_GOAL, 0, false,
                    "recording one timing, 1 thread (diagnosis of 1)"),
            new Goal("—", "TimingRecordBenchmark.recordSluice2Threads", "TimingRecordBenchmark.recordHdrRecorder2Threads",
                    Kind.TIME_NO_GOAL, 0, false, "recording one timing, 2 threads (diagnosis of 1)"));

    private Goals() {}

    static String method(String name) {
        return name.substring(name.indexOf('.') + 1);
    }
}
