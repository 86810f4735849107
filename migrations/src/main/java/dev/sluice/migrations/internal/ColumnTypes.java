package dev.sluice.migrations.internal;

import static java.util.Map.entry;

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
 * The type knowledge of the drift check: the logical kind of an expected jOOQ column (from its Java
 * type) and, for one vendor, the column types that store that kind as the JDBC metadata reports them (the tables
 * themselves are in each vendor's {@link MigrationDialect}).
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

    private final Map<Kind, List<String>> forms;
    private final Set<String> lengthTypes;
    private final boolean integerPrimaryKeyIsRowid;

    /**
     * The type knowledge of one vendor (each {@link MigrationDialect} has one).
     *
     * @param forms per kind, the column types that store it, as the vendor's driver reports them
     * @param lengthTypes the type names whose length is declared, such as {@code varchar}
     * @param integerPrimaryKeyIsRowid whether a single {@code INTEGER} primary key is the table's rowid (SQLite)
     */
    ColumnTypes(Map<Kind, List<String>> forms, Set<String> lengthTypes, boolean integerPrimaryKeyIsRowid) {
        this.forms = forms;
        this.lengthTypes = lengthTypes;
        this.integerPrimaryKeyIsRowid = integerPrimaryKeyIsRowid;
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
     * Whether a column is the table's rowid, which the database fills and which is never NULL although the driver
     * reports it as nullable: SQLite's {@code INTEGER PRIMARY KEY}.
     */
    boolean isRowid(LiveSchema.Column column, List<String> primaryKey) {
        return integerPrimaryKeyIsRowid && primaryKey.size() == 1 && primaryKey.get(0).equalsIgnoreCase(column.name())
                && column.typeName().equalsIgnoreCase("integer");
    }

    private static String render(String form, DataType<?> expected) {
        return form.endsWith("(n)") ? form.substring(0, form.length() - 3) + "(" + expected.length() + ")" : form;
    }
}
