package dev.sluice.query.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;

/** How a vendor writes the rows of a bulk load, inside the transaction the caller opened. */
interface BulkWrite {
    /**
     * Writes every row.
     *
     * @param tx the transaction's context (bound to {@code connection})
     * @param connection the transaction's connection
     * @param dialect the vendor's query dialect
     * @param table the target table
     * @param rows the rows; {@link BulkRows#written()} after each batch
     * @param skipExisting whether rows whose key exists are skipped rather than failing the load
     * @return rows inserted (skipped ones not counted)
     */
    <R extends Record> long write(DSLContext tx, Connection connection, QueryDialect dialect, Table<R> table, BulkRows rows,
            boolean skipExisting) throws SQLException, java.io.IOException;
}
