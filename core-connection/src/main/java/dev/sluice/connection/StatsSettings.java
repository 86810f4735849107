package dev.sluice.connection;

import java.time.Duration;

/**
 * The pool's timing statistics. Immutable; the window is checked once, by the rule stated here, whether it is set on
 * the {@link Builder} or passed to the constructor.
 *
 * @param window the length of the recent window ({@code stats.window}; default 1m, 1s to 1h) of
 *     {@link PoolStats#recent()} and {@link ConnectionManager#healthLatency()}: percentiles of the last minute show a
 *     spike that hours of earlier traffic would hide. It moves in steps of a sixth of its length.
 */
public record StatsSettings(Duration window) {
    private static final StatsSettings DEFAULTS = new StatsSettings(Duration.ofMinutes(1));

    /** Checks the window. */
    public StatsSettings {
        checkWindow(window);
    }

    /** A one-minute window. */
    public static StatsSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static Duration checkWindow(Duration d) {
        if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("stats.window", d == null ? null : Durations.format(d), "a duration from 1s to 1h");
        }
        return d;
    }

    /** Builds {@link StatsSettings}. */
    public static final class Builder {
        private Duration window;

        private Builder(StatsSettings from) {
            this.window = from.window;
        }

        /** The length of the recent window, 1s to 1h. */
        public Builder window(Duration d) {
            this.window = checkWindow(d);
            return this;
        }

        /** The settings. */
        public StatsSettings build() {
            return new StatsSettings(window);
        }
    }
}
