package dev.sluice.query;

import dev.sluice.connection.ConfigException;
import java.time.Duration;

/**
 * How {@link Database} logs its statements, through the SLF4J logger {@value #LOGGER}: each statement at DEBUG
 * (kind, duration, rows, the pool and connection it ran on, the SQL with {@code ?} for its bind values), and at WARN
 * any statement that took longer than {@link #slowQueryThreshold()}. With a Micrometer registry in the connection
 * config, each statement also counts in {@code sluice.query.statements} and times in {@code sluice.query.duration},
 * tagged {@code pool}, {@code kind} (select, insert, update, delete, ddl, other) and, for the counter,
 * {@code outcome}.
 *
 * <p>Bind values are not logged unless {@link #logBindValues()}; even then, not for a statement that names a column
 * like {@code password}, {@code secret} or {@code token} (all of its bind values are shown as {@code <redacted>},
 * since which value belongs to which column is not known from the SQL text).
 *
 * @param logBindValues whether DEBUG lines show bind values (default false)
 * @param slowQueryThreshold statements that take longer are logged at WARN (default 1s; 1ms to 1h)
 */
public record QueryLogging(boolean logBindValues, Duration slowQueryThreshold) {
    /** The SLF4J logger of statements. */
    public static final String LOGGER = "dev.sluice.query.sql";

    private static final QueryLogging DEFAULTS = new QueryLogging(false, Duration.ofSeconds(1));

    /** Checks the values. */
    public QueryLogging {
        if (slowQueryThreshold == null || slowQueryThreshold.toMillis() < 1 || slowQueryThreshold.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("logging.slow-query-threshold", slowQueryThreshold, "a duration from 1ms to 1h");
        }
    }

    /** Bind values redacted, slow above 1s. */
    public static QueryLogging defaults() {
        return DEFAULTS;
    }

    /** A copy that shows bind values (never those of password, secret or token columns) or not. */
    public QueryLogging withBindValues(boolean show) {
        return new QueryLogging(show, slowQueryThreshold);
    }

    /** A copy with another slow-query threshold (1ms to 1h). */
    public QueryLogging withSlowQueryThreshold(Duration threshold) {
        return new QueryLogging(logBindValues, threshold);
    }
}
