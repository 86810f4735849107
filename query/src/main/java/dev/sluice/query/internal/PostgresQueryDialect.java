package dev.sluice.query.internal;

import dev.sluice.connection.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Identity;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** PostgreSQL: identity sequences that need moving after explicit values, and row-level security for tenants. */
final class PostgresQueryDialect extends QueryDialect {
    PostgresQueryDialect() {
        super(Vendor.POSTGRESQL, SQLDialect.POSTGRES);
    }

    /**
     * PostgreSQL's identity sequence does not see explicit values (MySQL's AUTO_INCREMENT and SQLite's AUTOINCREMENT
     * move past them by themselves). The sequence never moves back: it goes past the largest of its own last value,
     * the rows this session can see (row-level security may hide some) and the largest value just inserted.
     */
    @Override
    public void alignIdentity(DSLContext dsl, Table<?> table, long insertedMax) {
        Identity<?, ?> identity = table.getIdentity();
        if (identity == null) {
            return;
        }
        String column = identity.getField().getName();
        // trusted: the library's own statement, which reads no tenant's rows beyond what row-level security shows
        dsl.fetch(new TrustedSql(DSL.sql("SELECT setval(q.s, GREATEST(COALESCE(pg_sequence_last_value(q.s::regclass), 0), "
                        + "COALESCE((SELECT MAX({2}) FROM {3}), 0), {4}) + 1, false) "
                        + "FROM (SELECT pg_get_serial_sequence({0}, {1}) AS s) q",
                DSL.inline(table.getName()), DSL.inline(column), DSL.name(column), table, DSL.inline(insertedMax))));
    }

    /** {@code SET LOCAL statement_timeout} in milliseconds: it ends with the transaction. */
    @Override
    public void beginStatementTimeout(Connection c, Duration timeout) throws SQLException {
        execute(c, "SET LOCAL statement_timeout = " + timeout.toMillis());
    }

    /**
     * Sets the tenant for this transaction only ({@code set_config(..., true)}): the row-level security policies read
     * it, and it ends with the transaction, so a pooled connection never carries it over to the next borrower (nor
     * does the connection need a session reset for it). Plain JDBC: every tenant transaction sends it, and jOOQ's plain
     * SQL template (parsed on each use) and result cost more client CPU than the statement itself.
     */
    @Override
    public void enterTenant(Connection c, String setting, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
            ps.setString(1, setting);
            ps.setString(2, tenant.toString());
            ps.executeQuery().close();
        }
    }

    /** {@code COPY ... FROM STDIN} through pgjdbc's {@code CopyManager}. */
    @Override
    BulkWrite bulkWrite() {
        return CopyBulkWrite.INSTANCE;
    }
}
