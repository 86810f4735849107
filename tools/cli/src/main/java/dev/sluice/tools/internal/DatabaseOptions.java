package dev.sluice.tools.internal;

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

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (url, pool, ssl, health, reconnect...).")
    Path config;

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
