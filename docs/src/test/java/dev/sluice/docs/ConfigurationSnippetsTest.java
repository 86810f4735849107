package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConfigSources;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/configuration.md. */
class ConfigurationSnippetsTest {

    @Test
    void eachConcernIsSetOnItsOwnBuilder() {
        ConnectionConfig config = concerns();
        assertThat(config.pool().max()).isEqualTo(20);
        assertThat(config.timeouts().connect()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.shutdown().hook()).isTrue();
    }

    @Test
    void withoutACommandLineTheEnvironmentWins() {
        Snippets.freshEnvDatabase();
        assertThat(sources(null, null).vendor()).isEqualTo(Vendor.SQLITE); // the build's DATABASE_URL
        assertThat(sources("postgres://app@127.0.0.1/cli", null).database()).isEqualTo("cli");
    }

    static ConnectionConfig concerns() {
        // tag::concerns[]
        ConnectionConfig config = ConnectionConfig.builder()
                .url("postgres://app@127.0.0.1:5432/app")
                .pool(p -> p.max(20).connectionTimeout(Duration.ofSeconds(5)))   // over the vendor's defaults
                .health(h -> h.interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(1)))
                .timeouts(t -> t.connect(Duration.ofSeconds(3)).socket(Duration.ofSeconds(30)))
                .shutdown(s -> s.hook(true).drain(Duration.ofSeconds(20)))
                .build();
        // end::concerns[]
        return config;
    }

    static ConnectionConfig sources(String cliUrl, Path cliFile) {
        // tag::sources[]
        ConnectionConfig config = ConfigSources.of(System.getenv()).url(cliUrl, "--url").file(cliFile, "--config")
                .fallbackUrl("sqlite:app.db", "default url").resolve().build();
        // end::sources[]
        return config;
    }
}
