package dev.sluice.query.internal;

import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.Vendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Field;
import org.jooq.Insert;
import org.jooq.InsertOnDuplicateSetStep;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DefaultExecuteListenerProvider;

/** MySQL and MariaDB: MariaDB gets jOOQ's MariaDB dialect, and inserts skip existing keys without INSERT IGNORE. */
final class MySqlQueryDialect extends QueryDialect {
    MySqlQueryDialect() {
        super(Vendor.MYSQL, SQLDialect.MYSQL);
    }

    /** MariaDB apart from MySQL, as their SQL differs: the MYSQL dialect renders cast(? as json), which MariaDB rejects. */
    @Override
    public SQLDialect dialect(ServerInfo server) {
        return server != null && server.isMariaDb() ? SQLDialect.MARIADB : super.dialect(server);
    }

    /**
     * MySQL's: jOOQ 3.21's MARIADB metadata asks {@code information_schema.COLUMNS} for the system-versioning columns
     * ({@code IS_SYSTEM_TIME_PERIOD_START}) that MariaDB 10.x does not have; MySQL's metadata queries read what both have.
     */
    @Override
    public SQLDialect metadataDialect(SQLDialect dialect) {
        return SQLDialect.MYSQL;
    }

    /** On MariaDB, with {@link MariaDbReturning}, so {@code INSERT ... RETURNING} runs through Connector/J. */
    @Override
    public Configuration configuration(SQLDialect dialect, ConnectionProvider connections) {
        Configuration c = super.configuration(dialect, connections);
        if (dialect.family() == SQLDialect.MARIADB) {
            c.set(new DefaultExecuteListenerProvider(new MariaDbReturning()));
        }
        return c;
    }

    /**
     * MariaDB: {@code max_statement_time} (seconds, fractions allowed) for the session, set back to the server's
     * default when the transaction ends. MySQL: {@code max_execution_time} (milliseconds; it limits SELECT only).
     */
    @Override
    public void beginStatementTimeout(Connection c, Duration timeout) throws SQLException {
        if (isMariaDb(c)) {
            execute(c, "SET SESSION max_statement_time = " + java.math.BigDecimal.valueOf(timeout.toMillis(), 3).toPlainString());
        } else {
            execute(c, "SET SESSION max_execution_time = " + timeout.toMillis());
        }
    }

    @Override
    public void endStatementTimeout(Connection c) throws SQLException {
        execute(c, isMariaDb(c) ? "SET SESSION max_statement_time = DEFAULT" : "SET SESSION max_execution_time = DEFAULT");
    }

    private static boolean isMariaDb(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductVersion().toLowerCase(java.util.Locale.ROOT).contains("mariadb");
    }

    /**
     * {@code ON DUPLICATE KEY UPDATE pk = pk}, not {@code INSERT IGNORE}, which would also swallow foreign key and data
     * errors. It skips rows whose primary or any unique key exists.
     */
    @Override
    public <R extends Record> Insert<R> skipExisting(InsertValuesStepN<R> insert, Table<R> table) {
        return keepKey(insert.onDuplicateKeyUpdate(), primaryKey(table).getFields().get(0));
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record, T> Insert<R> keepKey(InsertOnDuplicateSetStep<R> step, TableField<R, T> key) {
        return step.set(key, (Field<T>) key);
    }

    /** Multi-row batches; see {@link BatchBulkWrite#COUNTING_WHEN_SKIPPING} for how skipped rows are counted. */
    @Override
    BulkWrite bulkWrite() {
        return BatchBulkWrite.COUNTING_WHEN_SKIPPING;
    }
}
