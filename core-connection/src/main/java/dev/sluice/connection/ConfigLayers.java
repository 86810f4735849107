package dev.sluice.connection;

import dev.sluice.connection.UnsafeSettingsException.Refusal;
import dev.sluice.connection.internal.ConfigBinder;
import dev.sluice.connection.internal.DotEnv;
import dev.sluice.connection.internal.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Environment profiles: {@code sluice-<profile>.yaml} laid over {@code sluice.yaml}, with {@code ${VAR}} and
 * {@code ${VAR:-default}} taken from the process environment and a {@code .env} file (the process wins). The profile is
 * {@code dev}, {@code staging} or {@code prod}, given by the caller or else by {@code SLUICE_PROFILE} (which, set to
 * {@code production} or {@code development}, keeps its older meaning: the {@code profile} key's defaults).
 *
 * <p>A key in the profile's file replaces the same key of the base file; a URL in one replaces host, port, database and
 * vendor in the other. {@code prod} refuses settings that are unsafe in production, each refusal one line naming the
 * key: no TLS ({@code ssl.mode disable} on a database server) and logging in as a well-known superuser
 * ({@code postgres}, {@code root}) without a {@code role} to switch to. A refusal is overridden only by naming the key
 * under {@code allow-unsafe} in the profile's file. Values read from {@code .env} never appear in messages.
 *
 * <pre>{@code
 * ConnectionConfig config = ConfigLayers.of(System.getenv())
 *         .base(Path.of("sluice.yaml"))     // the default
 *         .dotEnv(Path.of(".env"))          // the default; a missing file is fine
 *         .profile("prod", "--profile")     // null: SLUICE_PROFILE
 *         .resolve()
 *         .build();
 * }</pre>
 */
public final class ConfigLayers {
    /** The profiles there are. */
    public static final List<String> PROFILES = List.of("dev", "staging", "prod");
    /** The profile whose settings are checked for safety. */
    public static final String PRODUCTION = "prod";
    /** The key, in a profile's file, that lists the refusals to override. */
    public static final String ALLOW_UNSAFE = "allow-unsafe";
    /** The keys {@code prod} checks, which {@link #ALLOW_UNSAFE} may name. */
    public static final List<String> CHECKED_KEYS = List.of("ssl.mode", "user");
    /** Login names that are superusers on a default install (PostgreSQL's and MySQL's). */
    private static final Set<String> SUPERUSERS = Set.of("postgres", "root");
    private static final Set<String> URL_PARTS = Set.of("host", "port", "database", "vendor");

    private final Map<String, String> processEnvironment;
    private Path base = Path.of("sluice.yaml");
    private Path dotEnv = Path.of(".env");
    private String profile;
    private String profileProperty = "SLUICE_PROFILE";

    private ConfigLayers(Map<String, String> processEnvironment) {
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    /** Layers that read {@code environment} (usually {@code System.getenv()}). */
    public static ConfigLayers of(Map<String, String> environment) {
        return new ConfigLayers(environment == null ? Map.of() : environment);
    }

    /** The base file (default {@code sluice.yaml}); the profile's file is {@code <name>-<profile>.yaml} beside it. */
    public ConfigLayers base(Path file) {
        this.base = file;
        return this;
    }

    /** The {@code .env} file (default {@code .env}); {@code null} for none. A file that does not exist is skipped. */
    public ConfigLayers dotEnv(Path file) {
        this.dotEnv = file;
        return this;
    }

    /**
     * The profile, named {@code property} in messages ({@code --profile}); {@code null} or blank to take
     * {@code SLUICE_PROFILE} from the environment (or {@code .env}).
     */
    public ConfigLayers profile(String name, String property) {
        this.profile = name == null || name.isBlank() ? null : name.strip();
        this.profileProperty = property;
        return this;
    }

    /** The process environment with the {@code .env} file's variables added where the process sets none. */
    public Map<String, String> environment() {
        return DotEnv.merge(processEnvironment, DotEnv.read(dotEnv));
    }

    /**
     * The profile in effect: the one given, else {@code SLUICE_PROFILE}; {@code null} when neither.
     *
     * @throws ConfigException when it is not one of {@link #PROFILES}
     */
    public String profile() {
        String p = profile;
        String property = profileProperty;
        if (p == null) {
            p = environment().get("SLUICE_PROFILE");
            property = "SLUICE_PROFILE";
        }
        if (p == null || p.isBlank()) {
            return null;
        }
        if (profile == null && !ConfigBinder.isEnvironmentProfile("SLUICE_PROFILE", p)) {
            return null; // SLUICE_PROFILE=production or development: the profile key's defaults, checked where it is bound
        }
        if (!PROFILES.contains(p.strip())) {
            throw new ConfigException(property, p, "one of " + String.join(", ", PROFILES));
        }
        return p.strip();
    }

    /** The profile's file: {@code sluice-prod.yaml} beside {@code sluice.yaml}; {@code null} without a profile. */
    public Path profileFile() {
        String p = profile();
        if (p == null) {
            return null;
        }
        String name = base.getFileName().toString();
        String stem = name.endsWith(".yaml") || name.endsWith(".yml") ? name.substring(0, name.lastIndexOf('.')) : name;
        return base.resolveSibling(stem + "-" + p + ".yaml");
    }

    /**
     * The configuration of the base file with the profile's file over it, as a builder to adjust before building.
     *
     * @throws ConfigException when a file is missing or wrong, a value is wrong (values from {@code .env} masked)
     * @throws UnsafeSettingsException when {@code prod} finds unsafe settings that are not allowed
     */
    public ConnectionConfig.Builder resolve() {
        Map<String, String> env = environment();
        Collection<String> hidden = DotEnv.read(dotEnv).entrySet().stream()
                .filter(e -> !e.getValue().equals(processEnvironment.get(e.getKey()))).map(Map.Entry::getValue).toList();
        try {
            return resolve(env);
        } catch (UnsafeSettingsException e) {
            throw e;
        } catch (ConfigException e) {
            throw masked(e, hidden);
        }
    }

    private ConnectionConfig.Builder resolve(Map<String, String> env) {
        String p = profile();
        Path overlay = profileFile();
        if (overlay != null && !Files.isRegularFile(overlay)) {
            throw new ConfigException(profileProperty, p, "a profile with a file: " + overlay + " does not exist");
        }
        if (overlay == null && !Files.isRegularFile(base)) {
            throw new ConfigException("config file", base, "an existing, readable YAML file");
        }
        Set<String> allowed = new LinkedHashSet<>();
        Map<String, Yaml.Value> merged = new LinkedHashMap<>();
        if (Files.isRegularFile(base)) {
            merged.putAll(layer(base, env, null));
        }
        if (overlay != null) {
            Map<String, Yaml.Value> over = layer(overlay, env, allowed);
            if (over.containsKey("url")) {
                merged.keySet().removeAll(URL_PARTS);
            }
            if (over.keySet().stream().anyMatch(URL_PARTS::contains)) {
                merged.remove("url");
            }
            merged.putAll(over);
        }
        Map<String, ConfigBinder.Sourced> values = ConfigBinder.sourced(merged);
        String source = overlay == null ? base.toString() : Files.isRegularFile(base) ? overlay + " over " + base : overlay.toString();
        ConnectionConfig.Builder b = ConfigBinder.bind(values, source);
        if (PRODUCTION.equals(p)) {
            List<Refusal> refusals = unsafeInProduction(b.build(), values, overlay);
            refusals.removeIf(r -> allowed.contains(r.key()));
            if (!refusals.isEmpty()) {
                throw new UnsafeSettingsException(refusals);
            }
        }
        return b;
    }

    /** A file's keys, flattened; {@code allow-unsafe} taken out into {@code allowed} (only a profile's file may have it). */
    private static Map<String, Yaml.Value> layer(Path file, Map<String, String> env, Set<String> allowed) {
        Map<String, Yaml.Value> flat = Yaml.documentMapping(Yaml.readFile(file, env)).flatten();
        Yaml.Value allow = flat.remove(ALLOW_UNSAFE);
        if (allow == null) {
            return flat;
        }
        if (allowed == null) {
            throw ConfigException.of(ALLOW_UNSAFE, ALLOW_UNSAFE + " (from " + allow.origin() + ") belongs in a profile's file "
                    + "(sluice-prod.yaml), where it overrides that profile's refusals");
        }
        List<Yaml.Value> items = allow instanceof Yaml.Sequence s ? s.items() : List.of(allow);
        for (Yaml.Value item : items) {
            for (String key : ConfigBinder.scalar(ALLOW_UNSAFE, item).split(",")) {
                if (!CHECKED_KEYS.contains(key.strip())) {
                    throw new ConfigException(ALLOW_UNSAFE, key.strip(), "keys the prod profile checks: " + String.join(", ", CHECKED_KEYS),
                            item.origin());
                }
                allowed.add(key.strip());
            }
        }
        return flat;
    }

    /** What {@code prod} refuses in {@code config}: one line per key. */
    private static List<Refusal> unsafeInProduction(ConnectionConfig config, Map<String, ConfigBinder.Sourced> values, Path overlay) {
        List<Refusal> refusals = new ArrayList<>();
        if (config.vendor().embedded()) {
            return refusals; // an embedded database has no connection to encrypt and no login
        }
        String allowIn = " (or list it under " + ALLOW_UNSAFE + " in " + overlay.getFileName() + ")";
        if (config.ssl().mode() == SslMode.DISABLE) {
            refusals.add(new Refusal("ssl.mode", "prod profile refuses ssl.mode disable (" + from(values, "ssl.mode", "sslmode")
                    + "): the connection to " + config.host() + " would not be encrypted; set ssl.mode to require, verify-ca or "
                    + "verify-full" + allowIn));
        }
        if (config.user() != null && SUPERUSERS.contains(config.user()) && config.role() == null) {
            refusals.add(new Refusal("user", "prod profile refuses user " + config.user() + " (" + from(values, "user", "@")
                    + "): the application would run as a superuser; log in as an application user, or set role to one"
                    + allowIn));
        }
        return refusals;
    }

    /** Where a key's value came from: its own line, the URL when the URL holds {@code inUrl}, else the default. */
    private static String from(Map<String, ConfigBinder.Sourced> values, String key, String inUrl) {
        ConfigBinder.Sourced s = values.get(key);
        ConfigBinder.Sourced url = values.get("url");
        if (s == null && url != null && url.value().toLowerCase(java.util.Locale.ROOT).contains(inUrl.toLowerCase(java.util.Locale.ROOT))) {
            return "from " + values.get("url").origin();
        }
        return s == null ? "the default" : "from " + s.origin();
    }

    /** The exception with every value taken from {@code .env} replaced by the mask. */
    private static ConfigException masked(ConfigException e, Collection<String> hidden) {
        String m = e.getMessage();
        for (String v : hidden) {
            if (v.length() >= 3) {
                m = m.replace(v, Redaction.MASK);
            }
        }
        if (m.equals(e.getMessage())) {
            return e;
        }
        ConfigException copy = ConfigException.of(e.property(), m);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
