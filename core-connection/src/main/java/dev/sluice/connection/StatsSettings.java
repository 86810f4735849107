package dev.sluice.connection;

import java.time.Duration;

/**
 * The pool's timing statistics. Immutable; each value is checked once, by the rule stated here, whether it is set on
 * the {@link Builder} or passed to the constructor.
 *
 * @param window the length of the recent window ({@code stats.window}; default 1m, 1s to 1h) of
 *     {@link PoolStats#recent()} and {@link ConnectionManager#healthLatency()}: percentiles of the last minute show a
 *     spike that hours of earlier traffic would hide. It moves in steps of a sixth of its length.
 * @param sample time one borrow in this many ({@code stats.sample}; default 1, every borrow; 1 to 1024), picked at
 *     random so that no pattern in an application's borrows skews the sample. Timing a borrow reads the clock three
 *     times (asked, lent, returned), which on some machines costs as much as the pool's whole borrow; the borrows left
 *     untimed read it not at all. Counts stay exact (every borrow is counted); mean, percentiles and maximum come from
 *     the timed borrows only, so they are estimates whose error grows as fewer borrows are timed, and the Micrometer
 *     timers see the timed borrows only. With leak detection on, every borrow still reads the clock when lent (the
 *     leak report needs the time), and its usage is then timed as well.
 */
public record StatsSettings(Duration window, int sample) {
    private static final StatsSettings DEFAULTS = new StatsSettings(Duration.ofMinutes(1), 1);
    private static final int MAX_SAMPLE = 1024;

    /** Checks the window and the sample. */
    public StatsSettings {
        checkWindow(window);
        checkSample(sample);
    }

    /** Settings that time every borrow. */
    public StatsSettings(Duration window) {
        this(window, 1);
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

    private static int checkSample(int n) {
        if (n < 1 || n > MAX_SAMPLE) {
            throw new ConfigException("stats.sample", Integer.toString(n), "an integer from 1 (every borrow timed) to " + MAX_SAMPLE);
        }
        return n;
    }

    /** Builds {@link StatsSettings}. */
    public static final class Builder {
        private Duration window;
        private int sample;

        private Builder(StatsSettings from) {
            this.window = from.window;
            this.sample = from.sample;
        }

        /** The length of the recent window, 1s to 1h. */
        public Builder window(Duration d) {
            this.window = checkWindow(d);
            return this;
        }

        /** Time one borrow in {@code n} (1 to 1024; 1, the default, times every borrow); counts stay exact. */
        public Builder sample(int n) {
            this.sample = checkSample(n);
            return this;
        }

        /** The settings. */
        public StatsSettings build() {
            return new StatsSettings(window, sample);
        }
    }
}
