package dev.sluice.connection;

import dev.sluice.connection.internal.ConfigBinder;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which of several sources names the database, decided the same way for every tool (the {@code sluice} CLI, the
 * Maven plugin) and for applications: the first source that is given wins, and is used as a whole (sources are not
 * merged key by key):
 *
 * <ol>
 *   <li>an explicit URL ({@code --url}, {@code -Dsluice.url}), completed by the {@linkplain #credentials credentials}
 *       given beside it, else by the password in {@code DB_PASSWORD} (like any password given beside a URL, it replaces
 *       one inside the URL);</li>
 *   <li>a configuration file (YAML, or {@code .properties});</li>
 *   <li>the environment, when it holds a Sluice configuration ({@code DATABASE_URL}, {@code DB_HOST}, {@code DB_NAME}
 *       or any {@code SLUICE_<KEY>}; read as {@link ConnectionConfig#fromEnv()} reads it);</li>
 *   <li>a fallback URL (a build file's {@code <url>}, a tool's default), completed like the explicit URL.</li>
 * </ol>
 *
 * An explicit URL and a file together are an error (say one); none at all fails with the {@linkplain #whenMissing
 * message} the caller gives.
 *
 * <pre>{@code
 * ConnectionConfig config = ConfigSources.of(System.getenv())
 *         .url(commandLineUrl, "--url")
 *         .file(configFile, "--config")
 *         .fallbackUrl("sqlite:app.db", "default url")
 *         .resolve()                       // a builder, to adjust before build()
 *         .build();
 * }</pre>
 */
public final class ConfigSources {
    private final Map<String, String> environment;
    private String url;
    private String urlProperty;
    private Path file;
    private String fileProperty;
    private String fallbackUrl;
    private String fallbackProperty;
    private String user;
    private String password;
    private String missingProperty = "url";
    private String missingAllowed = "a database URL, a configuration file, or the DATABASE_URL environment variable";

    private ConfigSources(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Sources that read {@code environment} (usually {@code System.getenv()}). */
    public static ConfigSources of(Map<String, String> environment) {
        return new ConfigSources(environment == null ? Map.of() : environment);
    }

    /** An explicit URL, named {@code property} in messages; {@code null} or blank when not given. */
    public ConfigSources url(String url, String property) {
        this.url = blank(url) ? null : url;
        this.urlProperty = property;
        return this;
    }

    /** A configuration file (YAML, or a {@code .properties} file of {@code sluice.*} keys); {@code null} when not given. */
    public ConfigSources file(Path file, String property) {
        this.file = file;
        this.fileProperty = property;
        return this;
    }

    /** The URL to use when no other source names a database; {@code null} or blank for none. */
    public ConfigSources fallbackUrl(String url, String property) {
        this.fallbackUrl = blank(url) ? null : url;
        this.fallbackProperty = property;
        return this;
    }

    /** A user and password for an explicit or fallback URL (each {@code null} or empty when not given). */
    public ConfigSources credentials(String user, String password) {
        this.user = blank(user) ? null : user;
        this.password = password == null || password.isEmpty() ? null : password;
        return this;
    }

    /** The error when no source names a database: {@code Missing <property>: <allowed>}. */
    public ConfigSources whenMissing(String property, String allowed) {
        this.missingProperty = property;
        this.missingAllowed = allowed;
        return this;
    }

    /**
     * The source that wins, as named to this object ({@code --url}, {@code --config}; {@code DATABASE_URL} or
     * {@code the environment}), or {@code null} when none is given.
     */
    public String origin() {
        if (url != null) {
            return urlProperty;
        }
        if (file != null) {
            return fileProperty;
        }
        if (ConfigBinder.holdsConfiguration(environment)) {
            return blank(environment.get("DATABASE_URL")) ? "the environment" : "DATABASE_URL";
        }
        return fallbackUrl != null ? fallbackProperty : null;
    }

    /** Whether any source names a database. */
    public boolean isGiven() {
        return origin() != null;
    }

    /**
     * The configuration of the winning source, as a builder a tool may adjust (name its pool...) before building it.
     *
     * @throws ConfigException when an explicit URL and a file are both given, when none is, or when a value is wrong
     */
    public ConnectionConfig.Builder resolve() {
        if (url != null && file != null) {
            throw ConfigException.of(urlProperty, "Give either " + urlProperty + " or " + fileProperty + ", not both");
        }
        if (url != null) {
            return completed(ConnectionConfig.builder().url(url, urlProperty));
        }
        if (file != null) {
            return file.toString().endsWith(".properties") ? ConfigBinder.fromPropertiesFile(file) : ConfigBinder.fromYamlFile(file);
        }
        if (ConfigBinder.holdsConfiguration(environment)) {
            return ConfigBinder.fromEnv(environment);
        }
        if (fallbackUrl != null) {
            return completed(ConnectionConfig.builder().url(fallbackUrl, fallbackProperty));
        }
        throw new ConfigException(missingProperty, null, missingAllowed);
    }

    /** A URL's builder with the credentials given beside it, else DB_PASSWORD. */
    private ConnectionConfig.Builder completed(ConnectionConfig.Builder b) {
        if (user != null) {
            b.user(user);
        }
        String secret = password != null ? password : environment.get("DB_PASSWORD");
        if (secret != null && !secret.isEmpty()) {
            b.password(secret);
        }
        return b;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
