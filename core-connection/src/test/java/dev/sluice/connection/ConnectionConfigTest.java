package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionConfigTest {

    @Test
    void defaultsForNetworkDatabases() {
        ConnectionConfig c = ConnectionConfig.fromUrl("postgres://app@127.0.0.1/app");
        assertThat(c.vendor()).isEqualTo(Vendor.POSTGRESQL);
        assertThat(c.pool().min()).isEqualTo(2);
        assertThat(c.pool().max()).isEqualTo(10);
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.pool().leakDetectionThreshold()).isZero();
        assertThat(c.ssl().mode()).isEqualTo(SslMode.DISABLE);
        assertThat(c.health()).isEqualTo(HealthSettings.defaults());
        assertThat(c.reconnect()).isEqualTo(ReconnectSettings.defaults());
        assertThat(c.name()).startsWith("sluice-postgresql-");
        assertThat(c.applicationName()).isEqualTo(c.name());
    }

    @Test
    void sqliteDefaultsToOneConnectionTheSingleWriter() {
        ConnectionConfig c = ConnectionConfig.fromUrl("sqlite:app.db");
        assertThat(c.pool().min()).isEqualTo(1);
        assertThat(c.pool().max()).isEqualTo(1);
        assertThat(c.pool().maxLifetime()).isZero();
    }

    @Test
    void developmentProfileTurnsLeakDetectionOnUnlessSetExplicitly() {
        assertThat(ConnectionConfig.builder().url("mysql://root@127.0.0.1/x").profile(Profile.DEVELOPMENT).build()
                .pool().leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ConnectionConfig.builder().url("mysql://root@127.0.0.1/x").profile(Profile.DEVELOPMENT)
                .pool(p -> p.leakDetectionThreshold(Duration.ZERO)).build().pool().leakDetectionThreshold()).isZero();
    }

    @Test
    void onlyMaxGivenKeepsTheDefaultMinBelowIt() {
        assertThat(ConnectionConfig.builder().url("postgres://h/db").pool(p -> p.max(1)).build().pool().min()).isEqualTo(1);
    }

    @Test
    void minGreaterThanMaxIsRejected() {
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://h/db").pool(p -> p.min(8).max(4)).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid pool.min '8': must not be greater than pool.max (4)");
    }

    @Test
    void sizesOutOfRangeAreRejectedWhenSet() {
        assertThatThrownBy(() -> PoolSettings.builder().max(0)).hasMessage("Invalid pool.max '0': must be an integer from 1 to 1000");
        assertThatThrownBy(() -> PoolSettings.builder().min(-1)).hasMessage("Invalid pool.min '-1': must be an integer from 0 to 1000");
    }

    @Test
    void negativeAndTooSmallTimeoutsAreRejected() {
        assertThatThrownBy(() -> PoolSettings.builder().connectionTimeout(Duration.ofMillis(-5)))
                .hasMessage("Invalid pool.connection-timeout '-5ms': must be at least 250ms");
        assertThatThrownBy(() -> PoolSettings.builder().connectionTimeout(Duration.ofMillis(100)))
                .hasMessage("Invalid pool.connection-timeout '100ms': must be at least 250ms");
        assertThatThrownBy(() -> PoolSettings.builder().idleTimeout(Duration.ofSeconds(2)))
                .hasMessage("Invalid pool.idle-timeout '2s': must be 0 (off) or at least 10s");
        assertThatThrownBy(() -> PoolSettings.builder().maxLifetime(Duration.ofSeconds(-1)))
                .hasMessage("Invalid pool.max-lifetime '-1s': must be 0 (off) or at least 30s");
        assertThatThrownBy(() -> PoolSettings.builder().leakDetectionThreshold(Duration.ofMillis(500)))
                .hasMessage("Invalid pool.leak-detection-threshold '500ms': must be 0 (off) or at least 2s");
        assertThatThrownBy(() -> PoolSettings.builder().connectionTimeout(Duration.ofSeconds(1)).validationTimeout(Duration.ofSeconds(2)).build())
                .hasMessage("Invalid pool.validation-timeout '2s': must not be longer than pool.connection-timeout (1s)");
        assertThatThrownBy(() -> PoolSettings.builder().idleTimeout(Duration.ofMinutes(40)).build())
                .hasMessage("Invalid pool.idle-timeout '40m': must be at least 1s shorter than pool.max-lifetime (30m), or 0");
        assertThatThrownBy(() -> ConnectionConfig.builder().timeouts(t -> t.socket(Duration.ofMillis(300))))
                .hasMessage("Invalid socket-timeout '300ms': must be 0 (off) or at least 1s");
        assertThatThrownBy(() -> ConnectionConfig.builder().timeouts(t -> t.connect(Duration.ZERO)))
                .hasMessage("Invalid connect-timeout '0ms': must be at least 1s");
        assertThatThrownBy(() -> new HealthSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 3))
                .hasMessage("Invalid health.timeout '2s': must not be longer than health.interval (1s)");
        assertThatThrownBy(() -> new ReconnectSettings(Duration.ofSeconds(5), 2, Duration.ofSeconds(1), 0, 0.2))
                .hasMessage("Invalid reconnect.max-delay '1s': must not be shorter than reconnect.initial-delay (5s)");
        assertThatThrownBy(() -> new ReconnectSettings(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(30), 0, 0.2))
                .hasMessage("Invalid reconnect.multiplier '0.5': must be a number from 1.0 to 10.0");
        assertThatThrownBy(() -> new ReconnectSettings(Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 0, 1.5))
                .hasMessage("Invalid reconnect.jitter '1.5': must be a fraction from 0.0 to 1.0");
    }

    @Test
    void unknownSslModeIsRejected() {
        assertThatThrownBy(() -> SslMode.parse("ssl.mode", "prefer"))
                .hasMessage("Invalid ssl.mode 'prefer': one of disable, require, verify-ca, verify-full");
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "postgres://h/db", "DB_SSL_MODE", "sometimes")))
                .hasMessage("Invalid ssl.mode 'sometimes' (from DB_SSL_MODE): one of disable, require, verify-ca, verify-full");
    }

    @Test
    void verifyingSslModesNeedAReadableRootCertificate(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> new SslSettings(SslMode.VERIFY_FULL, null))
                .hasMessageContaining("Missing ssl.root-cert: ssl.mode verify-full checks the server certificate");
        assertThatThrownBy(() -> new SslSettings(SslMode.VERIFY_CA, dir.resolve("nope.pem")))
                .hasMessageContaining("must be a readable PEM file");
        Path pem = Files.writeString(dir.resolve("root.pem"), "x");
        assertThat(new SslSettings(SslMode.VERIFY_CA, pem).rootCertificate()).isEqualTo(pem);
    }

    @Test
    void sslIsRejectedForSqliteAndManyConnectionsForInMemorySqlite() {
        assertThatThrownBy(() -> ConnectionConfig.builder().url("sqlite:app.db").ssl(SslMode.REQUIRE).build())
                .hasMessage("Invalid ssl.mode 'require': SQLite has no network connection; only disable is allowed");
        assertThatThrownBy(() -> ConnectionConfig.builder().url(":memory:").pool(p -> p.max(4)).build())
                .hasMessageContaining("Invalid pool.max '4': must be 1 for an in-memory SQLite database");
    }

    @Test
    void passwordNeverAppearsInToStringInAnyForm() {
        for (String url : new String[] {
            "postgres://alice:hunter2@127.0.0.1/app",
            "jdbc:postgresql://127.0.0.1/app?user=alice&password=hunter2",
            "jdbc:mysql://127.0.0.1/app?password=hunter2&sslpassword=hunter2",
            "mysql://alice:hunter2@127.0.0.1:3306/app",
        }) {
            ConnectionConfig c = ConnectionConfig.builder().url(url).driverProperty("sslpassword", "hunter2").build();
            assertThat(c.toString()).doesNotContain("hunter2").contains("password=***");
            assertThat(c.jdbcUrl()).doesNotContain("hunter2");
            assertThat(c.redactedUrl()).doesNotContain("hunter2");
            assertThat(c.password()).isEqualTo("hunter2");
        }
    }

    @Test
    void redactionCoversUrlsPropertiesAndMessages() {
        assertThat(Redaction.redact("postgres://bob:pa55@h/db")).isEqualTo("postgres://bob:***@h/db");
        assertThat(Redaction.redact("jdbc:postgresql://h/db?user=bob&password=pa55&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=bob&password=***&ssl=true");
        assertThat(Redaction.redact("sslpassword=pa55")).isEqualTo("sslpassword=***");
        assertThat(Redaction.redact("DB_PASSWORD=pa55 other")).isEqualTo("DB_PASSWORD=*** other");
        assertThat(Redaction.redact("password: pa55")).isEqualTo("password: ***");
        assertThat(Redaction.redact("FATAL: password authentication failed for user \"bob\""))
                .isEqualTo("FATAL: password authentication failed for user \"bob\"");
    }

    @Test
    void fromEnvWithDatabaseUrl() {
        ConnectionConfig c = ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "postgres://app:pw@127.0.0.1:5433/shop",
                "DB_POOL_MAX", "20", "DB_POOL_MIN", "5", "PATH", "/usr/bin"));
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(5433);
        assertThat(c.database()).isEqualTo("shop");
        assertThat(c.user()).isEqualTo("app");
        assertThat(c.password()).isEqualTo("pw");
        assertThat(c.pool().max()).isEqualTo(20);
        assertThat(c.pool().min()).isEqualTo(5);
    }

    @Test
    void fromEnvWithParts() {
        ConnectionConfig c = ConnectionConfig.fromEnv(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", "3306", "DB_NAME", "shop",
                "DB_USER", "root", "DB_PASSWORD", "pw", "DB_VENDOR", "mariadb", "DB_SSL_MODE", "require",
                "SLUICE_POOL_CONNECTION_TIMEOUT", "5s"));
        assertThat(c.vendor()).isEqualTo(Vendor.MYSQL);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:mysql://127.0.0.1:3306/shop");
        assertThat(c.user()).isEqualTo("root");
        assertThat(c.password()).isEqualTo("pw");
        assertThat(c.ssl().mode()).isEqualTo(SslMode.REQUIRE);
        assertThat(c.pool().connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fromEnvErrorsNameTheVariable() {
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "postgres://h/db", "DB_POOL_MAX", "lots")))
                .hasMessage("Invalid pool.max 'lots' (from DB_POOL_MAX): must be a whole number");
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "postgres://h/db", "DB_POOL_MIN", "9", "DB_POOL_MAX", "3")))
                .hasMessageContaining("Invalid pool.min '9'").hasMessageContaining("must not be greater than pool.max (3)");
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "redis://h/0")))
                .hasMessageStartingWith("Invalid url 'redis://h/0' (from DATABASE_URL): unsupported scheme 'redis'");
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "postgres://h/db", "DB_HOST", "other")))
                .hasMessageContaining("set either the URL or the parts");
        assertThat(ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "sqlite:x.db", "SLUICE_JAVA_OPTS", "-Xmx1g", "SLUICE_TEST_PG_URL", "x"))
                .vendor()).isEqualTo(Vendor.SQLITE);
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("SLUICE_POOL_MAXX", "3")))
                .hasMessageContaining("Unknown environment variable SLUICE_POOL_MAXX");
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("PATH", "/bin")))
                .hasMessageStartingWith("Missing url");
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("DB_HOST", "h", "DB_PORT", "99999")))
                .hasMessage("Invalid port '99999' (from DB_PORT): must be an integer from 1 to 65535");
    }

    @Test
    void fromEnvNeverShowsThePassword() {
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "postgres://u:hunter2@h:bad/db")))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void fromProperties(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("db.properties");
        Files.writeString(f, "sluice.url=mysql://root@127.0.0.1:3306/app\nsluice.pool.max=4\nsluice.pool.idle-timeout=1m\nother.key=ignored\n");
        ConnectionConfig c = ConnectionConfig.fromProperties(f);
        assertThat(c.pool().max()).isEqualTo(4);
        assertThat(c.pool().idleTimeout()).isEqualTo(Duration.ofMinutes(1));

        Properties bad = new Properties();
        bad.setProperty("sluice.url", "mysql://root@127.0.0.1/app");
        bad.setProperty("sluice.pool.idle-timeout", "soon");
        assertThatThrownBy(() -> ConnectionConfig.fromProperties(bad))
                .hasMessageStartingWith("Invalid pool.idle-timeout 'soon' (from properties: sluice.pool.idle-timeout): a duration such as");
        Properties typo = new Properties();
        typo.setProperty("sluice.pool.maximum", "3");
        assertThatThrownBy(() -> ConnectionConfig.fromProperties(typo))
                .hasMessageStartingWith("Unknown key pool.maximum (from properties: sluice.pool.maximum); known keys: url, vendor");
        assertThatThrownBy(() -> ConnectionConfig.fromProperties(dir.resolve("missing.properties")))
                .hasMessageContaining("an existing, readable properties file");
    }

    @Test
    void fromYaml() {
        String yaml = """
                url: postgres://app@127.0.0.1:5432/app
                password: ${SLUICE_TEST_UNSET_VAR:-from-default}
                pool:
                  min: 1
                  max: 3
                  connection-timeout: 2s
                health:
                  interval: 1s
                  timeout: 500ms
                reconnect.max-attempts: 5
                startup: background
                """;
        ConnectionConfig c = ConnectionConfig.fromYaml(yaml, "app.yaml");
        assertThat(c.pool().max()).isEqualTo(3);
        assertThat(c.pool().connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.health().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.reconnect().maxAttempts()).isEqualTo(5);
        assertThat(c.startup()).isEqualTo(StartupMode.BACKGROUND);
        assertThat(c.password()).isEqualTo("from-default");
    }

    @Test
    void yamlErrorsNameTheFileAndPlace() {
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("url: postgres://h/db\npool:\n  max: [1, 2\n", "bad.yaml"))
                .hasMessageStartingWith("Invalid YAML in bad.yaml at line");
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("- a\n- b\n", "list.yaml"))
                .hasMessageContaining("the document must be a mapping");
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("url: postgres://h/db\npool:\n  max: ten\n", "app.yaml"))
                .hasMessage("Invalid pool.max 'ten' (from app.yaml line 3: pool.max): must be a whole number");
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("url: postgres://h/db\nhealth:\n  interval: 1s\n  timeout: 5s\n", "app.yaml"))
                .hasMessage("Invalid health.timeout '5s' (from app.yaml): must not be longer than health.interval (1s)");
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("url: postgres://h/db\npassword: ${SLUICE_TEST_UNSET_VAR}\n", "app.yaml"))
                .hasMessageContaining("environment variable SLUICE_TEST_UNSET_VAR is not set");
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("url: postgres://h/db\nurl: mysql://h/db\n", "dup.yaml"))
                .hasMessageContaining("dup.yaml");
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("url: postgres://h/db\nssl:\n  root-cert: /x.pem\n", "app.yaml"))
                .hasMessage("ssl.root-cert is set but ssl.mode is not; set ssl.mode to verify-ca or verify-full to check the server "
                        + "certificate against it (from app.yaml)");
    }

    @Test
    void userGivenTwiceDifferentlyIsRejected() {
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://alice@h/db").user("bob").build())
                .hasMessageContaining("The user is given twice");
    }

    @Test
    void namesAreChecked() {
        assertThatThrownBy(() -> ConnectionConfig.builder().name("has space"))
                .hasMessage("Invalid name 'has space': 1 to 63 letters, digits, '_', '.', ':' or '-'");
    }

    @Test
    void statsWindowDefaultsToAMinuteAndIsReadFromEverySource() {
        assertThat(ConnectionConfig.fromUrl("postgres://h/db").stats().window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "postgres://h/db", "SLUICE_STATS_WINDOW", "5m")).stats().window())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(ConnectionConfig.fromYaml("url: postgres://h/db\nstats:\n  window: 10s\n", "app.yaml").stats().window())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(ConnectionConfig.fromUrl("postgres://h/db").toBuilder().stats(s -> s.window(Duration.ofSeconds(2))).build()
                .toBuilder().build().stats().window()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void statsWindowOutOfRangeIsRejectedWithTheKeyTheValueAndTheLimits() {
        assertThatThrownBy(() -> ConnectionConfig.builder().stats(s -> s.window(Duration.ofMillis(500))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid stats.window '500ms': a duration from 1s to 1h");
        assertThatThrownBy(() -> ConnectionConfig.builder().stats(s -> s.window(Duration.ofHours(2))))
                .hasMessage("Invalid stats.window '2h': a duration from 1s to 1h");
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "postgres://h/db", "SLUICE_STATS_WINDOW", "0")))
                .hasMessage("Invalid stats.window '0ms' (from SLUICE_STATS_WINDOW): a duration from 1s to 1h");
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("url: postgres://h/db\nstats.window: soon\n", "app.yaml"))
                .hasMessage("Invalid stats.window 'soon' (from app.yaml line 2: stats.window): " + Durations.SYNTAX);
    }

    @Test
    void statsSampleDefaultsToEveryBorrowAndIsCheckedFromEverySource() {
        assertThat(ConnectionConfig.builder().url("postgres://h/db").build().stats().sample()).isEqualTo(1);
        assertThat(ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "postgres://h/db", "SLUICE_STATS_SAMPLE", "16")).stats().sample())
                .isEqualTo(16);
        assertThatThrownBy(() -> ConnectionConfig.builder().stats(s -> s.sample(0)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid stats.sample '0': an integer from 1 (every borrow timed) to 1024");
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("url: postgres://h/db\nstats.sample: 2000\n", "app.yaml"))
                .hasMessage("Invalid stats.sample '2000' (from app.yaml line 2: stats.sample): an integer from 1 (every borrow timed) to 1024");
    }

    @Test
    void eachConcernHasItsOwnSettingsWithABuilderThatChecksAtOnce() {
        ConnectionConfig c = ConnectionConfig.builder().url("postgres://h/db")
                .timeouts(t -> t.connect(Duration.ofSeconds(3)).socket(Duration.ZERO))
                .shutdown(s -> s.hook(true).drain(Duration.ofSeconds(30)))
                .health(h -> h.interval(Duration.ofSeconds(10)).unhealthyThreshold(5))
                .reconnect(r -> r.maxAttempts(4).jitter(0.0))
                .build();
        assertThat(c.timeouts()).isEqualTo(new TimeoutSettings(Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(5)));
        assertThat(c.shutdown()).isEqualTo(new ShutdownSettings(true, Duration.ofSeconds(30)));
        assertThat(c.health()).isEqualTo(new HealthSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), 5));
        assertThat(c.reconnect().maxAttempts()).isEqualTo(4);
        assertThat(c.toBuilder().build().timeouts()).isEqualTo(c.timeouts());
        assertThatThrownBy(() -> HealthSettings.builder().unhealthyThreshold(0))
                .hasMessage("Invalid health.unhealthy-threshold '0': must be an integer from 1 to 100");
        assertThatThrownBy(() -> ReconnectSettings.builder().multiplier(11))
                .hasMessage("Invalid reconnect.multiplier '11.0': must be a number from 1.0 to 10.0");
        assertThatThrownBy(() -> ShutdownSettings.builder().drain(Duration.ofMinutes(11)))
                .hasMessage("Invalid shutdown.drain '11m': a duration from 0 to 10m");
        assertThatThrownBy(() -> TimeoutSettings.builder().sqliteBusy(Duration.ofMillis(5)))
                .hasMessage("Invalid sqlite.busy-timeout '5ms': must be 0 (off) or at least 10ms");
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://h/db").health(h -> h.interval(Duration.ofSeconds(1))).build())
                .hasMessage("Invalid health.timeout '2s': must not be longer than health.interval (1s)");
    }

    @Test
    void poolValuesGivenAreLaidOverTheVendorsDefaultsAndTheRestKeepsThem() {
        ConnectionConfig sqlite = ConnectionConfig.builder().url("sqlite:app.db").pool(p -> p.connectionTimeout(Duration.ofSeconds(2))).build();
        assertThat(sqlite.pool().max()).isEqualTo(1);
        assertThat(sqlite.pool().idleTimeout()).isZero(); // SQLite's default, kept
        assertThat(sqlite.pool().connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(sqlite.pool().validationTimeout()).isEqualTo(Duration.ofSeconds(2)); // follows the shorter timeout
        ConnectionConfig explicit = ConnectionConfig.builder().url("sqlite:app.db").pool(PoolSettings.defaults()).build();
        assertThat(explicit.pool()).isEqualTo(PoolSettings.defaults()); // replaced entirely: no vendor defaults
        assertThat(ConnectionConfig.fromEnv(Map.of("DATABASE_URL", "sqlite:app.db", "SLUICE_POOL_IDLE_TIMEOUT", "1m"))
                .pool().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aRootCertificateWithoutAModeIsRejectedInCodeToo(@TempDir Path dir) throws IOException {
        Path pem = Files.writeString(dir.resolve("root.pem"), "x");
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://h/db").ssl(s -> s.rootCertificate(pem)).build())
                .hasMessageStartingWith("ssl.root-cert is set but ssl.mode is not");
        assertThat(ConnectionConfig.builder().url("postgres://h/db").ssl(s -> s.mode(SslMode.VERIFY_CA).rootCertificate(pem)).build()
                .ssl()).isEqualTo(new SslSettings(SslMode.VERIFY_CA, pem));
    }
}
