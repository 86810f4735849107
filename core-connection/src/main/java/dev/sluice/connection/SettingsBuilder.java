package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import dev.sluice.connection.internal.ConfigBinder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@link ConnectionConfig.Builder} sets besides the database: who connects, and one builder per concern, each
 * checking its own values. A separate class only so that each part reads on its own (as {@code StringBuilder} extends
 * {@code AbstractStringBuilder}); users see these methods on {@link ConnectionConfig.Builder}.
 *
 * @param <B> the builder the setters return
 */
abstract class SettingsBuilder<B extends SettingsBuilder<B>> {
    String user;
    String password;
    String name;
    String applicationName;
    String role;
    PgBouncerMode pgBouncer;
    String migrationUrl;
    PoolSettings.Builder pool = PoolSettings.builder(); // only what was given: laid over the vendor's defaults
    SslSettings.Builder ssl = SslSettings.builder();
    HealthSettings.Builder health = HealthSettings.builder();
    ReconnectSettings.Builder reconnect = ReconnectSettings.builder();
    TimeoutSettings.Builder timeouts = TimeoutSettings.builder();
    ShutdownSettings.Builder shutdown = ShutdownSettings.builder();
    StatsSettings.Builder stats = StatsSettings.builder();
    StartupMode startup = StartupMode.FAIL_FAST;
    Profile profile = Profile.PRODUCTION;
    final Map<String, String> driverProperties = new LinkedHashMap<>();
    ClassLoader driverClassLoader;
    Object meterRegistry;
    String source;

    SettingsBuilder() {}

    /** This builder, as the type the setters return. */
    abstract B self();

    /** Takes every setting of {@code c} but its database. */
    B copy(ConnectionConfig c) {
        user = c.user();
        password = c.password();
        name = c.name();
        applicationName = c.applicationName();
        role = c.role();
        pgBouncer = c.pgBouncer().orElse(null);
        migrationUrl = c.migrationUrlSetting();
        pool = c.pool().toBuilder();
        ssl = c.ssl().toBuilder();
        health = c.health().toBuilder();
        reconnect = c.reconnect().toBuilder();
        timeouts = c.timeouts().toBuilder();
        shutdown = c.shutdown().toBuilder();
        stats = c.stats().toBuilder();
        startup = c.startup();
        profile = c.profile();
        driverProperties.putAll(c.driverProperties());
        driverClassLoader = c.driverClassLoader();
        meterRegistry = c.meterRegistry();
        return self();
    }

    /** The user; overrides a user in the URL. */
    public B user(String user) {
        this.user = Checks.user(user);
        return self();
    }

    /** The password; overrides a password in the URL. */
    public B password(String password) {
        Redaction.remember(password); // masked wherever it might appear from now on
        this.password = password;
        return self();
    }

    /** The pool name; defaults to {@code sluice-<vendor>-<n>}. */
    public B name(String name) {
        this.name = Checks.poolName(name);
        return self();
    }

    /** The application name the server sees; defaults to the pool name. */
    public B applicationName(String applicationName) {
        this.applicationName = Checks.applicationName(applicationName);
        return self();
    }

    /**
     * A role every pooled connection switches to with {@code SET ROLE} (PostgreSQL, MySQL 8, MariaDB); the login user
     * must be a member of it.
     */
    public B role(String role) {
        this.role = Checks.role(role);
        return self();
    }

    /**
     * The pool mode of the PgBouncer the URL points at ({@code pgbouncer: transaction|session}); PostgreSQL only. See
     * {@link PgBouncerMode} for what transaction mode changes. {@code null}: no PgBouncer (the default).
     */
    public B pgBouncer(PgBouncerMode mode) {
        this.pgBouncer = mode;
        return self();
    }

    /**
     * The database migrations, seeds and schema checks use instead of the URL ({@code migration-url}): PostgreSQL
     * itself, or a session-mode pool, when the URL points at a transaction-mode PgBouncer. Same vendor as the URL; a
     * user in it replaces {@link #user(String)} and the password for those connections. Checked at once.
     */
    public B migrationUrl(String url) {
        if (url != null) {
            // fails now, naming the setting; a password in it is masked wherever it might appear from now on
            String secret = dev.sluice.connection.internal.DatabaseUrl.parse(url, "migration-url").password();
            if (secret != null) {
                Redaction.remember(secret);
            }
        }
        this.migrationUrl = url;
        return self();
    }

    /** Replaces the pool settings entirely (vendor and profile defaults are not applied). */
    public B pool(PoolSettings pool) {
        this.pool = Checks.notNull("pool", pool, "pool settings").toBuilder();
        return self();
    }

