package dev.sluice.tools.internal;

import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConfigSources;
import dev.sluice.connection.ConnectionConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --url} and {@code --config}: where the database comes from. Which source wins (these options, the
 * environment, a command's default) is the library's rule, {@link ConfigSources}.
 */
public final class DatabaseOptions {
    @Option(names = "--url", paramLabel = "URL", description = "Database URL (postgres://, mysql://, mariadb://, sqlite:, jdbc:...). Default: DATABASE_URL.")
    String url;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file: one database (url, pool, ssl, health, "
            + "reconnect...) or, where a command supports it, a cluster (nodes: ...).")
    Path config;

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
        return ClusterConfig.fromYaml(config, environment);
    }

    /**
     * The configuration from the options, else the environment, else {@code defaultUrl} (may be {@code null}), as a
     * builder so a command can adjust it.
     */
    public ConnectionConfig.Builder builder(Map<String, String> environment, String defaultUrl) {
        return ConfigSources.of(environment).url(url, "--url").file(config, "--config").fallbackUrl(defaultUrl, "default url")
                .whenMissing("--url", "give the database with --url URL, --config FILE.yaml, or the DATABASE_URL environment variable")
                .resolve();
    }
}
