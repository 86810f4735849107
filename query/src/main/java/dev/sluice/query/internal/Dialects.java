package dev.sluice.query.internal;

import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.Vendor;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/** The jOOQ side of each vendor: its dialect (MariaDB apart from MySQL, as their SQL differs) and common settings. */
public final class Dialects {
    private Dialects() {}

    /** The dialect for a server. */
    public static SQLDialect of(Vendor vendor, ServerInfo server) {
        return switch (vendor) {
            case POSTGRESQL -> SQLDialect.POSTGRES;
            // the MYSQL dialect renders cast(? as json), which MariaDB rejects
            case MYSQL -> server != null && server.isMariaDb() ? SQLDialect.MARIADB : SQLDialect.MYSQL;
            case SQLITE -> SQLDialect.SQLITE;
        };
    }

    /** The jOOQ configuration for a dialect: settings, plus the MariaDB RETURNING fix where needed. */
    public static org.jooq.Configuration configuration(SQLDialect dialect, org.jooq.ConnectionProvider connections) {
        org.jooq.impl.DefaultConfiguration c = new org.jooq.impl.DefaultConfiguration();
        c.set(dialect);
        c.set(settings());
        c.set(connections);
        if (dialect.family() == SQLDialect.MARIADB) {
            c.set(new org.jooq.impl.DefaultExecuteListenerProvider(new MariaDbReturning()));
        }
        return c;
    }

    /**
     * After rows were inserted with explicit values in an identity column, makes the next generated value follow
     * them. Only PostgreSQL needs it: its identity sequence does not see explicit values, while MySQL's
     * AUTO_INCREMENT and SQLite's AUTOINCREMENT move past them by themselves. The sequence never moves back: it goes
     * past the largest of its own last value, the rows this session can see (row-level security may hide some) and
     * the largest value just inserted.
     */
    public static void alignIdentity(org.jooq.DSLContext dsl, org.jooq.Table<?> table, long insertedMax) {
        org.jooq.Identity<?, ?> identity = table.getIdentity();
        if (identity == null || dsl.dialect().family() != SQLDialect.POSTGRES) {
            return;
        }
        String column = identity.getField().getName();
        dsl.fetch("SELECT setval(q.s, GREATEST(COALESCE(pg_sequence_last_value(q.s::regclass), 0), "
                        + "COALESCE((SELECT MAX({2}) FROM {3}), 0), {4}) + 1, false) "
                        + "FROM (SELECT pg_get_serial_sequence({0}, {1}) AS s) q",
                org.jooq.impl.DSL.inline(table.getName()), org.jooq.impl.DSL.inline(column),
                org.jooq.impl.DSL.name(column), table, org.jooq.impl.DSL.inline(insertedMax));
    }

    /**
     * Makes an insert skip rows whose key exists. PostgreSQL and SQLite: {@code ON CONFLICT (pk) DO NOTHING}. MySQL
     * and MariaDB: {@code ON DUPLICATE KEY UPDATE pk = pk}, not {@code INSERT IGNORE}, which would also swallow
     * foreign key and data errors.
     */
    public static <R extends org.jooq.Record> org.jooq.Insert<R> skipExisting(org.jooq.InsertValuesStepN<R> insert, org.jooq.Table<R> table) {
        org.jooq.UniqueKey<R> pk = table.getPrimaryKey();
        if (pk == null) {
            throw new IllegalArgumentException("Table " + table.getName() + " has no primary key, so existing rows cannot be recognised");
        }
        SQLDialect family = insert.configuration() == null ? null : insert.configuration().dialect().family();
        if (family == SQLDialect.MYSQL || family == SQLDialect.MARIADB) {
            return keepKey(insert.onDuplicateKeyUpdate(), pk.getFields().get(0));
        }
        return insert.onConflict(pk.getFields()).doNothing();
    }

    private static <R extends org.jooq.Record, T> org.jooq.Insert<R> keepKey(org.jooq.InsertOnDuplicateSetStep<R> step,
            org.jooq.TableField<R, T> key) {
        return step.set(key, (org.jooq.Field<T>) key);
    }

    /** Settings shared by every vendor. */
    public static Settings settings() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
    }
}
