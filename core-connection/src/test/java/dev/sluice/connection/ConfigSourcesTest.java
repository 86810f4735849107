package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which source names the database: one rule for the CLI, the Maven plugin and applications. */
class ConfigSourcesTest {
    private static final Map<String, String> ENV = Map.of("DATABASE_URL", "mariadb://root@127.0.0.1:3306/env", "DB_PASSWORD", "envpw");

    @Test
    void anExplicitUrlWinsOverAFileTheEnvironmentAndTheFallback() {
        ConfigSources s = ConfigSources.of(ENV).url("postgres://app@127.0.0.1/cli", "--url").fallbackUrl("sqlite:x.db", "default url");
        assertThat(s.origin()).isEqualTo("--url");
        ConnectionConfig c = s.resolve().build();
        assertThat(c.database()).isEqualTo("cli");
        assertThat(c.password()).as("DB_PASSWORD completes an explicit URL").isEqualTo("envpw");
    }

    @Test
    void credentialsGivenBesideTheUrlWinOverDbPassword() {
        ConnectionConfig c = ConfigSources.of(ENV).url("postgres://127.0.0.1/cli", "-Dsluice.url").credentials("owner", "s3cret")
                .resolve().build();
        assertThat(c.user()).isEqualTo("owner");
        assertThat(c.password()).isEqualTo("s3cret");
    }

    @Test
    void aFileWinsOverTheEnvironment(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("app.yaml"), "url: sqlite:" + dir.resolve("file.db") + "\npool:\n  acquire-retries: 2\n");
        ConfigSources s = ConfigSources.of(ENV).file(yaml, "--config");
        assertThat(s.origin()).isEqualTo("--config");
        assertThat(s.resolve().build().pool().acquireRetries()).isEqualTo(2);
        Path props = Files.writeString(dir.resolve("app.properties"), "sluice.url=sqlite:p.db\n");
        assertThat(ConfigSources.of(Map.of()).file(props, "--config").resolve().build().database()).isEqualTo("p.db");
    }

    @Test
    void theEnvironmentWinsOverTheFallbackWhenItHoldsAConfiguration() {
        ConfigSources env = ConfigSources.of(ENV).fallbackUrl("sqlite:x.db", "<url>");
        assertThat(env.origin()).isEqualTo("DATABASE_URL");
        assertThat(env.resolve().build().database()).isEqualTo("env");
        assertThat(ConfigSources.of(Map.of("DB_HOST", "127.0.0.1", "DB_NAME", "parts")).fallbackUrl("sqlite:x.db", "<url>").origin())
                .isEqualTo("the environment");
        // a blank DATABASE_URL or a lone DB_PASSWORD names no database: the fallback is used
        ConfigSources fallback = ConfigSources.of(Map.of("DATABASE_URL", " ", "DB_PASSWORD", "pw")).fallbackUrl("postgres://h/pom", "<url>");
        assertThat(fallback.origin()).isEqualTo("<url>");
        assertThat(fallback.resolve().build().password()).isEqualTo("pw");
    }

    @Test
    void errorsNameTheSource() {
        assertThatThrownBy(() -> ConfigSources.of(Map.of("DATABASE_URL", "postgres://h/db", "DB_POOL_MIN", "9", "DB_POOL_MAX", "3"))
                .resolve().build())
                .hasMessage("Invalid pool.min '9' (from the environment): must not be greater than pool.max (3)");
        assertThatThrownBy(() -> ConfigSources.of(Map.of()).url("oracle://h/db", "--url").resolve())
                .hasMessageStartingWith("Invalid --url 'oracle://h/db'");
    }

    @Test
    void aUrlAndAFileTogetherOrNoSourceAtAllAreRejected() {
        assertThatThrownBy(() -> ConfigSources.of(Map.of()).url("sqlite:a.db", "--url").file(Path.of("app.yaml"), "--config").resolve())
                .isInstanceOf(ConfigException.class).hasMessage("Give either --url or --config, not both");
        ConfigSources none = ConfigSources.of(Map.of("PATH", "/bin")).whenMissing("--url", "give the database with --url URL");
        assertThat(none.isGiven()).isFalse();
        assertThatThrownBy(none::resolve).isInstanceOf(ConfigException.class).hasMessage("Missing --url: give the database with --url URL");
    }
}
