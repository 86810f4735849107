package dev.sluice.tools.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --url} and {@code --config}: where the database comes from; else {@code DATABASE_URL} and friends. */
public final class DatabaseOptions {
    @Option(names = "--url", paramLabel = "URL", description = "Database URL (postgres://, mysql://, mariadb://, sqlite:, jdbc:...). Default: DATABASE_URL.")
    String url;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (url, pool, ssl, health, reconnect...).")
    Path config;

    /**
     * The configuration from the options, else from the environment, else {@code fallbackUrl} (may be {@code null}),
     * as a builder so a command can adjust it.
     */
    public ConnectionConfig.Builder builder(Map<String, String> environment, String fallbackUrl) {
        if (url != null && config != null) {
            throw ConfigException.of("--url", "Give either --url or --config, not both");
        }
        if (url != null) {
            ConnectionConfig.Builder b = ConnectionConfig.builder().url(url, "--url");
            String password = environment.get("DB_PASSWORD");
            if (password != null && !password.isEmpty()) {
                b.password(password);
            }
            return b;
        }
        if (config != null) {
            return ConnectionConfig.fromYaml(config).toBuilder();
        }
        boolean envGiven = environment.containsKey("DATABASE_URL") || environment.containsKey("DB_HOST")
                || environment.keySet().stream().anyMatch(k -> k.startsWith("SLUICE_") && !k.startsWith("SLUICE_TEST_")
                        && !k.equals("SLUICE_JAVA_OPTS"));
        if (envGiven) {
            return ConnectionConfig.fromEnv(environment).toBuilder();
        }
        if (fallbackUrl != null) {
            return ConnectionConfig.builder().url(fallbackUrl, "default url");
        }
        throw new ConfigException("--url", null, "give the database with --url URL, --config FILE.yaml, or the DATABASE_URL environment variable");
    }
}
