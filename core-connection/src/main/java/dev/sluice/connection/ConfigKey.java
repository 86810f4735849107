package dev.sluice.connection;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every configuration key, in one catalogue: how it is written in code (the builder method), in YAML and properties
 * files, and in the environment, its default and the values allowed. The binder of YAML, properties and environment
 * reads exactly these keys (it fails to load if the two disagree), and docs/configuration.md's key table is generated
 * from this list and checked against it by a test, so the reference cannot go stale.
 *
 * @param key the key as YAML and properties write it ({@code pool.max})
 * @param builder the builder call in code ({@code pool(p -> p.max(int))})
 * @param alias a documented environment variable that also sets it ({@code DB_POOL_MAX}), or {@code null}
 * @param defaultValue the default, as text for people
 * @param allowed what is allowed, as text for people
 * @param badExample a value that is refused, for the reference's "error" column; {@code null} when every value is accepted
 */
public record ConfigKey(String key, String builder, String alias, String defaultValue, String allowed, String badExample) {
    private static final List<ConfigKey> ALL = List.of(
            new ConfigKey("url", "url(String)", "DATABASE_URL", "",
                    "`postgres://`, `postgresql://`, `mysql://`, `mariadb://`, `sqlite:`, `file:`, `jdbc:postgresql:`, `jdbc:mysql:`, "
                            + "`jdbc:sqlite:`, or a path ending in `.db`/`.sqlite`/`.sqlite3`", "oracle://db/app"),
            new ConfigKey("vendor", "vendor(Vendor)", "DB_VENDOR", "`postgresql` (with `host`)", "`postgresql`, `mysql` (also MariaDB), `sqlite`", "oracle"),
            new ConfigKey("host", "host(String)", "DB_HOST", "", "a host name or address; instead of `url`", null),
            new ConfigKey("port", "port(int)", "DB_PORT", "the vendor's (5432, 3306)", "1-65535", "http"),
            new ConfigKey("database", "database(String)", "DB_NAME", "", "a database name (SQLite: a file path)", null),
            new ConfigKey("user", "user(String)", "DB_USER", "", "a login name", null),
            new ConfigKey("password", "password(String)", "DB_PASSWORD", "", "never printed, logged or put in an exception", null),
            new ConfigKey("name", "name(String)", null, "`sluice-<vendor>-<n>`", "pool name: 1-63 of `A-Za-z0-9_.:-`", "my pool!"),
            new ConfigKey("application-name", "applicationName(String)", null, "the pool name", "what the server sees (PostgreSQL `application_name`)", null),
            new ConfigKey("role", "role(String)", null, "", "a role every pooled connection switches to (`SET ROLE`); not a keyword of SET ROLE; "
                    + "at connect it must exist, be usable by the login user and (PostgreSQL) not be a superuser", "none"),
            new ConfigKey("pgbouncer", "pgBouncer(PgBouncerMode)", null, "", "`transaction` or `session`: the pool mode of the PgBouncer the URL "
                    + "points at (PostgreSQL only); `transaction` turns off server-side prepared statements (`prepareThreshold=0`), skips the "
                    + "session reset on return and refuses `role`; see [operations](operations.md#pgbouncer-in-transaction-mode)", "statement"),
            new ConfigKey("migration-url", "migrationUrl(String)", null, "", "a URL of the same vendor that migrations, seeds and "
                    + "`check-schema` use instead of `url` (PostgreSQL itself when `url` is a transaction-mode PgBouncer); a user in it "
                    + "replaces `user`/`password` for them", "mysql://db/app"),
            new ConfigKey("profile", "profile(Profile)", null, "`production`", "`production`, `development` (leak detection on, 10s); `SLUICE_PROFILE` set to `dev`, `staging` or `prod` selects an "
                    + "environment profile instead (`--profile`)", "testing"),
            new ConfigKey("startup", "startup(StartupMode)", null, "`fail-fast`", "`fail-fast`, `background` (start degraded and reconnect)", "lazy"),
            new ConfigKey("connect-timeout", "timeouts(t -> t.connect(Duration))", null, "`10s`", "1s to 10m", "100ms"),
            new ConfigKey("socket-timeout", "timeouts(t -> t.socket(Duration))", null, "`60s`", "0 (never) or at least 1s", "500ms"),
            new ConfigKey("sqlite.busy-timeout", "timeouts(t -> t.sqliteBusy(Duration))", null, "`5s`", "0 or at least 10ms", "5ms"),
            new ConfigKey("ssl.mode", "ssl(s -> s.mode(SslMode))", "DB_SSL_MODE", "`disable` (or the URL's `sslmode`/`sslMode`)",
                    "`disable`, `require`, `verify-ca`, `verify-full`", "on"),
            new ConfigKey("ssl.root-cert", "ssl(s -> s.rootCertificate(Path))", "DB_SSL_ROOT_CERT", "", "a PEM file; required by `verify-ca` and `verify-full`", null),
            new ConfigKey("pool.min", "pool(p -> p.min(int))", "DB_POOL_MIN", "2 (SQLite 1)", "0-1000, at most `pool.max`", "-1"),
            new ConfigKey("pool.max", "pool(p -> p.max(int))", "DB_POOL_MAX", "10 (SQLite 1)", "1-1000", "0"),
            new ConfigKey("pool.connection-timeout", "pool(p -> p.connectionTimeout(Duration))", null, "`30s`", "at least 250ms", "100ms"),
            new ConfigKey("pool.idle-timeout", "pool(p -> p.idleTimeout(Duration))", null, "`10m` (SQLite 0)", "0 or at least 10s, shorter than max-lifetime", "5s"),
            new ConfigKey("pool.max-lifetime", "pool(p -> p.maxLifetime(Duration))", null, "`30m` (SQLite 0)", "0 or at least 30s", "10s"),
            new ConfigKey("pool.validation-timeout", "pool(p -> p.validationTimeout(Duration))", null, "`5s`",
                    "at least 250ms, not longer than connection-timeout", "100ms"),
            new ConfigKey("pool.leak-detection-threshold", "pool(p -> p.leakDetectionThreshold(Duration))", null, "0 (development: 10s)",
                    "0 or at least 2s", "1s"),
            new ConfigKey("pool.acquire-retries", "pool(p -> p.acquireRetries(int))", null, "0", "0-10", "11"),
            new ConfigKey("pool.reset-on-return", "pool(p -> p.resetOnReturn(boolean))", null, "`true`",
                    "`true`, `false`: reset the session state of a returned connection that ran statements other than plain "
                            + "selects (see [reliability](reliability.md#what-is-reset-between-borrowers))", "maybe"),
            new ConfigKey("health.interval", "health(h -> h.interval(Duration))", null, "`5s`", "0 (off) or at least 100ms", "50ms"),
            new ConfigKey("health.timeout", "health(h -> h.timeout(Duration))", null, "`2s`", "at least 100ms, not longer than the interval", "50ms"),
            new ConfigKey("health.unhealthy-threshold", "health(h -> h.unhealthyThreshold(int))", null, "3", "1-100", "0"),
            new ConfigKey("reconnect.initial-delay", "reconnect(r -> r.initialDelay(Duration))", null, "`1s`", "at least 10ms", "1ms"),
            new ConfigKey("reconnect.multiplier", "reconnect(r -> r.multiplier(double))", null, "2.0", "1-10", "0.5"),
            new ConfigKey("reconnect.max-delay", "reconnect(r -> r.maxDelay(Duration))", null, "`30s`", "at least the initial delay", "1ms"),
            new ConfigKey("reconnect.max-attempts", "reconnect(r -> r.maxAttempts(int))", null, "0 (unlimited)", "0 or more", "-1"),
            new ConfigKey("reconnect.jitter", "reconnect(r -> r.jitter(double))", null, "0.2", "0-1", "2"),
            new ConfigKey("shutdown.hook", "shutdown(s -> s.hook(boolean))", null, "`false`", "`true`, `false`", "maybe"),
            new ConfigKey("shutdown.drain", "shutdown(s -> s.drain(Duration))", null, "`10s`", "0 to 10m", "1h"),
            new ConfigKey("stats.window", "stats(s -> s.window(Duration))", null, "`1m`",
                    "1s to 1h: the recent window of `poolStats().recent()` and `healthLatency().recent()`", "100ms"),
            new ConfigKey("stats.sample", "stats(s -> s.sample(int))", null, "1 (every borrow)",
                    "1-1024: time one borrow in N, picked at random (the others skip three clock reads); counts stay "
                            + "exact, mean and percentiles become estimates from the timed borrows (see [benchmarks](benchmarks.md#borrow-and-return-1-timings-buffered-in-the-lease-and-sampling))",
                    "0"));

    private static final Map<String, ConfigKey> BY_KEY = ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::key, Function.identity()));

    /** Every key, in the order of the reference. */
    public static List<ConfigKey> all() {
        return ALL;
    }

    /** The key named {@code key}, if there is one. */
    public static Optional<ConfigKey> of(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The environment variable of the key: {@code SLUICE_POOL_MAX} for {@code pool.max}. */
    public String environmentVariable() {
        return "SLUICE_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The key in a properties file (or {@code ConnectionConfig.fromProperties(System.getProperties())}): {@code sluice.pool.max}. */
    public String property() {
        return "sluice." + key;
    }
}
