package dev.sluice.connection;

import java.time.Duration;

/**
 * How a pool shuts down. Immutable; the drain is checked once, by the rule stated here, whether it is set on the
 * {@link Builder} or passed to the constructor.
 *
 * @param hook whether a JVM shutdown hook drains and closes the pool on SIGTERM/SIGINT ({@code shutdown.hook};
 *     default false)
 * @param drain how long {@link ConnectionManager#close()} and the hook wait for in-flight work ({@code shutdown.drain};
 *     default 10s, 0 to 10m)
 */
public record ShutdownSettings(boolean hook, Duration drain) {
    private static final ShutdownSettings DEFAULTS = new ShutdownSettings(false, Duration.ofSeconds(10));

    /** Checks the drain. */
    public ShutdownSettings {
        checkDrain(drain);
    }

    /** No hook; a 10s drain. */
    public static ShutdownSettings defaults() {
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

    private static Duration checkDrain(Duration d) {
        if (d == null || d.isNegative() || d.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException("shutdown.drain", d == null ? null : Durations.format(d), "a duration from 0 to 10m");
        }
        return d;
    }

    /** Builds {@link ShutdownSettings}. */
    public static final class Builder {
        private boolean hook;
        private Duration drain;

        private Builder(ShutdownSettings from) {
            this.hook = from.hook;
            this.drain = from.drain;
        }

        /** Whether a JVM shutdown hook drains and closes the pool on SIGTERM/SIGINT. */
        public Builder hook(boolean enabled) {
            this.hook = enabled;
            return this;
        }

        /** How long a graceful shutdown waits for in-flight work; 0 to 10m. */
        public Builder drain(Duration d) {
            this.drain = checkDrain(d);
            return this;
        }

        /** The settings. */
        public ShutdownSettings build() {
            return new ShutdownSettings(hook, drain);
        }
    }
}
