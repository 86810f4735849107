package dev.sluice.connection.internal;

import dev.sluice.connection.Durations;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.PoolSettings;
import dev.sluice.connection.Profile;
import dev.sluice.connection.ReconnectSettings;
import dev.sluice.connection.SslMode;
import dev.sluice.connection.SslSettings;
import dev.sluice.connection.StartupMode;
import dev.sluice.connection.Vendor;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the key/value form of a configuration (environment, properties, YAML) into a {@link ConnectionConfig.Builder}.
 * All sources share one set of keys ({@code url}, {@code pool.max}, {@code ssl.mode}...); every error names the key as
 * the user wrote it and the source it came from.
 */
public final class ConfigBinder {
    /** One value and where it came from ({@code DB_POOL_MAX}, {@code app.yaml: pool.max}). */
    public record Sourced(String value, String origin) {}

    private interface Setter extends BiConsumer<Binding, String> {}

    /** The builder being filled plus the settings that are assembled from several keys. */
    private static final class Binding {
        final ConnectionConfig.Builder builder = ConnectionConfig.builder();
        final List<java.util.function.Consumer<PoolSettings.Builder>> pool = new ArrayList<>();
        Duration healthInterval;
        Duration healthTimeout;
        Integer healthThreshold;
        Duration reconnectInitial;
        Double reconnectMultiplier;
        Duration reconnectMax;
        Integer reconnectAttempts;
        Double reconnectJitter;
        SslMode sslMode;
        Path sslRootCert;
        String sslOrigin;

        /** Checks the single value now (so its error names its source), and keeps it for the vendor's defaults. */
        void addPool(java.util.function.Consumer<PoolSettings.Builder> setter) {
            setter.accept(PoolSettings.builder());
            pool.add(setter);
        }
    }

