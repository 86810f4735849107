package dev.sluice.query.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import org.jooq.EnumType;
import org.jooq.JSON;
import org.jooq.JSONB;

/**
 * Values as PostgreSQL reads them in {@code COPY ... (FORMAT csv)}: each one in the text input form of its column's
 * type (the server parses it, so any type with a text form loads, enums and domains included), quoted as a CSV field.
 * NULL is the unquoted empty field; every other value is quoted, so an empty string stays an empty string and commas,
 * quotes, tabs, newlines, backslashes and any Unicode character need no further care. NUL (U+0000) is refused: no
 * PostgreSQL text, JSON or array value can hold it.
 */
final class PgCopyText {
    private static final HexFormat HEX = HexFormat.of();

    private PgCopyText() {}

    /** Thrown for a value PostgreSQL cannot store; the caller names the table, row and column. */
    static final class UnstorableValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnstorableValueException(String message) {
            super(message);
        }
    }

    /** Appends {@code value} (the database type's value, after the column's converter) as one CSV field. */
    static void appendCsv(StringBuilder out, Object value) {
        switch (value) {
            case null -> {
                return;
            }
            // numbers need no quotes (quoting only tells an empty string from NULL) and are appended without a String
            case Integer i -> {
                out.append(i.intValue());
                return;
            }
            case Long l -> {
                out.append(l.longValue());
                return;
            }
            case Double d when Double.isFinite(d) -> {
                out.append(d.doubleValue()); // the same digits as Double.toString
                return;
            }
            default -> {
                // quoted below
            }
        }
        String text = text(value);
        out.append('"');
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append("\"\"");
            } else if (c == '\0') {
                throw nul();
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** The text input form of a value. */
    static String text(Object value) {
        return switch (value) {
            case String s -> s;
            case Boolean b -> b ? "t" : "f";
            case BigDecimal d -> d.toPlainString();
            case Double d -> floating(d);
            case Float f -> floating(f.doubleValue());
            case Number n -> n.toString();
            case byte[] bytes -> "\\x" + HEX.formatHex(bytes);
            case Object[] array -> array(array);
            case JSON j -> j.data();
            case JSONB j -> j.data();
            case EnumType e -> e.getLiteral();
            case ZonedDateTime z -> z.toOffsetDateTime().toString();
            case OffsetDateTime o -> dateTime(o.toString(), o.getYear());
            case Instant i -> i.toString();
            case LocalDateTime l -> dateTime(l.toString(), l.getYear());
            case LocalDate d -> dateTime(d.toString(), d.getYear());
            case java.util.Date d when !(d instanceof java.sql.Timestamp || d instanceof java.sql.Date || d instanceof java.sql.Time) ->
                    d.toInstant().toString();
            default -> value.toString();
        };
    }

    private static String floating(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(d);
    }

    /** Years 1 to 9999 in ISO form, which PostgreSQL reads; others (BC, five digits) are refused rather than misread. */
    private static String dateTime(String iso, int year) {
        if (year < 1 || year > 9999) {
            throw new UnstorableValueException("the date " + iso + " is outside the years 1 to 9999 that bulk loading supports");
        }
        return iso;
    }

    /** An array literal: {@code {"a","b \"c\"",NULL}}, nested arrays as nested braces. */
    private static String array(Object[] array) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < array.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = array[i];
            if (e == null) {
                sb.append("NULL");
            } else if (e instanceof Object[] inner) {
                sb.append(array(inner));
            } else {
                String t = text(e);
                sb.append('"');
                for (int k = 0, n = t.length(); k < n; k++) {
                    char c = t.charAt(k);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
        }
        return sb.append('}').toString();
    }

    private static UnstorableValueException nul() {
        return new UnstorableValueException("the value contains a NUL character (U+0000), which PostgreSQL cannot store in "
                + "text, JSON or arrays; remove or replace it");
    }
}
