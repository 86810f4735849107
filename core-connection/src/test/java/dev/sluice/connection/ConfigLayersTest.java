package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles laid over sluice.yaml, .env, and the prod profile's refusals (no connection is opened). */
class ConfigLayersTest {
    @TempDir
    Path dir;

    private ConfigLayers layers(Map<String, String> env, String profile) {
        return ConfigLayers.of(env).base(dir.resolve("sluice.yaml")).dotEnv(dir.resolve(".env")).profile(profile, "--profile");
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theProfilesFileReplacesKeysOfTheBaseFile() throws Exception {
        write("sluice.yaml", "url: postgres://app@db.internal:5432/app\npool:\n  max: 4\n  min: 1\n");
        write("sluice-staging.yaml", "pool:\n  max: 12\n");
        ConnectionConfig c = layers(Map.of(), "staging").resolve().build();
        assertThat(c.pool().max()).isEqualTo(12);
        assertThat(c.pool().min()).isEqualTo(1);
        assertThat(c.host()).isEqualTo("db.internal");
        assertThat(layers(Map.of(), null).profile()).isNull();
        assertThat(layers(Map.of("SLUICE_PROFILE", "staging"), null).profile()).isEqualTo("staging");
    }

    @Test
    void aUrlInTheProfileReplacesTheBaseFilesParts() throws Exception {
        write("sluice.yaml", "host: db.internal\nport: 5433\ndatabase: app\nuser: app\n");
        write("sluice-dev.yaml", "url: sqlite:" + dir.resolve("dev.db") + "\n");
        write("sluice-prod.yaml", "host: db.prod\n");
        assertThat(layers(Map.of(), "dev").resolve().build().vendor()).isEqualTo(Vendor.SQLITE);
        write("sluice.yaml", "url: postgres://app@db.internal/app\n");
        write("sluice-prod.yaml", "host: db.prod\ndatabase: app\nuser: app\nssl:\n  mode: require\n");
        assertThat(layers(Map.of(), "prod").resolve().build().host()).isEqualTo("db.prod");
    }

    @Test
    void prodWithoutTlsFailsWithOneLineNamingTheKey() throws Exception {
        write("sluice.yaml", "url: postgres://app@db.internal:5432/app\n");
        write("sluice-prod.yaml", "pool:\n  max: 20\n");
        assertThatThrownBy(() -> layers(Map.of(), "prod").resolve())
                .isInstanceOf(UnsafeSettingsException.class)
                .hasMessage("prod profile refuses ssl.mode disable (the default): the connection to db.internal would not be "
                        + "encrypted; set ssl.mode to require, verify-ca or verify-full (or list it under allow-unsafe in sluice-prod.yaml)")
                .satisfies(e -> assertThat(((UnsafeSettingsException) e).keys()).containsExactly("ssl.mode"));
        write("sluice-prod.yaml", "ssl:\n  mode: require\n");
        assertThat(layers(Map.of(), "prod").resolve().build().ssl().mode()).isEqualTo(SslMode.REQUIRE);
    }

    @Test
    void prodRefusesASuperuserLoginAndEachRefusalIsOneLine() throws Exception {
        write("sluice.yaml", "url: mariadb://root@db.internal/app\n");
        write("sluice-prod.yaml", "ssl:\n  mode: disable\n");
        UnsafeSettingsException e = org.junit.jupiter.api.Assertions.assertThrows(UnsafeSettingsException.class,
                () -> layers(Map.of(), "prod").resolve());
        assertThat(e.keys()).containsExactly("ssl.mode", "user");
        assertThat(e.getMessage().lines()).hasSize(2);
        assertThat(e.refusals().get(0).line()).startsWith("prod profile refuses ssl.mode disable (from " + dir.resolve("sluice-prod.yaml") + " line 2: ssl.mode)");
        assertThat(e.refusals().get(1).line()).startsWith("prod profile refuses user root (from " + dir.resolve("sluice.yaml") + " line 1: url)");
        // staging and dev do not check
        write("sluice-staging.yaml", "pool:\n  max: 2\n");
        assertThat(layers(Map.of(), "staging").resolve().build().user()).isEqualTo("root");
    }

    @Test
    void allowUnsafeInTheProfilesFileOverridesNamedRefusalsOnly() throws Exception {
        write("sluice.yaml", "url: postgres://postgres@db.internal/app\n");
        write("sluice-prod.yaml", "allow-unsafe: [ssl.mode]\n");
        assertThatThrownBy(() -> layers(Map.of(), "prod").resolve()).isInstanceOf(UnsafeSettingsException.class)
                .hasMessageStartingWith("prod profile refuses user postgres");
        write("sluice-prod.yaml", "allow-unsafe: [ssl.mode, user]\n");
        assertThat(layers(Map.of(), "prod").resolve().build().user()).isEqualTo("postgres");
        write("sluice-prod.yaml", "allow-unsafe: [pool.max]\n");
        assertThatThrownBy(() -> layers(Map.of(), "prod").resolve())
                .hasMessage("Invalid allow-unsafe 'pool.max' (from " + dir.resolve("sluice-prod.yaml")
                        + " line 1: allow-unsafe[0]): keys the prod profile checks: ssl.mode, user");
        write("sluice.yaml", "url: postgres://postgres@db.internal/app\nallow-unsafe: user\n");
        write("sluice-prod.yaml", "pool:\n  max: 3\n");
        assertThatThrownBy(() -> layers(Map.of(), "prod").resolve()).hasMessageStartingWith("allow-unsafe (from " + dir.resolve("sluice.yaml") + " line 2")
                .hasMessageContaining("belongs in a profile's file");
    }

    @Test
    void dotEnvValuesAreUsedTheProcessWinsAndTheyNeverAppearInMessages() throws Exception {
        write(".env", "# local settings\nexport APP_DB_PASSWORD='pa55-from-dotenv'\nPOOL_MAX=7\nPOOL_MIN=\"not-a-number\"\n");
        write("sluice.yaml", "url: postgres://app@db.internal/app\npassword: ${APP_DB_PASSWORD}\npool:\n  max: ${POOL_MAX}\n");
        ConnectionConfig c = layers(Map.of(), "dev").profile(null, null).base(dir.resolve("sluice.yaml")).resolve().build();
        assertThat(c.password()).isEqualTo("pa55-from-dotenv");
        assertThat(c.pool().max()).isEqualTo(7);
        assertThat(c.toString()).doesNotContain("pa55-from-dotenv");
        assertThat(layers(Map.of("POOL_MAX", "9"), null).resolve().build().pool().max()).as("the process wins").isEqualTo(9);

        write("sluice.yaml", "url: postgres://app@db.internal/app\npool:\n  min: ${POOL_MIN}\n");
        assertThatThrownBy(() -> layers(Map.of(), null).resolve())
                .hasMessage("Invalid pool.min '***' (from " + dir.resolve("sluice.yaml") + " line 3: pool.min): must be a whole number")
                .hasMessageNotContaining("not-a-number");
    }

    @Test
    void anUnknownOrMissingProfileIsBadInput() throws Exception {
        write("sluice.yaml", "url: sqlite:app.db\n");
        assertThatThrownBy(() -> layers(Map.of(), "qa").resolve()).hasMessage("Invalid --profile 'qa': one of dev, staging, prod");
        // SLUICE_PROFILE=production keeps its older meaning, the profile key (no environment profile)
        assertThat(layers(Map.of("SLUICE_PROFILE", "production"), null).profile()).isNull();
        assertThat(ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "sqlite:x.db", "SLUICE_PROFILE", "development")).profile())
                .isEqualTo(Profile.DEVELOPMENT);
        assertThat(ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "sqlite:x.db", "SLUICE_PROFILE", "prod")).profile())
                .isEqualTo(Profile.PRODUCTION);
        assertThatThrownBy(() -> layers(Map.of(), "staging").resolve())
                .hasMessage("Invalid --profile 'staging': a profile with a file: " + dir.resolve("sluice-staging.yaml") + " does not exist");
    }
}
