package dev.sluice.migrations.internal;

import static java.util.Map.entry;

import dev.sluice.connection.Vendor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.JSON;
import org.jooq.JSONB;

/**
 * All the type knowledge of the drift check, in one place: the logical kind of an expected jOOQ column (from its Java
 * type) and, per vendor, the column types that store that kind as the JDBC metadata reports them.
 *
 * <p>A form is a type name as {@code DatabaseMetaData.getColumns} reports it ({@code TYPE_NAME}, case ignored),
 * optionally with a length: {@code varchar(n)} means the expected column's length, {@code char(36)} a fixed length. A
 * form without a length accepts any size, except for the vendor's length types ({@code varchar}, {@code char}...) where
 * it means "no length declared". The first form of a kind is how the expected type is shown in messages.
 */
final class ColumnTypes {
    /** What an expected column holds, whatever the vendor calls it. */
    enum Kind { UUID, JSON, TIMESTAMP_TZ, TIMESTAMP, DATE, TIME, VARCHAR, TEXT, SMALLINT, INTEGER, BIGINT, BOOLEAN, DECIMAL, FLOAT, BINARY, OTHER }

    /** Kinds by Java type; String is VARCHAR or TEXT depending on whether a length is declared. */
    private static final Map<Class<?>, Kind> KINDS = Map.ofEntries(
            entry(UUID.class, Kind.UUID),
            entry(JSON.class, Kind.JSON),
            entry(JSONB.class, Kind.JSON),
            entry(OffsetDateTime.class, Kind.TIMESTAMP_TZ),
            entry(Instant.class, Kind.TIMESTAMP_TZ),
            entry(LocalDateTime.class, Kind.TIMESTAMP),
            entry(LocalDate.class, Kind.DATE),
            entry(LocalTime.class, Kind.TIME),
            entry(Short.class, Kind.SMALLINT),
            entry(Integer.class, Kind.INTEGER),
            entry(Long.class, Kind.BIGINT),
            entry(Boolean.class, Kind.BOOLEAN),
            entry(BigDecimal.class, Kind.DECIMAL),
            entry(BigInteger.class, Kind.DECIMAL),
            entry(Double.class, Kind.FLOAT),
            entry(Float.class, Kind.FLOAT),
            entry(byte[].class, Kind.BINARY));

    /** A size at or above this is the driver's way of saying "no declared length" (pgjdbc, sqlite-jdbc). */
    private static final int UNBOUNDED = 1_000_000_000;

    private static final ColumnTypes POSTGRESQL = new ColumnTypes(Map.ofEntries(
            entry(Kind.UUID, List.of("uuid")),
            entry(Kind.JSON, List.of("jsonb", "json")),
            entry(Kind.TIMESTAMP_TZ, List.of("timestamptz")),
            entry(Kind.TIMESTAMP, List.of("timestamp")),
            entry(Kind.DATE, List.of("date")),
            entry(Kind.TIME, List.of("time")),
            entry(Kind.VARCHAR, List.of("varchar(n)", "bpchar(n)")),
            entry(Kind.TEXT, List.of("text", "varchar")),
            entry(Kind.SMALLINT, List.of("int2", "smallserial")),
            entry(Kind.INTEGER, List.of("int4", "serial")),           // pgjdbc names columns defaulting to nextval serial
            entry(Kind.BIGINT, List.of("int8", "bigserial")),
            entry(Kind.BOOLEAN, List.of("bool")),
            entry(Kind.DECIMAL, List.of("numeric")),
            entry(Kind.FLOAT, List.of("float8", "float4")),
            entry(Kind.BINARY, List.of("bytea"))),
            Set.of("varchar", "bpchar"), false);

    /** MySQL and MariaDB, as Connector/J reports them. */
    private static final ColumnTypes MYSQL = new ColumnTypes(Map.ofEntries(
            entry(Kind.UUID, List.of("char(36)", "uuid")),            // MariaDB 10.7+ also has a native UUID type
            entry(Kind.JSON, List.of("json", "longtext")),            // MariaDB: JSON is LONGTEXT with a json_valid check
            entry(Kind.TIMESTAMP_TZ, List.of("datetime", "timestamp")),
            entry(Kind.TIMESTAMP, List.of("datetime", "timestamp")),
            entry(Kind.DATE, List.of("date")),
            entry(Kind.TIME, List.of("time")),
            entry(Kind.VARCHAR, List.of("varchar(n)", "char(n)")),
            entry(Kind.TEXT, List.of("text", "mediumtext", "longtext")),
            entry(Kind.SMALLINT, List.of("smallint")),
            entry(Kind.INTEGER, List.of("int")),
            entry(Kind.BIGINT, List.of("bigint")),
            entry(Kind.BOOLEAN, List.of("boolean", "bit", "tinyint")), // Connector/J reports BOOLEAN (TINYINT(1)) as BIT
            entry(Kind.DECIMAL, List.of("decimal")),
            entry(Kind.FLOAT, List.of("double", "float")),
            entry(Kind.BINARY, List.of("blob", "mediumblob", "longblob", "varbinary", "binary"))),
            Set.of("varchar", "char"), false);

