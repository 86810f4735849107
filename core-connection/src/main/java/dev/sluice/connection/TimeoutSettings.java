package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import java.time.Duration;

/**
 * How long the driver waits for the server. Immutable; each value is checked once, by the rule stated here for it,
 * whether it is set on the {@link Builder} or passed to the constructor.
 *
 * @param connect how long opening a connection may take ({@code connect-timeout}; default 10s, 1s to 10m: drivers
 *     count in whole seconds)
 * @param socket how long a read may block before the driver gives up ({@code socket-timeout}; default 60s; 0 = never,
 *     else at least 1s)
 * @param sqliteBusy how long a SQLite statement waits for a lock before failing with {@code SQLITE_BUSY}
 *     ({@code sqlite.busy-timeout}; default 5s; 0 = fail at once, else at least 10ms)
 */
public record TimeoutSettings(Duration connect, Duration socket, Duration sqliteBusy) {
    private static final TimeoutSettings DEFAULTS = new TimeoutSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5));

    /** Checks each value. */
    public TimeoutSettings {
        checkConnect(connect);
        checkSocket(socket);
        checkSqliteBusy(sqliteBusy);
    }

    /** Connect within 10s, reads within 60s, SQLite locks within 5s. */
    public static TimeoutSettings defaults() {
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

    private static Duration checkConnect(Duration d) {
        Checks.atLeast("connect-timeout", d, Duration.ofSeconds(1));
        if (d.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException("connect-timeout", Durations.format(d), "must be at most 10m");
        }
        return d;
    }

    private static Duration checkSocket(Duration d) {
        return Checks.zeroOrAtLeast("socket-timeout", d, Duration.ofSeconds(1));
    }

    private static Duration checkSqliteBusy(Duration d) {
        return Checks.zeroOrAtLeast("sqlite.busy-timeout", d, Duration.ofMillis(10));
    }

    /** Builds {@link TimeoutSettings}; each setter rejects a bad value at once. */
    public static final class Builder {
        private Duration connect;
        private Duration socket;
        private Duration sqliteBusy;

        private Builder(TimeoutSettings from) {
            this.connect = from.connect;
            this.socket = from.socket;
            this.sqliteBusy = from.sqliteBusy;
        }

        /** How long opening a connection may take; 1s to 10m. */
        public Builder connect(Duration d) {
            this.connect = checkConnect(d);
            return this;
        }

        /** How long a read may block; 0 (never) or at least 1s. */
        public Builder socket(Duration d) {
            this.socket = checkSocket(d);
            return this;
        }

        /** How long a SQLite statement waits for a lock; 0 (fail at once) or at least 10ms. */
        public Builder sqliteBusy(Duration d) {
            this.sqliteBusy = checkSqliteBusy(d);
            return this;
        }

        /** The settings. */
        public TimeoutSettings build() {
            return new TimeoutSettings(connect, socket, sqliteBusy);
        }
    }
}
