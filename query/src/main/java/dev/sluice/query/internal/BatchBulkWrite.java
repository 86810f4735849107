package dev.sluice.query.internal;

import java.sql.Connection;
import java.sql.Statement;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Bulk loading as JDBC batches of one prepared {@code INSERT}, bound through jOOQ (so each column's binding and
 * converter apply, as for any jOOQ insert). On MySQL and MariaDB Connector/J sends each batch as one multi-row
 * {@code INSERT} ({@code rewriteBatchedStatements}, set by the vendor descriptor); on SQLite the rows of a batch run one
 * after the other inside the load's one {@code BEGIN IMMEDIATE} transaction, which is what makes them fast there.
 */
final class BatchBulkWrite implements BulkWrite {
    /** JDBC batches, whose counts are exact (SQLite). */
    static final BatchBulkWrite INSTANCE = new BatchBulkWrite(false);
    /**
     * JDBC batches; when existing rows are skipped, the rows inserted are counted in the table before and after, in
     * the load's transaction. Connector/J answers a rewritten {@code ON DUPLICATE KEY UPDATE} batch with
     * {@link Statement#SUCCESS_NO_INFO}, and even an explicit multi-row statement counts a found row as affected (it
     * connects with CLIENT_FOUND_ROWS), so the driver cannot tell inserted from skipped rows. Under REPEATABLE READ (the
     * default) the second count sees the first one's snapshot plus this load's rows, so the difference is exact.
     */
    static final BatchBulkWrite COUNTING_WHEN_SKIPPING = new BatchBulkWrite(true);

    private final boolean countWhenSkipping;

    private BatchBulkWrite(boolean countWhenSkipping) {
        this.countWhenSkipping = countWhenSkipping;
    }

    @Override
    public <R extends Record> long write(DSLContext tx, Connection connection, QueryDialect dialect, Table<R> table, BulkRows rows,
            boolean skipExisting) throws java.sql.SQLException {
        Field<?>[] columns = rows.columns();
        Field<?>[] params = new Field<?>[columns.length];
        for (int i = 0; i < columns.length; i++) {
            params[i] = param(columns[i], rows.templateValue(i));
        }
        var insert = tx.insertInto(table).columns(columns).values(params);
        Query query = skipExisting ? dialect.skipExisting(insert, table) : insert;
        boolean counting = skipExisting && countWhenSkipping;
        long before = counting ? tx.fetchCount(table) : 0;
        long inserted = 0;
        JdbcSetters.Setter[] setters = JdbcSetters.of(columns);
        if (setters != null && tx.extractBindValues(query).size() == columns.length) {
            inserted = direct(connection, tx.render(query), setters, rows, skipExisting);
            return counting ? tx.fetchCount(table) - before : inserted;
        }
        while (rows.hasNext()) {
            BatchBindStep batch = tx.batch(query);
            int n = 0;
            while (n < rows.batchSize() && rows.hasNext()) {
                batch = batch.bind(rows.next().clone());
                n++;
            }
            inserted += inserted(batch.execute(), n, skipExisting);
            rows.written();
        }
        return counting ? tx.fetchCount(table) - before : inserted;
    }

    /** The same batches on a statement of jOOQ's SQL, bound with plain JDBC setters (see {@link JdbcSetters}). */
    private static long direct(Connection c, String sql, JdbcSetters.Setter[] setters, BulkRows rows, boolean skipExisting)
            throws java.sql.SQLException {
        long inserted = 0;
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            while (rows.hasNext()) {
                int n = 0;
                while (n < rows.batchSize() && rows.hasNext()) {
                    Object[] values = rows.next();
                    for (int i = 0; i < values.length; i++) {
                        setters[i].set(ps, i + 1, values[i]);
                    }
                    ps.addBatch();
                    n++;
                }
                inserted += inserted(ps.executeBatch(), n, skipExisting);
                rows.written();
            }
        }
        return inserted;
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> param(Field<T> column, Object template) {
        // the template's value is never sent (each row is bound); the tenant column's shows the tenant filter whose rows these are
        return DSL.val((T) template, column);
    }

    /** The rows a batch inserted; a rewritten batch may answer {@link Statement#SUCCESS_NO_INFO}, when every row counts. */
    private static long inserted(int[] counts, int rows, boolean skipExisting) {
        long sum = 0;
        boolean unknown = false;
        for (int c : counts) {
            if (c >= 0) {
                sum += c;
            } else {
                unknown = true;
            }
        }
        return unknown && !skipExisting ? rows : sum;
    }
}