    private static final Map<String, Setter> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("url", (b, v) -> b.builder.url(v));
        KEYS.put("vendor", (b, v) -> b.builder.vendor(Vendor.fromName(v)));
        KEYS.put("host", (b, v) -> b.builder.host(v));
        KEYS.put("port", (b, v) -> b.builder.port(integer("port", v)));
        KEYS.put("database", (b, v) -> b.builder.database(v));
        KEYS.put("user", (b, v) -> b.builder.user(v));
        KEYS.put("password", (b, v) -> b.builder.password(v));
        KEYS.put("name", (b, v) -> b.builder.name(v));
        KEYS.put("application-name", (b, v) -> b.builder.applicationName(v));
        KEYS.put("role", (b, v) -> b.builder.role(v));
        KEYS.put("profile", (b, v) -> b.builder.profile(enumValue("profile", v, Profile.class)));
        KEYS.put("startup", (b, v) -> b.builder.startup(enumValue("startup", v, StartupMode.class)));
        KEYS.put("connect-timeout", (b, v) -> b.builder.connectTimeout(Durations.parse("connect-timeout", v)));
        KEYS.put("socket-timeout", (b, v) -> b.builder.socketTimeout(Durations.parse("socket-timeout", v)));
        KEYS.put("sqlite.busy-timeout", (b, v) -> b.builder.sqliteBusyTimeout(Durations.parse("sqlite.busy-timeout", v)));
        KEYS.put("ssl.mode", (b, v) -> b.sslMode = SslMode.parse("ssl.mode", v));
        KEYS.put("ssl.root-cert", (b, v) -> b.sslRootCert = Path.of(v));
        KEYS.put("pool.min", (b, v) -> {
            int n = integer("pool.min", v);
            b.addPool(p -> p.min(n));
        });
        KEYS.put("pool.max", (b, v) -> {
            int n = integer("pool.max", v);
            b.addPool(p -> p.max(n));
        });
        KEYS.put("pool.connection-timeout", poolDuration("pool.connection-timeout", PoolSettings.Builder::connectionTimeout));
        KEYS.put("pool.idle-timeout", poolDuration("pool.idle-timeout", PoolSettings.Builder::idleTimeout));
        KEYS.put("pool.max-lifetime", poolDuration("pool.max-lifetime", PoolSettings.Builder::maxLifetime));
        KEYS.put("pool.validation-timeout", poolDuration("pool.validation-timeout", PoolSettings.Builder::validationTimeout));
        KEYS.put("pool.leak-detection-threshold",
                poolDuration("pool.leak-detection-threshold", PoolSettings.Builder::leakDetectionThreshold));
        KEYS.put("pool.acquire-retries", (b, v) -> {
            int n = integer("pool.acquire-retries", v);
            b.addPool(p -> p.acquireRetries(n));
        });
        KEYS.put("pool.reset-on-return", (b, v) -> {
            boolean reset = bool("pool.reset-on-return", v);
            b.addPool(p -> p.resetOnReturn(reset));
        });
        KEYS.put("health.interval", (b, v) -> b.healthInterval = Durations.parse("health.interval", v));
        KEYS.put("health.timeout", (b, v) -> b.healthTimeout = Durations.parse("health.timeout", v));
        KEYS.put("health.unhealthy-threshold", (b, v) -> b.healthThreshold = integer("health.unhealthy-threshold", v));
        KEYS.put("reconnect.initial-delay", (b, v) -> b.reconnectInitial = Durations.parse("reconnect.initial-delay", v));
        KEYS.put("reconnect.multiplier", (b, v) -> b.reconnectMultiplier = decimal("reconnect.multiplier", v));
        KEYS.put("reconnect.max-delay", (b, v) -> b.reconnectMax = Durations.parse("reconnect.max-delay", v));
        KEYS.put("reconnect.max-attempts", (b, v) -> b.reconnectAttempts = integer("reconnect.max-attempts", v));
        KEYS.put("reconnect.jitter", (b, v) -> b.reconnectJitter = decimal("reconnect.jitter", v));
        KEYS.put("shutdown.hook", (b, v) -> b.builder.shutdownHook(bool("shutdown.hook", v)));
        KEYS.put("shutdown.drain", (b, v) -> b.builder.shutdownDrain(Durations.parse("shutdown.drain", v)));
        KEYS.put("stats.window", (b, v) -> b.builder.statsWindow(Durations.parse("stats.window", v)));
    }

    /** The documented environment variables and the keys they set. */
    private static final Map<String, String> ENV_ALIASES = Map.ofEntries(
            Map.entry("DATABASE_URL", "url"),
            Map.entry("DB_VENDOR", "vendor"),
            Map.entry("DB_HOST", "host"),
            Map.entry("DB_PORT", "port"),
            Map.entry("DB_NAME", "database"),
            Map.entry("DB_USER", "user"),
            Map.entry("DB_PASSWORD", "password"),
            Map.entry("DB_POOL_MIN", "pool.min"),
            Map.entry("DB_POOL_MAX", "pool.max"),
            Map.entry("DB_SSL_MODE", "ssl.mode"),
            Map.entry("DB_SSL_ROOT_CERT", "ssl.root-cert"));

    /** SLUICE_ variables that belong to the tools, not to a connection's configuration. */
    private static final java.util.Set<String> NOT_CONFIG = java.util.Set.of("SLUICE_JAVA_OPTS");

    private ConfigBinder() {}

    /** The keys every source accepts. */
    public static List<String> keys() {
        return List.copyOf(KEYS.keySet());
    }

    /** Whether an object is a Micrometer MeterRegistry, checked by class name so Micrometer stays optional. */
    public static boolean isMeterRegistry(Object o) {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.micrometer.core.instrument.MeterRegistry")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the environment variables Sluice knows; unrelated variables are ignored. */
    public static Bound fromEnv(Map<String, String> env) {
        Map<String, Sourced> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String var = e.getKey();
            String key = ENV_ALIASES.get(var);
            if (key == null && var.startsWith("SLUICE_") && !NOT_CONFIG.contains(var) && !var.startsWith("SLUICE_TEST_")) {
                key = envToKey(var);
                if (key == null) {
                    throw ConfigException.of(var, "Unknown environment variable " + var + ": Sluice reads SLUICE_<KEY> for the keys "
                            + String.join(", ", KEYS.keySet()) + " (as SLUICE_POOL_MAX for pool.max)");
                }
            }
            if (key == null || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            Sourced previous = values.put(key, new Sourced(e.getValue(), var));
            if (previous != null) {
                throw ConfigException.of(key, "Both " + previous.origin() + " and " + var + " set " + key + "; set only one");
            }
        }
        if (values.containsKey("url")) {
            for (String part : List.of("host", "port", "database")) {
                if (values.containsKey(part)) {
                    throw ConfigException.of(part, "Both " + values.get("url").origin() + " and " + values.get(part).origin()
                            + " are set; set either the URL or the parts (DB_HOST, DB_PORT, DB_NAME), not both");
                }
            }
        }
        return bind(values, "the environment");
    }

    private static String envToKey(String var) {
        String rest = var.substring("SLUICE_".length()).toLowerCase(Locale.ROOT);
        for (String key : KEYS.keySet()) {
            if (key.replace('.', '_').replace('-', '_').equals(rest)) {
                return key;
            }
        }
        return null;
    }

    /** Reads {@code sluice.*} properties; other properties are ignored, unknown {@code sluice.*} keys are errors. */
    public static Bound fromProperties(Properties props, String sourceName) {
        Map<String, Sourced> values = new LinkedHashMap<>();
        for (String name : new TreeSet<>(props.stringPropertyNames())) {
            if (!name.startsWith("sluice.")) {
                continue;
            }
            String key = name.substring("sluice.".length());
            values.put(key, new Sourced(interpolate(key, props.getProperty(name), System.getenv(), sourceName),
                    sourceName + ": " + name));
        }
        return bind(values, sourceName);
    }

    /** Reads a properties file. */
    public static Bound fromPropertiesFile(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file", file, "an existing, readable properties file");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("config file", file, "a readable properties file (" + e.getMessage() + ")");
        }
        return fromProperties(props, file.toString());
    }

    /** Reads a YAML file. */
    public static Bound fromYamlFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file", file, "an existing, readable YAML file");
        } catch (IOException e) {
            throw new ConfigException("config file", file, "a readable YAML file (" + e.getMessage() + ")");
        }
        return fromYaml(text, file.toString(), System.getenv());
    }

    /** Reads YAML text whose (nested or dotted) keys are the configuration keys. */
    public static Bound fromYaml(String yaml, String sourceName, Map<String, String> env) {
        Map<String, Object> flat = Yaml.flatten(yaml, sourceName);
        Map<String, Sourced> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?>) {
                throw ConfigException.of(e.getKey(), "Invalid " + e.getKey() + " (from " + sourceName + "): a list is not allowed here");
            }
            values.put(e.getKey(), new Sourced(interpolate(e.getKey(), v == null ? null : String.valueOf(v), env, sourceName),
                    sourceName + ": " + e.getKey()));
        }
        return bind(values, sourceName);
    }

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /** Replaces {@code ${VAR}} and {@code ${VAR:-default}} with environment values. */
    static String interpolate(String key, String value, Map<String, String> env, String sourceName) {
        if (value == null || !value.contains("${")) {
            return value;
        }
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                if (m.group(2) == null) {
                    throw new ConfigException(key, value, "environment variable " + m.group(1)
                            + " is not set (write ${" + m.group(1) + ":-default} for a default)", sourceName);
                }
                v = m.group(2);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Applies the values to a new builder; unknown keys and bad values fail with the key's origin named. */
    public static Bound bind(Map<String, Sourced> values, String sourceName) {
        Binding b = new Binding();
        for (Map.Entry<String, Sourced> e : values.entrySet()) {
            Setter setter = KEYS.get(e.getKey());
            String origin = e.getValue().origin();
            if (setter == null) {
                throw ConfigException.of(e.getKey(), "Unknown key " + e.getKey() + " (from " + origin + "); known keys: "
                        + String.join(", ", KEYS.keySet()));
            }
            if (e.getValue().value() == null || e.getValue().value().isBlank()) {
                if (e.getKey().equals("password")) {
                    continue; // an empty password means none
                }
                throw new ConfigException(e.getKey(), e.getValue().value(), "a value is required", origin);
            }
            try {
                setter.accept(b, e.getValue().value().trim());
            } catch (ConfigException ex) {
                throw ex.withSource(origin);
            }
            if (e.getKey().startsWith("ssl.")) {
                b.sslOrigin = origin;
            }
        }
        return finish(b, values, sourceName);
    }

    private static Bound finish(Binding b, Map<String, Sourced> values, String sourceName) {
        ConnectionConfig.Builder builder = b.builder;
        if (!b.pool.isEmpty()) {
            // Pool values are applied on the vendor's defaults when the config is built; wrap them so that an error
            // in a combination still says where the values came from.
            List<java.util.function.Consumer<PoolSettings.Builder>> pool = List.copyOf(b.pool);
            builder.pool(p -> pool.forEach(c -> c.accept(p)));
        }
        if (b.sslMode == null && b.sslRootCert != null) {
            throw ConfigException.of("ssl.mode", "ssl.root-cert is set (from " + b.sslOrigin + ") but ssl.mode is not; "
                    + "set ssl.mode to verify-ca or verify-full to check the server certificate against it");
        }
        if (b.sslMode != null) {
            try {
                builder.ssl(new SslSettings(b.sslMode, b.sslRootCert));
            } catch (ConfigException ex) {
                throw ex.withSource(b.sslOrigin);
            }
        }
        HealthSettings h = HealthSettings.defaults();
        if (b.healthInterval != null || b.healthTimeout != null || b.healthThreshold != null) {
            try {
                builder.health(new HealthSettings(
                        b.healthInterval != null ? b.healthInterval : h.interval(),
                        b.healthTimeout != null ? b.healthTimeout : h.timeout(),
                        b.healthThreshold != null ? b.healthThreshold : h.unhealthyThreshold()));
            } catch (ConfigException ex) {
                throw ex.withSource(sourceName);
            }
        }
        ReconnectSettings r = ReconnectSettings.defaults();
        if (b.reconnectInitial != null || b.reconnectMultiplier != null || b.reconnectMax != null
                || b.reconnectAttempts != null || b.reconnectJitter != null) {
            try {
                builder.reconnect(new ReconnectSettings(
                        b.reconnectInitial != null ? b.reconnectInitial : r.initialDelay(),
                        b.reconnectMultiplier != null ? b.reconnectMultiplier : r.multiplier(),
                        b.reconnectMax != null ? b.reconnectMax : r.maxDelay(),
                        b.reconnectAttempts != null ? b.reconnectAttempts : r.maxAttempts(),
                        b.reconnectJitter != null ? b.reconnectJitter : r.jitter()));
            } catch (ConfigException ex) {
                throw ex.withSource(sourceName);
            }
        }
        return new Bound(builder, sourceName);
    }

    /**
     * A builder filled from one source; {@link #build()} names that source in errors about combinations of values.
     *
     * @param builder the filled builder, for code to adjust further
     * @param sourceName the source, for messages
     */
    public record Bound(ConnectionConfig.Builder builder, String sourceName) {
        /** Builds the config, naming the source in any error. */
        public ConnectionConfig build() {
            try {
                return builder.build();
            } catch (ConfigException e) {
                throw e.withSource(sourceName);
            }
        }
    }

    private static Setter poolDuration(String key, BiConsumer<PoolSettings.Builder, Duration> set) {
        return (b, v) -> {
            Duration d = Durations.parse(key, v);
            b.addPool(p -> set.accept(p, d));
        };
    }

    static int integer(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, v, "must be a whole number");
        }
    }

    static double decimal(String key, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, v, "must be a number");
        }
    }

    static boolean bool(String key, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key, v, "true or false");
        };
    }

    static <E extends Enum<E>> E enumValue(String key, String v, Class<E> type) {
        String n = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(n)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new ConfigException(key, v, "one of " + String.join(", ", allowed));
    }
}
