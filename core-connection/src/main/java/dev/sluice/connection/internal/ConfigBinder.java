package dev.sluice.connection.internal;

import dev.sluice.connection.Durations;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConfigKey;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.PgBouncerMode;
import dev.sluice.connection.Profile;
import dev.sluice.connection.SslMode;
import dev.sluice.connection.StartupMode;
import dev.sluice.connection.Vendor;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Turns the key/value form of a configuration (environment, properties, YAML) into a {@link ConnectionConfig.Builder}.
 * All sources share one set of keys ({@code url}, {@code pool.max}, {@code ssl.mode}...); every error names the key as
 * the user wrote it and the source it came from.
 */
public final class ConfigBinder {
    /** One value and where it came from ({@code DB_POOL_MAX}, {@code app.yaml: pool.max}). */
    public record Sourced(String value, String origin) {}

    private interface Setter extends BiConsumer<ConnectionConfig.Builder, String> {}

    /** Every key, and the setter of the settings that own it; each value is checked there, once. */
    private static final Map<String, Setter> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("url", (b, v) -> b.url(v));
        KEYS.put("vendor", (b, v) -> b.vendor(Vendor.fromName(v)));
        KEYS.put("host", (b, v) -> b.host(v));
        KEYS.put("port", (b, v) -> b.port(integer("port", v)));
        KEYS.put("database", (b, v) -> b.database(v));
        KEYS.put("user", (b, v) -> b.user(v));
        KEYS.put("password", (b, v) -> b.password(v));
        KEYS.put("name", (b, v) -> b.name(v));
        KEYS.put("application-name", (b, v) -> b.applicationName(v));
        KEYS.put("role", (b, v) -> b.role(v));
        KEYS.put("pgbouncer", (b, v) -> b.pgBouncer(PgBouncerMode.parse("pgbouncer", v)));
        KEYS.put("migration-url", (b, v) -> b.migrationUrl(v));
        KEYS.put("profile", (b, v) -> b.profile(enumValue("profile", v, Profile.class)));
        KEYS.put("startup", (b, v) -> b.startup(enumValue("startup", v, StartupMode.class)));
        KEYS.put("connect-timeout", (b, v) -> b.timeouts(t -> t.connect(Durations.parse("connect-timeout", v))));
        KEYS.put("socket-timeout", (b, v) -> b.timeouts(t -> t.socket(Durations.parse("socket-timeout", v))));
        KEYS.put("sqlite.busy-timeout", (b, v) -> b.timeouts(t -> t.sqliteBusy(Durations.parse("sqlite.busy-timeout", v))));
        KEYS.put("ssl.mode", (b, v) -> b.ssl(s -> s.mode(SslMode.parse("ssl.mode", v))));
        KEYS.put("ssl.root-cert", (b, v) -> b.ssl(s -> s.rootCertificate(Path.of(v))));
        KEYS.put("pool.min", (b, v) -> b.pool(p -> p.min(integer("pool.min", v))));
        KEYS.put("pool.max", (b, v) -> b.pool(p -> p.max(integer("pool.max", v))));
        KEYS.put("pool.connection-timeout", (b, v) -> b.pool(p -> p.connectionTimeout(Durations.parse("pool.connection-timeout", v))));
        KEYS.put("pool.idle-timeout", (b, v) -> b.pool(p -> p.idleTimeout(Durations.parse("pool.idle-timeout", v))));
        KEYS.put("pool.max-lifetime", (b, v) -> b.pool(p -> p.maxLifetime(Durations.parse("pool.max-lifetime", v))));
        KEYS.put("pool.validation-timeout", (b, v) -> b.pool(p -> p.validationTimeout(Durations.parse("pool.validation-timeout", v))));
        KEYS.put("pool.leak-detection-threshold",
                (b, v) -> b.pool(p -> p.leakDetectionThreshold(Durations.parse("pool.leak-detection-threshold", v))));
        KEYS.put("pool.acquire-retries", (b, v) -> b.pool(p -> p.acquireRetries(integer("pool.acquire-retries", v))));
        KEYS.put("pool.reset-on-return", (b, v) -> b.pool(p -> p.resetOnReturn(bool("pool.reset-on-return", v))));
        KEYS.put("health.interval", (b, v) -> b.health(h -> h.interval(Durations.parse("health.interval", v))));
        KEYS.put("health.timeout", (b, v) -> b.health(h -> h.timeout(Durations.parse("health.timeout", v))));
        KEYS.put("health.unhealthy-threshold",
                (b, v) -> b.health(h -> h.unhealthyThreshold(integer("health.unhealthy-threshold", v))));
        KEYS.put("reconnect.initial-delay", (b, v) -> b.reconnect(r -> r.initialDelay(Durations.parse("reconnect.initial-delay", v))));
        KEYS.put("reconnect.multiplier", (b, v) -> b.reconnect(r -> r.multiplier(decimal("reconnect.multiplier", v))));
        KEYS.put("reconnect.max-delay", (b, v) -> b.reconnect(r -> r.maxDelay(Durations.parse("reconnect.max-delay", v))));
        KEYS.put("reconnect.max-attempts", (b, v) -> b.reconnect(r -> r.maxAttempts(integer("reconnect.max-attempts", v))));
        KEYS.put("reconnect.jitter", (b, v) -> b.reconnect(r -> r.jitter(decimal("reconnect.jitter", v))));
        KEYS.put("shutdown.hook", (b, v) -> b.shutdown(s -> s.hook(bool("shutdown.hook", v))));
        KEYS.put("shutdown.drain", (b, v) -> b.shutdown(s -> s.drain(Durations.parse("shutdown.drain", v))));
        KEYS.put("stats.window", (b, v) -> b.stats(s -> s.window(Durations.parse("stats.window", v))));
        KEYS.put("stats.sample", (b, v) -> b.stats(s -> s.sample(integer("stats.sample", v))));
    }

    /** The documented environment variables and the keys they set, from the catalogue. */
    private static final Map<String, String> ENV_ALIASES = ConfigKey.all().stream().filter(k -> k.alias() != null)
            .collect(java.util.stream.Collectors.toUnmodifiableMap(ConfigKey::alias, ConfigKey::key));

    static {
        // the catalogue (the reference page is generated from it) and the setters here must name the same keys
        List<String> catalogue = ConfigKey.all().stream().map(ConfigKey::key).toList();
        if (!catalogue.equals(List.copyOf(KEYS.keySet()))) {
            throw new IllegalStateException("ConfigKey's catalogue " + catalogue + " and ConfigBinder's keys " + KEYS.keySet()
                    + " differ: add or remove the key in both");
        }
    }

    /** SLUICE_ variables that belong to the tools, not to a connection's configuration. */
    private static final java.util.Set<String> NOT_CONFIG = java.util.Set.of("SLUICE_JAVA_OPTS", "SLUICE_CDS",
            "SLUICE_CDS_DIR", "SLUICE_JAR");

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

    /**
     * Whether the environment holds a Sluice configuration of its own: a database ({@code DATABASE_URL},
     * {@code DB_HOST}, {@code DB_NAME}) or any {@code SLUICE_<KEY>}. {@code DB_PASSWORD} alone does not count: it
     * completes a URL given elsewhere.
     */
    public static boolean holdsConfiguration(Map<String, String> env) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            String var = e.getKey();
            if (isEnvironmentProfile(var, e.getValue())) {
                continue;
            }
            boolean config = var.equals("DATABASE_URL") || var.equals("DB_HOST") || var.equals("DB_NAME")
                    || (var.startsWith("SLUICE_") && !NOT_CONFIG.contains(var) && !var.startsWith("SLUICE_TEST_"));
            if (config && e.getValue() != null && !e.getValue().isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Reads the environment variables Sluice knows; unrelated variables are ignored. */
    public static ConnectionConfig.Builder fromEnv(Map<String, String> env) {
        Map<String, Sourced> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String var = e.getKey();
            if (isEnvironmentProfile(var, e.getValue())) {
                continue; // SLUICE_PROFILE=prod selects sluice-prod.yaml (ConfigLayers); =production is the profile key
            }
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

    /**
     * Whether {@code SLUICE_PROFILE} names an environment profile ({@code dev}, {@code staging}, {@code prod}: which
     * files {@link dev.sluice.connection.ConfigLayers} reads) rather than the {@code profile} key's defaults
     * ({@code production}, {@code development}).
     */
    public static boolean isEnvironmentProfile(String var, String value) {
        return var.equals("SLUICE_PROFILE") && value != null && dev.sluice.connection.ConfigLayers.PROFILES.contains(value.strip());
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
    public static ConnectionConfig.Builder fromProperties(Properties props, String sourceName) {
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
    public static ConnectionConfig.Builder fromPropertiesFile(Path file) {
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
    public static ConnectionConfig.Builder fromYamlFile(Path file) {
        Yaml.Value root = Yaml.readFile(file, System.getenv());
        return fromYaml(Yaml.documentMapping(root), file.toString());
    }

    /** Reads YAML text whose (nested or dotted) keys are the configuration keys. */
    public static ConnectionConfig.Builder fromYaml(String yaml, String sourceName, Map<String, String> env) {
        return fromYaml(Yaml.readMapping(yaml, sourceName, env), sourceName);
    }

    /** Binds a YAML mapping whose (nested or dotted) keys are the configuration keys; errors name each key's line. */
    public static ConnectionConfig.Builder fromYaml(Yaml.Mapping mapping, String sourceName) {
        return bind(sourced(mapping.flatten()), sourceName);
    }

    /**
     * The leaves of a flattened YAML mapping as values with their origins ({@code app.yaml line 3: pool.max}); a list
     * where a single value belongs fails, naming the line.
     */
    public static Map<String, Sourced> sourced(Map<String, Yaml.Value> flat) {
        Map<String, Sourced> values = new LinkedHashMap<>();
        for (Map.Entry<String, Yaml.Value> e : flat.entrySet()) {
            values.put(e.getKey(), new Sourced(scalar(e.getKey(), e.getValue()), e.getValue().origin()));
        }
        return values;
    }

    /** The text of a single value; a list or mapping fails naming the key and line. */
    public static String scalar(String key, Yaml.Value v) {
        if (v instanceof Yaml.Scalar s) {
            return s.text();
        }
        throw ConfigException.of(key, "Invalid " + key + " (from " + v.origin() + "): a " + v.kind() + " is not allowed here; "
                + "give a single value");
    }

    /** Replaces {@code ${VAR}} and {@code ${VAR:-default}} with environment values (see {@link Yaml#interpolate}). */
    static String interpolate(String key, String value, Map<String, String> env, String sourceName) {
        return Yaml.interpolate(key, value, env, sourceName);
    }

    /**
     * Applies the values to a new builder; unknown keys and bad values fail with the key's origin named, and the
     * builder names {@code sourceName} in the errors of its {@code build()} (combinations of values).
     */
    public static ConnectionConfig.Builder bind(Map<String, Sourced> values, String sourceName) {
        ConnectionConfig.Builder b = ConnectionConfig.builder().source(sourceName);
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
        }
        return b;
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
