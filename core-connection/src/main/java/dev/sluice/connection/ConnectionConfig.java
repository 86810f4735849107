package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import dev.sluice.connection.internal.ConfigBinder;
import dev.sluice.connection.internal.DatabaseUrl;
import dev.sluice.connection.internal.TlsParameters;
import dev.sluice.connection.internal.VendorDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything needed to open and manage the pool of one database: the database and who connects, composed with one
 * small settings record per concern ({@link PoolSettings}, {@link SslSettings}, {@link HealthSettings},
 * {@link ReconnectSettings}, {@link TimeoutSettings}, {@link ShutdownSettings}, {@link StatsSettings}), each checking
 * its own values. Immutable and validated when built: a bad value fails with a {@link ConfigException} naming the
 * property, the value (secrets redacted) and what is allowed. All sources (code, the environment, properties, YAML)
 * use the same keys; where several may name the database, {@link ConfigSources} decides which one wins.
 *
 * <pre>{@code
 * ConnectionConfig config = ConnectionConfig.builder()
 *         .url("postgres://app@127.0.0.1:5432/app")
 *         .password(System.getenv("APP_DB_PASSWORD"))
 *         .pool(p -> p.max(20).connectionTimeout(Duration.ofSeconds(5)))
 *         .health(h -> h.interval(Duration.ofSeconds(10)))
 *         .build();
 * ConnectionConfig fromEnv = ConnectionConfig.fromEnv();            // DATABASE_URL or DB_HOST, DB_PORT, ...
 * ConnectionConfig fromYaml = ConnectionConfig.fromYaml(Path.of("sluice.yaml"));
 * }</pre>
 *
 * <p>The password is never part of {@link #toString()}, {@link #jdbcUrl()} or any message; credentials found in a URL
 * are taken out of it.
 */
public final class ConnectionConfig {
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final DatabaseUrl url;
    private final String user;
    private final String password;
    private final String name;
    private final String applicationName;
    private final String role;
    private final PgBouncerMode pgBouncer;
    private final String migrationUrl;
    private final PoolSettings pool;
    private final SslSettings ssl;
    private final HealthSettings health;
    private final ReconnectSettings reconnect;
    private final TimeoutSettings timeouts;
    private final ShutdownSettings shutdown;
    private final StatsSettings stats;
    private final StartupMode startup;
    private final Profile profile;
    private final Map<String, String> driverProperties;
    private final ClassLoader driverClassLoader;
    private final Object meterRegistry;

    private ConnectionConfig(Builder b, DatabaseUrl url, PoolSettings pool, SslSettings ssl) {
        this.url = url;
        this.user = b.user != null ? b.user : url.user();
        this.password = b.password != null ? b.password : url.password();
        this.name = b.name != null ? b.name : "sluice-" + url.vendor().id() + "-" + POOL_COUNTER.incrementAndGet();
        this.applicationName = b.applicationName != null ? b.applicationName : this.name;
        this.role = b.role;
        this.pgBouncer = b.pgBouncer;
        this.migrationUrl = b.migrationUrl;
        this.pool = pool;
        this.ssl = ssl;
        this.health = b.health.build();
        this.reconnect = b.reconnect.build();
        this.timeouts = b.timeouts.build();
        this.shutdown = b.shutdown.build();
        this.stats = b.stats.build();
        this.startup = b.startup;
        this.profile = b.profile;
        this.driverProperties = TlsParameters.driverProperties(url, VendorDescriptor.of(url.vendor()), b.driverProperties);
        this.driverClassLoader = b.driverClassLoader;
        this.meterRegistry = b.meterRegistry;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A config for the given URL with all defaults. */
    public static ConnectionConfig fromUrl(String url) {
        return builder().url(url).build();
    }

    /**
     * Reads the process environment: {@code DATABASE_URL}, or {@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME},
     * {@code DB_USER}, {@code DB_PASSWORD}, {@code DB_VENDOR}; pool sizes {@code DB_POOL_MIN}, {@code DB_POOL_MAX};
     * {@code DB_SSL_MODE}, {@code DB_SSL_ROOT_CERT}; and any other key as {@code SLUICE_<KEY>}
     * ({@code SLUICE_POOL_CONNECTION_TIMEOUT=5s}).
     */
    public static ConnectionConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** As {@link #fromEnv()}, from the given variables (for tests and tools). */
    public static ConnectionConfig fromEnv(Map<String, String> env) {
        return ConfigBinder.fromEnv(env).build();
    }

    /** Reads {@code sluice.*} keys from properties ({@code sluice.url}, {@code sluice.pool.max}...). */
    public static ConnectionConfig fromProperties(Properties properties) {
        return ConfigBinder.fromProperties(properties, "properties").build();
    }

    /** Reads {@code sluice.*} keys from a properties file. */
    public static ConnectionConfig fromProperties(Path file) {
        return ConfigBinder.fromPropertiesFile(file).build();
    }

    /**
     * Reads a YAML file whose keys are the configuration keys, nested or dotted:
     *
     * <pre>
     * url: postgres://app@127.0.0.1:5432/app
     * password: ${APP_DB_PASSWORD}
     * pool:
     *   max: 20
     *   connection-timeout: 5s
     * </pre>
     *
     * {@code ${VAR}} and {@code ${VAR:-default}} are replaced from the environment.
     */
    public static ConnectionConfig fromYaml(Path file) {
        return ConfigBinder.fromYamlFile(file).build();
    }

    /** As {@link #fromYaml(Path)}, from YAML text; {@code sourceName} names it in messages. */
    public static ConnectionConfig fromYaml(String yaml, String sourceName) {
        return ConfigBinder.fromYaml(yaml, sourceName, System.getenv()).build();
    }

    /** A builder holding these settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        return b.copy(this);
    }

    /** The database vendor. */
    public Vendor vendor() {
        return url.vendor();
    }

    /** The JDBC URL, without user, password or other secrets (they are passed to the driver separately). */
    public String jdbcUrl() {
        return url.jdbcUrl();
    }

    /** The URL as it may be shown in logs and messages. */
    public String redactedUrl() {
        return url.redacted();
    }

    /** The host, or {@code null} for SQLite. */
    public String host() {
        return url.host();
    }

    /** The port, or the vendor's default port when the URL names none; {@code -1} for SQLite. */
    public int port() {
        return url.port() > 0 ? url.port() : VendorDescriptor.of(url.vendor()).defaultPort();
    }

    /** The database name (SQLite: the file path), or {@code null} when the URL names none. */
    public String database() {
        return url.database();
    }

    /**
     * Whether the database exists only in memory ({@code sqlite::memory:}, {@code file::memory:}, a file URI with
     * {@code mode=memory}): it is gone when its last connection closes.
     */
    public boolean inMemory() {
        return VendorDescriptor.of(url.vendor()).inMemory(url);
    }

    /** The user, or {@code null}. */
    public String user() {
        return user;
    }

    /** The password, or {@code null}. Never log it; {@link #toString()} masks it. */
    public String password() {
        return password;
    }

    /** The pool name, used in thread names, metrics, messages and exceptions. */
    public String name() {
        return name;
    }

    /** The application name the server sees (PostgreSQL {@code application_name}; MySQL {@code program_name}). */
    public String applicationName() {
        return applicationName;
    }

    /**
     * The database role every pooled connection switches to ({@code SET ROLE}), or {@code null}. Lets an application
     * log in as the schema owner's member but run as a restricted role, such as {@code sluice_app}, whose access
     * row-level security limits.
     */
    public String role() {
        return role;
    }

    /** The pool mode of the PgBouncer the URL points at ({@code pgbouncer}); empty when there is none. */
    public java.util.Optional<PgBouncerMode> pgBouncer() {
        return java.util.Optional.ofNullable(pgBouncer);
    }

    /** The {@code migration-url} as it may be shown (no credentials); empty when not set. */
    public java.util.Optional<String> redactedMigrationUrl() {
        return java.util.Optional.ofNullable(migrationUrl).map(u -> DatabaseUrl.parse(u, "migration-url").redacted());
    }

    /** The {@code migration-url} as given, for copies of this config. */
    String migrationUrlSetting() {
        return migrationUrl;
    }

    /**
     * The config that migrations, seeds and schema checks connect with: {@code migration-url} when it is set (with
     * its own user and password when it names a user, no PgBouncer mode, pool name {@code <name>-migrations}); this
     * config itself when there is no transaction-mode PgBouncer in the way.
     *
     * @throws ConfigException when the URL points at a transaction-mode PgBouncer and no {@code migration-url} is set:
     *     migrations hold session state (locks, the search path) across transactions, which such a pooler does not keep
     */
    public ConnectionConfig forMigrations() {
        if (migrationUrl == null) {
            requireOwnSessions("Migrations");
            return this;
        }
        Builder b = toBuilder();
        b.url(migrationUrl, "migration-url");
        if (b.url.user() != null) {
            b.user = null; // the migration URL's user and password, not the application's
            b.password = null;
        }
        b.pgBouncer = null;
        b.migrationUrl = null;
        b.name = name + "-migrations";
        return b.build();
    }

    /**
     * Fails when this config's connections go through a transaction-mode PgBouncer, for work that needs a server
     * session of its own across transactions (migrations, seeds, schema checks).
     *
     * @param work what cannot run, for the message ({@code Migrations})
     * @throws ConfigException one line naming {@code migration-url} and what to do
     */
    public void requireOwnSessions(String work) {
        if (pgBouncer == null || !pgBouncer.sharesSessions()) {
            return;
        }
        throw ConfigException.of("migration-url", work + " cannot run through PgBouncer in transaction mode (pgbouncer: "
                + pgBouncer.id() + ", url " + redactedUrl() + "): " + (migrationUrl == null
                        ? "set migration-url to PostgreSQL itself or to a session-mode pool"
                        : "connect them with ConnectionConfig.forMigrations(), which uses migration-url " + redactedMigrationUrl().orElse("")));
    }

    /** Pool sizes and timeouts. */
    public PoolSettings pool() {
        return pool;
    }

    /** TLS settings. */
    public SslSettings ssl() {
        return ssl;
    }

    /** Health check settings. */
    public HealthSettings health() {
        return health;
    }

    /** Reconnect backoff settings. */
    public ReconnectSettings reconnect() {
        return reconnect;
    }

    /** How long the driver waits for the server: connecting, reading, SQLite locks. */
    public TimeoutSettings timeouts() {
        return timeouts;
    }

    /** The shutdown hook and how long a shutdown waits for in-flight work. */
    public ShutdownSettings shutdown() {
        return shutdown;
    }

    /** The timing statistics' recent window. */
    public StatsSettings stats() {
        return stats;
    }

    /** What {@code connect()} does when the database is down at start. */
    public StartupMode startup() {
        return startup;
    }

    /** The profile whose defaults were applied. */
    public Profile profile() {
        return profile;
    }

    /** Extra driver properties (may include secrets; never printed). */
    public Map<String, String> driverProperties() {
        return driverProperties;
    }

    /** The class loader drivers are loaded from. */
    public ClassLoader driverClassLoader() {
        return driverClassLoader != null ? driverClassLoader : ConnectionConfig.class.getClassLoader();
    }

    /** The Micrometer {@code MeterRegistry} pool metrics are published to, or {@code null}. */
    public Object meterRegistry() {
        return meterRegistry;
    }

    @Override
    public String toString() {
        return "ConnectionConfig[name=" + name + ", url=" + redactedUrl() + ", user=" + user
                + ", password=" + (password == null ? "<none>" : Redaction.MASK) + ", pool=" + pool.min() + ".." + pool.max()
                + (role == null ? "" : ", role=" + role) + (pgBouncer == null ? "" : ", pgbouncer=" + pgBouncer.id())
                + (migrationUrl == null ? "" : ", migration-url=" + redactedMigrationUrl().orElse("")) + ", ssl=" + ssl.mode().id() + ", connectTimeout="
                + Durations.format(timeouts.connect()) + ", socketTimeout=" + Durations.format(timeouts.socket())
                + ", startup=" + startup + ", profile=" + profile + "]";
    }

    /**
     * Builds a {@link ConnectionConfig}: the database, who connects, and each concern's settings. Each setter checks
     * its value at once (the settings records own their rules); {@link #build()} checks the combinations.
     */
    public static final class Builder extends SettingsBuilder<Builder> {
        private DatabaseUrl url;
        private String urlProperty = "url";
        private Vendor vendor;
        private String host;
        private Integer port;
        private String database;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** The database URL, in any form {@link Vendor#fromUrl(String)} accepts; it is parsed (and checked) at once. */
        public Builder url(String url) {
            return url(url, "url");
        }

        /** As {@link #url(String)}, naming the property the URL came from in messages ({@code DATABASE_URL}). */
        public Builder url(String url, String property) {
            this.url = DatabaseUrl.parse(url, property);
            this.urlProperty = property;
            return this;
        }

        /** The vendor, when the URL is given as parts ({@link #host(String)}...) rather than as a URL. */
        public Builder vendor(Vendor vendor) {
            this.vendor = Checks.notNull("vendor", vendor, "one of postgresql, mysql, sqlite");
            return this;
        }

        /** The host, when no URL is given. */
        public Builder host(String host) {
            this.host = Checks.host(host);
            return this;
        }

        /** The port, when no URL is given; 1 to 65535. */
        public Builder port(int port) {
            this.port = Checks.range("port", port, 1, 65535);
            return this;
        }

        /** The database name (SQLite: the file path), when no URL is given. */
        public Builder database(String database) {
            this.database = Checks.database(database);
            return this;
        }

        /**
         * Checks the combinations and builds the config. The JDBC driver is not loaded here; a missing driver is
         * reported when the manager is created.
         */
        public ConnectionConfig build() {
            try {
                return check();
            } catch (ConfigException e) {
                throw e.withSource(source);
            }
        }

        private ConnectionConfig check() {
            DatabaseUrl parsed = resolveUrl();
            VendorDescriptor descriptor = VendorDescriptor.of(parsed.vendor());
            PoolSettings.Builder defaults = descriptor.poolDefaults();
            if (profile == Profile.DEVELOPMENT) {
                defaults.leakDetectionThreshold(Duration.ofSeconds(10));
            }
            PoolSettings effectivePool = defaults.apply(pool).build();
            // TLS is decided in one place: the URL's TLS parameters against the ssl settings
            SslSettings effectiveSsl = TlsParameters.resolve(parsed, descriptor, driverProperties, ssl.build(), ssl.isSet(), urlProperty);
            descriptor.validate(parsed, effectivePool, effectiveSsl);
            checkPgBouncer(parsed, descriptor);
            if (role != null && !descriptor.supportsRoles()) {
                throw new ConfigException("role", role, parsed.vendor().displayName() + " has no roles; remove role");
            }
            if (user != null && parsed.user() != null && !user.equals(parsed.user())) {
                throw ConfigException.of("user", "The user is given twice with different values: '" + user + "' and '"
                        + parsed.user() + "' in " + urlProperty + "; give it once");
            }
            return new ConnectionConfig(this, parsed, effectivePool, effectiveSsl);
        }

        /** {@code pgbouncer} and {@code migration-url} against the URL and the role. */
        private void checkPgBouncer(DatabaseUrl parsed, VendorDescriptor descriptor) {
            if (pgBouncer != null && !descriptor.poolsBehindPgBouncer()) {
                throw new ConfigException("pgbouncer", pgBouncer.id(), "PgBouncer pools PostgreSQL only; remove pgbouncer for a "
                        + parsed.vendor().displayName() + " URL");
            }
            if (pgBouncer != null && pgBouncer.sharesSessions() && role != null) {
                throw new ConfigException("role", role, "no role with pgbouncer: transaction: SET ROLE is session state, which "
                        + "transaction pooling hands on to other clients; log in as that role instead");
            }
            if (migrationUrl != null) {
                DatabaseUrl m = DatabaseUrl.parse(migrationUrl, "migration-url");
                if (m.vendor() != parsed.vendor()) {
                    throw new ConfigException("migration-url", m.redacted(), "a " + parsed.vendor().displayName()
                            + " URL: the same vendor as " + urlProperty);
                }
            }
        }

        private DatabaseUrl resolveUrl() {
            if (url != null) {
                if (host != null || port != null || database != null) {
                    throw ConfigException.of(urlProperty, "Both " + urlProperty + " and separate host/port/database are set; "
                            + "set either the URL or the parts, not both");
                }
                return url;
            }
            return (vendor != null ? VendorDescriptor.of(vendor) : VendorDescriptor.forBareHost()).fromParts(host, port, database);
        }
    }
}
