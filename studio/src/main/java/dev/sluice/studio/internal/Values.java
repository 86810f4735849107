package dev.sluice.studio.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.exception.DataTypeException;

/** Database values to JSON-safe Java values for the page, and the page's text back to a column's type. */
final class Values {
    /** What a secret column's values show as. */
    static final String MASK = "***";

    private Values() {
    }

    /** A value the page can show: strings, numbers, booleans, {@code null}; anything else as its text. */
    static Object toJson(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Double || v instanceof Float) {
            return v;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof BigInteger i) {
            return i.toString();
        }
        if (v instanceof byte[] b) {
            return "\\x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof JSON j) {
            return j.data();
        }
        if (v instanceof JSONB j) {
            return j.data();
        }
        if (v instanceof UUID || v instanceof java.time.temporal.Temporal) {
            return v.toString();
        }
        if (v instanceof Object[] a) {
            return java.util.Arrays.stream(a).map(Values::toJson).toList();
        }
        return v.toString();
    }

    /** The page's text as a value of {@code column}'s type; {@code null} stays {@code null}. */
    static Object fromText(Field<?> column, Object text) {
        if (text == null) {
            return null;
        }
        DataType<?> type = column.getDataType();
        try {
            return type.convert(text instanceof String s ? s : String.valueOf(text));
        } catch (DataTypeException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new StudioException(400, "Value '" + abbreviate(String.valueOf(text)) + "' does not fit column '" + column.getName()
                    + "' of type " + type.getTypeName() + (type.isDateTime() || type.isTimestamp() ? " (e.g. 2026-01-05T09:00:00Z)" : ""));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