    /** Adjusts the pool settings; what is not set keeps the vendor's and profile's defaults. */
    public B pool(Consumer<PoolSettings.Builder> adjust) {
        Checks.notNull("pool", adjust, "a customizer").accept(pool);
        return self();
    }

    /** TLS settings. */
    public B ssl(SslSettings ssl) {
        this.ssl = Checks.notNull("ssl", ssl, "TLS settings").toBuilder();
        return self();
    }

    /** TLS mode without a root certificate ({@code disable} or {@code require}). */
    public B ssl(SslMode mode) {
        return ssl(SslSettings.of(mode));
    }

    /** Adjusts the TLS settings ({@code s -> s.mode(SslMode.VERIFY_FULL).rootCertificate(pem)}). */
    public B ssl(Consumer<SslSettings.Builder> adjust) {
        Checks.notNull("ssl", adjust, "a customizer").accept(ssl);
        return self();
    }

    /** Health check settings. */
    public B health(HealthSettings health) {
        this.health = Checks.notNull("health", health, "health settings").toBuilder();
        return self();
    }

    /** Adjusts the health check settings ({@code h -> h.interval(Duration.ofSeconds(10))}). */
    public B health(Consumer<HealthSettings.Builder> adjust) {
        Checks.notNull("health", adjust, "a customizer").accept(health);
        return self();
    }

    /** Reconnect backoff settings. */
    public B reconnect(ReconnectSettings reconnect) {
        this.reconnect = Checks.notNull("reconnect", reconnect, "reconnect settings").toBuilder();
        return self();
    }

    /** Adjusts the reconnect backoff settings ({@code r -> r.maxAttempts(10)}). */
    public B reconnect(Consumer<ReconnectSettings.Builder> adjust) {
        Checks.notNull("reconnect", adjust, "a customizer").accept(reconnect);
        return self();
    }

    /** The driver's timeouts. */
    public B timeouts(TimeoutSettings timeouts) {
        this.timeouts = Checks.notNull("timeouts", timeouts, "timeout settings").toBuilder();
        return self();
    }

    /** Adjusts the driver's timeouts ({@code t -> t.connect(Duration.ofSeconds(2))}). */
    public B timeouts(Consumer<TimeoutSettings.Builder> adjust) {
        Checks.notNull("timeouts", adjust, "a customizer").accept(timeouts);
        return self();
    }

    /** Adjusts the shutdown settings ({@code s -> s.hook(true).drain(Duration.ofSeconds(30))}). */
    public B shutdown(Consumer<ShutdownSettings.Builder> adjust) {
        Checks.notNull("shutdown", adjust, "a customizer").accept(shutdown);
        return self();
    }

    /** Adjusts the timing statistics ({@code s -> s.window(Duration.ofMinutes(5))}). */
    public B stats(Consumer<StatsSettings.Builder> adjust) {
        Checks.notNull("stats", adjust, "a customizer").accept(stats);
        return self();
    }

    /** What happens when the database is down at start. */
    public B startup(StartupMode startup) {
        this.startup = Checks.notNull("startup", startup, "fail-fast or background");
        return self();
    }

    /** The profile whose defaults apply to settings not given explicitly. */
    public B profile(Profile profile) {
        this.profile = Checks.notNull("profile", profile, "production or development");
        return self();
    }

    /** An extra driver property, passed as is. */
    public B driverProperty(String key, String value) {
        if (key == null || key.isBlank() || value == null) {
            throw new ConfigException("driver-properties", key, "a non-blank key with a value");
        }
        if (Redaction.isSecretName(key)) {
            Redaction.remember(value);
        }
        this.driverProperties.put(key, value);
        return self();
    }

    /** The class loader to load the JDBC driver from (default: Sluice's own). */
    public B driverClassLoader(ClassLoader loader) {
        this.driverClassLoader = loader;
        return self();
    }

    /**
     * A Micrometer {@code io.micrometer.core.instrument.MeterRegistry} to publish pool metrics to (HikariCP's
     * Micrometer tracker). Typed {@code Object} so that Micrometer stays an optional dependency.
     */
    public B meterRegistry(Object registry) {
        if (registry != null && !ConfigBinder.isMeterRegistry(registry)) {
            throw new ConfigException("meter-registry", registry.getClass().getName(), "an io.micrometer.core.instrument.MeterRegistry");
        }
        this.meterRegistry = registry;
        return self();
    }

    /** Where these values came from ({@code app.yaml}, {@code the environment}), named in the errors of building them. */
    public B source(String source) {
        this.source = source;
        return self();
    }
}
