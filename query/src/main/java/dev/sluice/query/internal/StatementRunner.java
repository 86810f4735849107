package dev.sluice.query.internal;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.query.StatementFailedException;
import dev.sluice.query.StatementResult;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one SQL statement given as text on a pooled connection, in its own transaction: read-only unless writes are
 * allowed, committed when it succeeds, rolled back when it fails. Values are turned into plain Java values for printing
 * (see {@link StatementResult}).
 */
public final class StatementRunner {
    private static final HexFormat HEX = HexFormat.of();

    private StatementRunner() {}

    /**
     * Runs {@code sql}.
     *
     * @param onCancel told how to cancel the running statement (for a fan-out's deadline)
     * @throws StatementFailedException with the database's message
     */
    public static StatementResult run(ConnectionManager connections, QueryDialect dialect, String sql, boolean writes, int maxRows,
            Consumer<Runnable> onCancel) {
        Connection c;
        try {
            c = connections.getConnection();
        } catch (SQLException e) {
            throw new StatementFailedException(message(e, writes), e);
        }
        boolean readOnly = false;
        try {
            c.setAutoCommit(false);
            if (!writes) {
                dialect.beginReadOnly(c);
                readOnly = true;
            }
            StatementResult result;
            try (Statement s = c.createStatement()) {
                onCancel.accept(() -> cancel(s));
                s.setMaxRows(maxRows + 1);
                long start = System.nanoTime();
                result = s.execute(sql) ? rows(s.getResultSet(), maxRows, start) : new StatementResult(List.of(), List.of(),
                        Math.max(0, s.getLargeUpdateCount()), false, Duration.ofNanos(System.nanoTime() - start));
            }
            dialect.vendor().commit(c);
            release(c, dialect, readOnly, null);
            return result;
        } catch (SQLException e) {
            StatementFailedException failure = new StatementFailedException(message(e, writes), e);
            release(c, dialect, readOnly, failure);
            throw failure;
        } catch (RuntimeException e) {
            release(c, dialect, readOnly, e);
            throw e;
        }
    }

    /**
     * Ends read-only mode, rolls back what is left of a failed transaction, returns to auto-commit and hands the
     * connection back. Read-only mode ends first: SQLite's {@code query_only} would also refuse the driver's own
     * {@code BEGIN} after a rollback. What fails here is added to {@code failure}, or dropped after a success (the
     * statement's outcome is known; the pool resets or evicts the connection).
     */
    private static void release(Connection c, QueryDialect dialect, boolean readOnly, Exception failure) {
        try (c) {
            if (readOnly) {
                dialect.endReadOnly(c);
            }
            if (failure != null && !c.getAutoCommit()) {
                c.rollback();
            }
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    private static StatementResult rows(ResultSet rs, int maxRows, long start) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<String> columns = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                columns.add(md.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            boolean truncated = false;
            while (rs.next()) {
                if (rows.size() == maxRows) {
                    truncated = true;
                    break;
                }
                Object[] row = new Object[n];
                for (int i = 1; i <= n; i++) {
                    row[i - 1] = plain(rs.getObject(i));
                }
                rows.add(Arrays.asList(row));
            }
            return new StatementResult(columns, rows, -1, truncated, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** A value fit for printing and JSON. */
    static Object plain(Object v) throws SQLException {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Number n -> n;
            case byte[] b -> "\\x" + HEX.formatHex(b);
            case java.sql.Timestamp t -> t.toLocalDateTime().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Time t -> t.toLocalTime().toString();
            case Array a -> {
                List<Object> out = new ArrayList<>();
                for (Object e : (Object[]) a.getArray()) {
                    out.add(plain(e));
                }
                yield out;
            }
            case Object[] a -> {
                List<Object> out = new ArrayList<>();
                for (Object e : a) {
                    out.add(plain(e));
                }
                yield out;
            }
            default -> v.toString();
        };
    }

    /** The database's message on one line; a write refused in a read-only transaction says how to allow it. */
    private static String message(SQLException e, boolean writes) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s*\\R\\s*", " ").strip();
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (!writes && (lower.contains("read-only transaction") || lower.contains("read only transaction")
                || lower.contains("readonly database"))) {
            m += " (the statement ran read-only; allow writes to change data)";
        }
        return m;
    }

    private static void cancel(Statement s) {
        try {
            s.cancel();
        } catch (SQLException | RuntimeException e) {
            // the deadline passed; the statement may have finished or its connection gone
        }
    }
}