    /** SQLite: its driver reports the type as declared in CREATE TABLE, so these follow the built-in scripts. */
    private static final ColumnTypes SQLITE = new ColumnTypes(Map.ofEntries(
            entry(Kind.UUID, List.of("text", "uuid")),
            entry(Kind.JSON, List.of("text", "json")),
            entry(Kind.TIMESTAMP_TZ, List.of("timestamp with time zone")),
            entry(Kind.TIMESTAMP, List.of("timestamp", "datetime")),
            entry(Kind.DATE, List.of("date")),
            entry(Kind.TIME, List.of("time")),
            entry(Kind.VARCHAR, List.of("varchar(n)", "char(n)")),    // declared lengths only: SQLite does not enforce them
            entry(Kind.TEXT, List.of("text", "clob")),
            entry(Kind.SMALLINT, List.of("smallint", "integer")),
            entry(Kind.INTEGER, List.of("integer", "int")),
            entry(Kind.BIGINT, List.of("integer", "bigint")),         // INTEGER PRIMARY KEY is the 64-bit rowid
            entry(Kind.BOOLEAN, List.of("boolean")),
            entry(Kind.DECIMAL, List.of("numeric", "decimal")),
            entry(Kind.FLOAT, List.of("real", "double", "float")),
            entry(Kind.BINARY, List.of("blob"))),
            Set.of("varchar", "char"), true);

    private final Map<Kind, List<String>> forms;
    private final Set<String> lengthTypes;
    private final boolean integerPrimaryKeyIsRowid;

    private ColumnTypes(Map<Kind, List<String>> forms, Set<String> lengthTypes, boolean integerPrimaryKeyIsRowid) {
        this.forms = forms;
        this.lengthTypes = lengthTypes;
        this.integerPrimaryKeyIsRowid = integerPrimaryKeyIsRowid;
    }

    /** The type knowledge for a vendor. */
    static ColumnTypes of(Vendor vendor) {
        return switch (vendor) {
            case POSTGRESQL -> POSTGRESQL;
            case MYSQL -> MYSQL;
            case SQLITE -> SQLITE;
        };
    }

    /** The kind of an expected column, from the Java type the database side of its jOOQ type uses. */
    static Kind kind(DataType<?> type) {
        Class<?> t = type.getFromType();
        if (t == String.class) {
            return type.lengthDefined() && type.length() > 0 ? Kind.VARCHAR : Kind.TEXT;
        }
        return KINDS.getOrDefault(t, Kind.OTHER);
    }

    /** The declared length of a live column, or {@code null} when its type has none or none was declared. */
    Integer length(String typeName, int size) {
        return lengthTypes.contains(typeName.toLowerCase(Locale.ROOT)) && size > 0 && size < UNBOUNDED ? size : null;
    }

    /** Whether a live column stores what the expected type holds; always true for kinds this check does not know. */
    boolean stores(DataType<?> expected, LiveSchema.Column live) {
        List<String> accepted = forms.get(kind(expected));
        if (accepted == null) {
            return true;
        }
        for (String form : accepted) {
            if (render(form, expected).equalsIgnoreCase(live.declaredType())) {
                return true;
            }
        }
        return false;
    }

    /** The expected type as this vendor writes it: {@code VARCHAR(320)}, {@code CHAR(36)}, {@code JSONB}. */
    String describe(DataType<?> expected) {
        List<String> accepted = forms.get(kind(expected));
        if (accepted == null) {
            String name = expected.getTypeName().toUpperCase(Locale.ROOT);
            return expected.lengthDefined() && expected.length() > 0 ? name + "(" + expected.length() + ")" : name;
        }
        return render(accepted.get(0), expected).toUpperCase(Locale.ROOT);
    }

    /**
     * Whether a live column reported as nullable can in fact never hold NULL: SQLite's {@code INTEGER PRIMARY KEY} is
     * the rowid, which its driver reports as nullable.
     */
    boolean neverNull(LiveSchema.Column column, List<String> primaryKey) {
        return integerPrimaryKeyIsRowid && primaryKey.size() == 1 && primaryKey.get(0).equalsIgnoreCase(column.name())
                && column.typeName().equalsIgnoreCase("integer");
    }

    private static String render(String form, DataType<?> expected) {
        return form.endsWith("(n)") ? form.substring(0, form.length() - 3) + "(" + expected.length() + ")" : form;
    }
}
