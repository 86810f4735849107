package dev.sluice.query.internal;

import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.Vendor;
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
