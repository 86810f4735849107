package dev.sluice.migrations.internal;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * Makes values for one column: what kind of value its type holds, the range its checks allow, the values its enum or
 * {@code IN} check lists, its length; and then a value for row {@code i} from a random generator. Values depend only on
 * the generator, the row and the column's logical type, not on the vendor, so the same seed gives the same data on
 * PostgreSQL, MySQL and SQLite.
 */
final class ColumnFiller {
    /** What a column holds, whatever the vendor calls it. */
    enum Kind { SMALLINT, INTEGER, BIGINT, DECIMAL, FLOAT, BOOLEAN, STRING, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, UUID, JSON, BINARY, ENUM }

    private static final String[] WORDS = {"amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "harbor", "iris", "juniper",
        "kestrel", "lagoon", "maple", "nectar", "onyx", "pebble", "quartz", "raven", "sierra", "tundra", "umber", "violet", "willow",
        "yarrow", "zephyr"};
    private static final LocalDateTime EPOCH = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final int MAX_TEXT = 40;

    final String name;
    final Kind kind;
    final boolean nullable;
    final boolean unique;
    private final int length;
    private final int scale;
    private final List<String> values;
    private final BigDecimal[] range;
    private final String castType;
    private final boolean jsonb;
    private final MigrationDialect dialect;

    private ColumnFiller(String name, Kind kind, boolean nullable, boolean unique, int length, int scale, List<String> values,
            BigDecimal[] range, String castType, boolean jsonb, MigrationDialect dialect) {
        this.name = name;
        this.kind = kind;
        this.nullable = nullable;
        this.unique = unique;
        this.length = length;
        this.scale = scale;
        this.values = values;
        this.range = range;
        this.castType = castType;
        this.jsonb = jsonb;
        this.dialect = dialect;
    }

    /**
     * How to fill a column, or {@code null} when its type is not one this class knows.
     *
     * @param exactType the type as the catalog names it ({@code character varying(200)}, {@code enum('a','b')}), else
     *     the driver's
     * @param domainBase for a PostgreSQL domain, its base type, else {@code null}
     * @param enumValues the values the column may hold, if restricted to a list
     * @param checks conditions that mention the column (its table's checks, its domain's with {@code VALUE})
     */
    static ColumnFiller of(MigrationDialect dialect, LiveSchema.Column c, String exactType, String domainBase, List<String> enumValues,
            List<String> checks, boolean unique) {
        String type = domainBase != null ? domainBase : exactType != null ? exactType : c.typeName();
        Kind kind = kind(dialect, type, c.jdbcType());
        int[] size = size(type, c);
        String castType = null;
        if (!enumValues.isEmpty()) {
            // a column of an enum type (a kind the generator does not know) may take its labels only through a cast
            castType = kind == null && dialect.castsEnumLabels() ? exactType : null;
            kind = Kind.ENUM;
        }
        if (kind == null) {
            return null;
        }
        BigDecimal[] range = CheckRanges.of(checks, c.name());
        return new ColumnFiller(c.name(), kind, c.nullable(), unique, size[0], size[1], List.copyOf(enumValues), range, castType,
                type.toLowerCase(Locale.ROOT).startsWith("jsonb"), dialect);
    }

    private static Kind kind(MigrationDialect dialect, String type, int jdbcType) {
        String t = type.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", "").replace(" unsigned", "").strip();
        if (t.endsWith("[]") || t.startsWith("_")) {
            return null; // arrays
        }
        return dialect.kind(t, jdbcType);
    }

    /** What a column holds, by the names vendors give its type (lower case, no length); {@code null} when unknown. */
    static Kind kindOf(String t) {
        return switch (t) {
            case "smallint", "int2", "tinyint", "smallserial" -> Kind.SMALLINT;
            case "integer", "int", "int4", "mediumint", "serial" -> Kind.INTEGER;
            case "bigint", "int8", "bigserial" -> Kind.BIGINT;
            case "numeric", "decimal", "money", "number", "dec" -> Kind.DECIMAL;
            case "real", "float", "float4", "float8", "double", "double precision" -> Kind.FLOAT;
            case "boolean", "bool", "bit" -> Kind.BOOLEAN;
            case "character varying", "varchar", "nvarchar", "varchar2", "character", "char", "bpchar", "nchar", "text", "tinytext",
                    "mediumtext", "longtext", "clob", "string", "citext", "name" -> Kind.STRING;
            case "date" -> Kind.DATE;
            case "time", "time without time zone", "time with time zone", "timetz" -> Kind.TIME;
            case "timestamp", "timestamp without time zone", "datetime" -> Kind.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> Kind.TIMESTAMP_TZ;
            case "uuid" -> Kind.UUID;
            case "json", "jsonb" -> Kind.JSON;
            case "bytea", "blob", "tinyblob", "mediumblob", "longblob", "binary", "varbinary" -> Kind.BINARY;
            default -> null;
        };
    }

