package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import dev.sluice.connection.internal.ConfigBinder;
import dev.sluice.connection.internal.DatabaseUrl;
import dev.sluice.connection.internal.TlsParameters;
import dev.sluice.connection.Durations;
import dev.sluice.connection.internal.VendorDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Everything needed to open and manage the pool of one database. Immutable and validated when built: a bad value fails
 * with a {@link ConfigException} naming the property, the value (secrets redacted) and what is allowed.
 *
 * <p>Build one in code, or read one from the environment, a properties file or YAML; all sources use the same keys:
 *
 * <pre>{@code
 * ConnectionConfig config = ConnectionConfig.builder()
 *         .url("postgres://app@127.0.0.1:5432/app")
 *         .password(System.getenv("APP_DB_PASSWORD"))
 *         .pool(p -> p.max(20).connectionTimeout(Duration.ofSeconds(5)))
 *         .build();
 * ConnectionConfig fromEnv = ConnectionConfig.fromEnv();            // DATABASE_URL or DB_HOST, DB_PORT, ...
 * ConnectionConfig fromYaml = ConnectionConfig.fromYaml(Path.of("sluice.yaml"));
 * }</pre>
 *
 * <p>The password is never part of {@link #toString()}, {@link #jdbcUrl()} or any message; credentials found in a URL
 * are taken out of it.
 */
public final class ConnectionConfig {
    // Longer than our usual classes on purpose: one documented accessor and one checked builder setter per key, kept
    // together so the whole configuration surface reads in one place. The key/value sources live in ConfigBinder.
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();
    private static final Duration DEFAULT_STATS_WINDOW = Duration.ofMinutes(1);

    private final DatabaseUrl url;
    private final String user;
    private final String password;
    private final String name;
    private final String applicationName;
    private final String role;
    private final PoolSettings pool;
    private final SslSettings ssl;
    private final HealthSettings health;
    private final ReconnectSettings reconnect;
    private final StartupMode startup;
    private final Profile profile;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final Duration sqliteBusyTimeout;
    private final Map<String, String> driverProperties;
    private final boolean shutdownHook;
    private final Duration shutdownDrain;
    private final Duration statsWindow;
    private final ClassLoader driverClassLoader;
    private final Object meterRegistry;

    private ConnectionConfig(Builder b, DatabaseUrl url, PoolSettings pool, SslSettings ssl) {
        this.url = url;
        this.user = b.user != null ? b.user : url.user();
        this.password = b.password != null ? b.password : url.password();
        this.name = b.name != null ? b.name : "sluice-" + url.vendor().id() + "-" + POOL_COUNTER.incrementAndGet();
        this.applicationName = b.applicationName != null ? b.applicationName : this.name;
        this.role = b.role;
        this.pool = pool;
        this.ssl = ssl;
        this.health = b.health;
        this.reconnect = b.reconnect;
        this.startup = b.startup;
        this.profile = b.profile;
        this.connectTimeout = b.connectTimeout;
        this.socketTimeout = b.socketTimeout;
        this.sqliteBusyTimeout = b.sqliteBusyTimeout;
        Map<String, String> props = new LinkedHashMap<>(url.secretParams());
        java.util.Set<String> tls = VendorDescriptor.of(url.vendor()).tlsParameters();
        // TLS parameters never reach the driver as such: build() turned them into the ssl settings
        b.driverProperties.forEach((k, v) -> {
            if (!tls.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                props.put(k, v);
            }
        });
        this.driverProperties = Map.copyOf(props);
        this.shutdownHook = b.shutdownHook;
        this.shutdownDrain = b.shutdownDrain;
        this.statsWindow = b.statsWindow;
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
        b.url = url.jdbcUrl();
        b.user = user;
        b.password = password;
        b.name = name;
        b.applicationName = applicationName;
        b.role = role;
        b.explicitPool = pool;
        b.ssl = ssl;
        b.sslExplicit = true;
        b.health = health;
        b.reconnect = reconnect;
        b.startup = startup;
        b.profile = profile;
        b.connectTimeout = connectTimeout;
        b.socketTimeout = socketTimeout;
        b.sqliteBusyTimeout = sqliteBusyTimeout;
        b.driverProperties.putAll(driverProperties);
        b.shutdownHook = shutdownHook;
        b.shutdownDrain = shutdownDrain;
        b.statsWindow = statsWindow;
        b.driverClassLoader = driverClassLoader;
        b.meterRegistry = meterRegistry;
        return b;
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

    /** What {@code connect()} does when the database is down at start. */
    public StartupMode startup() {
        return startup;
    }

    /** The profile whose defaults were applied. */
    public Profile profile() {
        return profile;
    }

    /** How long opening a TCP connection may take (driver connect timeout). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a read from the server may block before the driver gives up (0 = never). */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** How long a SQLite statement waits for a lock before failing with SQLITE_BUSY. */
    public Duration sqliteBusyTimeout() {
        return sqliteBusyTimeout;
    }

    /** Extra driver properties (may include secrets; never printed). */
    public Map<String, String> driverProperties() {
        return driverProperties;
    }

    /** Whether a JVM shutdown hook drains and closes the pool on SIGTERM/SIGINT. */
    public boolean shutdownHook() {
        return shutdownHook;
    }

    /** How long {@link ConnectionManager#close()} and the shutdown hook wait for in-flight work. */
    public Duration shutdownDrain() {
        return shutdownDrain;
    }

    /**
     * The length of the recent window of the timing statistics ({@link PoolStats#recent()},
     * {@link ConnectionManager#healthLatency()}); it moves in steps of a sixth of its length.
     */
    public Duration statsWindow() {
        return statsWindow;
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
                + (role == null ? "" : ", role=" + role) + ", ssl=" + ssl.mode().id() + ", connectTimeout=" + Durations.format(connectTimeout)
                + ", socketTimeout=" + Durations.format(socketTimeout) + ", startup=" + startup + ", profile=" + profile + "]";
    }

    /** Words that SET ROLE reads as keywords (PostgreSQL, MySQL, MariaDB), so they can never name the role to run as. */
    private static final java.util.Set<String> RESERVED_ROLES = java.util.Set.of("none", "all", "default", "public",
            "current_user", "session_user", "current_role", "user");

    /** Builds a {@link ConnectionConfig}; each setter checks its value at once, {@link #build()} the combinations. */
    public static final class Builder {
        private String url;
        private String urlProperty = "url";
        private Vendor vendor;
        private String host;
        private Integer port;
        private String database;
        private String user;
        private String password;
        private String name;
        private String applicationName;
        private String role;
        private PoolSettings explicitPool;
        private final List<Consumer<PoolSettings.Builder>> poolCustomizers = new ArrayList<>();
        private SslSettings ssl = SslSettings.DISABLED;
        private boolean sslExplicit;
        private HealthSettings health = HealthSettings.defaults();
        private ReconnectSettings reconnect = ReconnectSettings.defaults();
        private StartupMode startup = StartupMode.FAIL_FAST;
        private Profile profile = Profile.PRODUCTION;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration socketTimeout = Duration.ofSeconds(60);
        private Duration sqliteBusyTimeout = Duration.ofSeconds(5);
        private final Map<String, String> driverProperties = new LinkedHashMap<>();
        private boolean shutdownHook;
        private Duration shutdownDrain = Duration.ofSeconds(10);
        private Duration statsWindow = DEFAULT_STATS_WINDOW;
        private ClassLoader driverClassLoader;
        private Object meterRegistry;

        private Builder() {}

        /** The database URL, in any form {@link Vendor#fromUrl(String)} accepts; it is parsed (and checked) at once. */
        public Builder url(String url) {
            return url(url, "url");
        }

        /** As {@link #url(String)}, naming the property the URL came from in messages ({@code DATABASE_URL}). */
        public Builder url(String url, String property) {
            DatabaseUrl.parse(url, property);
            this.url = url;
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
            if (host == null || host.isBlank() || host.contains("/") || host.contains("@")) {
                throw new ConfigException("host", host, "a host name or IP address, e.g. 127.0.0.1");
            }
            this.host = host.trim();
            return this;
        }

        /** The port, when no URL is given; 1 to 65535. */
        public Builder port(int port) {
            this.port = Checks.range("port", port, 1, 65535);
            return this;
        }

        /** The database name (SQLite: the file path), when no URL is given. */
        public Builder database(String database) {
            if (database == null || database.isBlank()) {
                throw new ConfigException("database", database, "a database name (SQLite: a file path)");
            }
            this.database = database.trim();
            return this;
        }

        /** The user; overrides a user in the URL. */
        public Builder user(String user) {
            if (user != null && user.isBlank()) {
                throw new ConfigException("user", user, "a non-blank user name, or none");
            }
            this.user = user;
            return this;
        }

        /** The password; overrides a password in the URL. */
        public Builder password(String password) {
            Redaction.remember(password); // masked wherever it might appear from now on
            this.password = password;
            return this;
        }

        /** The pool name; defaults to {@code sluice-<vendor>-<n>}. */
        public Builder name(String name) {
            if (name == null || !name.matches("[A-Za-z0-9_.:-]{1,63}")) {
                throw new ConfigException("name", name, "1 to 63 letters, digits, '_', '.', ':' or '-'");
            }
            this.name = name;
            return this;
        }

        /** The application name the server sees; defaults to the pool name. */
        public Builder applicationName(String applicationName) {
            if (applicationName == null || applicationName.isBlank() || applicationName.length() > 63) {
                throw new ConfigException("application-name", applicationName, "1 to 63 characters");
            }
            this.applicationName = applicationName;
            return this;
        }

        /**
         * A role every pooled connection switches to with {@code SET ROLE} (PostgreSQL, MySQL 8, MariaDB); the login
         * user must be a member of it.
         */
        public Builder role(String role) {
            if (role == null || !role.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new ConfigException("role", role, "an SQL identifier: a letter or '_', then letters, digits or '_' (at most 63)");
            }
            if (RESERVED_ROLES.contains(role.toLowerCase(java.util.Locale.ROOT))) {
                // SET ROLE none (or ALL, DEFAULT...) does not switch to a role called so: it leaves the session as the
                // login user, often a superuser, so row-level security would silently do nothing
                throw new ConfigException("role", role, "a role name; " + role + " is a keyword of SET ROLE, not a role (reserved: "
                        + String.join(", ", new java.util.TreeSet<>(RESERVED_ROLES)) + ")");
            }
            this.role = role;
            return this;
        }

        /** Replaces the pool settings entirely (vendor and profile defaults are not applied). */
        public Builder pool(PoolSettings pool) {
            this.explicitPool = Checks.notNull("pool", pool, "pool settings");
            this.poolCustomizers.clear();
            return this;
        }

        /** Adjusts the pool settings, starting from the vendor's and profile's defaults. */
        public Builder pool(Consumer<PoolSettings.Builder> customizer) {
            this.poolCustomizers.add(Checks.notNull("pool", customizer, "a customizer"));
            return this;
        }

        /** TLS settings. */
        public Builder ssl(SslSettings ssl) {
            this.ssl = Checks.notNull("ssl", ssl, "TLS settings");
            this.sslExplicit = true;
            return this;
        }

        /** TLS mode without a root certificate ({@code disable} or {@code require}). */
        public Builder ssl(SslMode mode) {
            return ssl(SslSettings.of(mode));
        }

        /** Health check settings. */
        public Builder health(HealthSettings health) {
            this.health = Checks.notNull("health", health, "health settings");
            return this;
        }

        /** Reconnect backoff settings. */
        public Builder reconnect(ReconnectSettings reconnect) {
            this.reconnect = Checks.notNull("reconnect", reconnect, "reconnect settings");
            return this;
        }

        /** What happens when the database is down at start. */
        public Builder startup(StartupMode startup) {
            this.startup = Checks.notNull("startup", startup, "fail-fast or background");
            return this;
        }

        /** The profile whose defaults apply to settings not given explicitly. */
        public Builder profile(Profile profile) {
            this.profile = Checks.notNull("profile", profile, "production or development");
            return this;
        }

        /** How long opening a connection may take; 1s to 10m (drivers count in whole seconds). */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Checks.atLeast("connect-timeout", d, Duration.ofSeconds(1));
            if (d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new ConfigException("connect-timeout", Durations.format(d), "must be at most 10m");
            }
            return this;
        }

        /** How long a read may block; 0 (never) or at least 1s (drivers count in whole seconds). */
        public Builder socketTimeout(Duration d) {
            this.socketTimeout = Checks.zeroOrAtLeast("socket-timeout", d, Duration.ofSeconds(1));
            return this;
        }

        /** How long a SQLite statement waits for a lock; 0 (fail at once) or at least 10ms. */
        public Builder sqliteBusyTimeout(Duration d) {
            this.sqliteBusyTimeout = Checks.zeroOrAtLeast("sqlite.busy-timeout", d, Duration.ofMillis(10));
            return this;
        }

        /** An extra driver property, passed as is. */
        public Builder driverProperty(String key, String value) {
            if (key == null || key.isBlank() || value == null) {
                throw new ConfigException("driver-properties", key, "a non-blank key with a value");
            }
            if (Redaction.isSecretName(key)) {
                Redaction.remember(value);
            }
            this.driverProperties.put(key, value);
            return this;
        }

        /** Registers a JVM shutdown hook that drains and closes the pool on SIGTERM/SIGINT. */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /** How long a graceful shutdown waits for in-flight work; 0 to 10m. */
        public Builder shutdownDrain(Duration d) {
            if (d == null || d.isNegative() || d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new ConfigException("shutdown.drain", d == null ? null : Durations.format(d), "a duration from 0 to 10m");
            }
            this.shutdownDrain = d;
            return this;
        }

        /**
         * The length of the recent window of the timing statistics, 1s to 1h (default 1m): percentiles of the last
         * minute show a spike that hours of earlier traffic would hide.
         */
        public Builder statsWindow(Duration d) {
            if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
                throw new ConfigException("stats.window", d == null ? null : Durations.format(d), "a duration from 1s to 1h");
            }
            this.statsWindow = d;
            return this;
        }

        /** The class loader to load the JDBC driver from (default: Sluice's own). */
        public Builder driverClassLoader(ClassLoader loader) {
            this.driverClassLoader = loader;
            return this;
        }

        /**
         * A Micrometer {@code io.micrometer.core.instrument.MeterRegistry} to publish pool metrics to (HikariCP's
         * Micrometer tracker). Typed {@code Object} so that Micrometer stays an optional dependency.
         */
        public Builder meterRegistry(Object registry) {
            if (registry != null && !ConfigBinder.isMeterRegistry(registry)) {
                throw new ConfigException("meter-registry", registry.getClass().getName(),
                        "an io.micrometer.core.instrument.MeterRegistry");
            }
            this.meterRegistry = registry;
            return this;
        }

        /**
         * Checks the combinations and builds the config. The JDBC driver is not loaded here; a missing driver is
         * reported when the manager is created.
         */
        public ConnectionConfig build() {
            DatabaseUrl parsed = resolveUrl();
            VendorDescriptor descriptor = VendorDescriptor.of(parsed.vendor());
            PoolSettings pool = explicitPool;
            if (pool == null) {
                PoolSettings.Builder pb = descriptor.poolDefaults();
                if (profile == Profile.DEVELOPMENT) {
                    pb.leakDetectionThreshold(Duration.ofSeconds(10));
                }
                poolCustomizers.forEach(c -> c.accept(pb));
                pool = pb.build();
            }
            SslSettings effectiveSsl = resolveSsl(parsed, descriptor);
            descriptor.validate(parsed, pool, effectiveSsl);
            if (role != null && !descriptor.supportsRoles()) {
                throw new ConfigException("role", role, parsed.vendor().displayName() + " has no roles; remove role");
            }
            if (user != null && parsed.user() != null && !user.equals(parsed.user())) {
                throw ConfigException.of("user", "The user is given twice with different values: '" + user + "' and '"
                        + parsed.user() + "' in " + urlProperty + "; give it once");
            }
            return new ConnectionConfig(this, parsed, pool, effectiveSsl);
        }

        /** TLS is decided in one place: see {@link TlsParameters}. */
        private SslSettings resolveSsl(DatabaseUrl parsed, VendorDescriptor descriptor) {
            return TlsParameters.resolve(parsed, descriptor, driverProperties, ssl, sslExplicit, urlProperty);
        }

        private DatabaseUrl resolveUrl() {
            if (url != null) {
                if (host != null || port != null || database != null) {
                    throw ConfigException.of(urlProperty, "Both " + urlProperty + " and separate host/port/database are set; "
                            + "set either the URL or the parts, not both");
                }
                return DatabaseUrl.parse(url, urlProperty);
            }
            return (vendor != null ? VendorDescriptor.of(vendor) : VendorDescriptor.forBareHost()).fromParts(host, port, database);
        }
    }
}
