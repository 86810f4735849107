package dev.sluice.connection;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats durations as written in configuration and on the command line: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, ISO-8601. */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    /** The allowed syntax, for messages. */
    public static final String SYNTAX = "a duration such as 250ms, 30s, 5m, 1h, PT30S, or a number of milliseconds";

    private Durations() {}

    /** Parses a duration; a bare number means milliseconds (as in HikariCP). */
    public static Duration parse(String property, String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(property, text == null ? null : text, SYNTAX);
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new ConfigException(property, text, SYNTAX);
            }
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (t.startsWith("-")) {
            throw new ConfigException(property, text, "must not be negative; " + SYNTAX);
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new ConfigException(property, text, SYNTAX);
        }
    }

    /** Formats a duration the way messages show it: {@code 250ms}, {@code 30s}, {@code 1.5s}. */
    public static String format(Duration d) {
        if (d == null) {
            return "null";
        }
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms == 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 3600 == 0) {
            return (s / 3600) + "h";
        }
        if (s % 60 == 0) {
            return (s / 60) + "m";
        }
        return s + "s";
    }
}
