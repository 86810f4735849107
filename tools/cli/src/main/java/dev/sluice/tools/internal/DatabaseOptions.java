package dev.sluice.tools.internal;

import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConfigLayers;
import dev.sluice.connection.ConfigSources;
import dev.sluice.connection.ConnectionConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --url}, {@code --config} and {@code --profile}: where the database comes from. Which source wins (these
 * options, the environment, a command's default) is the library's rule, {@link ConfigSources}; a profile lays
 * {@code sluice-<profile>.yaml} over {@code sluice.yaml} ({@link ConfigLayers}). A {@code .env} file beside the
 * configuration file (else in the working directory) adds to the environment, which wins over it.
 */
public final class DatabaseOptions {
    @Option(names = "--url", paramLabel = "URL", description = "Database URL (postgres://, mysql://, mariadb://, sqlite:, jdbc:...). Default: DATABASE_URL.")
    String url;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file: one database (url, pool, ssl, health, "
            + "reconnect...) or, where a command supports it, a cluster (nodes: ...).")
    Path config;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Environment profile: dev, staging or prod (default: "
            + "SLUICE_PROFILE). Reads sluice-PROFILE.yaml over sluice.yaml (or over the --config file, as NAME-PROFILE.yaml); "
            + "prod refuses unsafe settings (no TLS, a superuser login), one line per key.")
    String profile;

    /** The layers: the {@code --config} file or {@code sluice.yaml}, the profile's file, {@code .env} beside them. */
    private ConfigLayers layers(Map<String, String> environment) {
        Path base = config != null ? config : Path.of("sluice.yaml");
        Path dir = base.toAbsolutePath().getParent();
        return ConfigLayers.of(environment).base(base).dotEnv(dir.resolve(".env")).profile(profile, "--profile");
    }

    /**
     * The cluster when {@code --config} names a cluster's file (one with {@code nodes}), else {@code null};
     * {@code ${VAR}} references in it are taken from {@code environment}.
     *
     * @throws ConfigException when {@code --url} is given beside a cluster's file
     */
    public ClusterConfig cluster(Map<String, String> environment) {
        if (config == null || !ClusterConfig.describesCluster(config)) {
            return null;
        }
        if (url != null && !url.isBlank()) {
            throw ConfigException.of("--url", "Both --url and a cluster's --config file (" + config + ") are given; give one");
        }
        return ClusterConfig.fromYaml(config, layers(environment).environment());
    }

    /**
     * The configuration from the options, else the environment, else {@code defaultUrl} (may be {@code null}), as a
     * builder so a command can adjust it.
     */
    public ConnectionConfig.Builder builder(Map<String, String> environment, String defaultUrl) {
        ConfigLayers layers = layers(environment);
        boolean urlGiven = url != null && !url.isBlank();
        // an explicit --url wins over SLUICE_PROFILE from the environment (the first source given wins); beside an
        // explicit --profile it is ambiguous
        String active = urlGiven && profile == null ? null : layers.profile();
        if (active != null) {
            if (urlGiven) {
                throw ConfigException.of("--url", "Both --url and the " + active + " profile are given; give one (the profile "
                        + "reads " + layers.profileFile() + ")");
            }
            return layers.resolve();
        }
        if (!urlGiven && config != null && !config.toString().endsWith(".properties")) {
            return layers.resolve(); // the YAML file alone, its ${VAR}s also taken from .env
        }
        return ConfigSources.of(layers.environment()).url(url, "--url").file(config, "--config").fallbackUrl(defaultUrl, "default url")
                .whenMissing("--url", "give the database with --url URL, --config FILE.yaml, or the DATABASE_URL environment variable")
                .resolve();
    }
}