    /** Length (0: none) and scale, from the type text, else the driver's sizes when they are real ones. */
    private static int[] size(String type, LiveSchema.Column c) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)").matcher(type);
        if (m.find()) {
            return new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))};
        }
        return new int[] {c.length() != null ? c.length() : 0, 0};
    }

    /** The jOOQ type values are bound with. */
    DataType<?> dataType() {
        DataType<?> base = switch (kind) {
            case SMALLINT -> SQLDataType.SMALLINT;
            case INTEGER -> SQLDataType.INTEGER;
            case BIGINT -> SQLDataType.BIGINT;
            case DECIMAL -> SQLDataType.DECIMAL;
            case FLOAT -> SQLDataType.DOUBLE;
            case BOOLEAN -> SQLDataType.BOOLEAN;
            case DATE -> SQLDataType.LOCALDATE;
            case TIME -> SQLDataType.LOCALTIME;
            case TIMESTAMP -> SQLDataType.LOCALDATETIME;
            case TIMESTAMP_TZ, UUID, JSON -> dialect.bindType(kind, jsonb);
            case BINARY -> SQLDataType.VARBINARY;
            case STRING, ENUM -> SQLDataType.VARCHAR;
        };
        return base.nullable(nullable);
    }

    /** For a column of an enum type that needs a cast (PostgreSQL), the type to cast to; else {@code null}. */
    String castType() {
        return castType;
    }

    /**
     * The value for row {@code row}; {@code index} is the row's number among all attempts, which unique values are
     * made from so that a retry gives a new one.
     */
    Object value(SplittableRandom r, long index) {
        if (nullable && !unique && r.nextInt(10) == 0) {
            return null;
        }
        return switch (kind) {
            case SMALLINT -> (short) integer(r, index, 1, 1000);
            case INTEGER -> (int) integer(r, index, 1, 100_000);
            case BIGINT -> integer(r, index, 1, 1_000_000);
            case DECIMAL -> decimal(r, index);
            case FLOAT -> decimal(r, index).doubleValue();
            case BOOLEAN -> r.nextBoolean();
            case STRING -> string(r, index);
            case ENUM -> values.get(unique ? (int) (index % values.size()) : r.nextInt(values.size()));
            case DATE -> EPOCH.toLocalDate().plusDays(r.nextInt(365));
            case TIME -> LocalTime.ofSecondOfDay(r.nextInt(86_400));
            case TIMESTAMP -> EPOCH.plusSeconds(r.nextLong(365L * 86_400));
            case TIMESTAMP_TZ -> dialect.represent(kind, EPOCH.plusSeconds(r.nextLong(365L * 86_400)), jsonb);
            case UUID -> dialect.represent(kind, uuid(r), jsonb);
            case JSON -> dialect.represent(kind, "{\"n\": " + index + ", \"tag\": \"" + WORDS[r.nextInt(WORDS.length)] + "\"}", jsonb);
            case BINARY -> bytes(r);
        };
    }

    private long integer(SplittableRandom r, long index, long defaultLow, long defaultHigh) {
        long low = range[0] != null ? range[0].longValue() : defaultLow;
        long high = range[1] != null ? range[1].longValue() : Math.max(low, defaultHigh);
        if (unique) {
            // past the end of a checked range values repeat, the row is retried and, failing that, left out
            return range[1] == null || low + index <= high ? low + index : low + index % (high - low + 1);
        }
        return high <= low ? low : low + r.nextLong(high - low + 1);
    }

    private BigDecimal decimal(SplittableRandom r, long index) {
        int digits = Math.max(0, (length > 0 ? length : 12) - scale);
        BigDecimal max = BigDecimal.TEN.pow(Math.min(digits, 6)).subtract(BigDecimal.ONE);
        BigDecimal low = range[0] != null ? range[0] : BigDecimal.ZERO;
        BigDecimal high = range[1] != null && range[1].compareTo(max) < 0 ? range[1] : max;
        int s = kind == Kind.FLOAT ? 2 : scale;
        if (unique) {
            return low.add(BigDecimal.valueOf(index)).setScale(s, java.math.RoundingMode.HALF_UP);
        }
        long steps = high.subtract(low).movePointRight(s).longValue();
        return low.add(BigDecimal.valueOf(steps <= 0 ? 0 : r.nextLong(steps + 1), s)).setScale(s, java.math.RoundingMode.HALF_UP);
    }

    private String string(SplittableRandom r, long index) {
        String n = name.toLowerCase(Locale.ROOT);
        String word = WORDS[r.nextInt(WORDS.length)];
        String other = WORDS[r.nextInt(WORDS.length)];
        int max = length > 0 ? length : MAX_TEXT;
        if (n.contains("email")) {
            String email = word + "." + index + "@example.com";
            return email.length() <= max ? email : fit(index + "@ex.io", max);
        }
        if (n.contains("url") || n.contains("website")) {
            return fit("https://example.com/" + word + "/" + index, max);
        }
        if (n.contains("phone")) {
            return fit("+1555" + String.format("%07d", unique ? index : r.nextInt(10_000_000)), max);
        }
        String text = n.endsWith("name") || n.equals("title") || n.equals("label")
                ? capitalise(word) + " " + capitalise(other) : word + " " + other;
        return unique ? fit(text.replace(' ', '-') + "-" + Long.toString(index, 36), max) : fit(text, max);
    }

    /** Cuts to {@code max} characters from the front, so the unique end (the row number) stays. */
    private static String fit(String s, int max) {
        return s.length() <= max ? s : s.substring(s.length() - max);
    }

    private static String capitalise(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static UUID uuid(SplittableRandom r) {
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(hi, lo);
    }

    private static byte[] bytes(SplittableRandom r) {
        byte[] b = new byte[8];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    @Override
    public String toString() {
        return name + " " + kind + (values.isEmpty() ? "" : " " + values);
    }
}
