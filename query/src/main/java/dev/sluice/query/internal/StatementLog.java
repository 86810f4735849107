package dev.sluice.query.internal;

import dev.sluice.connection.LentConnection;
import dev.sluice.query.QueryLogging;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.ExecuteType;
import org.jooq.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each statement (see {@link QueryLogging}) and records it in the Micrometer meters when there are any. The hot
 * path, with DEBUG off and no slow statement, is one {@code System.nanoTime()} at each end and a level check.
 *
 * <p>jOOQ asks this provider for a listener per statement it runs, and each gets a small object of its own that keeps
 * the start time: keeping it in the {@link ExecuteContext}'s data instead made jOOQ create a hash map for it per
 * statement (with the boxed time, about 170 bytes).
 */
public final class StatementLog implements ExecuteListenerProvider {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(QueryLogging.LOGGER);
    /** Column names whose values are never logged. */
    private static final Pattern SECRET = Pattern.compile("(?i)passw|passwd|secret|token|credential|api_?key");

    private final String pool;
    private final transient QueryLogging logging;
    private final transient StatementMeters meters;
    private final long slowNanos;

    /**
     * @param pool the pool's name, logged with each statement
     * @param meters the Micrometer meters, or {@code null}
     */
    public StatementLog(String pool, QueryLogging logging, StatementMeters meters) {
        this.pool = pool;
        this.logging = logging;
        this.meters = meters;
        this.slowNanos = logging.slowQueryThreshold().toNanos();
    }

    /** A listener for one statement. */
    @Override
    public ExecuteListener provide() {
        return new Execution();
    }

    /** The listener of one statement: its start time, and the log line at its end. */
    private final class Execution implements ExecuteListener {
        private static final long serialVersionUID = 1L;
        private long started;
        private boolean running;

        @Override
        public void start(ExecuteContext ctx) {
            started = System.nanoTime();
            running = true;
        }

        @Override
        public void end(ExecuteContext ctx) {
            if (running) {
                running = false;
                ended(ctx, System.nanoTime() - started);
            }
        }
    }

    private void ended(ExecuteContext ctx, long nanos) {
        boolean slow = nanos > slowNanos;
        if (meters == null && !slow && !LOG.isDebugEnabled()) {
            return;
        }
        String sql = sql(ctx);
        String kind = kind(ctx.type(), sql);
        boolean failed = ctx.exception() != null || ctx.sqlException() != null;
        if (meters != null) {
            meters.record(kind, failed, nanos);
        }
        if (!slow && !LOG.isDebugEnabled()) {
            return;
        }
        String line = String.format(Locale.ROOT, "%s %.3f ms rows=%s %s conn=%s binds=%s%s | %s", kind, nanos / 1e6, rows(ctx),
                failed ? "failed" : "ok", pool + "#" + connectionId(ctx.connection()), binds(ctx.query(), sql),
                failed ? " error=" + firstLine(ctx.exception() != null ? ctx.exception().getMessage() : ctx.sqlException().getMessage()) : "",
                sql);
        if (slow) {
            LOG.warn("slow query (over {} ms): {}", logging.slowQueryThreshold().toMillis(), line);
        } else {
            LOG.debug(line);
        }
    }

    private static String sql(ExecuteContext ctx) {
        if (ctx.sql() != null) {
            return ctx.sql();
        }
        String[] batch = ctx.batchSQL();
        return batch.length == 0 ? "" : String.join("; ", batch);
    }

    /** select, insert, update, delete, ddl, or other. */
    static String kind(ExecuteType type, String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && end < 10 && Character.isLetter(s.charAt(end))) {
            end++;
        }
        String first = s.substring(0, end).toLowerCase(Locale.ROOT);
        return switch (first) {
            case "select", "insert", "update", "delete" -> first;
            case "with" -> type == ExecuteType.READ ? "select" : "other";
            case "create", "alter", "drop", "truncate" -> "ddl";
            default -> type == ExecuteType.DDL ? "ddl" : "other";
        };
    }

    private static String rows(ExecuteContext ctx) {
        if (ctx.result() != null) {
            return Integer.toString(ctx.result().size());
        }
        return ctx.rows() >= 0 ? Integer.toString(ctx.rows()) : "?";
    }

    private String binds(Query query, String sql) {
        if (query == null) {
            return "[]";
        }
        List<Object> values = query.getBindValues();
        if (values.isEmpty()) {
            return "[]";
        }
        if (!logging.logBindValues()) {
            return "[" + values.size() + " redacted]";
        }
        if (SECRET.matcher(sql).find()) {
            return "[" + values.size() + " <redacted>: the statement names a password, secret or token column]";
        }
        List<String> shown = new ArrayList<>(values.size());
        for (Object v : values) {
            shown.add(v instanceof CharSequence ? "'" + v + "'" : String.valueOf(v));
        }
        return shown.toString();
    }

    /**
     * The physical connection behind the pool's handles (new at each borrow), so that two statements on one connection
     * show the same id: asked of the handle ({@link LentConnection}), as unwrapping to the driver's connection would make
     * the borrow's return reset the session.
     */
    private static String connectionId(Connection c) {
        try {
            return c != null && c.isWrapperFor(LentConnection.class) ? c.unwrap(LentConnection.class).physicalId() : "-";
        } catch (SQLException e) {
            return "-";
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
