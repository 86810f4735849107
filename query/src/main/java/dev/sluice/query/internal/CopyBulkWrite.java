package dev.sluice.query.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * PostgreSQL bulk loading with {@code COPY ... FROM STDIN (FORMAT csv)} through pgjdbc's {@code CopyManager}: the rows
 * stream to the server as they come (see {@link PgCopyText} for the encoding). Straight into the table, or through a
 * temporary staging table and {@code INSERT ... SELECT} when existing rows are skipped ({@code ON CONFLICT DO NOTHING})
 * or when row-level security applies to the session (COPY FROM refuses such tables; the INSERT goes through the
 * policies like any other).
 */
final class CopyBulkWrite implements BulkWrite {
    static final CopyBulkWrite INSTANCE = new CopyBulkWrite();
    private static final String STAGE = "sluice_bulk_stage";
    private static final int BUFFER = 1 << 16;

    private CopyBulkWrite() {}

    @Override
    public <R extends Record> long write(DSLContext tx, Connection connection, QueryDialect dialect, Table<R> table, BulkRows rows,
            boolean skipExisting) throws SQLException, IOException {
        String target = tx.render(table);
        StringJoiner names = new StringJoiner(", ");
        for (Field<?> f : rows.columns()) {
            names.add(tx.render(DSL.name(f.getName())));
        }
        String columns = names.toString();
        boolean stage = skipExisting || rowSecurityActive(connection, target);
        if (stage) {
            execute(connection, "CREATE TEMPORARY TABLE " + STAGE + " ON COMMIT DROP AS SELECT " + columns + " FROM " + target
                    + " WITH NO DATA");
        }
        long copied = copy(connection, "COPY " + (stage ? STAGE : target) + " (" + columns + ") FROM STDIN (FORMAT csv)", rows);
        if (!stage) {
            return copied;
        }
        StringJoiner key = new StringJoiner(", ");
        if (skipExisting) {
            QueryDialect.primaryKey(table).getFields().forEach(f -> key.add(tx.render(DSL.name(f.getName()))));
        }
        long inserted = execute(connection, "INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM " + STAGE
                + (skipExisting ? " ON CONFLICT (" + key + ") DO NOTHING" : ""));
        execute(connection, "DROP TABLE " + STAGE); // so that the same transaction can load again
        return inserted;
    }

    /** Whether row-level security filters this session's access to the table (not for superusers and BYPASSRLS roles). */
    private static boolean rowSecurityActive(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT row_security_active(?::regclass)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static long execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeLargeUpdate(sql);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static long copy(Connection c, String sql, BulkRows rows) throws SQLException, IOException {
        Field<?>[] columns = rows.columns();
        Converter[] converters = new Converter[columns.length];
        for (int i = 0; i < columns.length; i++) {
            converters[i] = columns[i].getConverter();
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        PGCopyOutputStream out = new PGCopyOutputStream(copy, BUFFER);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder(256);
        try {
            while (rows.hasNext()) {
                Object[] values = rows.next();
                line.setLength(0);
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    try {
                        PgCopyText.appendCsv(line, values[i] == null ? null : converters[i].to(values[i]));
                    } catch (PgCopyText.UnstorableValueException e) {
                        throw new IllegalArgumentException("Cannot bulk insert into " + rows.table() + ": row " + rows.read()
                                + ", column " + columns[i].getName() + ": " + e.getMessage(), e);
                    }
                }
                writer.append(line).append('\n');
                rows.written();
            }
            writer.flush();
            return out.endCopy();
        } catch (RuntimeException | SQLException | IOException e) {
            cancel(copy, e);
            throw e;
        }
    }

    /** Ends a COPY that will not complete, so the connection can roll back and be used again. */
    private static void cancel(CopyIn copy, Exception cause) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
