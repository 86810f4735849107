package dev.sluice.migrations.internal;

import static java.util.Map.entry;

import dev.sluice.connection.Vendor;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DataType;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.impl.SQLDataType;

/** PostgreSQL: psql's script syntax with COPY data, pg_catalog, native timestamptz, uuid and json types, enum types. */
final class PostgresMigrationDialect extends MigrationDialect {
    private static final SqlStatements.Syntax SYNTAX = new SqlStatements.Syntax(true, true, false, false, false);

    private static final ColumnTypes TYPES = new ColumnTypes(Map.ofEntries(
            entry(ColumnTypes.Kind.UUID, List.of("uuid")),
            entry(ColumnTypes.Kind.JSON, List.of("jsonb", "json")),
            entry(ColumnTypes.Kind.TIMESTAMP_TZ, List.of("timestamptz")),
            entry(ColumnTypes.Kind.TIMESTAMP, List.of("timestamp")),
            entry(ColumnTypes.Kind.DATE, List.of("date")),
            entry(ColumnTypes.Kind.TIME, List.of("time")),
            entry(ColumnTypes.Kind.VARCHAR, List.of("varchar(n)", "bpchar(n)")),
            entry(ColumnTypes.Kind.TEXT, List.of("text", "varchar")),
            entry(ColumnTypes.Kind.SMALLINT, List.of("int2", "smallserial")),
            entry(ColumnTypes.Kind.INTEGER, List.of("int4", "serial")),           // pgjdbc names columns defaulting to nextval serial
            entry(ColumnTypes.Kind.BIGINT, List.of("int8", "bigserial")),
            entry(ColumnTypes.Kind.BOOLEAN, List.of("bool")),
            entry(ColumnTypes.Kind.DECIMAL, List.of("numeric")),
            entry(ColumnTypes.Kind.FLOAT, List.of("float8", "float4")),
            entry(ColumnTypes.Kind.BINARY, List.of("bytea"))),
            Set.of("varchar", "bpchar"), false);

    PostgresMigrationDialect() {
        super(Vendor.POSTGRESQL, SYNTAX, TYPES, new PostgresCatalog());
    }

    /** Through pgjdbc's CopyManager, found by name so the driver stays optional. */
    @Override
    long copyIn(Connection c, String sql, String data) throws SQLException {
        Connection raw = c.unwrap(Connection.class);
        try {
            Class<?> pg = Class.forName("org.postgresql.PGConnection", false, raw.getClass().getClassLoader());
            Object api = pg.getMethod("getCopyAPI").invoke(raw.unwrap(pg));
            Object n = api.getClass().getMethod("copyIn", String.class, java.io.Reader.class).invoke(api, sql, new StringReader(data));
            return ((Number) n).longValue();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new SQLException("COPY failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SQLException("COPY ... FROM stdin needs the PostgreSQL driver (org.postgresql:postgresql): " + e, e);
        }
    }

    /** A PostgreSQL enum type takes a string only through a cast. */
    @Override
    boolean castsEnumLabels() {
        return true;
    }

    @Override
    DataType<?> bindType(ColumnFiller.Kind kind, boolean jsonb) {
        return switch (kind) {
            case TIMESTAMP_TZ -> SQLDataType.OFFSETDATETIME;
            case UUID -> SQLDataType.UUID;
            default -> jsonb ? SQLDataType.JSONB : SQLDataType.JSON;
        };
    }

    @Override
    Object represent(ColumnFiller.Kind kind, Object value, boolean jsonb) {
        return switch (kind) {
            case TIMESTAMP_TZ -> ((LocalDateTime) value).atOffset(ZoneOffset.UTC);
            case JSON -> jsonb ? JSONB.valueOf((String) value) : JSON.valueOf((String) value);
            default -> value;
        };
    }
}
