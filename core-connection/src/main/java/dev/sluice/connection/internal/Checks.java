package dev.sluice.connection.internal;

import dev.sluice.connection.Durations;
import dev.sluice.connection.ConfigException;
import java.time.Duration;

/** Value checks shared by the settings types; every failure names the property, the value and the limit. */
public final class Checks {
    private Checks() {}

    /** Requires {@code min <= value <= max}. */
    public static int range(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(property, value, "must be an integer from " + min + " to " + max);
        }
        return value;
    }

    /** Requires a non-null duration of at least {@code min}. */
    public static Duration atLeast(String property, Duration value, Duration min) {
        if (value == null) {
            throw new ConfigException(property, null, "a duration of at least " + Durations.format(min) + " is required");
        }
        if (value.compareTo(min) < 0) {
            throw new ConfigException(property, Durations.format(value), "must be at least " + Durations.format(min));
        }
        return value;
    }

    /** Requires zero (meaning "off") or at least {@code min}. */
    public static Duration zeroOrAtLeast(String property, Duration value, Duration min) {
        if (value == null || value.isNegative() || (!value.isZero() && value.compareTo(min) < 0)) {
            throw new ConfigException(property, value == null ? null : Durations.format(value),
                    "must be 0 (off) or at least " + Durations.format(min));
        }
        return value;
    }

    /** Requires a non-null value. */
    public static <T> T notNull(String property, T value, String allowed) {
        if (value == null) {
            throw new ConfigException(property, null, allowed);
        }
        return value;
    }
}
