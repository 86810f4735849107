package dev.sluice.query.internal;

import dev.sluice.query.BulkOptions;
import dev.sluice.query.ConflictPolicy;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * Loads many rows into one table inside a transaction the caller opened, with the vendor's fastest way in (see
 * {@link QueryDialect#bulkWrite()}: COPY on PostgreSQL, multi-row batches elsewhere). Works for any jOOQ table: the
 * columns are the table's fields, except computed ones, and except its identity column when the first row leaves it
 * empty (the database then generates it for every row). After rows with explicit identity values the identity is
 * moved past them, as for any insert with explicit keys.
 */
public final class BulkLoader {
    private BulkLoader() {}

    /**
     * Writes {@code records} into {@code table}.
     *
     * @param tx the transaction's context, bound to one connection
     * @param tenantTables which tables belong to tenants
     * @param tenant the tenant of the transaction, or {@code null} outside a tenant scope
     * @param total the number of records, or -1 when not known (a stream)
     * @return rows inserted (rows skipped as existing not counted)
     * @throws IllegalArgumentException when existing rows are to be skipped and the table has no primary key, or a
     *     value cannot be stored (the message names the row and column)
     * @throws DataAccessException when the database refuses the rows (its message included)
     */
    public static <R extends Record> long load(DSLContext tx, QueryDialect dialect, Table<R> table, Iterator<? extends R> records,
            long total, BulkOptions options, TenantTables tenantTables, java.util.UUID tenant) {
        boolean skip = options.conflict() == ConflictPolicy.SKIP_EXISTING;
        if (skip && table.getPrimaryKey() == null) {
            throw new IllegalArgumentException("Cannot skip existing rows of table " + table.getName() + ": it has no primary key, "
                    + "so existing rows cannot be recognised; load it with ConflictPolicy.FAIL");
        }
        if (!records.hasNext()) {
            options.progress().progress(table.getName(), 0, total);
            return 0;
        }
        R first = records.next();
        Field<?>[] columns = columns(table, first);
        Field<?> identityField = table.getIdentity() == null ? null : table.getIdentity().getField();
        int identity = -1;
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(identityField)) {
                identity = i;
            }
        }
        BulkRows rows = new BulkRows(table.getName(), columns, first, records, total, options.batchSize(), options.progress(), identity);
        if (tenant != null && tenantTables.isTenantTable(table)) {
            for (int i = 0; i < columns.length; i++) {
                if (columns[i].getName().equalsIgnoreCase(tenantTables.column())) {
                    rows.scopeTo(i, columns[i].getDataType().convert(tenant));
                }
            }
        }
        long inserted = tx.connectionResult(c -> {
            try {
                return dialect.bulkWrite().write(tx, c, dialect, table, rows, skip);
            } catch (IOException e) {
                throw new DataAccessException("Bulk insert into " + table.getName() + " failed after " + rows.read() + " rows: "
                        + e.getMessage(), e);
            } catch (SQLException e) {
                throw failed(table, rows, e.getMessage(), e);
            } catch (DataAccessException e) {
                throw failed(table, rows, e.getCause() instanceof SQLException s ? s.getMessage() : e.getMessage(), e);
            }
        });
        rows.report();
        if (rows.maxIdentity() != Long.MIN_VALUE) {
            dialect.alignIdentity(tx, table, rows.maxIdentity());
        }
        return inserted;
    }

    /** The database's own message, after the table and how far the load got (nothing of it stays). */
    private static DataAccessException failed(Table<?> table, BulkRows rows, String message, Exception cause) {
        return new DataAccessException("Bulk insert into " + table.getName() + " failed (" + rows.read() + " rows sent, none kept): "
                + message, cause);
    }

    /** The columns to load: every field but computed ones, and the identity when the first row has no value for it. */
    private static Field<?>[] columns(Table<?> table, Record first) {
        Field<?> identity = table.getIdentity() == null ? null : table.getIdentity().getField();
        List<Field<?>> out = new ArrayList<>();
        for (Field<?> f : table.fields()) {
            if (f.getDataType().computed() || f.equals(identity) && first.get(f) == null) {
                continue;
            }
            out.add(f);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Cannot bulk insert into " + table.getName() + ": it has no column to write");
        }
        return out.toArray(Field<?>[]::new);
    }
}
