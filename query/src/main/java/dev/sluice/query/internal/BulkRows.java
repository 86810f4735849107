package dev.sluice.query.internal;

import dev.sluice.query.ProgressListener;
import java.util.Iterator;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The rows of one bulk load as the vendor's writer takes them: the values of the loaded columns, one array per row
 * (reused: a writer must not keep it), counted, with progress told after every batch and at the end.
 */
final class BulkRows {
    private final String table;
    private final Field<?>[] columns;
    private final Iterator<? extends Record> records;
    private final long total;
    private final int batchSize;
    private final ProgressListener progress;
    private final int identity;
    private final Object[] values;
    private Record pending;
    private long read;
    private long reported;
    private long maxIdentity = Long.MIN_VALUE;
    private int tenantAt = -1;
    private Object tenantValue;

    BulkRows(String table, Field<?>[] columns, Record first, Iterator<? extends Record> rest, long total, int batchSize,
            ProgressListener progress, int identity) {
        this.table = table;
        this.columns = columns;
        this.pending = first;
        this.records = rest;
        this.total = total;
        this.batchSize = batchSize;
        this.progress = progress;
        this.identity = identity;
        this.values = new Object[columns.length];
    }

    /**
     * Loads the rows as one tenant's (a load in a tenant-scoped transaction into a tenant table): a row without a
     * value in the tenant column gets the tenant's, a row with another tenant's value is refused, so a bulk load keeps
     * the promise of the tenant filter, which sees only the statement's template and not the rows bound to it.
     *
     * @param column the position of the tenant column among {@link #columns()}
     * @param tenant the tenant, in the column's type
     */
    void scopeTo(int column, Object tenant) {
        this.tenantAt = column;
        this.tenantValue = tenant;
    }

    /** The value a statement template holds for column {@code i}: the tenant's for the tenant column, else null. */
    Object templateValue(int i) {
        return i == tenantAt ? tenantValue : null;
    }

    /** The loaded columns, in the order of each row's values. */
    Field<?>[] columns() {
        return columns;
    }

    /** The table's name, for messages. */
    String table() {
        return table;
    }

    /** Rows per batch. */
    int batchSize() {
        return batchSize;
    }

    boolean hasNext() {
        return pending != null || records.hasNext();
    }

    /** The next row's values, as the records hold them (the user's types); the array is reused for the next row. */
    Object[] next() {
        Record r = pending != null ? pending : records.next();
        pending = null;
        if (r == null) {
            throw new IllegalArgumentException("Cannot bulk insert into " + table + ": row " + (read + 1) + " is null");
        }
        for (int i = 0; i < columns.length; i++) {
            values[i] = r.get(columns[i]);
        }
        if (tenantAt >= 0) {
            Object v = values[tenantAt];
            if (v == null) {
                values[tenantAt] = tenantValue;
            } else if (!v.toString().equalsIgnoreCase(tenantValue.toString())) {
                throw new dev.sluice.query.TenantViolationException("A bulk insert into " + table + " in a tenant-scoped transaction sets "
                        + columns[tenantAt].getName() + " to " + v + " in row " + (read + 1) + ", not to the transaction's tenant "
                        + tenantValue + "; rows cannot be written for another tenant");
            }
        }
        if (identity >= 0 && values[identity] instanceof Number n) {
            maxIdentity = Math.max(maxIdentity, n.longValue());
        }
        read++;
        return values;
    }

    /** Rows taken so far; the number of the row last taken (1-based), for messages. */
    long read() {
        return read;
    }

    /** Tells the listener when a batch's worth of rows was written since it was last told. */
    void written() {
        if (read - reported >= batchSize) {
            report();
        }
    }

    /** Tells the listener the rows written so far (at the end of a load). */
    void report() {
        reported = read;
        progress.progress(table, read, total);
    }

    /** The largest identity value loaded, or {@link Long#MIN_VALUE} when none was. */
    long maxIdentity() {
        return maxIdentity;
    }
}
